from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _emulation_demo_lang(self):
        """Demo data, first of all: Vietnamese is activated with the translations that records
        store when they are created (the chatter's "... created" notes, tracked labels, the
        authority of an award type), so that the demo, loaded in Vietnamese, stores them as
        its users write them."""
        self._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "mail", "hr", "emulation_exemplar"], ["vi_VN"]
        )

    @api.model
    def _emulation_demo_setup(self):
        """Demo data: the Department of Foreign Affairs replaces the generic demo company's staff,
        the administrator's employee included (archived, not deleted), and Vietnamese is
        activated with the translations of every installed module and made the admin's language,
        so the first login shows the product as its users see it."""
        generic = self.env["ir.model.data"].search(
            [("module", "=", "hr"), ("model", "in", ("hr.employee", "hr.department"))]
        )
        # the administrator's generic employee too: it is not one of the Department's staff
        for model in ("hr.employee", "hr.department"):
            ids = generic.filtered(lambda d, m=model: d.model == m).mapped("res_id")
            self.env[model].browse(ids).exists().write({"active": False})
        self._activate_lang("vi_VN")
        modules = self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to install", "to upgrade"))]
        )
        self.env["ir.module.module"]._load_module_terms(
            modules.mapped("name") + ["emulation_exemplar"], ["vi_VN"]
        )
        self.env.ref("base.user_admin").lang = "vi_VN"
        # awards take their type's authority in Vietnamese, as when an officer records them
        # (the demo files are loaded in Vietnamese, see demo_lang.xml: this only makes sure)
        Award = self.env["emulation.award"].with_context(lang="vi_VN", active_test=False)
        awards = Award.search([("award_type_id.authority", "!=", False)])
        for award_type, group in awards.grouped("award_type_id").items():
            group.write({"authority": award_type.authority})
