"""The overview person × title of a unit for a year (bảng tổng hợp tiêu chuẩn danh hiệu thi đua
theo cá nhân): one row per person of the unit and of the units below it, one column per title's
criteria set; each cell eligible, one step away (with what is missing) or not eligible, read
from the stored results (``emulation.eligibility``, the engine's verdicts) and never evaluated
again. Printed from ``emulation.overview.wizard``, as a paper here and as an Excel file
(``report_overview_xlsx.py``), both from :meth:`ReportOverview._overview`."""

from odoo import api, models

ELIGIBLE, ONE_STEP, NOT_ELIGIBLE, NO_RESULT = "eligible", "one_step", "not_eligible", "none"


class ReportOverview(models.AbstractModel):
    _name = "report.emulation_exemplar.report_overview"
    _inherit = "emulation.report.base"
    _description = "Overview of a unit's people by title"
    _type_code = "BC"

    _docs_model = "emulation.overview.wizard"

    @api.model
    def _check_print_right(self, docs):
        docs._check_overview_access()

    @api.model
    def _paper_company(self, docs):
        companies = docs.department_id.company_id
        return companies if len(companies) == 1 else self.env.company

    @api.model
    def _paper_values(self, docs):
        return {"overviews": {wizard.id: self._overview(wizard) for wizard in docs}}

    # ------------------------------------------------------------------ the table
    @api.model
    def _column_titles(self, sets):
        """Each set by its title's name; a set whose title another column shares, by its own
        name."""
        titles = [s.award_type_id.name or s.name for s in sets]
        return [
            title if titles.count(title) == 1 else s.name
            for title, s in zip(titles, sets, strict=True)
        ]

    @api.model
    def _cell(self, row):
        """{status, text, missing} of one person under one set: the stored row's verdict, and
        for one step away what is missing."""
        _ = self.env._
        if not row:
            return {"status": NO_RESULT, "text": "–", "missing": ""}
        if row.eligible:
            return {"status": ELIGIBLE, "text": _("Eligible"), "missing": ""}
        if row.missing == 1:
            missing = (row.missing_text or "").strip()
            return {"status": ONE_STEP, "text": _("One step away"), "missing": missing}
        return {"status": NOT_ELIGIBLE, "text": _("Not eligible"), "missing": ""}

    @api.model
    def _overview(self, wizard):
        """The overview of one wizard: {unit, year, columns, rows, totals, company}. The people
        and their results are read as the user, in one search each."""
        unit, year = wizard.department_id, wizard.year
        sets = wizard._overview_sets()
        people = self.env["hr.employee.public"].search([("department_id", "child_of", unit.id)])
        people = people.sorted(
            lambda p: (
                p.department_id != unit,
                (p.department_id.complete_name or "").lower(),
                (p.name or "").lower(),
                p.id,
            )
        )
        results = self.env["emulation.eligibility"].search(
            [
                ("year", "=", year),
                ("criteria_set_id", "in", sets.ids),
                ("employee_id", "in", people.ids),
            ]
        )
        by_key = {(row.employee_id.id, row.criteria_set_id.id): row for row in results}
        rows = []
        totals = [{ELIGIBLE: 0, ONE_STEP: 0} for _s in sets]
        for person in people:
            cells = [self._cell(by_key.get((person.id, s.id))) for s in sets]
            for total, cell in zip(totals, cells, strict=True):
                if cell["status"] in total:
                    total[cell["status"]] += 1
            rows.append(
                {
                    "name": person.name or "",
                    "position": person.job_title or person.job_id.name or "",
                    "unit": person.department_id.name or "",
                    "cells": cells,
                }
            )
        _ = self.env._
        columns = self._column_titles(sets)
        totals_text = "; ".join(
            _(
                "%(title)s: %(eligible)s eligible, %(one_step)s one step away",
                title=title,
                eligible=total[ELIGIBLE],
                one_step=total[ONE_STEP],
            )
            for title, total in zip(columns, totals, strict=True)
        )
        return {
            "intro": _(
                "For each person of the unit and of the units below it, whether they meet each "
                "title's criteria in %(year)s, as the results were last computed: eligible, one "
                "step away (with what is missing) or not eligible; “–”: the criteria set does "
                "not apply to the person.",
                year=year,
            ),
            "totals_text": _("In total: %(totals)s.", totals=totals_text),
            "unit": unit,
            "unit_name": unit.name or "",
            "year": year,
            "columns": columns,
            "rows": rows,
            "totals": totals,
            "company": unit.company_id or self.env.company,
            "subtitle": self.env._("%(unit)s, year %(year)s", unit=unit.name, year=year),
            **self._overview_signature(unit),
        }

    @api.model
    def _overview_signature(self, unit):
        """Signed as the unit's papers are: by its head, in its name (a unit within the
        agency); the agency's own units by the company's signer."""
        company = unit.company_id or self.env.company
        signature = unit._emulation_paper_signature(company)
        if not signature["issuer"]:
            header = company._emulation_report_header()
            signature.update(
                signer_title_lines=header["signer_title_lines"], signer_name=header["signer_name"]
            )
        elif not signature["signer_title_lines"]:
            signature["signer_title_lines"] = [self.env._("Head of unit").upper()]
        return signature


class ReportOverviewLandscape(models.AbstractModel):
    """The overview on a landscape page, for many titles."""

    _name = "report.emulation_exemplar.report_overview_landscape"
    _inherit = "report.emulation_exemplar.report_overview"
    _description = "Overview of a unit's people by title (landscape)"
