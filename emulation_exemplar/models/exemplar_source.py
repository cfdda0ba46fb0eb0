from odoo import api, models

from .exemplar_mixin import EXEMPLAR_FIELDS

# fields of history records that eligibility depends on
EXEMPLAR_HISTORY_FIELDS = {
    "active",
    "year",
    "award_type_id",
    "level",
    "applied_effectively",
    "recipient_type",
    "employee_id",
    "department_id",
    "employee_ids",
}


class EmulationExemplarSource(models.AbstractModel):
    """History whose records count for eligibility: keeps their owners' results current."""

    _name = "emulation.exemplar.source"
    _description = "History that counts for eligibility"

    def _exemplar_owners(self):
        """Tuple of the recordsets (people, units) whose eligibility these records feed."""
        raise NotImplementedError

    def write(self, vals):
        # Archiving a record hides it from its owners' one2many fields, and then the ORM's
        # dependency triggers miss them: mark the owners (before and after) explicitly.
        relevant = EXEMPLAR_HISTORY_FIELDS & set(vals)
        if relevant:
            self._exemplar_mark_owners()
        result = super().write(vals)
        if relevant:
            self._exemplar_mark_owners()
        return result

    def _exemplar_mark_owners(self):
        self._exemplar_mark(self.with_context(active_test=False)._exemplar_owners())

    @api.model
    def _exemplar_mark(self, owner_sets):
        """Mark the exemplar fields of the given people/units for recomputation."""
        for owners in owner_sets:
            owners = owners.with_context(active_test=False)
            for fname in EXEMPLAR_FIELDS:
                self.env.add_to_compute(owners._fields[fname], owners)
