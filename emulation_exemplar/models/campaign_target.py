from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..core import roadmap
from .nomination import STAGE_LABELS

# the stages a target can ask for: the roadmap's stages on the way (not dropped)
TARGET_STAGES = [(stage, STAGE_LABELS[stage]) for stage in roadmap.TARGET_STAGES]


class EmulationCampaignTarget(models.Model):
    _name = "emulation.campaign.target"
    _inherit = ["emulation.list.mixin"]
    _description = "Campaign target"
    _order = "campaign_id, year, sequence, id"

    campaign_id = fields.Many2one(
        "emulation.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    year = fields.Integer(
        aggregator=False,
        help="The year the target is for; leave empty for the whole period. Nominations count "
        "for the year they were detected in.",
    )
    stage = fields.Selection(
        TARGET_STAGES,
        string="Stage reached",
        required=True,
        default="registered",
        help="Nominations that reached this stage or a later one count (dropped ones do not).",
    )
    min_count = fields.Integer(string="At least", default=1)
    max_count = fields.Integer(string="At most", help="Leave 0 for no maximum.")
    label = fields.Char(
        string="Description", help="e.g. models and exemplars detected and registered"
    )
    achieved_count = fields.Integer(string="Achieved", compute="_compute_achieved")
    target_status = fields.Selection(
        [("below", "Below target"), ("met", "Met"), ("above", "Above target")],
        string="Status",
        compute="_compute_achieved",
    )

    @api.constrains("min_count", "max_count")
    def _check_counts(self):
        for target in self:
            if target.min_count < 0 or (target.max_count and target.max_count < target.min_count):
                raise ValidationError(
                    _(
                        "The target %(name)s is not valid: the maximum must be 0 (no maximum) or "
                        "at least the minimum.",
                        name=target.display_name,
                    )
                )

    @api.constrains("year", "campaign_id")
    def _check_year(self):
        for target in self:
            campaign = target.campaign_id
            if target.year and not campaign._holds_year(target.year):
                raise ValidationError(
                    _(
                        "The target year %(year)s is outside the campaign period "
                        "%(first)s–%(last)s.",
                        year=target.year,
                        first=campaign.year_from,
                        last=campaign.year_to,
                    )
                )

    @api.depends("year", "stage", "min_count", "max_count", "label")
    def _compute_display_name(self):
        for target in self:
            target.display_name = target._describe()

    def _describe(self, with_year=True):
        """e.g. "2021: 4–5 models and exemplars registered" (the label, or the stage)."""
        self.ensure_one()
        span = (
            f"{self.min_count}–{self.max_count}"
            if self.max_count and self.max_count != self.min_count
            else str(self.min_count)
        )
        what = self.label or dict(self._fields["stage"]._description_selection(self.env)).get(
            self.stage, ""
        )
        if with_year and self.year:
            return f"{self.year}: {span} {what}"
        return f"{span} {what}"

    @api.depends("year", "stage", "min_count", "max_count", "campaign_id.nomination_ids.stage")
    def _compute_achieved(self):
        counts = defaultdict(lambda: defaultdict(int))  # {campaign id: {(year, stage): count}}
        campaigns = self.campaign_id.filtered("id")
        if campaigns:
            for campaign, year, stage, count in self.env["emulation.nomination"]._read_group(
                [("campaign_id", "in", campaigns.ids)],
                ["campaign_id", "year", "stage"],
                ["__count"],
            ):
                counts[campaign.id][(year, stage)] += count
        for target in self:
            achieved = sum(
                count
                for (year, stage), count in counts[target.campaign_id.id].items()
                if (not target.year or year == target.year)
                and roadmap.stage_reached(stage, target.stage)
            )
            target.achieved_count = achieved
            target.target_status = roadmap.target_status(
                achieved, target.min_count, target.max_count
            )
