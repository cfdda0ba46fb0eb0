"""The progress and review report of a campaign."""

from collections import defaultdict

from odoo import api, models


class ReportEmulationCampaign(models.AbstractModel):
    """Progress and review report of a campaign: milestones, nominations per stage against the
    targets with each exemplar's propagation, and the figures per year."""

    _name = "report.emulation_exemplar.report_campaign"
    _inherit = "emulation.report.base"
    _description = "Campaign progress and review report"
    _type_code = "BC"

    _docs_model = "emulation.campaign"

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the progress report of a campaign: it counts "
            "every nomination, and other users see only some of them."
        )

    @api.model
    def _paper_values(self, docs):
        return {"campaigns": self._campaign_values(docs)}

    @api.model
    def _campaign_values(self, campaigns):
        """{campaign id: values}, read as the user (only the records they may read), in a few
        searches and grouped reads for all campaigns."""
        result = {
            campaign.id: {
                "info": [],
                "milestones": [],
                "stages": [],
                "targets": [],
                "nominations": [],
                "years": [],
            }
            for campaign in campaigns
        }
        if not campaigns:
            return result
        Milestone = self.env["emulation.campaign.milestone"]
        for milestone in Milestone.search(
            [("campaign_id", "in", campaigns.ids)], order="year, deadline, sequence, id"
        ):
            result[milestone.campaign_id.id]["milestones"].append(milestone)
        Nomination = self.env["emulation.nomination"]
        per_stage = defaultdict(dict)
        for campaign, stage, count in Nomination._read_group(
            [("campaign_id", "in", campaigns.ids)], ["campaign_id", "stage"], ["__count"]
        ):
            per_stage[campaign.id][stage] = count
        nominations = Nomination.search(
            [("campaign_id", "in", campaigns.ids)], order="year, nominee_kind, name, id"
        )
        propagations = defaultdict(list)
        for line in self.env["emulation.nomination.propagation"].search(
            [("nomination_id", "in", nominations.ids)], order="date, id"
        ):
            propagations[line.nomination_id.id].append(line)
        for nomination in nominations:
            result[nomination.campaign_id.id]["nominations"].append(
                {
                    "nomination": nomination,
                    "unit": nomination.unit_id.name or "",
                    "propagation": [
                        self._propagation_text(line) for line in propagations[nomination.id]
                    ],
                }
            )
        targets = defaultdict(list)
        for target in self.env["emulation.campaign.target"].search(
            [("campaign_id", "in", campaigns.ids)]
        ):
            targets[target.campaign_id.id].append(target)
        for campaign in campaigns:
            values = result[campaign.id]
            values["info"] = self._campaign_info(campaign)
            if campaign.state == "closed":
                values["subtitle"] = self.env._(
                    "Final review of the plan %(plan)s", plan=campaign.display_name
                )
            else:
                values["subtitle"] = self.env._(
                    "Results of carrying out the plan %(plan)s", plan=campaign.display_name
                )
            by_stage = defaultdict(list)
            for target in targets[campaign.id]:
                by_stage[target.stage].append(target)
            values["stages"] = [
                {
                    "stage": stage,
                    "label": label,
                    "count": count,
                    "reached": "" if stage == "dropped" else reached,
                    "targets": by_stage.get(stage, []),
                }
                for stage, label, count, reached in campaign._stage_figures(per_stage[campaign.id])
            ]
            values["targets"] = targets[campaign.id]
            values["years"] = self._year_figures(campaign, targets[campaign.id])
        return result

    @api.model
    def _campaign_info(self, campaign):
        info = [
            (self.env._("Plan"), campaign.display_name),
            (self.env._("Issued on"), self._format_date(campaign.issue_date)),
            (self.env._("Period"), "%s–%s" % (campaign.year_from, campaign.year_to)),
            (self.env._("Responsible unit"), campaign.department_id.name),
            (self.env._("Responsible"), campaign.user_id.name),
            (self.env._("State"), self._selection_label(campaign, "state")),
            (
                self.env._("Registration deadline"),
                self._format_date(campaign.registration_deadline),
            ),
            (
                self.env._("Criteria sets"),
                ", ".join(campaign.criteria_set_ids.mapped("display_name")),
            ),
        ]
        return [(label, value) for label, value in info if value]

    @api.model
    def _propagation_text(self, line):
        parts = [self._format_date(line.date), self._selection_label(line, "kind")]
        if line.channel:
            parts.append(line.channel)
        return " – ".join(part for part in parts if part)

    @api.model
    def _year_figures(self, campaign, targets):
        """Per year of the period: what the plan asked and what was done, with the figures of
        the statistics (awards and titles, people classified excellent, exemplars)."""
        progress = campaign._progress_by_year()
        years = list(range(campaign.year_from, campaign.year_to + 1))
        domain = [("company_id", "=", campaign.company_id.id), ("year", "in", years)]
        awards = dict(self.env["emulation.award"]._read_group(domain, ["year"], ["__count"]))
        excellent = dict(
            self.env["emulation.classification"]._read_group(
                [*domain, ("recipient_type", "=", "individual")],
                ["year"],
                ["excellent_count:sum"],
            )
        )
        rows = []
        for year in years:
            figures = progress.get(year, {})
            rows.append(
                {
                    "year": year,
                    "targets": [t.display_name for t in targets if t.year == year],
                    "milestones": figures.get("milestones", 0),
                    "done": figures.get("milestones_done", 0),
                    "late": figures.get("milestones_late", 0),
                    "overdue": figures.get("milestones_overdue", 0),
                    "detected": figures.get("detected", 0),
                    "registered": figures.get("registered", 0),
                    "awards": awards.get(year, 0),
                    "excellent": excellent.get(year) or 0,
                }
            )
        return rows
