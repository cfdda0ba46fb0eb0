from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """The stored eligibility explanations hold one text per installed language: when the
        translations of this addon are (re)loaded, e.g. a language is installed, rewrite them."""
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "emulation_exemplar" in modules and "emulation.criteria.set" in self.env:
            for model in ("hr.employee", "hr.department"):
                records = self.env[model].sudo().with_context(active_test=False).search([])
                records._exemplar_recompute()
        return result
