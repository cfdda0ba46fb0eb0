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
# the column an award is counted in by the statistical report forms of Circular 02/2023/TT-BNV:
# form 0602.N/BNV-TĐKT (awards of the State) and form 0603.N/BNV-TĐKT (awards of a ministry,
# central body or province); the grassroots titles and forms are in neither
STATISTICS_COLUMNS = [
    ("order", "State: order or medal"),
    ("hcm_prize", "State: Ho Chi Minh Prize"),
    ("state_prize", "State: State Prize"),
    ("state_honour", "State: honorary title of the State"),
    ("government_flag", "State: emulation flag of the Government"),
    ("pm_merit", "State: certificate of merit of the Prime Minister"),
    ("national_soldier", "State: national emulation soldier"),
    ("state_other", "State: other form"),
    ("merit", "Ministry or province: certificate of merit"),
    ("soldier", "Ministry or province: emulation soldier"),
    ("flag", "Ministry or province: emulation flag"),
    ("badge", "Ministry or province: badge or commemorative medal"),
]
# the columns of the shipped award types, by code (a type of another code is set by hand)
STATISTICS_COLUMN_BY_CODE = {
    "CSTD_TQ": "national_soldier",
    "CO_CP": "government_flag",
    "BK_TTG": "pm_merit",
    "HCLD1": "order",
    "HCLD2": "order",
    "HCLD3": "order",
    "CSTD_TINH": "soldier",
    "CO_TINH": "flag",
    "BK_UBND": "merit",
    "BK_BNG": "merit",
    "BK_TW": "merit",
    "KNC": "badge",
}


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
    statistics_column = fields.Selection(
        STATISTICS_COLUMNS,
        string="Statistics column",
        compute="_compute_statistics_column",
        store=True,
        readonly=False,
        precompute=True,
        help="The column of the statistical report forms that counts this award (Circular "
        "02/2023/TT-BNV): form 0602 counts the awards of the State (orders and medals, prizes, "
        "honorary titles, the Government's flag, the Prime Minister's certificate of merit, the "
        "national emulation soldier), form 0603 those of a ministry, central body or province "
        "(certificate of merit, emulation soldier, emulation flag, badge or commemorative "
        "medal). Empty for the grassroots titles and forms, which neither form counts.",
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

    @api.depends("code")
    def _compute_statistics_column(self):
        for award_type in self:
            code = (award_type.code or "").strip().upper()
            award_type.statistics_column = STATISTICS_COLUMN_BY_CODE.get(
                code, award_type.statistics_column
            )

    coefficient_individual = fields.Float(
        string="Reward coefficient, individual",
        digits=(6, 2),
        help="The reward of a person receiving this award, in multiples of the base salary in "
        "force on the decision's date (Decree 152/2025/NĐ-CP, arts. 50–54), e.g. 0.3 for "
        "Advanced worker, 1.5 for a provincial certificate of merit. 0: no reward money.",
    )
    coefficient_collective = fields.Float(
        string="Reward coefficient, collective",
        digits=(6, 2),
        help="The reward of a unit receiving this award, in multiples of the base salary (for "
        "the forms of commendation, twice the individual's), e.g. 0.8 for Advanced labour "
        "collective. 0: no reward money.",
    )
    coefficient_date_from = fields.Date(
        string="Coefficients apply from",
        help="The first decision date these coefficients apply to: the date the text that sets "
        "them came into force (Decree 152/2025/NĐ-CP: 01/07/2025). An award decided earlier gets "
        "no amount from them. Empty: every decision date.",
    )
    reward_basis = fields.Char(
        string="Legal basis of the reward",
        help="The article that sets the coefficients, e.g. Decree 152/2025/NĐ-CP, art. 54.",
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

    @api.constrains("coefficient_individual", "coefficient_collective")
    def _check_coefficients(self):
        for award_type in self:
            if award_type.coefficient_individual < 0 or award_type.coefficient_collective < 0:
                raise ValidationError(
                    _(
                        "The reward coefficients of %(name)s are multiples of the base salary: "
                        "enter 0 or a positive number.",
                        name=award_type.display_name,
                    )
                )

    def _beyond_agency(self):
        """Whether an agency cannot give this title or form itself: every level above the
        grassroots is decided by the body above (the province, then the State through it), to
        which the agency sends a dossier."""
        self.ensure_one()
        return self.level != "grassroots"

    def _coefficient(self, recipient_type):
        """The reward coefficient of this award type for a recipient of ``recipient_type``."""
        self.ensure_one()
        if recipient_type == "collective":
            return self.coefficient_collective
        return self.coefficient_individual

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
