from odoo import api, fields, models
from odoo.osv import expression


class EmulationJudgedYearMixin(models.AbstractModel):
    """Records of a year (``year``) that the lists show for the year being judged.

    The year being judged is one home: ``res.company._emulation_year()`` (the company's setting,
    else the rule of ``core/roadmap.py`` by date). This mixin gives the lists its filter
    (``in_judged_year``, searched, never stored: it follows the date and the setting) and the
    models their default year (``_default_judged_year``).
    """

    _name = "emulation.judged.year.mixin"
    _description = "Year being judged"

    in_judged_year = fields.Boolean(
        string="Year being judged",
        compute="_compute_in_judged_year",
        search="_search_in_judged_year",
        help="The record belongs to the emulation year being judged (Settings: the company's "
        "year being judged; automatic: in December the year that ends, from January to March "
        "the year that has just ended, otherwise the current year).",
    )

    @api.model
    def _default_judged_year(self):
        return self.env.company._emulation_year()

    def _judged_year_by_company(self):
        """{company id: year being judged} of the companies the user works in."""
        return {company.id: company._emulation_year() for company in self.env.companies}

    def _judged_year_domain(self, year):
        """The records of ``year`` (a model whose records are not all of one year overrides)."""
        return [("year", "=", year)]

    @api.depends("year")
    @api.depends_context("company", "allowed_company_ids")
    def _compute_in_judged_year(self):
        years = self._judged_year_by_company()
        default = self.env.company._emulation_year()
        has_company = "company_id" in self._fields
        for record in self:
            year = years.get(record.company_id.id, default) if has_company else default
            record.in_judged_year = record.filtered_domain(self._judged_year_domain(year)) == record

    def _search_in_judged_year(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(f"Operator {operator!r} is not supported on in_judged_year")
        years = self._judged_year_by_company()
        if "company_id" not in self._fields or len(set(years.values())) <= 1:
            domain = self._judged_year_domain(self.env.company._emulation_year())
        else:
            # companies judging different years: each company's records of its own year
            domain = expression.OR(
                [
                    expression.AND(
                        [[("company_id", "=", company_id)], self._judged_year_domain(year)]
                    )
                    for company_id, year in years.items()
                ]
            )
        if (operator == "=") != value:
            domain = ["!", *expression.normalize_domain(domain)]
        return domain
