import base64
import binascii

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..lib import exchange


class EmulationDossierImportWizard(models.TransientModel):
    """Import a file of another database (README "Dossier files"): an agency's dossier, as an
    incoming dossier of the body's company, or the body's decision, into the agency's history.
    All or nothing: a file refused writes nothing."""

    _name = "emulation.dossier.import.wizard"
    _description = "Import a dossier or a decision file"

    file = fields.Binary(required=True, help="The ZIP file exported by the other database.")
    filename = fields.Char()

    def _content(self):
        self.ensure_one()
        try:
            return base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(_("The file could not be read: choose the ZIP file again.")) from error

    def _read(self, method):
        try:
            return method(self._content())
        except exchange.ExchangeError as error:
            raise UserError(self._message(error)) from error

    def _message(self, error):
        params = error.params
        messages = {
            "not_zip": _(
                "This file is not a dossier or decision file: choose the ZIP file exported by "
                "the other database."
            ),
            "no_document": _(
                "The ZIP file holds no %(name)s: it is not a file of this kind.",
                name=params.get("name"),
            ),
            "bad_json": _(
                "%(name)s in the ZIP file is damaged (not valid JSON): export it again.",
                name=params.get("name"),
            ),
            "other_schema": _(
                "This is a file of another kind (%(found)s): use the other import button.",
                found=params.get("found"),
            ),
            "version": _(
                "The file is of schema version %(found)s; this database reads version "
                "%(expected)s. Export it again from an up-to-date database.",
                found=params.get("found"),
                expected=params.get("expected"),
            ),
            "missing": _("The file lacks %(key)s: export it again.", key=params.get("key")),
            "bad_value": _(
                "The file's %(key)s has a value of the wrong kind: export it again.",
                key=params.get("key"),
            ),
        }
        return messages.get(error.code, error.code)

    def action_import_dossier(self):
        dossier = self._read(self.env["emulation.dossier"]._import_file)
        return {
            "type": "ir.actions.act_window",
            "res_model": "emulation.dossier",
            "view_mode": "form",
            "res_id": dossier.id,
        }

    def action_import_decision(self):
        proposal = self._read(self.env["emulation.proposal"]._import_decision)
        return {
            "type": "ir.actions.act_window",
            "res_model": "emulation.proposal",
            "view_mode": "form",
            "res_id": proposal.id,
        }
