from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

AWARD_LEVELS = [
    ("grassroots", "Grassroots"),
    ("provincial", "Provincial"),
    ("ministerial", "Ministerial"),
    ("national", "National"),
]
RECIPIENT_SCOPES = [
    ("individual", "Individuals"),
    ("collective", "Collectives"),
    ("both", "Individuals and collectives"),
]


class EmulationAwardType(models.Model):
    _name = "emulation.award.type"
    _inherit = ["emulation.list.mixin"]
    _description = "Emulation title or form of commendation"
    _order = "sequence, level, name, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short unique code, used to match award types when importing past years "
        "(e.g. PROVINCIAL_MERIT).",
    )
    kind = fields.Selection(
        [("title", "Emulation title"), ("commendation", "Form of commendation")],
        required=True,
        default="commendation",
        help="Emulation titles (danh hiệu thi đua) are awarded for a year of emulation; "
        "forms of commendation (hình thức khen thưởng) are medals, certificates of merit, "
        "letters of commendation (Law 06/2022/QH15, art. 9).",
    )
    level = fields.Selection(AWARD_LEVELS, required=True, default="grassroots")
    recipient_scope = fields.Selection(
        RECIPIENT_SCOPES,
        string="Awarded to",
        required=True,
        default="both",
        help="Whether people, units or both may receive this award.",
    )
    authority = fields.Char(
        string="Issuing authority",
        translate=True,
        help="Default issuing authority of the decision, e.g. Chủ tịch UBND tỉnh.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for an award type shared by all companies.",
    )
    award_count = fields.Integer(compute="_compute_award_count", string="Awards")
    council_vote_threshold = fields.Float(
        string="Council vote threshold (%)",
        digits=(5, 2),
        default=0.0,
        help="The share of yes votes of the Emulation and Commendation Council, counted against "
        "ALL its members (present or not), that a proposal needs to pass: 90 % for the "
        "provincial and national emulation soldier titles, 80 % for the grassroots emulation "
        "soldier title and the emulation flags, as the decree detailing Law 06/2022/QH15 sets "
        "them (Decree 98/2023/NĐ-CP art. 30(7), kept by Decree 152/2025/NĐ-CP which replaced "
        "it from 1/7/2025; a province's regulation may set its own). 0: no council vote needed "
        "beyond a simple majority of the members.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of an award type must be unique in its company.",
        ),
    ]

    @api.depends_context("company")
    def _compute_award_count(self):
        counts = dict(
            self.env["emulation.award"]._read_group(
                [("award_type_id", "in", self.ids)], ["award_type_id"], ["__count"]
            )
        )
        for award_type in self:
            award_type.award_count = counts.get(award_type, 0)

    @api.constrains("council_vote_threshold")
    def _check_council_vote_threshold(self):
        for award_type in self:
            if not 0 <= award_type.council_vote_threshold <= 100:
                raise ValidationError(
                    _(
                        "The council vote threshold of %(name)s is a percentage: enter a "
                        "number from 0 to 100.",
                        name=award_type.display_name,
                    )
                )

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        for award_type in self:
            code = (award_type.code or "").strip()
            if not code:
                raise ValidationError(_("An award type needs a code."))
            domain = [("code", "=ilike", code), ("id", "!=", award_type.id)]
            if award_type.company_id:
                domain += [("company_id", "in", [award_type.company_id.id, False])]
            clash = self.with_context(active_test=False).search(domain, limit=1)
            if clash:
                raise ValidationError(
                    _(
                        "The code %(code)s is already used by the award type %(name)s. "
                        "Choose another code.",
                        code=code,
                        name=clash.display_name,
                    )
                )

    @api.depends("name", "code")
    def _compute_display_name(self):
        for award_type in self:
            award_type.display_name = award_type.name or award_type.code or ""

    def action_view_awards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "emulation_exemplar.action_emulation_award"
        )
        action["domain"] = [("award_type_id", "=", self.id)]
        action["context"] = {"default_award_type_id": self.id}
        return action

    # the labels of the cached criteria (_exemplar_rules) name award types
    # stays: a renamed type changes the cached rules' texts
    def write(self, vals):
        result = super().write(vals)
        if "name" in vals:
            self.env.registry.clear_cache()
        return result

    # stays: a deleted type leaves the cached rules
    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # stays: a translated name changes the cached rules' texts (no ORM write passes)
    def _update_field_translations(self, *args, **kwargs):
        self.env.registry.clear_cache()
        return super()._update_field_translations(*args, **kwargs)
