"""The list of eligible advanced exemplars (and of those one step away): by criteria sets, or
for a campaign."""

from odoo import api, models

KIND_ORDER = {"collective": 0, "key_cadre": 1, "staff": 2}


def _history_order(record):
    return (record.year, record.decision_date or record.create_date.date(), record.id)


class ReportEmulationEligible(models.AbstractModel):
    """List of the eligible advanced exemplars, printed from the stored eligibility results
    (``emulation.eligibility``, the engine's verdicts, read as the user): one group per title and
    year evaluated, collectives first, with the way met and the history that counted. Printed
    from criteria sets, for a year (``data['year']``; by default each set's latest year with
    someone eligible); one paper for the whole selection."""

    _name = "report.emulation_exemplar.report_eligible"
    _inherit = "emulation.report.base"
    _description = "List of eligible advanced exemplars"
    _type_code = "DS"
    _with_candidates = False

    _docs_model = "emulation.criteria.set"

    @api.model
    def _paper_values(self, docs):
        year = (self.env.context.get("emulation_report_data") or {}).get("year")
        paper = self._rows_values(docs._eligible_list_rows(year))
        paper.update(record=False, company=docs[:1].company_id or self.env.company)
        return {"papers": [paper]}

    @api.model
    def _get_report_values(self, docids, data=None):
        # the year the officer picked travels in the report's data
        data = data if isinstance(data, dict) else {}
        year = data.get("year")
        report = self
        if isinstance(year, int) and not isinstance(year, bool):
            report = self.with_context(emulation_report_data={"year": year})
        return super(ReportEmulationEligible, report)._get_report_values(docids, data=data)

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the list of eligible exemplars: it "
            "shows personnel judgements on everyone."
        )

    @api.model
    def _rows_values(self, rows, with_candidates=None):
        """The tables of the paper from result rows: one group per criteria set and year,
        collectives first, the latest year first."""
        if with_candidates is None:
            with_candidates = self._with_candidates
        Set = self.env["emulation.criteria.set"]
        kinds = dict(Set._fields["recipient_kind"]._description_selection(self.env))
        grouped = rows.grouped(lambda r: (r.criteria_set_id, r.year))
        order = sorted(
            grouped,
            key=lambda key: (
                KIND_ORDER.get(key[0].recipient_kind, 9),
                -key[1],
                key[0].sequence,
                key[0].id,
            ),
        )
        groups = []
        for criteria_set, year in order:
            group_rows = grouped[(criteria_set, year)]
            eligible = group_rows.filtered("eligible")
            candidates = group_rows.browse()
            if with_candidates:
                candidates = group_rows.filtered(lambda r: not r.eligible and r.missing == 1)
            title = criteria_set.award_type_id.name or criteria_set.name
            groups.append(
                {
                    "criteria_set": criteria_set,
                    "year": year,
                    "kind": criteria_set.recipient_kind,
                    "kind_label": kinds.get(criteria_set.recipient_kind, ""),
                    "heading": self.env._(
                        "%(kind)s – %(title)s, %(year)s",
                        kind=kinds.get(criteria_set.recipient_kind, ""),
                        title=title,
                        year=year,
                    ),
                    "eligible": [
                        dict(self._person_row(row), items=self._counted_items(row))
                        for row in self._sorted_rows(eligible)
                    ],
                    "candidates": [
                        dict(self._person_row(row), items=[], missing=row.missing_text or "")
                        for row in self._sorted_rows(candidates)
                    ],
                }
            )
        years = {group["year"] for group in groups}
        return {
            "groups": groups,
            "with_candidates": with_candidates,
            "subtitle": False,
            "period_subtitle": (
                self.env._("Year %(year)s", year=years.pop()) if len(years) == 1 else ""
            ),
        }

    @api.model
    def _sorted_rows(self, rows):
        """By unit and name; on the same result (eligible or not, the same items missing),
        women first (Decree 152/2025/NĐ-CP, art. 4(6))."""
        return rows.sorted(
            lambda r: (
                (r.unit_id.name or "").lower() if r.employee_id else "",
                (r.recipient_name or "").lower(),
            )
        )._women_first_ranked(lambda r: (r.eligible, -r.missing))

    @api.model
    def _person_row(self, row):
        if row.department_id:
            unit = row.department_id.parent_id.name or ""
            name, position = row.department_id.name, ""
        else:
            person = row.employee_id
            name, unit, position = person.name, person.department_id.name or "", person.job_title
        return {
            "record": row,
            "name": name,
            "unit": unit,
            "position": position or "",
            "path": row.alternative_id.name or "",
        }

    @api.model
    def _counted_items(self, row):
        """The history records that the row counted (its awards, initiatives and
        classifications), read as the user: what decided, each record once."""
        lines = [self._award_text(award) for award in row.award_ids.sorted(_history_order)]
        lines += [
            self._initiative_text(initiative)
            for initiative in row.initiative_ids.sorted(_history_order)
        ]
        if row.classification_ids:
            lines.append(self._classification_text(row.classification_ids.sorted("year")))
        return lines

    @api.model
    def _decision_text(self, number, date):
        if number and date:
            return self.env._(
                "decision %(number)s of %(date)s", number=number, date=self._format_date(date)
            )
        if number:
            return self.env._("decision %(number)s", number=number)
        if date:
            return self.env._("decision of %(date)s", date=self._format_date(date))
        return ""

    @api.model
    def _award_text(self, award):
        decision = self._decision_text(award.decision_number, award.decision_date)
        if decision:
            return self.env._(
                "%(award)s (%(year)s), %(decision)s",
                award=award.award_type_id.name,
                year=award.year,
                decision=decision,
            )
        return self.env._("%(award)s (%(year)s)", award=award.award_type_id.name, year=award.year)

    @api.model
    def _initiative_text(self, initiative):
        decision = self._decision_text(initiative.decision_number, initiative.decision_date)
        values = {
            "name": initiative.name,
            "level": self._selection_label(initiative, "level").lower(),
            "year": initiative.year,
            "decision": decision,
        }
        if decision:
            return self.env._(
                "Initiative “%(name)s”, %(level)s level (%(year)s), %(decision)s", **values
            )
        return self.env._("Initiative “%(name)s”, %(level)s level (%(year)s)", **values)

    @api.model
    def _classification_text(self, lines):
        years = ", ".join(
            "%s: %s" % (line.year, self._selection_label(line, "level").lower()) for line in lines
        )
        return self.env._("Classified %(years)s", years=years)


