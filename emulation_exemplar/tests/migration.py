"""Running the module's migration scripts in a test as ``-u emulation_exemplar`` runs them."""

from types import SimpleNamespace

from odoo.modules.migration import MigrationManager
from odoo.modules.module import get_manifest


def run_migrations(env, installed_version, stage="post"):
    """Run the ``stage`` scripts of ``migrations/`` that an upgrade from ``installed_version`` to
    the manifest's version runs, through Odoo's own MigrationManager (openupgrade's ``migrate()``
    decorator reads the stage and the script's file from the frame that calls it)."""
    package = SimpleNamespace(
        name="emulation_exemplar",
        state="to upgrade",
        installed_version=installed_version,
        data=get_manifest("emulation_exemplar"),
    )
    MigrationManager(env.cr, [package]).migrate_module(package, stage)
