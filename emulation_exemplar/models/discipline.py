from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..core import eligibility as rules
from .history_mixin import check_years

# Labels of the discipline forms (core/criteria.py's DISCIPLINE_FORMS holds the keys, lightest
# first): khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc, bãi nhiệm.
FORM_LABELS = {
    "reprimand": "Reprimand",
    "warning": "Warning",
    "salary_reduction": "Salary reduction",
    "demotion": "Demotion",
    "dismissal_from_post": "Dismissal from post",
    "dismissal": "Dismissal",
    "removal": "Removal from office",
}
ABOLISHED_FROM = date(*rules.ABOLISHED_FROM)
DISCIPLINE_FORMS = [(key, FORM_LABELS[key]) for key in rules.DISCIPLINE_FORMS]
FORM_RANK = {key: rank for rank, (key, _label) in enumerate(DISCIPLINE_FORMS, start=1)}
# A discipline being considered blocks proposals (Decree 152/2025/NĐ-CP, art. 4); a decided one
# counts for the criteria over the years of its term.
STATES = [("considering", "Under consideration"), ("decided", "Decided")]


class EmulationDiscipline(models.Model):
    """A discipline (kỷ luật) of a person: a personnel matter, private like the annual
    classifications (record rules: own / the units a manager heads and below / officers of the
    company). A revoked or mistaken discipline is archived, never deleted: archived ones do not
    count. Individuals only: a unit's discipline is that of its members."""

    _name = "emulation.discipline"
    _inherit = ["emulation.exemplar.source", "emulation.import.mixin", "mail.thread"]
    _description = "Discipline"
    _order = "year desc, decision_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["employee_id", "decision_number"]

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        context={"active_test": False},
    )
    unit_id = fields.Many2one(
        "hr.department",
        compute="_compute_unit_id",
        store=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The person's department when the discipline was recorded.",
    )
    state = fields.Selection(
        STATES,
        string="Status",
        required=True,
        default="decided",
        index=True,
        tracking=True,
        help="Under consideration: the competent authority is considering a discipline of the "
        "person; until it is decided nobody may propose or register them for a title or an "
        "award (Decree 152/2025/NĐ-CP, art. 4). Decided: the discipline counts for the "
        "criteria, over the years of its term.",
    )
    consideration_date = fields.Date(
        string="Under consideration since",
        tracking=True,
        help="The day the competent authority began considering the discipline.",
    )
    form = fields.Selection(
        DISCIPLINE_FORMS,
        tracking=True,
        help="Lightest first: Reprimand, Warning, Salary reduction, Demotion, Dismissal from "
        "post, Dismissal (civil servants), Removal from office (cadres). Salary reduction and "
        "demotion no longer exist for a discipline decided from 1 July 2025 (Decree "
        "172/2025/NĐ-CP, art. 7); public employees are disciplined by reprimand, warning, "
        "dismissal from post and dismissal only (Decree 112/2020/NĐ-CP). Criteria exclude "
        "people disciplined at a given form or heavier. Required once decided.",
    )
    form_rank = fields.Integer(
        string="Form rank",
        compute="_compute_form_rank",
        store=True,
        aggregator="max",
        help="1 for a reprimand up to 7 for a removal from office: the heavier the form, the "
        "higher the rank.",
    )
    decision_number = fields.Char(
        string="Decision reference",
        tracking=True,
        help="Number and symbol of the decision, e.g. 12/QĐ-SNgV.",
    )
    decision_date = fields.Date(tracking=True)
    authority = fields.Char(
        string="Issuing authority", tracking=True, help="Who signed the decision."
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        index=True,
        aggregator=False,
        tracking=True,
        help="The year the discipline counts for (the year of the violation judged).",
    )
    date_from = fields.Date(
        string="Effective from", tracking=True, help="First day the discipline takes effect."
    )
    date_to = fields.Date(
        string="Effective until",
        tracking=True,
        help="Last day the discipline has effect; empty when it has no end.",
    )
    effect_last_year = fields.Integer(
        string="Achievements count after",
        compute="_compute_effect_last_year",
        store=True,
        index=True,
        aggregator=False,
        help="The last year whose achievements do not count: the year of the discipline, or "
        "the year its term ends when later. Achievements count from the day the term ends "
        "(Decree 152/2025/NĐ-CP, art. 4), so a year counts only when it starts after it.",
    )
    reason = fields.Text(help="The violation the decision judges.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="A revoked or mistaken discipline is archived: it stays in the history but no longer "
        "counts.",
    )

    # ------------------------------------------------------------------ create / write
    # stays: a discipline's person belongs to its company
    @api.model_create_multi
    def create(self, vals_list):
        context = self.env.context
        employees = self._employee_companies(
            [vals.get("employee_id") or context.get("default_employee_id") for vals in vals_list]
        )
        for vals in vals_list:
            employee_id = vals.get("employee_id") or context.get("default_employee_id")
            if (
                "company_id" not in vals
                and "default_company_id" not in context
                and employees.get(employee_id)
            ):
                vals["company_id"] = employees[employee_id]
        self._check_employee_company(vals_list)
        return super().create(vals_list)

    # stays: a discipline's person belongs to its company
    def write(self, vals):
        if {"employee_id", "company_id"} & set(vals):
            self._check_employee_company(
                [
                    {
                        "employee_id": vals.get("employee_id", record.employee_id.id),
                        "company_id": vals.get("company_id", record.company_id.id),
                    }
                    for record in self
                ]
            )
        return super().write(vals)

    @api.model
    def _employee_companies(self, employee_ids):
        """{employee id: company id} of the given people (only ids: their names stay hidden)."""
        ids = {employee_id for employee_id in employee_ids if isinstance(employee_id, int)}
        employees = self.env["hr.employee"].sudo().with_context(active_test=False).browse(ids)
        return {employee.id: employee.company_id.id for employee in employees.exists()}

    @api.model
    def _check_employee_company(self, rows):
        """Refuse a person of another company than the record's, before the ORM's company check,
        whose message would name the person and the company even to a user who may not read
        them."""
        companies = self._employee_companies([row.get("employee_id") for row in rows])
        default_company = self.env.context.get("default_company_id") or self.env.company.id
        for row in rows:
            company = companies.get(row.get("employee_id"))
            if company and company != (row.get("company_id") or default_company):
                raise ValidationError(
                    _(
                        "The person belongs to another company than the discipline record. "
                        "Choose a person of the record's company."
                    )
                )

    # ------------------------------------------------------------------ computes
    @api.depends("employee_id")
    def _compute_unit_id(self):
        for record in self:
            record.unit_id = record.employee_id.department_id

    @api.depends("year", "date_to")
    def _compute_effect_last_year(self):
        for record in self:
            last = record.date_to.year if record.date_to else None
            record.effect_last_year = rules.effect_years(record.year or 0, last)[-1]

    @api.depends("form")
    def _compute_form_rank(self):
        for record in self:
            record.form_rank = FORM_RANK.get(record.form, 0)

    @api.depends("employee_id", "form", "year")
    def _compute_display_name(self):
        labels = dict(self._fields["form"]._description_selection(self.env))
        for record in self:
            parts = [labels.get(record.form) or _("Discipline")]
            if record.employee_id:
                parts.append(record.employee_id.name)
            record.display_name = " – ".join(parts) + (f" ({record.year})" if record.year else "")

    @api.onchange("employee_id")
    def _onchange_employee_company(self):
        if self.employee_id.company_id:
            self.company_id = self.employee_id.company_id

    # ------------------------------------------------------------------ constraints
    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    @api.constrains("decision_date", "year")
    def _check_decision_date(self):
        for record in self:
            if record.decision_date and record.decision_date.year < record.year:
                raise ValidationError(
                    _(
                        "The decision date %(date)s is earlier than the year %(year)s the "
                        "discipline counts for. Check the year or the decision date.",
                        date=record.decision_date.strftime("%d/%m/%Y"),
                        year=record.year,
                    )
                )

    @api.constrains("form", "decision_date", "date_from")
    def _check_form_in_force(self):
        """Salary reduction and demotion are not forms of discipline any more for a discipline
        decided on or after 1 July 2025 (Law on Cadres and Civil Servants 2025, Decree
        172/2025/NĐ-CP art. 7); the disciplines decided before keep them."""
        for record in self:
            decided = record.decision_date or record.date_from
            if record.form in rules.ABOLISHED_FORMS and decided and decided >= ABOLISHED_FROM:
                raise ValidationError(
                    _(
                        "%(form)s is no longer a form of discipline for a discipline decided on "
                        "or after %(date)s (Decree 172/2025/NĐ-CP, art. 7): this one is dated "
                        "%(decided)s. Choose reprimand, warning, dismissal from post, dismissal "
                        "or removal from office, or correct the date.",
                        form=dict(self._fields["form"]._description_selection(self.env))[
                            record.form
                        ],
                        date=ABOLISHED_FROM.strftime("%d/%m/%Y"),
                        decided=decided.strftime("%d/%m/%Y"),
                    )
                )

    @api.constrains("state", "form")
    def _check_form_when_decided(self):
        for record in self:
            if record.state == "decided" and not record.form:
                raise ValidationError(
                    _(
                        "A decided discipline needs its form: choose it, or set the status to "
                        "Under consideration while the authority has not decided."
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_effect_period(self):
        for record in self:
            if record.date_from and record.date_to and record.date_to < record.date_from:
                raise ValidationError(
                    _(
                        "The discipline ends on %(date_to)s, before it takes effect on "
                        "%(date_from)s. Check the dates of the effect period.",
                        date_to=record.date_to.strftime("%d/%m/%Y"),
                        date_from=record.date_from.strftime("%d/%m/%Y"),
                    )
                )

    # ------------------------------------------------------------------ proposals
    @api.model
    def _check_not_under_consideration(self, employees):
        """Refuse to propose or register any of ``employees`` while a discipline of theirs is
        under consideration (Decree 152/2025/NĐ-CP, art. 4: no commendation, nor proposal to a
        higher level, while a competent authority considers a discipline). The check reads
        every discipline; its message names the discipline only to a caller who may read it."""
        considered = self._under_consideration(employees)
        if not considered:
            return
        record = considered[0]
        name = record.employee_id.sudo().name
        if record.with_env(self.env).has_access("read"):
            since = record.consideration_date
            raise ValidationError(
                _(
                    "%(name)s cannot be proposed or registered while a discipline of theirs is "
                    "under consideration%(since)s: Decree 152/2025/NĐ-CP, art. 4 defers any "
                    "commendation until it is decided. Remove the line, or record the "
                    "decision on the discipline first.",
                    name=name,
                    since=_(" (since %(date)s)", date=since.strftime("%d/%m/%Y")) if since else "",
                )
            )
        raise ValidationError(
            _(
                "%(name)s cannot be proposed or registered at the moment: a competent "
                "authority is considering a matter concerning them (Decree 152/2025/NĐ-CP, art. "
                "4). Remove the line and ask the emulation officers.",
                name=name,
            )
        )

    @api.model
    def _under_consideration(self, employees):
        """The disciplines under consideration of ``employees`` (as superuser: callers only
        learn what :meth:`_check_not_under_consideration` tells them)."""
        if not employees:
            return self.browse()
        return self.sudo().search(
            [("state", "=", "considering"), ("employee_id", "in", employees.ids)],
            order="consideration_date, id",
        )

    # ------------------------------------------------------------------ for the rule core
    @api.model
    def _exemplar_owners(self):
        return (self.employee_id,)
