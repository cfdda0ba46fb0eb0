from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..core import eligibility as rules
from .history_mixin import check_decision_dates, check_years

# labels of the initiative levels (core/eligibility.py holds the keys, lowest first)
LEVEL_LABELS = {
    "grassroots": "Grassroots",
    "provincial": "Provincial",
    "national": "National",
}
INITIATIVE_LEVELS = [(key, LEVEL_LABELS[key]) for key in rules.INITIATIVE_LEVELS]


class EmulationInitiative(models.Model):
    _name = "emulation.initiative"
    _inherit = [
        "emulation.exemplar.source",
        "emulation.import.mixin",
        "mail.thread",
        "emulation.list.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Recognised initiative"
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "emulation_initiative_employee_rel",
        "initiative_id",
        "employee_id",
        string="Authors",
        check_company=True,
        context={"active_test": False},
        help="The author and co-authors recognised by the decision.",
    )
    level = fields.Selection(
        INITIATIVE_LEVELS,
        required=True,
        default="grassroots",
        tracking=True,
        help="The level of the council that recognised the initiative.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_judged_year(),
        index=True,
        aggregator=False,
        tracking=True,
        help="The year the initiative counts for.",
    )
    decision_number = fields.Char(tracking=True)
    decision_date = fields.Date(tracking=True)
    applied_effectively = fields.Boolean(
        tracking=True,
        help="Recognised as applied effectively (áp dụng có hiệu quả). Some criteria count only "
        "those.",
    )
    description = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    used_award_id = fields.Many2one(
        "emulation.award",
        string="Used for the award",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The award issued on this initiative. One achievement is the basis of one award "
        "only (Law 06/2022/QH15 art. 5; Official Letter 5007/BNV-TĐKT): a later proposal cannot "
        "use it again, unless that award is archived.",
    )

    def _exemplar_owners(self):
        return (self.employee_ids,)

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": _("Import template for initiatives"),
                "template": "/emulation_exemplar/static/xls/emulation_initiative.xlsx",
            }
        ]

    # "name" is always written at creation: without it, a creation with no author at all would
    # not trigger the check
    @api.constrains("employee_ids", "name")
    def _check_authors(self):
        for initiative in self:
            if not initiative.employee_ids:
                raise ValidationError(
                    _(
                        "The initiative %(name)s has no author: add at least one employee.",
                        name=initiative.name,
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    @api.constrains("decision_date", "year")
    def _check_decision_date(self):
        check_decision_dates(self)
