from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..core import eligibility as rules
from .classification import CLASSIFICATION_LEVELS
from .discipline import DISCIPLINE_FORMS
from .initiative import INITIATIVE_LEVELS

MEMBER_BASES = [
    ("classification", "Classified at a level or better"),
    ("award", "Hold an award of the given types"),
]


class EmulationCriteriaCondition(models.Model):
    """A condition of an alternative. Everything that depends on its kind (the parameters it
    uses, their checks, its sentence, what the engine evaluates) comes from the kind's class in
    the rule core (``core/kinds.py``); the ``uses_*`` fields tell the views which parameters to
    show and require."""

    _name = "emulation.criteria.condition"
    _inherit = ["emulation.criteria.part"]
    _description = "Exemplar criteria condition (all must hold)"
    _order = "alternative_id, sequence, id"

    alternative_id = fields.Many2one(
        "emulation.criteria.alternative", required=True, ondelete="cascade", index=True
    )
    set_id = fields.Many2one(related="alternative_id.set_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(rules.kind_selection(), required=True, default=rules.AWARD_COUNT)
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
    any_award_method = fields.Boolean(
        string="Any method",
        help="Count awards of every method (sudden, thematic, contribution...). Left unticked, "
        "only regular (merit-based) awards count: Decree 152/2025/NĐ-CP, art. 4(3), says the "
        "results of commendation for sudden achievements and of thematic emulation are no "
        "basis for merit-based commendation.",
    )
    # which parameters the kind uses (rules.ConditionKind.uses): the views show those, and
    # require those the rule core marks required; one field per rules.PARAMETERS
    uses_min_count = fields.Boolean(compute="_compute_uses", string="Uses a number")
    uses_award_type_ids = fields.Boolean(compute="_compute_uses", string="Uses award types")
    uses_initiative_level = fields.Boolean(
        compute="_compute_uses", string="Uses an initiative level"
    )
    uses_applied_only = fields.Boolean(
        compute="_compute_uses", string="Uses “only applied effectively”"
    )
    uses_classification_level = fields.Boolean(
        compute="_compute_uses", string="Uses a classification level"
    )
    uses_ratio = fields.Boolean(compute="_compute_uses", string="Uses a share of members")
    uses_member_basis = fields.Boolean(
        compute="_compute_uses", string="Uses what makes a member qualify"
    )
    uses_discipline_form = fields.Boolean(compute="_compute_uses", string="Uses a discipline form")
    uses_any_award_method = fields.Boolean(compute="_compute_uses", string="Uses “any method”")

    def _kind(self):
        """The rule core's class of this condition's kind (``None`` without a kind)."""
        return rules.KINDS.get(self.kind)

    def _parameter_values(self):
        """{parameter name: value} of :data:`rules.PARAMETERS`, award types as their ids."""
        self.ensure_one()
        values = {name: self[name] for name in rules.PARAMETER_NAMES}
        values["award_type_ids"] = tuple(self.award_type_ids.ids)
        return values

    def _gettext(self):
        return self.env["hr.employee"]._exemplar_gettext(self.env.lang)

    @api.depends("kind", *rules.PARAMETER_NAMES)
    def _compute_uses(self):
        for condition in self:
            kind = condition._kind()
            uses = kind.uses(condition._parameter_values()) if kind else ()
            for name in rules.PARAMETER_NAMES:
                condition["uses_" + name] = name in uses

    @api.constrains("kind", "alternative_id", *rules.PARAMETER_NAMES)
    def _check_condition(self):
        for condition in self:
            condition._check_parameters()
            condition._check_fits_set()

    def _check_parameters(self):
        kind = self._kind()
        if not kind:
            return
        problem = kind.check(
            self._parameter_values(), name=self.display_name, gettext=self._gettext()
        )
        if problem:
            raise ValidationError(problem)

    def _check_fits_set(self):
        kind = self._kind()
        if not kind:
            return
        criteria_set = self.alternative_id.set_id
        if criteria_set.window == rules.WINDOW_ROLLING:
            years = criteria_set.window_years
        else:
            years = criteria_set.year_to - criteria_set.year_from + 1
        problem = kind.check_fits(
            self._parameter_values(),
            collective=criteria_set.recipient_kind == "collective",
            years=years,
            name=self.display_name,
            gettext=self._gettext(),
        )
        if problem:
            raise ValidationError(problem)

    def _label(self):
        """What the condition counts, in the environment's language."""
        self.ensure_one()
        kind = self._kind()
        if not kind:
            return ""
        labels = {
            name: {
                key: label.lower()
                for key, label in self._fields[name]._description_selection(self.env)
            }
            for name in rules.PARAMETER_NAMES
            if self._fields[name].type == "selection"
        }
        return kind.describe(
            self._parameter_values(),
            awards=" / ".join(self.award_type_ids.mapped("name")),
            labels=labels,
            gettext=self._gettext(),
        )

    def _to_rules(self):
        self.ensure_one()
        return rules.kind_of(self.kind).condition(
            self._parameter_values(), label=self._label(), key=self.id
        )

    @api.depends("kind", *rules.PARAMETER_NAMES)
    @api.depends_context("lang")
    def _compute_display_name(self):
        for condition in self:
            condition.display_name = condition._sentence()

    def _sentence(self):
        kind = self._kind()
        if not kind:
            return ""
        return kind.sentence(self._parameter_values(), self._label(), gettext=self._gettext())
