from odoo import api, models


class EmulationCriteriaPart(models.AbstractModel):
    """A part of a criteria set: any change recomputes the people and units it applies to."""

    _name = "emulation.criteria.part"
    _description = "Part of a criteria set"

    # stays: the cached rules change and the sets' owners are evaluated again
    @api.model_create_multi
    def create(self, vals_list):
        parts = super().create(vals_list)
        self.env.registry.clear_cache()  # _exemplar_rules, before recomputing with them
        parts.set_id._exemplar_recompute_owners()
        return parts

    # stays: the cached rules change and the sets' owners are evaluated again
    def write(self, vals):
        sets = self.set_id
        result = super().write(vals)
        self.env.registry.clear_cache()
        (sets | self.set_id)._exemplar_recompute_owners()
        return result

    # stays: the cached rules change and the sets' owners are evaluated again
    def unlink(self):
        sets = self.set_id
        result = super().unlink()
        self.env.registry.clear_cache()
        sets.exists()._exemplar_recompute_owners()
        return result

    # stays: a translated name changes the cached rules' texts (no ORM write passes)
    def _update_field_translations(self, *args, **kwargs):
        self.env.registry.clear_cache()
        return super()._update_field_translations(*args, **kwargs)
