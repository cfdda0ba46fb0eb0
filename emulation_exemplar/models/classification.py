from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..core import eligibility as rules

# labels of the classification levels (core/eligibility.py holds the keys, best first)
LEVEL_LABELS = {
    "excellent": "Excellent",
    "good": "Good",
    "completed": "Completed",
    "not_completed": "Not completed",
}
CLASSIFICATION_LEVELS = [(key, LEVEL_LABELS[key]) for key in rules.CLASSIFICATION_LEVELS]


class EmulationClassification(models.Model):
    _name = "emulation.classification"
    _inherit = ["emulation.history.mixin", "mail.thread", "emulation.list.mixin"]
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
    excellent_count = fields.Integer(
        string="Excellent ratings",
        compute="_compute_excellent_count",
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

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": _("Import template for annual classifications"),
                "template": "/emulation_exemplar/static/xls/emulation_classification.xlsx",
            }
        ]

    @api.depends("level")
    def _compute_excellent_count(self):
        for record in self:
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

    # One per recipient and year: the SQL constraints above guard the database, but they fire on
    # INSERT/UPDATE, before any @api.constrains method could run, with a message that names
    # neither the person nor the year. So the values are checked before they are written.
    # stays: one classification per recipient and year, told in words
    @api.model_create_multi
    def create(self, vals_list):
        defaults = self.default_get(["employee_id", "department_id", "year"])
        self._check_one_per_year([dict(defaults, **vals) for vals in vals_list], self.browse())
        return super().create(vals_list)

    # stays: one classification per recipient and year, told in words
    def write(self, vals):
        if {"employee_id", "department_id", "year"} & set(vals):
            rows = [
                {
                    fname: vals[fname] if fname in vals else record[fname]
                    for fname in ("employee_id", "department_id", "year")
                }
                for record in self
            ]
            self._check_one_per_year(rows, self)
        return super().write(vals)

    @api.model
    def _check_one_per_year(self, rows, replaced):
        """Refuse rows (dicts of employee_id, department_id, year) that give a recipient a second
        classification for a year, among themselves or with the stored ones (archived too),
        except the records being ``replaced``."""
        keys = set()
        for row in rows:
            for fname in ("employee_id", "department_id"):
                recipient = row.get(fname)
                recipient_id = (
                    recipient.id if isinstance(recipient, models.BaseModel) else recipient
                )
                if not recipient_id or not row.get("year"):
                    continue
                key = (fname, recipient_id, int(row["year"]))
                if key in keys:
                    self._raise_one_per_year(*key, archived=False)
                keys.add(key)
        Classification = self.with_context(active_test=False)
        for fname in ("employee_id", "department_id"):
            wanted = {key for key in keys if key[0] == fname}
            if not wanted:
                continue
            others = Classification.search_fetch(
                [
                    (fname, "in", list({key[1] for key in wanted})),
                    ("year", "in", list({key[2] for key in wanted})),
                    ("id", "not in", replaced.ids),
                ],
                [fname, "year", "active"],
            )
            for other in others:
                if (fname, other[fname].id, other.year) in wanted:
                    self._raise_one_per_year(
                        fname, other[fname].id, other.year, archived=not other.active
                    )

    @api.model
    def _raise_one_per_year(self, fname, recipient_id, year, archived):
        # named only for whoever may read the recipient (people: their public profile)
        model = "hr.employee.public" if fname == "employee_id" else "hr.department"
        recipient = self.env[model].browse(recipient_id)
        name = recipient.name if recipient.exists() and recipient.has_access("read") else None
        if name is None:
            raise ValidationError(
                _(
                    "This person or unit already has a classification for %(year)s. Edit that "
                    "one instead of adding a second.",
                    year=year,
                )
            )
        raise ValidationError(
            _(
                "%(recipient)s already has a classification for %(year)s%(archived)s. "
                "Edit that one instead of adding a second.",
                recipient=name,
                year=year,
                archived=_(" (archived)") if archived else "",
            )
        )

    @api.constrains("decision_date", "year")
    def _check_decision_date(self):
        self._check_decision_date_year()
