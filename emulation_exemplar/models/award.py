from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# the methods of commendation the statistical report forms count (statistical reporting regime
# of the Ministry of Home Affairs: Circular 18/2025/TT-BNV, which replaced Circular 02/2023/TT-BNV)
AWARD_METHODS = [
    ("regular", "Regular"),
    ("thematic", "Thematic"),
    ("sudden", "Sudden"),
    ("external", "External"),
    ("contribution", "Contribution"),
    ("seniority", "Seniority"),
]
RECIPIENT_CATEGORIES = [
    ("collective", "Collective"),
    ("enterprise", "Enterprise"),
    ("household", "Household"),
    ("leader", "Individual: leader"),
    ("business", "Individual: business person"),
    ("worker", "Individual: worker or farmer"),
    ("individual", "Individual: other"),
]


class EmulationAward(models.Model):
    _name = "emulation.award"
    _inherit = [
        "emulation.history.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.list.mixin",
    ]
    _description = "Award or emulation title"
    _order = "year desc, decision_date desc, id desc"
    _rec_names_search = ["award_type_id", "employee_id", "department_id", "decision_number"]

    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Award type",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('recipient_scope', 'in', (recipient_type, 'both'))]",
    )
    kind = fields.Selection(
        related="award_type_id.kind", store=True, precompute=True, string="Kind"
    )
    level = fields.Selection(related="award_type_id.level", store=True, precompute=True)
    recipient_type = fields.Selection(tracking=True)
    employee_id = fields.Many2one(tracking=True)
    department_id = fields.Many2one(tracking=True)
    year = fields.Integer(tracking=True)
    decision_id = fields.Many2one(
        "emulation.decision",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('company_id', '=', company_id)]",
        help="The decision this award was recorded from, with the other people and units it "
        "commends.",
    )
    decision_number = fields.Char(
        tracking=True, help="Number and symbol of the decision, e.g. 1234/QĐ-UBND."
    )
    decision_date = fields.Date(tracking=True)
    authority = fields.Char(
        string="Issuing authority",
        compute="_compute_authority",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="Who signed the decision; taken from the award type, and may be changed.",
    )
    method = fields.Selection(
        AWARD_METHODS,
        default="regular",
        index=True,
        tracking=True,
        help="How the award was made, as the statistical report forms on commendation count "
        "it (Circular 18/2025/TT-BNV, which replaced Circular 02/2023/TT-BNV and its forms 0602 "
        "and 0603.N/BNV-TĐKT): regular (yearly review), "
        "thematic (a campaign or movement), sudden (an unexpected feat), external (foreigners "
        "and Vietnamese abroad), contribution (a period of contribution), seniority.",
    )
    recipient_category = fields.Selection(
        RECIPIENT_CATEGORIES,
        string="Recipient category",
        compute="_compute_recipient_category",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        # "leader" follows the person's emulation category, a personnel matter (see
        # hr.employee.emulation_category): read, searched and grouped by officers only
        groups="emulation_exemplar.group_emulation_officer",
        help="The category the statistical report forms count the recipient in (Circular "
        "18/2025/TT-BNV, which replaced Circular 02/2023/TT-BNV): collectives (of which "
        "enterprises), households, and individuals "
        "(of which leaders, business people, workers and farmers).",
    )
    reason = fields.Text(string="Achievement", help="The achievement the award recognises.")
    decision_file = fields.Binary(string="Decision scan", attachment=True)
    decision_filename = fields.Char()
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="A revoked or mistaken award is archived: it stays in the history but no longer "
        "counts for eligibility.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("import_file"):
            for vals in vals_list:
                # an empty cell of an imported row takes the type's authority
                if "authority" in vals and not vals["authority"]:
                    del vals["authority"]
        return super().create(vals_list)

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": _("Import template for awards and titles"),
                "template": "/emulation_exemplar/static/xls/emulation_award.xlsx",
            }
        ]

    @api.depends("award_type_id")
    def _compute_authority(self):
        for award in self:
            # a type without a default authority keeps what was entered
            award.authority = award.award_type_id.authority or award.authority

    @api.depends("recipient_type", "employee_id")
    def _compute_recipient_category(self):
        for award in self:
            if award.recipient_type == "collective":
                if award.recipient_category not in ("collective", "enterprise", "household"):
                    award.recipient_category = "collective"
            elif award.employee_id.sudo().emulation_category == "key_cadre":
                award.recipient_category = "leader"
            elif not award.recipient_category or award.recipient_category in (
                "collective",
                "enterprise",
                "household",
            ):
                award.recipient_category = "individual"

    @api.depends("award_type_id", "employee_id", "department_id", "year")
    def _compute_display_name(self):
        for award in self:
            recipient = award.employee_id or award.department_id
            parts = [award.award_type_id.name or _("Award")]
            if recipient:
                parts.append(recipient.name)
            award.display_name = " – ".join(parts) + (f" ({award.year})" if award.year else "")

    @api.constrains("award_type_id", "recipient_type")
    def _check_award_scope(self):
        for award in self:
            scope = award.award_type_id.recipient_scope
            if scope == "collective" and award.recipient_type == "individual":
                raise ValidationError(
                    _(
                        "%(type)s is awarded to units only: it cannot be given to a person. "
                        "Choose the unit as recipient, or another award type.",
                        type=award.award_type_id.name,
                    )
                )
            if scope == "individual" and award.recipient_type == "collective":
                raise ValidationError(
                    _(
                        "%(type)s is awarded to people only: it cannot be given to a unit. "
                        "Choose a person as recipient, or another award type.",
                        type=award.award_type_id.name,
                    )
                )

    @api.constrains("decision_id", "company_id")
    def _check_decision_company(self):
        # not check_company: its message would name a decision of a company the caller cannot read
        if any(
            award.decision_id.sudo().company_id != award.company_id
            for award in self.filtered("decision_id")
        ):
            raise ValidationError(
                _("An award and the decision it was recorded from belong to the same company.")
            )

    @api.constrains("decision_date", "year")
    def _check_decision_date(self):
        self._check_decision_date_year()
