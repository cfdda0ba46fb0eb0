from markupsafe import Markup

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import plaintext2html

from ..core import roadmap
from .eligibility_snapshot_mixin import SNAPSHOT_FIELDS
from .write_policy_mixin import ANY, NEW, SERVER, policy

NOMINEE_KINDS = [
    ("individual", "Individual"),
    ("collective", "Collective"),
    ("model", "Model (practice)"),
]
# labels of the stage keys of the roadmap rules (core/roadmap.py holds the keys and their order)
STAGE_LABELS = {
    "detected": "Detected",
    "selected": "Selected",
    "registered": "Registered",
    "fostering": "Fostering",
    "replicated": "Replicated",
    "honoured": "Honoured",
    "dropped": "Dropped",
}
# what only an officer sets on a nomination (besides its stage)
OFFICER_ONLY_FIELDS = (
    "registration_date",
    *SNAPSHOT_FIELDS,
    "drop_reason",
    "is_late_registration",
    "decision_id",
)
NOMINATION_STAGES = [(stage, STAGE_LABELS[stage]) for stage in roadmap.STAGES]


class EmulationNomination(models.Model):
    _name = "emulation.nomination"
    _inherit = [
        "emulation.write.policy.mixin",
        "emulation.eligibility.snapshot.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.list.mixin",
        "emulation.women.priority.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Exemplar nomination"
    _order = "campaign_id, year, name, id"
    _check_company_auto = True

    # policy states: the stages. A unit manager proposes (creates) a nominee at the stage
    # "Detected" and nothing more; the officers follow it through every stage.
    _write_policy = (
        dict.fromkeys(
            (
                "campaign_id",
                "nominee_kind",
                "employee_id",
                "department_id",
                "model_name",
                "field_of_work",
                "achievements",
                "to_foster",
                "year",
                "user_id",
                "color",
                "stage",
            ),
            policy(unit=(NEW,), officer=(NEW, ANY)),
        )
        | dict.fromkeys(
            (
                "drop_reason",
                "registration_date",
                "criteria_set_id",
                "check_ids",
                "propagation_ids",
                "decision_id",
                "active",
            ),
            policy(officer=(NEW, ANY)),
        )
        | {
            "company_id": policy(unit=(NEW,), officer=(NEW,)),
            "name": SERVER,
            "unit_id": SERVER,
            "nominee_key": SERVER,
            "is_late_registration": SERVER,
            # the registration's lines point here (emulation.registration.line._link_nominations)
            "registration_line_ids": SERVER,
        }
        | dict.fromkeys(SNAPSHOT_FIELDS, SERVER)
    )

    name = fields.Char(
        string="Nominee",
        compute="_compute_name",
        store=True,
        index="trigram",
        help="The person, the unit or the model (practice) followed.",
    )
    campaign_id = fields.Many2one(
        "emulation.campaign",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env["emulation.campaign"]._running_campaign(),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    nominee_kind = fields.Selection(
        NOMINEE_KINDS,
        string="Nominee kind",
        required=True,
        default="individual",
        tracking=True,
        help="An individual is a person; a collective is a unit; a model is a named practice with "
        "the unit that runs it.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        ondelete="restrict",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        ondelete="restrict",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="For a collective, the unit nominated; for a model, the unit that runs it.",
    )
    model_name = fields.Char(
        string="Model name", tracking=True, help="The name of the practice held up as a model."
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit (statistics)",
        compute="_compute_unit_id",
        store=True,
        index=True,
        help="The unit for statistics: the person's unit, the unit itself, or the unit running "
        "the model.",
    )
    nominee_key = fields.Char(
        compute="_compute_nominee_key",
        store=True,
        help="Identifies the nominee within a campaign: the same person, unit or model of a "
        "unit is nominated once.",
    )
    field_of_work = fields.Char(
        string="Field of work",
        help="The field the exemplar stands out in, e.g. consular protection, administrative "
        "reform.",
    )
    achievements = fields.Text(help="The achievements that make the nominee an exemplar.")
    stage = fields.Selection(
        NOMINATION_STAGES,
        compute="_compute_stage",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        index=True,
        group_expand=True,
        copy=False,
        help="Where the nominee stands in the plan. Registered is read from the unit's "
        "registration: a nominee is registered while a line of their unit's registration of the "
        "year names them.",
    )
    drop_reason = fields.Text(string="Reason for dropping", tracking=True, copy=False)
    to_foster = fields.Boolean(
        string="To foster",
        tracking=True,
        help="Not yet eligible, one step away: the campaign fosters the nominee towards the "
        "criteria.",
    )
    year = fields.Integer(
        compute="_compute_year",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        aggregator=False,
        index=True,
        help="The year of the campaign the nominee was detected in.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Followed by",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    registration_line_ids = fields.One2many(
        "emulation.registration.line",
        "nomination_id",
        string="Registration lines",
        readonly=True,
        groups="emulation_exemplar.group_emulation_manager",
        help="The lines of the units' registrations that name the nominee for the year.",
    )
    registration_line_id = fields.Many2one(
        "emulation.registration.line",
        string="Registration line",
        compute="_compute_registration_line_id",
        groups="emulation_exemplar.group_emulation_manager",
    )
    registration_id = fields.Many2one(
        "emulation.registration",
        compute="_compute_registration_line_id",
        groups="emulation_exemplar.group_emulation_manager",
        help="The unit's registration of the year that names the nominee.",
    )
    registration_date = fields.Date(
        string="Registered on",
        compute="_compute_registration_date",
        inverse="_inverse_registration_date",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
        help="The day the exemplar was registered with the provincial Emulation and "
        "Commendation Board, as the registration line says. Entering it registers the nominee "
        "in their unit's registration of the year.",
    )
    registration_deadline = fields.Date(related="campaign_id.registration_deadline")
    is_late_registration = fields.Boolean(
        string="Late registration",
        compute="_compute_is_late_registration",
        store=True,
        tracking=True,
        help="Registered after the campaign's registration deadline.",
    )
    criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set",
        compute="_compute_criteria_set_id",
        store=True,
        readonly=False,
        help="The criteria the nominee is judged by; its human-judged criteria are the checklist.",
    )
    # the snapshot (emulation.eligibility.snapshot.mixin), taken when the nominee is selected
    snapshot_eligible = fields.Boolean(
        string="Eligible at selection",
        help="Whether the nominee was eligible when selected: later changes to the history do "
        "not rewrite what the board was told.",
    )
    snapshot_missing = fields.Integer(string="Items missing at selection")
    snapshot_criteria_set_id = fields.Many2one(string="Criteria set at selection")
    check_ids = fields.One2many(
        "emulation.nomination.check", "nomination_id", string="Checklist", copy=True
    )
    check_count = fields.Integer(compute="_compute_check_counts")
    check_done_count = fields.Integer(compute="_compute_check_counts")
    propagation_ids = fields.One2many("emulation.nomination.propagation", "nomination_id")
    propagation_count = fields.Integer(compute="_compute_propagation_count")
    decision_id = fields.Many2one(
        "emulation.decision",
        string="Honoured by",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The commendation decision that honoured the exemplar (stage Honoured).",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "nominee_unique",
            "unique(campaign_id, nominee_key) DEFERRABLE INITIALLY DEFERRED",
            "The same person, unit or model is nominated twice in one campaign.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("nominee_kind", "employee_id.name", "department_id.name", "model_name")
    def _compute_name(self):
        for nomination in self:
            if nomination.nominee_kind == "individual":
                nomination.name = nomination.employee_id.name
            elif nomination.nominee_kind == "collective":
                nomination.name = nomination.department_id.name
            else:
                nomination.name = nomination.model_name

    def _women_first_recipient(self):
        # a model (a practice) is no candidate of the Decree's tie rule; its unit only runs it
        if self.nominee_kind == "model":
            return self.env["hr.employee"], self.env["hr.department"]
        return super()._women_first_recipient()

    @api.depends("nominee_kind", "employee_id.department_id", "department_id")
    def _compute_unit_id(self):
        for nomination in self:
            if nomination.nominee_kind == "individual":
                nomination.unit_id = nomination.employee_id.department_id
            else:
                nomination.unit_id = nomination.department_id

    @api.depends("nominee_kind", "employee_id", "department_id", "model_name")
    def _compute_nominee_key(self):
        for nomination in self:
            nomination.nominee_key = nomination._nominee_key()

    def _nominee_key(self):
        self.ensure_one()
        return roadmap.nominee_key(
            self.nominee_kind, self.employee_id.id, self.department_id.id, self.model_name
        )

    # ------------------------------------------------------------------ registration
    @api.depends("registration_line_ids")
    def _compute_stage(self):
        """Registered is what the registration says: a nominee named by a line of the year
        reaches it (from Detected or Selected), one no longer named leaves it (back to
        Selected). The officers move the other stages."""
        for nomination in self:
            stage = nomination.stage or "detected"
            registered = bool(nomination.registration_line_ids)
            if registered and stage in ("detected", "selected"):
                stage = "registered"
            elif not registered and stage == "registered":
                stage = "selected"
            nomination.stage = stage

    @api.depends("registration_line_ids.date")
    def _compute_registration_date(self):
        for nomination in self:
            dates = [d for d in nomination.registration_line_ids.mapped("date") if d]
            nomination.registration_date = min(dates) if dates else False

    def _inverse_registration_date(self):
        for nomination in self:
            lines = nomination.sudo().registration_line_ids
            if lines:
                if nomination.registration_date:
                    lines.with_env(self.env).write({"date": nomination.registration_date})
            elif nomination.registration_date:
                nomination._register_nominees(nomination.registration_date)

    @api.depends("registration_line_ids.date")
    def _compute_registration_line_id(self):
        for nomination in self:
            line = nomination.registration_line_ids.sorted(
                lambda line: (line.date or fields.Date.today(), line.id)
            )[:1]
            nomination.registration_line_id = line
            nomination.registration_id = line.registration_id

    def _match_registrations(self):
        """Let the registration lines of the same person, unit or model and year point at
        these nominations (and those that pointed here and no longer match point elsewhere)."""
        keys = [key for key in self.mapped("nominee_key") if key]
        lines = (
            self.env["emulation.registration.line"]
            .sudo()
            .search(
                [
                    "|",
                    ("nomination_id", "in", self.ids),
                    "&",
                    ("nominee_key", "in", keys),
                    ("year", "in", list(set(self.mapped("year")))),
                ]
            )
        )
        lines._link_nominations()
        # stage and date follow the lines (also on creation, where they were protected)
        self.modified(["registration_line_ids"])

    def _unit_registration(self):
        """The registration of the year the nominee is registered in: the nearest one of their
        unit or of a unit above that the caller may read, or a new draft of their unit. The
        caller's rights decide (access rules, write policy, the units' limits)."""
        self.ensure_one()
        unit = self.unit_id
        if not unit:
            raise UserError(
                _("%(name)s has no unit: set the unit before registering.", name=self.name)
            )
        Registration = self.env["emulation.registration"]
        visible = Registration.search(
            [
                ("year", "=", self.year),
                ("company_id", "=", self.company_id.id),
                ("department_id", "parent_of", unit.id),
            ]
        )
        if visible:
            return visible.sorted(lambda r: len(r.department_id.sudo().parent_path or ""))[-1]
        if Registration.sudo().search_count(
            [("year", "=", self.year), ("department_id", "=", unit.id)], limit=1
        ):
            raise AccessError(
                _(
                    "The registration of the nominee's unit for %(year)s is not one you may "
                    "change: ask the Office–Inspectorate.",
                    year=self.year,
                )
            )
        return Registration.create(
            {"year": self.year, "department_id": unit.id, "company_id": self.company_id.id}
        )

    def _register_nominees(self, date=None):
        """Register the nominees in their unit's registration of the year: point at the line
        that names them as an advanced exemplar already, or add one (for the title of the
        criteria set if it has one), as the caller, through the registration's rules."""
        Line = self.env["emulation.registration.line"]
        today = fields.Date.context_today(self)
        for nomination in self:
            if nomination.sudo().registration_line_ids:
                continue
            existing = Line.sudo().search(
                [
                    ("nominee_key", "=", nomination.nominee_key),
                    ("year", "=", nomination.year),
                    ("company_id", "=", nomination.company_id.id),
                    ("exemplar", "=", True),
                ]
            )
            if existing:
                existing._link_nominations()
                if nomination.sudo().registration_line_ids:
                    continue
            registration = nomination._unit_registration()
            if registration.state not in ("draft", "returned"):
                raise UserError(
                    _(
                        "%(name)s cannot be added to %(paper)s: it is %(state)s. Lines are "
                        "added while a registration is a draft; return it to the unit first.",
                        name=nomination.name,
                        paper=registration.display_name,
                        state=registration._policy_state_label(registration.state),
                    )
                )
            award_type = nomination.sudo().criteria_set_id.award_type_id
            collective = nomination.nominee_kind != "individual"
            Line.create(
                {
                    "registration_id": registration.id,
                    "recipient_type": "collective" if collective else "individual",
                    "employee_id": nomination.employee_id.id if not collective else False,
                    "department_id": nomination.department_id.id if collective else False,
                    "model_name": nomination.model_name
                    if nomination.nominee_kind == "model"
                    else False,
                    "exemplar": True,
                    "award_type_id": award_type.id if award_type else False,
                    "date": date or today,
                }
            )
        self.modified(["registration_line_ids"])

    def _check_registration_kept(self):
        """A nominee fostered, replicated or honoured stays registered: their last line is not
        removed (move the nomination back to Registered first)."""
        stages = dict(self._fields["stage"]._description_selection(self.env))
        for nomination in self.sudo().exists():
            if nomination.stage in ("fostering", "replicated", "honoured") and not (
                nomination.registration_line_ids
            ):
                raise UserError(
                    _(
                        "%(name)s is at the stage %(stage)s of the plan and stays registered: "
                        "move the nomination back to Registered before removing the "
                        "registration line that names them.",
                        name=nomination.name,
                        stage=stages.get(nomination.stage),
                    )
                )

    def _after_registration(self):
        """Nominations registered through the registration: frozen eligibility like selected ones
        (a server fact, taken from the stored result)."""
        self.sudo().exists().filtered(
            lambda n: roadmap.stage_reached(n.stage, "selected") and not n.snapshot_date
        )._take_snapshot()

    @api.depends("campaign_id.year_from", "campaign_id.year_to")
    def _compute_year(self):
        judged = self.env.company._emulation_year()
        for nomination in self:
            campaign = nomination.campaign_id
            year = nomination.year
            # a nomination being created follows the campaign chosen in the form; a saved one
            # keeps its year (a campaign's new period is checked against it instead)
            if not nomination._origin and year and campaign:
                year = year if campaign._holds_year(year) else 0
            nomination.year = year or roadmap.clamp_year(
                judged, campaign.year_from, campaign.year_to
            )

    @api.depends("registration_date", "year", "campaign_id.registration_deadline")
    def _compute_is_late_registration(self):
        for nomination in self:
            nomination.is_late_registration = roadmap.is_late_registration(
                nomination.registration_date,
                nomination.campaign_id.registration_deadline,
                nomination.year,
            )

    @api.depends("nominee_kind", "employee_id", "department_id", "campaign_id.criteria_set_ids")
    def _compute_criteria_set_id(self):
        for nomination in self:
            kind = nomination._recipient_kind()
            criteria_set = self.env["emulation.criteria.set"]
            if kind:
                criteria_set = nomination.campaign_id.criteria_set_ids.filtered(
                    lambda s, kind=kind: s.recipient_kind == kind
                )[:1]
                if not criteria_set:
                    nominee = nomination._nominee()
                    criteria_set = nominee.sudo().exemplar_criteria_set_id if nominee else None
            nomination.criteria_set_id = criteria_set or False

    @api.depends("check_ids.done")
    def _compute_check_counts(self):
        for nomination in self:
            nomination.check_count = len(nomination.check_ids)
            nomination.check_done_count = len(nomination.check_ids.filtered("done"))

    def _compute_propagation_count(self):
        counts = {}
        if self.ids:
            counts = {
                nomination.id: count
                for nomination, count in self.env["emulation.nomination.propagation"]._read_group(
                    [("nomination_id", "in", self.ids)], ["nomination_id"], ["__count"]
                )
            }
        for nomination in self:
            nomination.propagation_count = counts.get(nomination.id, 0)

    def _nominee(self):
        """The employee or unit judged by the criteria (none for a model)."""
        self.ensure_one()
        if self.nominee_kind == "individual":
            return self.employee_id
        if self.nominee_kind == "collective":
            return self.department_id
        return None

    def _recipient_kind(self):
        """The criteria's recipient kind of the nominee: collective, key_cadre, staff or None."""
        self.ensure_one()
        if self.nominee_kind == "collective" and self.department_id:
            return "collective"
        if self.nominee_kind == "individual" and self.employee_id:
            if not self._may_read_category(self.employee_id):
                return None
            return self.employee_id.sudo().emulation_category or "staff"
        return None

    def _may_read_category(self, employee):
        """Whether the user may know the emulation category of ``employee``, a personnel
        matter: as on the public profile, officers for everyone, others where they may read
        the person's eligibility (themselves; a unit manager, the people of their units). The
        criteria set a nomination picks tells the category: nobody else learns it that way
        (e.g. through the form's onchange). Asked of the user, not of the superuser that
        computes stored fields (``compute_sudo``)."""
        user_env = self.env(su=False)
        if user_env.uid == SUPERUSER_ID or user_env.user.has_group(
            "emulation_exemplar.group_emulation_officer"
        ):
            return True
        profile = user_env["hr.employee.public"].browse(employee._origin.id or employee.id)
        return bool(profile.exists() and profile.emulation_private_access)

    # ------------------------------------------------------------------ onchange
    @api.onchange("nominee_kind")
    def _onchange_nominee_kind(self):
        if self.nominee_kind == "individual":
            self.department_id = False
            self.model_name = False
        elif self.nominee_kind == "collective":
            self.employee_id = False
            self.model_name = False
        else:
            self.employee_id = False

    # ------------------------------------------------------------------ constraints
    @api.constrains("criteria_set_id", "nominee_kind", "employee_id", "department_id")
    def _check_criteria_set_kind(self):
        """A nominee is judged by a set for their kind of recipient (a member of staff is not
        judged as a key cadre, a person not as a unit)."""
        for nomination in self.filtered("criteria_set_id"):
            kind = nomination._recipient_kind()
            if not kind:
                continue
            kinds = {"collective"} if kind == "collective" else {"individual", kind}
            if nomination.criteria_set_id.recipient_kind not in kinds:
                raise ValidationError(
                    _(
                        "The criteria set %(set)s does not apply to %(name)s: choose a set for "
                        "their kind of recipient, or leave it empty to take the campaign's.",
                        set=nomination.criteria_set_id.display_name,
                        name=nomination.name,
                    )
                )

    @api.constrains("nominee_kind", "employee_id", "department_id", "model_name")
    def _check_nominee_matches_kind(self):
        for nomination in self:
            kind = nomination.nominee_kind
            if kind == "individual" and (
                not nomination.employee_id or nomination.department_id or nomination.model_name
            ):
                raise ValidationError(
                    _(
                        "An individual nomination needs the employee, and no unit or model "
                        "name (%(name)s). Choose the employee, or change the nominee kind.",
                        name=nomination.display_name,
                    )
                )
            if kind == "collective" and (
                not nomination.department_id or nomination.employee_id or nomination.model_name
            ):
                raise ValidationError(
                    _(
                        "A collective nomination needs the unit, and no employee or model name "
                        "(%(name)s). Choose the unit, or change the nominee kind.",
                        name=nomination.display_name,
                    )
                )
            if kind == "model" and (
                not (nomination.model_name or "").strip()
                or not nomination.department_id
                or nomination.employee_id
            ):
                raise ValidationError(
                    _(
                        "A model nomination needs the name of the model and the unit that runs "
                        "it, and no employee (%(name)s). Fill them in, or change the nominee "
                        "kind.",
                        name=nomination.display_name,
                    )
                )

    @api.constrains("campaign_id", "nominee_kind", "employee_id", "department_id", "model_name")
    def _check_nominee_unique(self):
        """The same person, unit or model once per campaign (dropped and archived included).

        The database constraint is checked at the end of the transaction, so that this check
        runs first and tells the officer which nomination already exists."""
        keyed = self.filtered("nominee_key")
        if not keyed:
            return
        self.flush_model(["campaign_id", "nominee_key"])
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("campaign_id", "in", keyed.campaign_id.ids),
                    ("nominee_key", "in", keyed.mapped("nominee_key")),
                ],
                ["campaign_id", "nominee_key"],
                ["id:recordset"],
                having=[("__count", ">", 1)],
            )
        )
        stages = dict(self._fields["stage"]._description_selection(self.env))
        for campaign, _key, nominations in groups:
            nomination = (nominations & self.sudo())[:1] or nominations[:1]
            other = (nominations - nomination)[:1].with_env(self.env)
            if not other.has_access("read"):
                # the caller may not read the existing nomination: name nothing of it
                raise ValidationError(
                    _(
                        "This nominee is already nominated in this campaign, in a nomination "
                        "you cannot see. A person, unit or model is nominated once per "
                        "campaign: ask the Office–Inspectorate."
                    )
                )
            raise ValidationError(
                _(
                    "%(name)s is already nominated in the campaign %(campaign)s (stage: "
                    "%(stage)s). A person, unit or model is nominated once per campaign: open "
                    "the existing nomination instead (it may be dropped or archived).",
                    name=other.name,
                    campaign=campaign.with_env(self.env).display_name,
                    stage=stages.get(other.stage, ""),
                )
            )

    @api.constrains("year", "campaign_id")
    def _check_year(self):
        for nomination in self:
            campaign = nomination.campaign_id
            if not campaign._holds_year(nomination.year):
                raise ValidationError(
                    _(
                        "The nomination of %(name)s is for %(year)s, outside the period "
                        "%(first)s–%(last)s of the campaign %(campaign)s.",
                        name=nomination.name,
                        year=nomination.year,
                        first=campaign.year_from,
                        last=campaign.year_to,
                        campaign=campaign.display_name,
                    )
                )

    @api.constrains("stage", "decision_id")
    def _check_decision_stage(self):
        for nomination in self:
            if nomination.decision_id and nomination.stage != "honoured":
                raise ValidationError(
                    _(
                        "%(name)s is linked to the decision that honoured them, but is not at "
                        "the stage Honoured: move it to Honoured, or remove the decision.",
                        name=nomination.name,
                    )
                )

    @api.constrains("stage", "drop_reason")
    def _check_drop_reason(self):
        for nomination in self:
            if nomination.stage == "dropped" and not (nomination.drop_reason or "").strip():
                raise ValidationError(
                    _(
                        "Enter the reason why %(name)s is dropped.",
                        name=nomination.name,
                    )
                )

    # ------------------------------------------------------------------ create / write
    # stays: a nomination's stage, dates and snapshot follow its campaign and role
    @api.model_create_multi
    def create(self, vals_list):
        campaign_ids = {vals["campaign_id"] for vals in vals_list if vals.get("campaign_id")}
        campaigns = {c.id: c for c in self.env["emulation.campaign"].browse(campaign_ids)}
        officer = self.env.su or self.env.user.has_group(
            "emulation_exemplar.group_emulation_officer"
        )
        for vals in vals_list:
            if not officer:
                self._check_proposal_values(vals)
            campaign = campaigns.get(vals.get("campaign_id"))
            if campaign and "company_id" not in vals:
                vals["company_id"] = campaign.company_id.id
        nominations = super().create(vals_list)
        # the checklist comes from the criteria set: also when a unit manager proposes, who may
        # not write checklists themselves
        nominations.sudo()._load_checklist()
        # those created at a registered stage are registered (in a line that names them
        # already, or a new one) before the stage follows the lines; then the lines of the
        # units' registrations that already name the others point at them
        nominations.filtered(
            lambda n: roadmap.stage_reached(n.stage, "registered")
        )._register_nominees()
        nominations._match_registrations()
        nominations.filtered(
            lambda n: roadmap.stage_reached(n.stage, "selected") and not n.snapshot_date
        )._take_snapshot()
        return nominations

    def _check_proposal_values(self, vals):
        """A unit manager proposes a nominee at the stage “Detected”, and nothing more: the
        stage, the registration, the eligibility snapshot and the dropping are the
        Office–Inspectorate's, whether sent as values or as context defaults."""
        context = self.env.context

        def given(fname):
            return vals.get(fname, context.get("default_" + fname))

        if given("stage") not in (None, False, "detected") or any(
            given(fname) for fname in OFFICER_ONLY_FIELDS
        ):
            raise AccessError(
                _(
                    "A unit manager proposes nominations at the stage “Detected”; the "
                    "Office–Inspectorate then selects and registers them."
                )
            )

    def _policy_state(self):
        self.ensure_one()
        return self.stage

    # stays: a nomination's stage dates follow its stage
    def write(self, vals):
        vals = dict(vals)
        stage = vals.get("stage")
        if stage in ("detected", "selected"):
            registered = self.sudo().filtered("registration_line_ids")[:1]
            if registered:
                raise UserError(
                    _(
                        "%(name)s is registered: a line of their unit's registration of "
                        "%(year)s names them. Unregister them (the line is removed from the "
                        "registration) to move the nomination back.",
                        name=registered.name,
                        year=registered.year,
                    )
                )
        if stage and stage != "dropped" and "drop_reason" not in vals:
            vals["drop_reason"] = False
        result = super().write(vals)
        if {"nominee_kind", "employee_id", "department_id", "model_name", "year"} & set(vals):
            self._match_registrations()
        if stage and roadmap.stage_reached(stage, "registered"):
            self.filtered(lambda n: not n.sudo().registration_line_ids)._register_nominees()
        if stage and roadmap.stage_reached(stage, "selected"):
            self.filtered(lambda n: not n.snapshot_date)._take_snapshot()
        if {"criteria_set_id", "nominee_kind", "employee_id", "department_id"} & set(vals):
            self._load_checklist()
        return result

    # ------------------------------------------------------------------ eligibility snapshot
    def _text_lang(self):
        """The language of the texts kept on the nomination (eligibility snapshot, checklist):
        the language of the officer following it, so that what is frozen reads as they read."""
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        lang = self.user_id.lang
        return lang if lang in installed else self.env.lang

    def _eligibility_rows(self):
        """{nomination id: the stored result (emulation.eligibility) of its nominee under its
        criteria set}: of the nomination's year, or the latest one."""
        rows = {}
        nominees = self.filtered(lambda n: n._nominee() and n.criteria_set_id)
        if not nominees:
            return rows
        found = self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "in", nominees.criteria_set_id.ids),
                "|",
                ("employee_id", "in", nominees.employee_id.ids),
                ("department_id", "in", nominees.department_id.ids),
            ],
            order="year desc",
        )
        for nomination in nominees:
            nominee = nomination._nominee()
            field = "employee_id" if nominee._name == "hr.employee" else "department_id"
            candidates = found.filtered(
                lambda r, n=nomination, f=field, o=nominee: (
                    r.criteria_set_id == n.criteria_set_id and r[f] == o
                )
            )
            row = candidates.filtered(lambda r, y=nomination.year: r.year == y)[:1]
            rows[nomination.id] = row or candidates[:1]
        return rows

    def _take_snapshot(self):
        """The snapshot of the nominees judged by criteria (a model, a practice, has none)."""
        return super(EmulationNomination, self.filtered(lambda n: n._nominee()))._take_snapshot()

    def action_refresh_snapshot(self):
        """Take the snapshot again (an officer's explicit decision, logged in the chatter)."""
        self.check_access("write")
        for nomination in self.filtered("snapshot_date"):
            previous = nomination.with_context(lang=nomination._text_lang())._explain_snapshot()
            nomination._message_log(
                body=Markup("<p>%s</p>%s")
                % (
                    _("Eligibility snapshot replaced; the previous one read:"),
                    plaintext2html(previous),
                )
            )
        self._take_snapshot()
        return True

    # ------------------------------------------------------------------ checklist
    def _load_checklist(self):
        """Add the criteria set's human-judged criteria missing from the checklist."""
        vals_list = []
        for nomination in self:
            criteria_set = nomination.criteria_set_id.with_context(lang=nomination._text_lang())
            criteria = [
                line.strip()
                for line in (criteria_set.human_criteria or "").splitlines()
                if line.strip()
            ]
            present = set(nomination.check_ids.mapped("name"))
            sequence = max(nomination.check_ids.mapped("sequence"), default=0)
            for criterion in criteria:
                if criterion in present:
                    continue
                present.add(criterion)
                sequence += 10
                vals_list.append(
                    {"nomination_id": nomination.id, "name": criterion, "sequence": sequence}
                )
        if vals_list:
            self.env["emulation.nomination.check"].create(vals_list)

    def action_load_checklist(self):
        self.check_access("write")
        self._load_checklist()
        return True

    # ------------------------------------------------------------------ stage buttons
    def _set_stage(self, stage):
        self.check_access("write")
        self.write({"stage": stage})
        return True

    def action_select(self):
        return self._set_stage("selected")

    def action_register(self):
        """Register the nominees in their unit's registration of the year (the registration's
        rules decide who may: the officers, or a unit manager in their unit's draft)."""
        self.check_access("read")
        self._register_nominees()
        return True

    def action_unregister(self):
        """Remove the registration lines that name the nominees (through the registration's
        rules): the nominations go back to Selected."""
        self.check_access("read")
        lines = self.sudo().registration_line_ids
        lines.with_env(self.env).unlink()
        self.modified(["registration_line_ids"])
        return True

    def action_view_registration(self):
        self.ensure_one()
        line = self.registration_line_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "emulation.registration",
            "res_id": line.registration_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_foster(self):
        return self._set_stage("fostering")

    def action_replicate(self):
        return self._set_stage("replicated")

    def action_honour(self):
        return self._set_stage("honoured")

    def action_reset_detected(self):
        """Reconsider a dropped nomination: back to Detected, or Registered while the
        registration names it."""
        registered = self.sudo().filtered("registration_line_ids").with_env(self.env)
        if registered:
            registered._set_stage("registered")
        if self - registered:
            (self - registered)._set_stage("detected")
        return True

    def action_drop(self):
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Drop the nomination"),
            "res_model": "emulation.nomination.drop.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_nomination_ids": [(6, 0, self.ids)]},
        }

    def action_view_propagation(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "emulation_exemplar.action_emulation_nomination_propagation"
        )
        action["domain"] = [("nomination_id", "=", self.id)]
        action["context"] = {"default_nomination_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        for nomination in self:
            if roadmap.stage_reached(nomination.stage, "registered"):
                raise UserError(
                    _(
                        "%(name)s is registered with the provincial board: the nomination "
                        "cannot be deleted. Drop it with a reason, or archive it.",
                        name=nomination.name,
                    )
                )
