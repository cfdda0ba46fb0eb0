from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..core import eligibility as rules
from .classification import CLASSIFICATION_LEVELS
from .discipline import DISCIPLINE_FORMS
from .initiative import INITIATIVE_LEVELS

CONDITION_KINDS = [
    (rules.AWARD_COUNT, "At least N awards of the given types"),
    (rules.INITIATIVE_COUNT, "At least N initiatives of a level or higher"),
    (rules.CLASSIFICATION_COUNT, "At least N years classified at a level or better"),
    (rules.CLASSIFICATION_EVERY_YEAR, "Every year of the period classified at a level or better"),
    (rules.AWARD_STREAK, "At least N consecutive years each with an award of the given types"),
    (rules.CLASSIFICATION_STREAK, "At least N consecutive years classified at a level or better"),
    (rules.MEMBER_RATIO, "At least P % of the unit's members qualify (units)"),
    (rules.MEMBER_COUNT, "At least N members hold an award of the given types (units)"),
    (rules.NO_DISCIPLINE, "No discipline of a form or heavier"),
]
MEMBER_BASES = [
    ("classification", "Classified at a level or better"),
    ("award", "Hold an award of the given types"),
]
# kinds that use each parameter
AWARD_KINDS = (rules.AWARD_COUNT, rules.AWARD_STREAK, rules.MEMBER_COUNT)
LEVEL_KINDS = (
    rules.CLASSIFICATION_COUNT,
    rules.CLASSIFICATION_EVERY_YEAR,
    rules.CLASSIFICATION_STREAK,
)
COUNTLESS_KINDS = (rules.CLASSIFICATION_EVERY_YEAR, rules.MEMBER_RATIO, rules.NO_DISCIPLINE)


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
    ratio = fields.Float(
        string="Share of members (%)",
        digits=(5, 2),
        default=70.0,
        help="For a unit: the percentage of its members (of the unit and the units below it) "
        "that must qualify in the evaluated year.",
    )
    member_basis = fields.Selection(
        MEMBER_BASES,
        string="A member qualifies when",
        default="award",
        help="Classified at the level of the condition or better that year, or holding an award "
        "of the condition's types that year.",
    )
    discipline_form = fields.Selection(
        DISCIPLINE_FORMS,
        string="Discipline form or heavier",
        default="reprimand",
        help="A discipline of this form, or of a heavier one, in the period fails the condition "
        "(for a unit: a discipline of any of its members).",
    )

    @api.constrains(
        "kind",
        "min_count",
        "award_type_ids",
        "initiative_level",
        "classification_level",
        "ratio",
        "member_basis",
        "discipline_form",
        "alternative_id",
    )
    def _check_condition(self):
        for condition in self:
            condition._check_parameters()
            condition._check_fits_set()

    def _check_parameters(self):
        kind = self.kind
        if kind not in COUNTLESS_KINDS and self.min_count < 1:
            raise ValidationError(
                _("A condition needs a number of at least 1 (%(name)s).", name=self.display_name)
            )
        needs_awards = kind in AWARD_KINDS or (
            kind == rules.MEMBER_RATIO and self.member_basis == "award"
        )
        if needs_awards and not self.award_type_ids:
            raise ValidationError(
                _(
                    "Choose the award types that count for the condition “%(name)s”.",
                    name=self.display_name,
                )
            )
        if kind == rules.INITIATIVE_COUNT and not self.initiative_level:
            raise ValidationError(_("Choose the initiative level of the condition."))
        needs_level = kind in LEVEL_KINDS or (
            kind == rules.MEMBER_RATIO and self.member_basis == "classification"
        )
        if needs_level and not self.classification_level:
            raise ValidationError(_("Choose the classification level of the condition."))
        if kind == rules.MEMBER_RATIO and not (0 < self.ratio <= 100 and self.member_basis):
            raise ValidationError(
                _(
                    "The condition “%(name)s” needs a share of members above 0 and at most 100 %% "
                    "and what makes a member qualify.",
                    name=self.display_name,
                )
            )
        if kind == rules.NO_DISCIPLINE and not self.discipline_form:
            raise ValidationError(_("Choose the discipline form of the condition."))

    def _check_fits_set(self):
        criteria_set = self.alternative_id.set_id
        if self.kind in rules.UNIT_CONDITION_KINDS and criteria_set.recipient_kind != "collective":
            raise ValidationError(
                _(
                    "The condition “%(name)s” is about a unit's members: it belongs in a criteria "
                    "set for collectives.",
                    name=self.display_name,
                )
            )
        if self.kind in (rules.AWARD_STREAK, rules.CLASSIFICATION_STREAK):
            if criteria_set.window == rules.WINDOW_ROLLING:
                length = criteria_set.window_years
            else:
                length = criteria_set.year_to - criteria_set.year_from + 1
            if self.min_count > length:
                raise ValidationError(
                    _(
                        "The condition “%(name)s” asks for %(count)s consecutive years, but the "
                        "criteria set looks at %(years)s years only: lengthen the window or "
                        "lower the number.",
                        name=self.display_name,
                        count=self.min_count,
                        years=length,
                    )
                )

    def _label(self):
        """What the condition counts, in the environment's language."""
        self.ensure_one()
        kind = self.kind
        levels = dict(self._fields["classification_level"]._description_selection(self.env))
        level = levels.get(self.classification_level, "").lower()
        awards = " / ".join(self.award_type_ids.mapped("name"))
        if kind in (rules.AWARD_COUNT, rules.AWARD_STREAK, rules.MEMBER_COUNT):
            return awards
        if kind == rules.MEMBER_RATIO:
            return awards if self.member_basis == "award" else level
        if kind == rules.NO_DISCIPLINE:
            forms = dict(self._fields["discipline_form"]._description_selection(self.env))
            return forms.get(self.discipline_form, "").lower()
        if kind == rules.INITIATIVE_COUNT:
            initiative_levels = dict(
                self._fields["initiative_level"]._description_selection(self.env)
            )
            if self.applied_only:
                return _(
                    "initiative of %(level)s level or higher, applied effectively",
                    level=initiative_levels.get(self.initiative_level, "").lower(),
                )
            return _(
                "initiative of %(level)s level or higher",
                level=initiative_levels.get(self.initiative_level, "").lower(),
            )
        return level

    def _to_rules(self):
        self.ensure_one()
        kind = self.kind
        level = None
        if kind == rules.INITIATIVE_COUNT:
            level = self.initiative_level
        elif kind in LEVEL_KINDS or (
            kind == rules.MEMBER_RATIO and self.member_basis == "classification"
        ):
            level = self.classification_level
        uses_awards = kind in AWARD_KINDS or (
            kind == rules.MEMBER_RATIO and self.member_basis == "award"
        )
        return rules.Condition(
            kind=kind,
            min_count=self.min_count,
            award_type_ids=frozenset(self.award_type_ids.ids) if uses_awards else frozenset(),
            level=level,
            applied_only=self.applied_only,
            label=self._label(),
            key=self.id,
            ratio=self.ratio if kind == rules.MEMBER_RATIO else 0.0,
            member_basis=self.member_basis if kind == rules.MEMBER_RATIO else None,
            form=self.discipline_form if kind == rules.NO_DISCIPLINE else None,
        )

    @api.depends(
        "kind",
        "min_count",
        "award_type_ids",
        "initiative_level",
        "classification_level",
        "ratio",
        "member_basis",
        "discipline_form",
    )
    def _compute_display_name(self):
        for condition in self:
            condition.display_name = condition._sentence()

    def _sentence(self):
        kind, count, label = self.kind, self.min_count, self._label()
        if kind == rules.CLASSIFICATION_EVERY_YEAR:
            return _("Every year classified %(label)s or better", label=label)
        if kind == rules.CLASSIFICATION_COUNT:
            return _(
                "At least %(count)s years classified %(label)s or better", count=count, label=label
            )
        if kind == rules.CLASSIFICATION_STREAK:
            return _(
                "At least %(count)s consecutive years classified %(label)s or better",
                count=count,
                label=label,
            )
        if kind == rules.AWARD_STREAK:
            return _("At least %(count)s consecutive years of %(label)s", count=count, label=label)
        if kind == rules.MEMBER_COUNT:
            return _("At least %(count)s members with %(label)s", count=count, label=label)
        if kind == rules.MEMBER_RATIO:
            ratio = ("%.2f" % (self.ratio or 0)).rstrip("0").rstrip(".")
            if self.member_basis == "classification":
                return _(
                    "At least %(ratio)s %% of the members classified %(label)s or better",
                    ratio=ratio,
                    label=label,
                )
            return _(
                "At least %(ratio)s %% of the members with %(label)s", ratio=ratio, label=label
            )
        if kind == rules.NO_DISCIPLINE:
            return _("No discipline of %(label)s or heavier", label=label)
        return _("At least %(count)s × %(label)s", count=count, label=label)
