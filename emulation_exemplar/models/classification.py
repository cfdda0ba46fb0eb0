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
# From 2026 Decree 335/2025/NĐ-CP classifies civil servants (and state administrative agencies)
# in place of Decree 90/2020/NĐ-CP: the same four levels, from a score out of 100. Its cap: those
# classified excellent are at most 20 % of those classified good in the same agency or unit.
DECREE_335_FROM = 2026
EXCELLENT_CAP_PERCENT = 20


def classification_decree(year):
    """The decree a classification of ``year`` is made under (its citation, not translated: a
    number and a symbol)."""
    return "335/2025/NĐ-CP" if year and year >= DECREE_335_FROM else "90/2020/NĐ-CP"


def over_excellent_cap(excellent, good):
    """Whether ``excellent`` classifications exceed 20 % of the ``good`` ones (integers, no
    rounding: 1 excellent for 5 good is within the cap, 1 for 4 is not)."""
    return excellent * 100 > EXCELLENT_CAP_PERCENT * good


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
        help="Excellent = completed the tasks excellently; Good = completed the tasks well; "
        "Completed = completed the tasks; Not completed = did not complete them. Decree "
        "90/2020/NĐ-CP up to 2025; from 2026 Decree 335/2025/NĐ-CP for civil servants, from a "
        "score out of 100 (excellent from 90, good from 70, completed from 50), with excellent "
        "at most 20 % of those classified good in the unit, and not completed for a discipline "
        "from reprimand up for a violation in public duty in the year.",
    )
    legal_basis = fields.Char(
        string="Classified under",
        compute="_compute_legal_basis",
        help="The decree the classification of that year is made under: Decree 90/2020/NĐ-CP "
        "up to 2025, Decree 335/2025/NĐ-CP from 2026.",
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

    @api.depends("year")
    def _compute_legal_basis(self):
        for record in self:
            record.legal_basis = _("Decree %(decree)s", decree=classification_decree(record.year))

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
        records = super().create(vals_list)
        records._warn_decree_335()
        return records

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
        result = super().write(vals)
        if {"level", "employee_id", "year", "unit_id", "active"} & set(vals):
            self._warn_decree_335()
        return result

    # ------------------------------------------------------------------ Decree 335/2025
    def _decree_335_warnings(self):
        """The sentences warning of what Decree 335/2025/NĐ-CP does not allow in these
        classifications of people (years from 2026), read as the caller: units whose
        excellent classifications of a year exceed 20 % of their good ones, and people
        classified above "not completed" with a discipline from reprimand up in the year.
        Warnings, not refusals: the decree allows more excellent ones to an outstanding
        unit (art. on the ratio, clause b), and the not completed level follows a discipline
        only for a violation in public duty, which the record does not say."""
        people = self.filtered(
            lambda r: r.active and r.employee_id and (r.year or 0) >= DECREE_335_FROM
        )
        if not people:
            return []
        warnings = []
        Cap = self.env["emulation.classification.cap"]
        over = Cap.browse()
        if Cap.has_access("read"):
            Cap.invalidate_model()  # a view of the classifications just written
            over = Cap.search(
                [
                    ("over_cap", "=", True),
                    ("unit_id", "in", people.unit_id.ids),
                    ("year", "in", list(set(people.mapped("year")))),
                ]
            )
        for row in over:
            warnings.append(
                _(
                    "%(unit)s has %(excellent)s people classified excellent in %(year)s for "
                    "%(good)s classified good: Decree 335/2025/NĐ-CP allows at most 20 %% of "
                    "those classified good (%(cap)s). Check the classifications of the unit, "
                    "or keep them if the unit's outstanding results justify it.",
                    unit=row.unit_id.display_name,
                    excellent=row.excellent_count,
                    year=row.year,
                    good=row.good_count,
                    cap=row.cap_count,
                )
            )
        above = people.filtered(lambda r: r.level != "not_completed")
        if above and self.env["emulation.discipline"].has_access("read"):
            disciplines = self.env["emulation.discipline"].search(
                [
                    ("state", "=", "decided"),
                    ("employee_id", "in", above.employee_id.ids),
                    ("year", "in", list(set(above.mapped("year")))),
                ]
            )
            disciplined = {(d.employee_id.id, d.year) for d in disciplines}
            for record in above:
                if (record.employee_id.id, record.year) in disciplined:
                    warnings.append(
                        _(
                            "%(name)s is classified %(level)s for %(year)s with a discipline "
                            "that year: Decree 335/2025/NĐ-CP classifies not completed whoever "
                            "is disciplined from reprimand up for a violation in public duty in "
                            "the year. Check the level.",
                            name=record.employee_id.name,
                            level=dict(self._fields["level"]._description_selection(self.env))[
                                record.level
                            ],
                            year=record.year,
                        )
                    )
        return warnings

    def _warn_decree_335(self):
        """Tell the user who records or imports these classifications what Decree 335/2025
        would not allow (a notification that stays until closed; nothing is refused)."""
        warnings = self._decree_335_warnings()
        if warnings:
            self.env.user._bus_send(
                "simple_notification",
                {
                    "type": "warning",
                    "sticky": True,
                    "title": _("Decree 335/2025/NĐ-CP"),
                    "message": "\n".join(warnings),
                },
            )
        return warnings

    @api.onchange("level", "employee_id", "year")
    def _onchange_decree_335(self):
        if not (self.employee_id and self.level == "excellent" and self.year >= DECREE_335_FROM):
            return None
        unit = self.employee_id.department_id
        if not unit:
            return None
        counts = dict(
            self.env["emulation.classification"]._read_group(
                [
                    ("recipient_type", "=", "individual"),
                    ("unit_id", "=", unit.id),
                    ("year", "=", self.year),
                    ("level", "in", ("excellent", "good")),
                    ("id", "not in", self._origin.ids),
                ],
                ["level"],
                ["__count"],
            )
        )
        excellent = counts.get("excellent", 0) + 1
        good = counts.get("good", 0)
        if not over_excellent_cap(excellent, good):
            return None
        return {
            "warning": {
                "title": _("Decree 335/2025/NĐ-CP"),
                "message": _(
                    "With this one, %(unit)s has %(excellent)s people classified excellent in "
                    "%(year)s for %(good)s classified good: more than 20 %% of those classified "
                    "good. You can still save it.",
                    unit=unit.display_name,
                    excellent=excellent,
                    year=self.year,
                    good=good,
                ),
            }
        }

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
