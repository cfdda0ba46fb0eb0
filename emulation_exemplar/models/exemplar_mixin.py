from odoo import api, models
from odoo.tools.translate import code_translations


class EmulationExemplarMixin(models.AbstractModel):
    """What the eligibility engine needs of its recipients: people (hr.employee) and units
    (hr.department).

    The results are rows of ``emulation.eligibility``, written by the engine only. Whatever
    changes a recipient's results queues the recipient (``emulation.eligibility._queue``); the
    queue is evaluated in one batch before the results are next searched, and at the latest
    when the transaction flushes.
    """

    _name = "emulation.exemplar.mixin"
    _description = "Recipient of eligibility results"

    # ------------------------------------------------------------------ hooks per model
    def _exemplar_kinds(self):
        """{record id: recipient kind} (collective, key_cadre or staff)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ evaluation
    def _exemplar_recompute(self):
        """Evaluate ``self`` again now and store the results (whole populations too: the query
        count does not grow with the records)."""
        records = self.with_context(active_test=False).exists()
        self.env["emulation.eligibility"]._eligibility_update(records)

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
