from odoo import api, models

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
    "form",
    "company_id",
    "used_award_id",
}
# the fields that decide whose history a record is: a write changing them marks the owners
# before it too (the others change the same owners' results: marking them after is enough)
EXEMPLAR_OWNER_FIELDS = {"recipient_type", "employee_id", "department_id", "employee_ids"}


class EmulationExemplarSource(models.AbstractModel):
    """History whose records count for eligibility: keeps their owners' results current.

    Creating, changing (what counts) or deleting a record queues its owners, and the units above
    the people among them (their member statistics), for re-evaluation
    (``emulation.eligibility._queue``): the engine evaluates the whole queue together when the
    results are next searched or the transaction flushes.
    """

    _name = "emulation.exemplar.source"
    _description = "History that counts for eligibility"

    def _exemplar_owners(self):
        """Tuple of the recordsets (people, units) whose eligibility these records feed."""
        raise NotImplementedError

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._exemplar_mark_owners()
        return records

    def write(self, vals):
        relevant = EXEMPLAR_HISTORY_FIELDS & set(vals)
        if EXEMPLAR_OWNER_FIELDS & set(vals):
            self._exemplar_mark_owners()
        result = super().write(vals)
        if relevant:
            self._exemplar_mark_owners()
        return result

    def unlink(self):
        self._exemplar_mark_owners()
        return super().unlink()

    def _exemplar_mark_owners(self):
        Eligibility = self.env["emulation.eligibility"]
        members_count = Eligibility._eligibility_counts_members()
        for owners in self.sudo().with_context(active_test=False)._exemplar_owners():
            Eligibility._queue(owners)
            if owners._name == "hr.employee" and members_count:
                Eligibility._queue(owners._emulation_units_above())
