import os

import polib

from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import EmulationCase

I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n")


@tagged("post_install", "-at_install")
class TestTranslationsCurrent(EmulationCase):
    def test_pot_has_every_term_of_the_module(self):
        """The committed .pot is current (tools/i18n_export), so vi.po can cover every term."""
        reader = TranslationModuleReader(self.env.cr, ["emulation_exemplar"])
        # records of other models (demo people, units, the company) are data, not the UI
        data_models = ("hr.employee", "hr.department", "res.company", "res.lang", "res.partner")
        terms = {
            source
            for _module, kind, name, _res_id, source, _comments, _value in reader
            if not (kind == "model" and name.split(",")[0] in data_models)
        }
        pot = {entry.msgid for entry in polib.pofile(os.path.join(I18N, "emulation_exemplar.pot"))}
        missing = sorted(terms - pot)
        self.assertFalse(missing, "run tools/i18n_export; missing terms: %s" % missing[:10])

    def test_vietnamese_is_served(self):
        """The Vietnamese translation reaches users (labels, Python messages, explanations)."""
        self.award(self.emp_a, self.type_soldier, 2022)
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        env_vi = self.env(context=dict(self.env.context, lang="vi_VN"))
        prov = env_vi.ref("emulation_exemplar.award_type_provincial_merit")
        self.assertEqual(prov.name, "Bằng khen của Chủ tịch UBND tỉnh")
        labels = dict(
            env_vi["emulation.classification"]._fields["level"]._description_selection(env_vi)
        )
        self.assertEqual(labels["excellent"], "Hoàn thành xuất sắc nhiệm vụ")
        gettext = env_vi["hr.employee"]._exemplar_gettext("vi_VN")
        self.assertNotEqual(
            gettext("No criteria alternative is defined."), "No criteria alternative is defined."
        )
        explanation = self.emp_a.with_context(lang="vi_VN").exemplar_explanation
        self.assertIn("Chiến sĩ thi đua cơ sở", explanation)
        self.assertIn("còn thiếu", explanation.lower())
        self.assertIn(
            "Grassroots emulation soldier",
            self.emp_a.with_context(lang="en_US").exemplar_explanation,
        )
