from odoo import api, models


class NameLookups(dict):
    """The records already found by name during one import (load) of history rows. Hashed by
    identity: it travels in the context, which Odoo may hash."""

    __hash__ = object.__hash__


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    # stays: an import of history finds each name once (name_search per row costs more than the row)
    @api.model
    def db_id_for(self, model, field, subfield, value, *args, **kwargs):
        """While importing history rows (see EmulationHistoryMixin.load), find each name once,
        by its id only: a five-year file names the same person and award type on many rows, and
        Odoo's name_search of a person computes their display name through the public employee
        profile, which costs more than creating the row.

        The answer is Odoo's own whenever it is not a plain single match: no match (the error),
        several matches (the warning), name creation, external and database ids all go to
        super(); a single match is what name_search (a search on display_name, limit 100) finds,
        without reading the display name back. Only single matches are remembered."""
        lookups = self.env.context.get("emulation_name_lookups")
        if (
            not isinstance(lookups, NameLookups)
            or subfield is not None
            or not isinstance(value, str)
            or not value
            or (self.env.context.get("name_create_enabled_fields") or {}).get(field.name)
        ):
            return super().db_id_for(model, field, subfield, value, *args, **kwargs)
        key = (model._name, field.name, value)
        if key not in lookups:
            comodel = self.env[field.comodel_name]
            if type(comodel).name_search is not models.BaseModel.name_search:
                return super().db_id_for(model, field, subfield, value, *args, **kwargs)
            found = comodel.search([("display_name", "=", value)], limit=2)
            if len(found) != 1:
                return super().db_id_for(model, field, subfield, value, *args, **kwargs)
            lookups[key] = found.id
        return lookups[key], "name", []
