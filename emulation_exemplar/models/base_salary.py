from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from ..lib import money


class EmulationBaseSalary(models.Model):
    """The base salary (mức lương cơ sở) the Government sets, each in force from its date until
    the next one's: the reward money of an award is a coefficient of the one in force on the
    decision's date (Decree 152/2025/NĐ-CP, arts. 50–54). National data: one list for every
    company, edited by the administrators."""

    _name = "emulation.base.salary"
    _description = "Base salary"
    _order = "date_from desc, id desc"
    _rec_name = "date_from"

    date_from = fields.Date(
        string="In force from",
        required=True,
        help="The first day this base salary applies: it applies to the decisions dated from "
        "this day until the day before the next base salary's.",
    )
    amount = fields.Monetary(
        string="Base salary",
        required=True,
        currency_field="currency_id",
        help="The monthly base salary in đồng, e.g. 2,340,000 from 01/07/2024 (Decree "
        "73/2024/NĐ-CP).",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    rounding = fields.Integer(
        string="Rounded up to",
        required=True,
        default=money.DEFAULT_ROUNDING,
        help="A reward (coefficient × base salary) is rounded up to a multiple of this many "
        "đồng: 10,000 (“làm tròn số lên hàng chục nghìn đồng”, Decree 91/2017/NĐ-CP art. 68(2), "
        "kept by the decrees after it).",
    )
    legal_basis = fields.Char(
        string="Legal basis",
        help="The text that sets this base salary, e.g. Decree 73/2024/NĐ-CP.",
    )

    _sql_constraints = [
        (
            "date_from_uniq",
            "unique(date_from)",
            "A base salary is already in force from this date: correct that one instead.",
        ),
    ]

    def _compute_currency_id(self):
        self.currency_id = self.env.ref("base.VND")

    @api.constrains("amount", "rounding")
    def _check_amount(self):
        for salary in self:
            if salary.amount <= 0:
                raise ValidationError(
                    _("Enter the base salary in đồng: a positive amount, e.g. 2,340,000.")
                )
            if salary.rounding <= 0:
                raise ValidationError(
                    _(
                        "Enter the rounding step of the rewards in đồng, e.g. 10,000 (rounded "
                        "up to the ten thousand đồng)."
                    )
                )

    @api.depends("date_from", "amount")
    def _compute_display_name(self):
        for salary in self:
            amount = formatLang(self.env, salary.amount, digits=0)
            date = salary.date_from.strftime("%d/%m/%Y") if salary.date_from else ""
            salary.display_name = _("%(amount)s đ from %(date)s", amount=amount, date=date)

    @api.model_create_multi
    def create(self, vals_list):
        salaries = super().create(vals_list)
        self.env.registry.clear_cache()  # _salary_rows
        return salaries

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()  # _salary_rows
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _salary_rows
        return result

    @api.model
    def _salary_table(self):
        """Every base salary, as the rule core reads them."""
        return money.BaseSalaries(self._salary_rows())

    @api.model
    @tools.ormcache()
    def _salary_rows(self):
        """((date_from, amount, rounding), ...) of every base salary: national data of a few
        rows that every user may read, kept in the registry's cache (cleared when one changes),
        so that recording an award reads none of them again."""
        rows = self.sudo().search_fetch([], ["date_from", "amount", "rounding"])
        return tuple((s.date_from, s.amount, s.rounding) for s in rows)
