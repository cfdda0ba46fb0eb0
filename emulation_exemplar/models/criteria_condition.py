from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..core import eligibility as rules
from .classification import CLASSIFICATION_LEVELS
from .initiative import INITIATIVE_LEVELS

CONDITION_KINDS = [
    (rules.AWARD_COUNT, "At least N awards of the given types"),
    (rules.INITIATIVE_COUNT, "At least N initiatives of a level or higher"),
    (rules.CLASSIFICATION_COUNT, "At least N years classified at a level or better"),
    (rules.CLASSIFICATION_EVERY_YEAR, "Every year of the period classified at a level or better"),
]


class EmulationCriteriaCondition(models.Model):
    _name = "emulation.criteria.condition"
    _inherit = ["emulation.criteria.part"]
    _description = "Exemplar criteria condition (all must hold)"
    _order = "alternative_id, sequence, id"

    alternative_id = fields.Many2one(
        "emulation.criteria.alternative", required=True, ondelete="cascade", index=True
    )
    set_id = fields.Many2one(related="alternative_id.set_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(CONDITION_KINDS, required=True, default=rules.AWARD_COUNT)
    min_count = fields.Integer(
        string="At least",
        default=1,
        help="How many awards, initiatives or years are needed. Ignored for “every year”.",
    )
    award_type_ids = fields.Many2many(
        "emulation.award.type",
        string="Award types",
        help="Awards of any of these types count.",
    )
    initiative_level = fields.Selection(
        INITIATIVE_LEVELS, string="Initiative level or higher", default="provincial"
    )
    applied_only = fields.Boolean(
        string="Only applied effectively",
        help="Count only initiatives recognised as applied effectively.",
    )
    classification_level = fields.Selection(
        CLASSIFICATION_LEVELS, string="Classified at least", default="good"
    )

    @api.constrains(
        "kind", "min_count", "award_type_ids", "initiative_level", "classification_level"
    )
    def _check_condition(self):
        for condition in self:
            if condition.kind != rules.CLASSIFICATION_EVERY_YEAR and condition.min_count < 1:
                raise ValidationError(
                    _(
                        "A condition needs a number of at least 1 (%(name)s).",
                        name=condition.display_name,
                    )
                )
            if condition.kind == rules.AWARD_COUNT and not condition.award_type_ids:
                raise ValidationError(
                    _(
                        "Choose the award types that count for the condition “%(name)s”.",
                        name=condition.display_name,
                    )
                )
            if condition.kind == rules.INITIATIVE_COUNT and not condition.initiative_level:
                raise ValidationError(_("Choose the initiative level of the condition."))
            if (
                condition.kind in (rules.CLASSIFICATION_COUNT, rules.CLASSIFICATION_EVERY_YEAR)
                and not condition.classification_level
            ):
                raise ValidationError(_("Choose the classification level of the condition."))

    def _label(self):
        """What the condition counts, in the environment's language."""
        self.ensure_one()
        if self.kind == rules.AWARD_COUNT:
            return " / ".join(self.award_type_ids.mapped("name"))
        if self.kind == rules.INITIATIVE_COUNT:
            level = dict(self._fields["initiative_level"]._description_selection(self.env))
            if self.applied_only:
                return _(
                    "initiative of %(level)s level or higher, applied effectively",
                    level=level.get(self.initiative_level, "").lower(),
                )
            return _(
                "initiative of %(level)s level or higher",
                level=level.get(self.initiative_level, "").lower(),
            )
        levels = dict(self._fields["classification_level"]._description_selection(self.env))
        return levels.get(self.classification_level, "").lower()

    def _to_rules(self):
        self.ensure_one()
        level = None
        if self.kind == rules.INITIATIVE_COUNT:
            level = self.initiative_level
        elif self.kind in (rules.CLASSIFICATION_COUNT, rules.CLASSIFICATION_EVERY_YEAR):
            level = self.classification_level
        return rules.Condition(
            kind=self.kind,
            min_count=self.min_count,
            award_type_ids=frozenset(self.award_type_ids.ids),
            level=level,
            applied_only=self.applied_only,
            label=self._label(),
            key=self.id,
        )

    @api.depends("kind", "min_count", "award_type_ids", "initiative_level", "classification_level")
    def _compute_display_name(self):
        for condition in self:
            if condition.kind == rules.CLASSIFICATION_EVERY_YEAR:
                condition.display_name = _(
                    "Every year classified %(label)s or better", label=condition._label()
                )
            elif condition.kind == rules.CLASSIFICATION_COUNT:
                condition.display_name = _(
                    "At least %(count)s years classified %(label)s or better",
                    count=condition.min_count,
                    label=condition._label(),
                )
            else:
                condition.display_name = _(
                    "At least %(count)s × %(label)s",
                    count=condition.min_count,
                    label=condition._label(),
                )
