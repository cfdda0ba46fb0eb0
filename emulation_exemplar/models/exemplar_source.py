from odoo import api, models

# fields of history records that eligibility depends on
EXEMPLAR_HISTORY_FIELDS = {
    "active",
    "year",
    "award_type_id",
    # how an award was made: only regular awards are a basis (Decree 152/2025, art. 4(3))
    "method",
    "level",
    "applied_effectively",
    "recipient_type",
    "employee_id",
    "department_id",
    "employee_ids",
    "form",
    "state",
    "date_to",
    "company_id",
    "used_award_id",
    "rank",
    "leading",
    # the periods not worked (emulation.absence)
    "date_from",
    "absence_kind",
}
# the fields that decide whose history a record is, or whether it counts for the members of
# units: a write changing them queues the owners before it too (the others change the same
# owners' results: queueing them after is enough)
EXEMPLAR_OWNER_FIELDS = {
    "recipient_type",
    "employee_id",
    "department_id",
    "employee_ids",
    "award_type_id",
}


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

    # stays: history that counts queues its owners for re-evaluation
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._exemplar_mark_owners()
        return records

    # stays: history that counts queues its owners for re-evaluation
    def write(self, vals):
        relevant = EXEMPLAR_HISTORY_FIELDS & set(vals)
        if EXEMPLAR_OWNER_FIELDS & set(vals):
            self._exemplar_mark_owners()
        result = super().write(vals)
        if relevant:
            self._exemplar_mark_owners()
        return result

    # stays: history that counts queues its owners for re-evaluation
    def unlink(self):
        self._exemplar_mark_owners()
        return super().unlink()

    def _exemplar_mark_owners(self):
        Eligibility = self.env["emulation.eligibility"]
        records = self.sudo().with_context(active_test=False)
        for owners in records._exemplar_owners():
            Eligibility._queue(owners)
        # the units above the people, when their member statistics read these records
        for owners in records._exemplar_member_records()._exemplar_owners():
            if owners._name == "hr.employee":
                Eligibility._queue(owners._emulation_units_above())

    def _exemplar_member_records(self):
        """Those of these records that the member statistics of a set for collectives read (a
        classification, an award of a type a member condition counts, a discipline...)."""
        sources = self.env["emulation.eligibility"]._eligibility_member_sources()
        if self._name not in sources:
            return self.browse()
        types = sources[self._name]
        if types is None:
            return self
        return self.filtered(lambda record: record.award_type_id.id in types)