class ReportEmulationEligibleCandidates(models.AbstractModel):
    """The same list, followed by the people and units one step away and what they miss."""

    _name = "report.emulation_exemplar.report_eligible_candidates"
    _inherit = "report.emulation_exemplar.report_eligible"
    _description = "List of eligible advanced exemplars and of those one step away"
    _with_candidates = True


class ReportEmulationEligibleCampaign(models.AbstractModel):
    """The list of eligible exemplars of a campaign: by the campaign's criteria sets, or by the
    active ones of its company when it names none."""

    _name = "report.emulation_exemplar.report_eligible_campaign"
    _inherit = "report.emulation_exemplar.report_eligible"
    _description = "List of eligible advanced exemplars of a campaign"

    _docs_model = "emulation.campaign"

    @api.model
    def _paper_values(self, docs):
        papers = []
        year = (self.env.context.get("emulation_report_data") or {}).get("year")
        for campaign in docs:
            paper = self._rows_values(campaign._eligible_list_rows(year))
            paper.update(
                record=campaign, company=campaign.company_id, subtitle=campaign.display_name
            )
            papers.append(paper)
        return {"papers": papers}


class ReportEmulationEligibleCampaignCandidates(models.AbstractModel):
    _name = "report.emulation_exemplar.report_eligible_campaign_candidates"
    _inherit = "report.emulation_exemplar.report_eligible_campaign"
    _description = "List of eligible advanced exemplars of a campaign and of those one step away"
    _with_candidates = True


class ReportEmulationEligibleRows(models.AbstractModel):
    """The list printed from a selection of results (Exemplars › People / Units)."""

    _name = "report.emulation_exemplar.report_eligible_rows"
    _inherit = "report.emulation_exemplar.report_eligible"
    _description = "List of eligible advanced exemplars of selected results"

    _docs_model = "emulation.eligibility"

    @api.model
    def _paper_values(self, docs):
        paper = self._rows_values(docs, with_candidates=not all(docs.mapped("eligible")))
        paper.update(record=False, company=docs[:1].company_id or self.env.company)
        return {"papers": [paper]}
