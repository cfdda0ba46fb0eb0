from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CLASSIFICATION_LEVELS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("completed", "Completed"),
    ("not_completed", "Not completed"),
]


class EmulationClassification(models.Model):
    _name = "emulation.classification"
    _inherit = ["emulation.history.mixin", "mail.thread"]
    _description = "Annual quality classification"
    _order = "year desc, id desc"

    level = fields.Selection(
        CLASSIFICATION_LEVELS,
        string="Classification level",
        required=True,
        tracking=True,
        help="Decree 90/2020/NĐ-CP: Excellent = completed the tasks excellently; Good = completed "
        "the tasks well; Completed = completed the tasks; Not completed = did not complete them.",
    )
    level_rank = fields.Integer(
        string="Level rank", compute="_compute_level_rank", store=True, aggregator=False
    )
    excellent_count = fields.Integer(
        string="Excellent ratings",
        compute="_compute_level_rank",
        store=True,
        help="1 when classified excellent: sum it to count excellent ratings.",
    )
    year = fields.Integer(tracking=True)
    decision_number = fields.Char(string="Decision reference", tracking=True)
    decision_date = fields.Date()
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "employee_year_uniq",
            "unique(employee_id, year)",
            "A person has only one classification per year.",
        ),
        (
            "department_year_uniq",
            "unique(department_id, year)",
            "A unit has only one classification per year.",
        ),
    ]

    @api.depends("level")
    def _compute_level_rank(self):
        order = [key for key, _label in CLASSIFICATION_LEVELS]
        for record in self:
            record.level_rank = order.index(record.level) + 1 if record.level else 0
            record.excellent_count = 1 if record.level == "excellent" else 0

    @api.depends("employee_id", "department_id", "year", "level")
    def _compute_display_name(self):
        labels = dict(self._fields["level"]._description_selection(self.env))
        for record in self:
            recipient = record.employee_id or record.department_id
            record.display_name = "%s %s: %s" % (
                recipient.name or "",
                record.year or "",
                labels.get(record.level, ""),
            )

    @api.constrains("employee_id", "department_id", "year")
    def _check_one_per_year(self):
        for record in self:
            recipient_field = "employee_id" if record.employee_id else "department_id"
            recipient = record[recipient_field]
            if not recipient:
                continue
            other = self.with_context(active_test=False).search(
                [
                    (recipient_field, "=", recipient.id),
                    ("year", "=", record.year),
                    ("id", "!=", record.id),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    _(
                        "%(recipient)s already has a classification for %(year)s%(archived)s. "
                        "Edit that one instead of adding a second.",
                        recipient=recipient.name,
                        year=record.year,
                        archived=_(" (archived)") if not other.active else "",
                    )
                )

    @api.constrains("decision_date", "year")
    def _check_decision_date(self):
        self._check_decision_date_year()
