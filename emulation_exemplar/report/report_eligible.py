"""The list of eligible advanced exemplars (and of those one step away): by criteria sets, or
for a campaign."""

import dataclasses
from collections import defaultdict

from odoo import api, models

KIND_ORDER = {"collective": 0, "key_cadre": 1, "staff": 2}


class ReportEmulationEligible(models.AbstractModel):
    """List of the eligible advanced exemplars of one or more criteria sets: collectives, key
    cadres and staff each in a table, with the path met and the awards, titles, initiatives and
    classifications that counted. One paper for the whole selection."""

    _name = "report.emulation_exemplar.report_eligible"
    _inherit = "emulation.report.base"
    _description = "List of eligible advanced exemplars"
    _type_code = "DS"
    _with_candidates = False

    _docs_model = "emulation.criteria.set"

    @api.model
    def _paper_values(self, docs):
        paper = self._eligible_values(docs)
        paper.update(record=False, company=docs[:1].company_id or self.env.company)
        return {"papers": [paper]}

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the list of eligible exemplars: it "
            "shows personnel judgements on everyone."
        )

    @api.model
    def _eligible_values(self, criteria_sets, with_candidates=None, company=None):
        """The tables of the paper: one group per criteria set, collectives first; with
        ``company``, only that company's people and units."""
        self._check_print_right(criteria_sets)
        if with_candidates is None:
            with_candidates = self._with_candidates
        criteria_sets = criteria_sets.sorted(
            lambda s: (KIND_ORDER.get(s.recipient_kind, 9), -s.year_from, s.sequence, s.id)
        )
        kinds = dict(criteria_sets._fields["recipient_kind"]._description_selection(self.env))
        groups = []
        for criteria_set in criteria_sets:
            domain = criteria_set._applicable_domain()
            if company:
                domain = [*domain, ("company_id", "in", [company.id, False])]
            population = criteria_set._recipient_model().search(domain)
            evaluations = criteria_set._evaluate(population)
            eligible = population.filtered(lambda r, ev=evaluations: ev[r.id].eligible)
            candidates = population.browse()
            if with_candidates:
                candidates = population.filtered(
                    lambda r, ev=evaluations: not ev[r.id].eligible and ev[r.id].missing == 1
                )
            items = self._counted_items(criteria_set, eligible, evaluations)
            groups.append(
                {
                    "criteria_set": criteria_set,
                    "kind": criteria_set.recipient_kind,
                    "kind_label": kinds.get(criteria_set.recipient_kind, ""),
                    "period": "%s–%s" % (criteria_set.year_from, criteria_set.year_to),
                    "eligible": [
                        self._person_row(record, evaluations[record.id], items[record.id])
                        for record in self._sorted_recipients(eligible)
                    ],
                    "candidates": [
                        dict(
                            self._person_row(record, evaluations[record.id], []),
                            missing=self._missing_text(criteria_set, evaluations[record.id]),
                        )
                        for record in self._sorted_recipients(candidates)
                    ],
                }
            )
        periods = {group["period"] for group in groups}
        return {
            "groups": groups,
            "with_candidates": with_candidates,
            "subtitle": False,
            "period_subtitle": (
                self.env._("Period %(period)s", period=periods.pop()) if len(periods) == 1 else ""
            ),
        }

    @api.model
    def _sorted_recipients(self, records):
        if records._name == "hr.department":
            return records.sorted(lambda d: (d.complete_name or "").lower())
        return records.sorted(lambda e: ((e.department_id.name or "").lower(), e.name.lower()))

    @api.model
    def _person_row(self, record, evaluation, items):
        if record._name == "hr.department":
            unit, position = record.parent_id.name or "", ""
        else:
            unit, position = record.department_id.name or "", record.job_title or ""
        return {
            "record": record,
            "name": record.name,
            "unit": unit,
            "position": position,
            "path": evaluation.path or "",
            "items": items,
        }

    @api.model
    def _missing_text(self, criteria_set, evaluation):
        """What the nearest alternatives still miss, without the conditions already met."""
        nearest = tuple(
            dataclasses.replace(result, conditions=tuple(c for c in result.conditions if not c.met))
            for result in evaluation.alternatives
            if result.conditions and result.missing == evaluation.missing
        )
        text = criteria_set._explain(dataclasses.replace(evaluation, alternatives=nearest))
        return "\n".join(text.splitlines()[1:]).strip()

    @api.model
    def _counted_items(self, criteria_set, records, evaluations):
        """{record id: [text, ...]}: the awards, initiatives and classifications of the met
        alternative, in a few searches for all records (as the user: only what they may read)."""
        items = defaultdict(list)
        if not records:
            return items
        owner = "department_id" if records._name == "hr.department" else "employee_id"
        period = [
            ("year", ">=", criteria_set.year_from),
            ("year", "<=", criteria_set.year_to),
        ]
        order = "year, decision_date, id"
        awards = defaultdict(list)
        for award in self.env["emulation.award"].search(
            [*period, (owner, "in", records.ids)], order=order
        ):
            awards[award[owner].id].append(award)
        classifications = defaultdict(list)
        for line in self.env["emulation.classification"].search(
            [*period, (owner, "in", records.ids)], order=order
        ):
            classifications[line[owner].id].append(line)
        initiatives = defaultdict(list)
        if owner == "employee_id":
            for initiative in self.env["emulation.initiative"].search(
                [*period, ("employee_ids", "in", records.ids)], order=order
            ):
                for author in initiative.employee_ids:
                    initiatives[author.id].append(initiative)
        for record in records:
            evaluation = evaluations[record.id]
            met = next((a for a in evaluation.alternatives if a.met), None)
            if met:
                items[record.id] = self._met_items(
                    met,
                    awards[record.id],
                    initiatives[record.id],
                    classifications[record.id],
                )
        return items

    @api.model
    def _met_items(self, met, awards, initiatives, classifications):
        """The lines of the history records that count for the met alternative ``met`` of one
        recipient, each record once: the kind of each condition says which records count."""
        counted = self.env["emulation.eligibility"]._history_counted
        seen = set()
        lines = []
        for result in met.conditions:
            conditions = (result.condition,)
            for award in awards:
                if award not in seen and counted(award, conditions):
                    seen.add(award)
                    lines.append(self._award_text(award))
            for initiative in initiatives:
                if initiative not in seen and counted(initiative, conditions):
                    seen.add(initiative)
                    lines.append(self._initiative_text(initiative))
            years = [
                line for line in classifications if line not in seen and counted(line, conditions)
            ]
            if years:
                seen.update(years)
                lines.append(self._classification_text(years))
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
        for campaign in docs:
            paper = self._eligible_values(
                self._campaign_criteria_sets(campaign), company=campaign.company_id
            )
            paper.update(
                record=campaign, company=campaign.company_id, subtitle=campaign.display_name
            )
            papers.append(paper)
        return {"papers": papers}

    @api.model
    def _campaign_criteria_sets(self, campaign):
        if campaign.criteria_set_ids:
            return campaign.criteria_set_ids
        sets = self.env["emulation.criteria.set"].search(
            [("active", "=", True), ("company_id", "in", [campaign.company_id.id, False])]
        )
        chosen = {}
        for criteria_set in sets.sorted(lambda s: bool(not s.company_id)):  # the company's first
            chosen.setdefault(criteria_set.recipient_kind, criteria_set)
        return sets.browse([s.id for s in chosen.values()])


class ReportEmulationEligibleCampaignCandidates(models.AbstractModel):
    _name = "report.emulation_exemplar.report_eligible_campaign_candidates"
    _inherit = "report.emulation_exemplar.report_eligible_campaign"
    _description = "List of eligible advanced exemplars of a campaign and of those one step away"
    _with_candidates = True
