"""Shared set-up of the plain pytest suite (run without Odoo).

The addon's package imports Odoo, so the pure-Python rule core (``emulation_exemplar/core``) is
loaded by path as a package of its own, ``exemplar_core``, without the addon's ``__init__``; its
public names (``core/eligibility.py``) are registered as ``exemplar_rules_core``, and its kinds
(``core/kinds.py``) as ``exemplar_core.kinds``: tests simply ``import exemplar_rules_core``.
"""

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_DIR = ROOT / "emulation_exemplar" / "core"
CORE_PACKAGE = "exemplar_core"
RULES_CORE_PATH = CORE_DIR / "eligibility.py"
RULES_CORE_NAME = "exemplar_rules_core"


def load_core_package():
    """The rule core's folder as the package ``exemplar_core`` (loaded once)."""
    package = sys.modules.get(CORE_PACKAGE)
    if package is None:
        spec = importlib.util.spec_from_file_location(
            CORE_PACKAGE, CORE_DIR / "__init__.py", submodule_search_locations=[str(CORE_DIR)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[CORE_PACKAGE] = package
        try:
            spec.loader.exec_module(package)
        except BaseException:
            del sys.modules[CORE_PACKAGE]
            raise
    return package


def load_rules_core():
    """The rule core's public names (``core/eligibility.py``), loaded once."""
    module = sys.modules.get(RULES_CORE_NAME)
    if module is None:
        load_core_package()
        module = importlib.import_module(CORE_PACKAGE + ".eligibility")
        sys.modules[RULES_CORE_NAME] = module
    return module


load_rules_core()


@pytest.fixture(scope="session")
def rules_core():
    return load_rules_core()
