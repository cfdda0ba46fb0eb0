from odoo import api, fields, models
from odoo.tools.translate import code_translations

from .exemplar_result_mixin import RESULT_FIELDS


class EmulationExemplarMixin(models.AbstractModel):
    """What the eligibility engine needs of its recipients: people (hr.employee) and units
    (hr.department).

    The results are rows of ``emulation.eligibility``. ``emulation_eligibility_token`` is a
    technical stored field whose computation re-evaluates its records: the ORM marks it on the
    owners of changed history (``@api.depends`` on the concrete models and the explicit marks of
    ``emulation.exemplar.source``) and computes the marked records together, in a few grouped
    queries, when the results are next read or at the end of the request.
    """

    _name = "emulation.exemplar.mixin"
    _description = "Recipient of eligibility results"

    emulation_eligibility_token = fields.Boolean(
        string="Eligibility evaluated",
        compute="_compute_emulation_eligibility_token",
        store=True,
        groups="base.group_system",
        copy=False,
        help="Technical: recomputing it evaluates the record's eligibility again.",
    )

    # ------------------------------------------------------------------ hooks per model
    def _exemplar_kinds(self):
        """{record id: recipient kind} (collective, key_cadre or staff)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ evaluation
    def _compute_emulation_eligibility_token(self):
        others = []
        if self._name == "hr.employee":
            # the units marked with these people (their members changed) are evaluated in the
            # same statements
            field = self.env["hr.department"]._fields["emulation_eligibility_token"]
            units = self.env.records_to_compute(field)
            if units:
                self.env.remove_to_compute(field, units)
                others.append(units)
        self.env["emulation.eligibility"]._eligibility_update(self, *others)
        for record in self:
            record.emulation_eligibility_token = True

    def _exemplar_recompute(self):
        """Evaluate ``self`` again now and store the results (whole populations too: the query
        count does not grow with the records)."""
        records = self.with_context(active_test=False).exists()
        self.env.remove_to_compute(self._fields["emulation_eligibility_token"], records)
        self.env["emulation.eligibility"]._eligibility_update(records)

    def _exemplar_mark(self):
        """Mark ``self`` for re-evaluation (done when the results are next read)."""
        records = self.with_context(active_test=False)
        if records:
            self.env.add_to_compute(self._fields["emulation_eligibility_token"], records)
            # the values read from the rows are read again (through the pending evaluation)
            for model in ("hr.employee", "hr.employee.public", "hr.department"):
                self.env[model].invalidate_model(RESULT_FIELDS)

    # ------------------------------------------------------------------ explanations
    @api.model
    def _exemplar_gettext(self, lang):
        if not lang or lang == "en_US":
            return None
        translations = code_translations.get_python_translations("emulation_exemplar", lang)
        return lambda source: translations.get(source, source)

    @api.model
    def _exemplar_level_labels(self):
        labels = {}
        for model, fname in (
            ("emulation.classification", "level"),
            ("emulation.initiative", "level"),
            ("emulation.discipline", "form"),
        ):
            field = self.env[model]._fields[fname]
            labels.update(
                (key, label.lower()) for key, label in field._description_selection(self.env)
            )
        return labels
