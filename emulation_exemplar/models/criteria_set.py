from typing import NamedTuple

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..core import eligibility as rules


class SetRules(NamedTuple):
    """An active criteria set as the engine uses it."""

    id: int
    recipient_kind: str
    company_id: int
    award_type_id: int
    criteria: rules.Criteria


RECIPIENT_KINDS = [
    ("collective", "Collectives (units)"),
    ("key_cadre", "Key cadres"),
    ("staff", "Non-leadership staff"),
    ("individual", "All individuals"),
]
# the employee categories each recipient kind covers
INDIVIDUAL_KINDS = {
    "key_cadre": ("key_cadre",),
    "staff": ("staff",),
    "individual": ("key_cadre", "staff"),
}
WINDOWS = [
    (rules.WINDOW_FIXED, "Fixed period"),
    (rules.WINDOW_ROLLING, "Rolling window"),
]


class EmulationCriteriaSet(models.Model):
    _name = "emulation.criteria.set"
    _inherit = ["mail.thread", "emulation.list.mixin"]
    _description = "Exemplar criteria set"
    _order = "year_from desc, recipient_kind, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    recipient_kind = fields.Selection(
        RECIPIENT_KINDS,
        string="Applies to",
        required=True,
        tracking=True,
        help="Collectives are units; key cadres are leaders and core staff; non-leadership staff "
        "is everyone else. An employee's category is on the employee form.",
    )
    year_from = fields.Integer(
        string="From year",
        required=True,
        tracking=True,
        aggregator=False,
        default=lambda self: fields.Date.context_today(self).year,
    )
    year_to = fields.Integer(
        string="To year",
        required=True,
        tracking=True,
        aggregator=False,
        default=lambda self: fields.Date.context_today(self).year + 4,
        help="Only awards, classifications and initiatives whose year lies within the period, "
        "both years included, count.",
    )
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="Only one active set per recipient kind and company is used to compute eligibility.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty for a set that applies to every company without a set of its own.",
    )
    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Qualifies for",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="The emulation title or form of commendation this set decides. Leave empty for the "
        "advanced exemplar criteria of the plan (its people and units are the exemplars).",
    )
    window = fields.Selection(
        WINDOWS,
        required=True,
        default=rules.WINDOW_FIXED,
        tracking=True,
        help="Fixed period: the history of the whole period counts, and there is one result per "
        "recipient (an exemplar plan). Rolling window: each year of the period is evaluated on "
        "the years of the window ending that year (the Law's titles: “2 consecutive years”).",
    )
    window_years = fields.Integer(
        string="Window (years)",
        default=1,
        tracking=True,
        aggregator=False,
        help="For a rolling window: how many years, ending at the evaluated year, count.",
    )
    alternative_ids = fields.One2many(
        "emulation.criteria.alternative", "set_id", string="Alternatives", copy=True
    )
    human_criteria = fields.Text(
        string="Criteria judged by people",
        translate=True,
        help="One criterion per line. They are not computed: they become the checklist an officer "
        "ticks on each nomination.",
    )
    description = fields.Text(translate=True)
    short_name = fields.Char(
        compute="_compute_short_name",
        help="The name of the title or form of commendation the set decides (the set's own name "
        "when it decides none): what a list column shows.",
    )

    @api.constrains("year_from", "year_to")
    def _check_period(self):
        for criteria_set in self:
            if not 1945 <= criteria_set.year_from <= criteria_set.year_to <= 2200:
                raise ValidationError(
                    _(
                        "The period of %(name)s is not valid: the first year must not be after "
                        "the last year.",
                        name=criteria_set.name,
                    )
                )

    @api.constrains("window", "window_years", "year_from", "year_to", "recipient_kind")
    def _check_window(self):
        for criteria_set in self:
            for condition in criteria_set.alternative_ids.condition_ids:
                condition._check_fits_set()
            if criteria_set.window == rules.WINDOW_ROLLING and not (
                1 <= criteria_set.window_years <= 50
            ):
                raise ValidationError(
                    _(
                        "The rolling window of %(name)s needs a number of years between 1 and 50.",
                        name=criteria_set.name,
                    )
                )

    def _overlapping_kinds(self):
        """Recipient kinds whose people or units this set's kind also covers."""
        self.ensure_one()
        if self.recipient_kind == "collective":
            return ["collective"]
        if self.recipient_kind == "individual":
            return ["individual", "key_cadre", "staff"]
        return ["individual", self.recipient_kind]

    @api.constrains("active", "recipient_kind", "company_id", "award_type_id")
    def _check_one_active(self):
        for criteria_set in self.filtered("active"):
            # as superuser: the clash may be with a set of another company the caller cannot
            # read; the message then names it by its kind only
            other = self.sudo().search(
                [
                    ("id", "!=", criteria_set.id),
                    ("recipient_kind", "in", criteria_set._overlapping_kinds()),
                    ("company_id", "=", criteria_set.company_id.id),
                    ("award_type_id", "=", criteria_set.award_type_id.id),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    _(
                        "%(other)s is already the active criteria set for %(kind)s. Archive it "
                        "before activating %(name)s.",
                        other=other.display_name,
                        kind=dict(self._fields["recipient_kind"]._description_selection(self.env))[
                            criteria_set.recipient_kind
                        ],
                        name=criteria_set.display_name,
                    )
                )

    @api.depends("name", "award_type_id.name")
    def _compute_short_name(self):
        for criteria_set in self:
            criteria_set.short_name = criteria_set.award_type_id.name or criteria_set.name or ""

    @api.depends("name", "year_from", "year_to", "short_name")
    @api.depends_context("emulation_short_name")
    def _compute_display_name(self):
        """The name and period; with the context key ``emulation_short_name`` (a list column,
        where the long names of the Law's sets are cut to the same first words), the short
        name alone."""
        short = self.env.context.get("emulation_short_name")
        for criteria_set in self:
            if short:
                criteria_set.display_name = criteria_set.short_name
                continue
            criteria_set.display_name = "%s (%s–%s)" % (
                criteria_set.name or "",
                criteria_set.year_from or "",
                criteria_set.year_to or "",
            )

    def _creation_message(self):
        """The "created" note of the chatter, in the language of whoever creates the set. A
        set of the module's data files is created while the module installs, without a
        language (core writes its note in English): its note is written in the database's
        language, the administrator's, which is the one its users read (issue 25). The text
        is the module's own, so that it is translated as soon as the module's files are read
        (the model's name is translated only once the module is installed)."""
        self.ensure_one()
        lang = self.env.context.get("lang")
        if not lang and self.env.context.get("install_module"):
            admin = self.env.ref("base.user_admin", raise_if_not_found=False)
            lang = admin.sudo().lang if admin else None
        env = self.with_context(lang=lang or self.env.lang).env
        return env._("Criteria set created")

    # ------------------------------------------------------------------ evaluation API
    def _to_rules(self):
        """This set as the rule core's Criteria (labels in the environment's language)."""
        self.ensure_one()
        return rules.Criteria(
            year_from=self.year_from,
            year_to=self.year_to,
            window=self.window,
            window_years=self.window_years or 1,
            alternatives=tuple(
                rules.Alternative(
                    name=alternative.name,
                    key=alternative.id,
                    conditions=tuple(c._to_rules() for c in alternative.condition_ids),
                )
                for alternative in self.alternative_ids
            ),
        )

    @api.model
    def _exemplar_rules(self):
        """The active sets as :class:`SetRules` (criteria in the environment's language), in id
        order. Cached across requests (the criteria change rarely, and every incremental
        recompute needs them); any change to a set, an alternative, a condition or an award type
        clears the cache. The values are shared: do not modify them."""
        return self._exemplar_rules_cached(self.env.lang or "en_US")

    @tools.ormcache("lang")
    def _exemplar_rules_cached(self, lang):
        sets = (
            self.sudo()
            .with_context(lang=lang, active_test=True)
            .search([("active", "=", True)], order="id")
        )
        return tuple(
            SetRules(
                id=s.id,
                recipient_kind=s.recipient_kind,
                company_id=s.company_id.id or False,
                award_type_id=s.award_type_id.id or False,
                criteria=s._to_rules(),
            )
            for s in sets
        )

    def _eligible_list_rows(self, year=None, company=None):
        """The stored results of these sets (read as the user) that the eligible list prints:
        those of ``year``, or by default of each set's year being judged when it has results
        then (a rolling window), else of its latest year with someone eligible (its latest year
        with results when nobody is: a fixed period's only year); with ``company``, that
        company's only."""
        Eligibility = self.env["emulation.eligibility"]
        base = [("criteria_set_id", "in", self.ids)]
        if company:
            base.append(("company_id", "=", company.id))
        if year:
            return Eligibility.search([*base, ("year", "=", year)])
        judged = (company or self.env.company)._emulation_year()
        latest = {
            criteria_set: judged
            for [criteria_set] in Eligibility._read_group(
                [*base, ("year", "=", judged)], ["criteria_set_id"]
            )
        }
        for criteria_set, last in Eligibility._read_group(
            [*base, ("eligible", "=", True)], ["criteria_set_id"], ["year:max"]
        ):
            latest.setdefault(criteria_set, last)
        for criteria_set, last in Eligibility._read_group(base, ["criteria_set_id"], ["year:max"]):
            latest.setdefault(criteria_set, last)
        if not latest:
            return Eligibility
        domain = expression.OR(
            [[("criteria_set_id", "=", s.id), ("year", "=", y)] for s, y in latest.items()]
        )
        return Eligibility.search(expression.AND([base, domain]))

    # ------------------------------------------------------------------ recompute on change
    def _exemplar_owners(self):
        """People and units whose results depend on these sets."""
        employees = self.env["hr.employee"]
        departments = self.env["hr.department"]
        sets = self.with_context(active_test=False)
        # a set without company applies to every company without a set of its own
        domain = (
            []
            if not all(s.company_id for s in sets)
            else [("company_id", "in", sets.company_id.ids)]
        )
        if any(s.recipient_kind == "collective" for s in self):
            departments = departments.with_context(active_test=False).search(domain)
        if any(s.recipient_kind != "collective" for s in self):
            employees = employees.with_context(active_test=False).search(domain)
        return employees, departments

    def _exemplar_recompute_owners(self):
        employees, departments = self._exemplar_owners()
        employees._exemplar_recompute()
        departments._exemplar_recompute()

    # stays: the cached rules change and the set's owners are evaluated again
    @api.model_create_multi
    def create(self, vals_list):
        sets = super().create(vals_list)
        self.env.registry.clear_cache()  # _exemplar_rules, before recomputing with them
        sets._exemplar_recompute_owners()
        return sets

    # stays: the cached rules change and the set's owners are evaluated again
    def write(self, vals):
        before = self.with_context(active_test=False)
        result = super().write(vals)
        self.env.registry.clear_cache()
        if {
            "active",
            "recipient_kind",
            "company_id",
            "year_from",
            "year_to",
            "window",
            "window_years",
            "award_type_id",
        } & set(vals):
            before._exemplar_recompute_owners()
        return result

    # stays: the cached rules change and the set's owners are evaluated again
    def unlink(self):
        owners = self.with_context(active_test=False)._exemplar_owners()
        result = super().unlink()
        self.env.registry.clear_cache()
        for records in owners:
            records._exemplar_recompute()
        return result

    # stays: a translated name changes the cached rules' texts (no ORM write passes)
    def _update_field_translations(self, *args, **kwargs):
        self.env.registry.clear_cache()
        return super()._update_field_translations(*args, **kwargs)
