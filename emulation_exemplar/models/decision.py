from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import clean_context

from ..lib import money
from ..lib.pdf import print_paper
from .award import DECISION_NUMBER_SIZE, FIRST_DECISION_DATE
from .award_type import RECIPIENT_SCOPES
from .history_mixin import check_years
from .write_policy_mixin import ANY, NEW, SERVER, policy

# what the decision says of its awards, copied to them and kept in step when corrected
PROPAGATED_FIELDS = {"number": "decision_number", "date": "decision_date", "authority": "authority"}
# what its awards are: fixed once they are recorded
LOCKED_FIELDS = {"award_type_id", "year", "employee_ids", "department_ids", "company_id"}
# the paper's own words: a draft's, and an issued decision's while it is open for correction
WORDING = policy(officer=(NEW, "draft", "correcting"))
# what the awards are: a draft's only
CONTENT = policy(officer=(NEW, "draft"))
# the recipients, with the model through which the caller reads them
RECIPIENT_FIELDS = {"employee_ids": "hr.employee.public", "department_ids": "hr.department"}


class EmulationDecision(models.Model):
    """A commendation decision (quyết định khen thưởng): one paper, one award type and year,
    many people and units. Recording it creates one award per recipient, linked to it."""

    _name = "emulation.decision"
    _inherit = [
        "emulation.write.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Commendation decision"
    _order = "date desc, id desc"
    _rec_name = "number"
    _rec_names_search = ["number", "authority"]
    _check_company_auto = True
    # policy states: draft, recorded (issued: sealed) and correcting (issued, opened by an
    # officer with a reason to correct its wording)
    _write_policy = dict.fromkeys(
        ("number", "date", "authority", "signer", "signer_id", "reason"), WORDING
    ) | {
        "award_type_id": CONTENT,
        "year": CONTENT,
        "employee_ids": CONTENT,
        "department_ids": CONTENT,
        "line_ids": CONTENT,
        # the signed paper's scan is attached after issue; archiving cancels the decision
        "decision_file": policy(officer=(NEW, ANY)),
        "decision_filename": policy(officer=(NEW, ANY)),
        "active": policy(officer=(NEW, ANY)),
        "company_id": policy(officer=(NEW,)),
        "state": SERVER,
        "correction_open": SERVER,
        "award_ids": SERVER,
        "archived_award_ids": SERVER,
        "recipient_type": SERVER,
        "award_type_scope": SERVER,
        "recipient_count": SERVER,
        "award_count": SERVER,
    }

    number = fields.Char(
        tracking=True,
        index="trigram",
        copy=False,
        help="Number and symbol of the decision, e.g. 1234/QĐ-UBND.",
    )
    date = fields.Date(tracking=True, copy=False)
    authority = fields.Char(
        string="Issuing authority",
        compute="_compute_authority",
        store=True,
        readonly=False,
        tracking=True,
        help="Who signed the decision; taken from the award type, and may be changed.",
    )
    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Award type",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
        domain="recipient_type and [('recipient_scope', 'in', ('both', recipient_type))] or []",
    )
    award_type_scope = fields.Selection(related="award_type_id.recipient_scope")
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_judged_year(),
        index=True,
        aggregator=False,
        tracking=True,
        help="The year the achievements count for (not necessarily the decision year).",
    )
    recipient_type = fields.Selection(
        RECIPIENT_SCOPES,
        string="Recipient type",
        compute="_compute_recipient_type",
        store=True,
        help="Whether the decision commends people, units or both.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "emulation_decision_employee_rel",
        "decision_id",
        "employee_id",
        string="People",
        check_company=True,
        context={"active_test": False},
        help="The people the decision commends: each receives an award when it is recorded.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        "emulation_decision_department_rel",
        "decision_id",
        "department_id",
        string="Units",
        check_company=True,
        context={"active_test": False},
        help="The units the decision commends: each receives an award when it is recorded.",
    )
    recipient_count = fields.Integer(
        compute="_compute_recipient_count", string="Number of recipients"
    )
    reason = fields.Text(
        string="Achievement",
        help="The achievement the decision recognises; copied to each award when it is recorded.",
    )
    decision_file = fields.Binary(string="Decision scan", attachment=True, copy=False)
    decision_filename = fields.Char(copy=False)
    award_ids = fields.One2many(
        "emulation.award",
        "decision_id",
        string="Awards",
        readonly=True,
        copy=False,
        context={"active_test": False},
        help="The awards recorded from this decision, archived ones included.",
    )
    award_count = fields.Integer(compute="_compute_award_count", string="Number of awards")
    archived_award_ids = fields.Many2many(
        "emulation.award",
        "emulation_decision_archived_award_rel",
        "decision_id",
        "award_id",
        string="Awards archived with the decision",
        readonly=True,
        copy=False,
        context={"active_test": False},
        help="Restoring the decision restores these awards, and only these.",
    )
    state = fields.Selection(
        [("draft", "To record"), ("recorded", "Recorded")],
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        help="Recorded: the awards of the decision exist, one per recipient.",
    )
    correction_open = fields.Boolean(
        string="Open for correction",
        readonly=True,
        copy=False,
        tracking=True,
        help="An officer reopened the issued decision, with a reason, to correct its number, "
        "date, issuing authority, signer or achievement; sealing it again closes it.",
    )
    signer = fields.Char(
        string="Signer (typed)",
        tracking=True,
        help="Name and position of who signs the decision, as printed under it, when no signer "
        "of the list is chosen.",
    )
    signer_id = fields.Many2one(
        "emulation.signer",
        string="Signed by",
        tracking=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self._default_signer_id(),
        domain="[('company_id', '=', company_id)]",
        help="Who signs the decision, from the company's signers (Settings): a deputy signing "
        "on behalf of the head prints KT. GIÁM ĐỐC over PHÓ GIÁM ĐỐC. By default the company's "
        "first signer.",
    )
    line_ids = fields.One2many(
        "emulation.proposal.line",
        "decision_id",
        string="Proposed lines",
        groups="emulation_exemplar.group_emulation_officer",
        domain="[('vote_passed', '=', True), ('award_type_id', '=', award_type_id), "
        "('year', '=', year), ('state', '=', 'approved')]",
        help="The proposal lines the council passed that the decision commends: issuing the "
        "decision creates one award per line.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="A revoked or mistaken decision is archived with its awards: they stay in the "
        "history but no longer count.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    amount_total = fields.Monetary(
        string="Total reward",
        compute="_compute_amount_total",
        help="The reward money of the decision: the sum of its awards' rewards once it is "
        "recorded; before, what they will be (the coefficient of the award type times the base "
        "salary in force on the decision's date, for each person and unit it commends).",
    )

    @api.model
    def _default_signer_id(self):
        if not self.pool.ready:
            # the upgrade that adds the column: the decisions already made keep their typed
            # signer (the signers' table may not exist yet)
            return self.env["emulation.signer"]
        return self.env.company._emulation_default_signer()

    def _signature_values(self):
        """{signer_title_lines, signer_name} printed under the decision: the chosen signer; else
        the typed "name, position"; else (both empty) the company's usual signature (None)."""
        self.ensure_one()
        if self.signer_id:
            return self.signer_id._signature_values()
        name, _sep, position = (self.signer or "").partition(",")
        return {
            "signer_title_lines": [position.strip().upper()] if position.strip() else None,
            "signer_name": name.strip(),
        }

    # ------------------------------------------------------------------ computes
    @api.depends("award_type_id")
    def _compute_authority(self):
        for decision in self:
            # a type without a default authority keeps what was entered
            decision.authority = decision.award_type_id.authority or decision.authority

    @api.depends("employee_ids", "department_ids")
    def _compute_recipient_type(self):
        for decision in self:
            if decision.employee_ids and decision.department_ids:
                decision.recipient_type = "both"
            elif decision.employee_ids:
                decision.recipient_type = "individual"
            elif decision.department_ids:
                decision.recipient_type = "collective"
            else:
                decision.recipient_type = False

    @api.depends("employee_ids", "department_ids")
    def _compute_recipient_count(self):
        for decision in self:
            decision.recipient_count = len(decision.employee_ids) + len(decision.department_ids)

    def _compute_currency_id(self):
        self.currency_id = self.env.ref("base.VND")

    @api.depends(
        "award_ids.amount",
        "award_ids.active",
        "date",
        "award_type_id",
        "employee_ids",
        "department_ids",
        "line_ids",
    )
    def _compute_amount_total(self):
        salaries = None
        for decision in self:
            if decision.award_ids:
                decision.amount_total = sum(decision.award_ids.filtered("active").mapped("amount"))
                continue
            if not decision.award_type_id:
                # a new decision whose type is not chosen yet (its form opened on a selection)
                decision.amount_total = 0
                continue
            if salaries is None:
                salaries = self.env["emulation.base.salary"]._salary_table()
            people, units = decision._recipient_counts()
            total = 0
            for recipient_type, count in (("individual", people), ("collective", units)):
                # no award type chosen yet (a decision opened on a selection of people): no sum
                if count and decision.award_type_id:
                    total += count * decision._reward(recipient_type, salaries)[2]
            decision.amount_total = total

    def _recipient_counts(self):
        """(people, units) the decision commends: its passed lines, else its recipients."""
        self.ensure_one()
        # the passed lines are the officers' (a draft's recipients are filled from them on issue)
        officer = self.env.su or self.env.user.has_group(
            "emulation_exemplar.group_emulation_officer"
        )
        lines = self.line_ids if officer else self.env["emulation.proposal.line"]
        if lines:
            people = len(lines.filtered("employee_id"))
            return people, len(lines) - people
        return len(self.employee_ids), len(self.department_ids)

    def _reward(self, recipient_type, salaries):
        """(coefficient, base salary, amount, reason) of one award of the decision given to a
        recipient of ``recipient_type`` (see lib/money.py)."""
        self.ensure_one()
        return money.award_reward(
            self.date,
            self.award_type_id._coefficient(recipient_type),
            self.award_type_id.coefficient_date_from,
            salaries,
        )

    def _row_rewards(self, salaries):
        """A function (employee, department) -> the reward of that recipient of the decision:
        its award's once recorded, else what it will be (for its paper)."""
        self.ensure_one()
        if self.award_ids:
            # a person's award by the person, a unit's by the unit
            amounts = {
                award._recipient()._name + str(award._recipient().id): int(award.amount or 0)
                for award in self.award_ids.filtered("active")
            }
            return lambda employee, department: amounts.get(
                (employee or department)._name + str((employee or department).id), 0
            )
        rewards = {
            recipient_type: self._reward(recipient_type, salaries)[2]
            for recipient_type in ("individual", "collective")
        }
        return lambda employee, department: rewards["individual" if employee else "collective"]

    def _check_reward_fixable(self):
        """A decision is recorded or issued with its reward money: refused when its award type
        has a coefficient for its recipients but no base salary is in force on its date."""
        self.ensure_one()
        salaries = self.env["emulation.base.salary"]._salary_table()
        people, units = self._recipient_counts()
        for recipient_type, count in (("individual", people), ("collective", units)):
            if count and self._reward(recipient_type, salaries)[3] == money.NO_BASE_SALARY:
                raise UserError(
                    _(
                        "No base salary is in force on %(date)s, the date of the decision "
                        "%(decision)s: the reward of %(type)s cannot be fixed. Ask an "
                        "administrator to enter the base salary in force on that date "
                        "(Configuration › Base salaries), then record the decision.",
                        date=self.date.strftime("%d/%m/%Y"),
                        decision=self.display_name,
                        type=self.award_type_id.name,
                    )
                )

    @api.depends("award_ids")
    def _compute_award_count(self):
        for decision in self:
            decision.award_count = len(decision.award_ids)

    @api.depends("award_ids")
    def _compute_state(self):
        for decision in self:
            decision.state = "recorded" if decision.award_ids else "draft"

    @api.depends("number", "date")
    def _compute_display_name(self):
        for decision in self:
            name = decision.number or _("New decision")
            if decision.date:
                name += " (%s)" % decision.date.strftime("%d/%m/%Y")
            decision.display_name = name

    # ------------------------------------------------------------------ checks
    # stays: core's message names the people and units of another company; refuse those first
    def _check_company(self, fnames=None, *args, **kwargs):
        # The core message names the people and units of another company: refuse first, without
        # names, those the caller may not read (a recipient id sent through RPC).
        for fname, public_model in RECIPIENT_FIELDS.items():
            if fnames is None or fname in fnames:
                ids = self.sudo()[fname].ids
                self.env[public_model].browse(ids).check_access("read")
        if fnames is None or "award_type_id" in fnames:
            self.sudo().award_type_id.with_env(self.env).check_access("read")
        return super()._check_company(fnames, *args, **kwargs)

    @api.constrains("award_type_id", "employee_ids", "department_ids")
    def _check_award_scope(self):
        for decision in self:
            scope = decision.award_type_id.recipient_scope
            if scope == "collective" and decision.employee_ids:
                raise ValidationError(
                    _(
                        "%(type)s is awarded to units only: remove the people from the decision, "
                        "or choose another award type.",
                        type=decision.award_type_id.name,
                    )
                )
            if scope == "individual" and decision.department_ids:
                raise ValidationError(
                    _(
                        "%(type)s is awarded to people only: remove the units from the decision, "
                        "or choose another award type.",
                        type=decision.award_type_id.name,
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    @api.constrains("date", "year")
    def _check_decision_date(self):
        for decision in self:
            if decision.date and decision.date.year < decision.year:
                raise ValidationError(
                    _(
                        "The decision date %(date)s is earlier than the year %(year)s the "
                        "achievement counts for. Check the year or the decision date.",
                        date=decision.date.strftime("%d/%m/%Y"),
                        year=decision.year,
                    )
                )

    @api.constrains("number", "date")
    def _check_number_and_date_bounds(self):
        """A decision number is a short reference (e.g. 1234/QĐ-UBND), and a decision is dated
        from 1945 to at most a year ahead: anything else is a typing or a client's mistake."""
        first = FIRST_DECISION_DATE
        last = fields.Date.context_today(self) + relativedelta(years=1)
        for decision in self:
            if decision.number and len(decision.number) > DECISION_NUMBER_SIZE:
                raise ValidationError(
                    _(
                        "The decision number “%(number)s…” is too long: a decision number has "
                        "at most %(max)s characters, e.g. 1234/QĐ-UBND.",
                        number=decision.number[:20],
                        max=DECISION_NUMBER_SIZE,
                    )
                )
            if decision.date and not first <= decision.date <= last:
                raise ValidationError(
                    _(
                        "The decision date %(date)s is not valid: enter a date between "
                        "%(first)s and %(last)s.",
                        date=decision.date.strftime("%d/%m/%Y"),
                        first=first.strftime("%d/%m/%Y"),
                        last=last.strftime("%d/%m/%Y"),
                    )
                )

    @api.constrains("number", "date", "company_id", "active")
    def _check_number_unique(self):
        """The same paper entered twice: same number, same year of issue, same company. The
        numbering of decisions starts again every year. Searched as the caller: only a decision
        they can read is named."""
        for decision in self.filtered(lambda d: d.active and d.number and d.date):
            number = decision.number.strip()
            twins = self.search(
                [
                    ("id", "!=", decision.id),
                    ("company_id", "=", decision.company_id.id),
                    ("number", "=ilike", number),
                    ("date", ">=", decision.date.replace(month=1, day=1)),
                    ("date", "<=", decision.date.replace(month=12, day=31)),
                ],
                limit=1,
            )
            if twins:
                raise ValidationError(
                    _(
                        "The decision %(number)s of %(year)s is already entered (%(decision)s, "
                        "%(type)s). Open it from History › Decisions instead of entering it "
                        "again.",
                        number=number,
                        year=decision.date.year,
                        decision=twins.display_name,
                        type=twins.award_type_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        recorded = self.filtered("award_ids")
        if recorded:
            raise UserError(
                _(
                    "The decision %(decision)s has awards: it cannot be deleted. Archive it "
                    "instead (its awards go with it, and stay in the history).",
                    decision=recorded[0].display_name,
                )
            )

    # ------------------------------------------------------------------ ORM
    # stays: archiving or correcting a decision archives or corrects its awards
    def write(self, vals):
        archiving = self.filtered("active") if "active" in vals and not vals["active"] else None
        restoring = self.filtered(lambda d: not d.active) if vals.get("active") else None
        result = super().write(vals)
        award_vals = {
            award_field: vals[fname]
            for fname, award_field in PROPAGATED_FIELDS.items()
            if fname in vals
        }
        if award_vals and self.award_ids:
            # a corrected number, date or authority is the decision's: its awards follow
            self.award_ids.with_env(self.env(context=clean_context(self.env.context))).write(
                award_vals
            )
        if archiving:
            archiving._archive_awards()
        if restoring:
            restoring._restore_awards()
        return result

    def _policy_state(self):
        self.ensure_one()
        if self.state == "recorded":
            return "correcting" if self.correction_open else "recorded"
        return "draft"

    def _policy_state_label(self, state):
        if state == "recorded":
            return _("issued (sealed: open it for correction with a reason first)")
        if state == "correcting":
            return _("open for correction")
        return super()._policy_state_label(state)

    def _policy_refusal(self, fname, role, state):
        if fname in LOCKED_FIELDS and state in ("recorded", "correcting"):
            return _(
                "The awards of the decision %(decision)s are recorded: its award type, year, "
                "recipients and company can no longer change. If the decision itself was wrong, "
                "archive it (its awards go with it) and record the right one.",
                decision=self.display_name,
            )
        return super()._policy_refusal(fname, role, state)

    def action_unseal_wizard(self):
        return self.env["emulation.unseal.wizard"]._open(self)

    def _unseal(self, reason):
        """Open an issued decision for correcting its wording (the officers' button, with a
        reason): its number, date, authority, signer and achievement; nothing else."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "recorded" or self.correction_open:
            raise UserError(
                _(
                    "%(decision)s is not sealed: only an issued decision is opened for correction.",
                    decision=self.display_name,
                )
            )
        self._button_write({"correction_open": True})
        self._message_log(
            body=_(
                "Opened for correction by %(user)s: %(reason)s. Its number, date, issuing "
                "authority, signer and achievement can be corrected, and its awards follow; its "
                "award type, year and recipients stay sealed.",
                user=self.env.user.name,
                reason=reason,
            )
        )
        return True

    def action_seal(self):
        """Seal a decision opened for correction again."""
        self.check_access("write")
        opened = self.filtered("correction_open")
        opened._button_write({"correction_open": False})
        opened._message_log_batch(
            dict.fromkeys(opened.ids, _("Sealed again by %(user)s.", user=self.env.user.name))
        )
        return True

    def _archive_awards(self):
        for decision in self:
            awards = decision.award_ids.filtered("active")
            if not awards:
                continue
            decision._button_write({"archived_award_ids": [Command.set(awards.ids)]})
            awards.write({"active": False})
            decision._message_log(
                body=_(
                    "Archived with the decision: %(count)s awards. They stay in the history "
                    "and no longer count; restoring the decision restores them.",
                    count=len(awards),
                )
            )

    def _restore_awards(self):
        for decision in self:
            awards = decision.archived_award_ids.filtered(lambda a: not a.active)
            decision._button_write({"archived_award_ids": [Command.clear()]})
            if awards:
                awards.write({"active": True})
                decision._message_log(
                    body=_("Restored with the decision: %(count)s awards.", count=len(awards))
                )

    # ------------------------------------------------------------------ recording
    def action_record_awards(self):
        """Create the awards of the decisions, one per recipient, in one batch."""
        # officers of the decision's company only (also refuses an empty call by others)
        self.check_access("write")
        # no default_* key of the caller's context reaches the awards
        Award = self.env(context=clean_context(self.env.context))["emulation.award"]
        Award.check_access("create")
        if not self:
            raise UserError(_("Choose the decision to record."))
        vals_list = []
        for decision in self:
            decision._check_recordable()
            vals_list += decision._award_values()
        self._check_no_duplicate(vals_list)
        awards = Award.create(vals_list)
        counts = dict.fromkeys(self.ids, 0)
        for award in awards:
            counts[award.decision_id.id] += 1
        # a note, not a message: the officer may have no email address
        self._message_log_batch(
            {
                decision_id: self.env._(
                    "Recorded %(count)s awards, one per recipient.", count=count
                )
                for decision_id, count in counts.items()
            }
        )
        return True

    def _check_recordable(self):
        self.ensure_one()
        if self.state == "recorded":
            raise UserError(
                _(
                    "The decision %(decision)s is already recorded: its awards are in its "
                    "Awards tab. Add someone it forgot with another decision, or archive it and "
                    "record it again.",
                    decision=self.display_name,
                )
            )
        if not self.active:
            raise UserError(
                _(
                    "The decision %(decision)s is archived: restore it before recording it.",
                    decision=self.display_name,
                )
            )
        if not (self.number and self.date):
            raise UserError(_("Enter the decision's number and date before recording its awards."))
        if not (self.employee_ids or self.department_ids):
            raise UserError(
                _("Choose the people or units the decision commends before recording its awards.")
            )
        self._check_reward_fixable()

    def _award_values(self):
        self.ensure_one()
        common = {
            "decision_id": self.id,
            "award_type_id": self.award_type_id.id,
            "year": self.year,
            "decision_number": self.number,
            "decision_date": self.date,
            "authority": self.authority,
            "reason": self.reason,
            "company_id": self.company_id.id,
            "active": True,
        }
        return [
            dict(common, recipient_type="individual", employee_id=employee.id)
            for employee in self.employee_ids
        ] + [
            dict(common, recipient_type="collective", department_id=department.id)
            for department in self.department_ids
        ]

    def _check_no_duplicate(self, vals_list):
        """Refuse a recipient who would hold the same award type twice for the same year: listed
        in two of the decisions recorded together, or already holding it (active awards, read
        with the caller's rights: only what they can read is named)."""
        seen = {}
        for vals in vals_list:
            key = (
                vals["award_type_id"],
                vals["year"],
                vals.get("employee_id") or False,
                vals.get("department_id") or False,
            )
            if key in seen:
                decision = self.browse(vals["decision_id"])
                recipient = self._vals_recipient(vals)
                raise UserError(
                    _(
                        "%(recipient)s is listed in two decisions recorded together "
                        "(%(first)s and %(second)s), for the same award type and year. Remove "
                        "them from one of them.",
                        recipient=recipient.display_name,
                        first=self.browse(seen[key]).display_name,
                        second=decision.display_name,
                    )
                )
            seen[key] = vals["decision_id"]
        by_type_year = {}
        for type_id, year, employee_id, department_id in seen:
            people, units = by_type_year.setdefault((type_id, year), (set(), set()))
            if employee_id:
                people.add(employee_id)
            if department_id:
                units.add(department_id)
        Award = self.env["emulation.award"]
        clashes = Award
        for (type_id, year), (people, units) in by_type_year.items():
            clashes |= Award.search(
                [
                    ("award_type_id", "=", type_id),
                    ("year", "=", year),
                    "|",
                    ("employee_id", "in", list(people)),
                    ("department_id", "in", list(units)),
                ]
            )
        if clashes:
            lines = [
                self.env._(
                    "%(recipient)s already holds %(type)s for %(year)s (decision %(number)s).",
                    recipient=award._recipient().display_name,
                    type=award.award_type_id.name,
                    year=award.year,
                    number=award.decision_number or self.env._("without number"),
                )
                for award in clashes[:10]
            ]
            if len(clashes) > 10:
                lines.append(_("… and %(count)s more.", count=len(clashes) - 10))
            raise UserError(
                "\n".join(
                    [
                        _(
                            "Some recipients of the decision already hold this award for this "
                            "year. Remove them from the decision, or archive the award recorded "
                            "by mistake:"
                        )
                    ]
                    + lines
                )
            )

    # ------------------------------------------------------------------ the annual cycle
    def action_add_passed_lines(self):
        """Fill the decision with the lines the council passed for its title and year that no
        decision commends yet."""
        self.check_access("write")
        for decision in self:
            if decision.state == "recorded":
                raise UserError(
                    _("The decision %(decision)s is issued.", decision=decision.display_name)
                )
            lines = self.env["emulation.proposal.line"].search(
                [
                    ("award_type_id", "=", decision.award_type_id.id),
                    ("year", "=", decision.year),
                    ("vote_passed", "=", True),
                    ("state", "=", "approved"),
                    ("decision_id", "=", False),
                    ("company_id", "=", decision.company_id.id),
                ]
            )
            lines._button_write({"decision_id": decision.id})
        return True

    def action_issue(self):
        """Issue the decision on the proposal lines the council passed: one award per line, in
        one batch, carrying the decision's number, date and authority; the initiatives used are
        marked; the proposals are decided."""
        self.check_access("write")
        Award = self.env(context=clean_context(self.env.context))["emulation.award"]
        Award.check_access("create")
        if not self:
            raise UserError(_("Choose the decision to issue."))
        vals_list, lines = [], self.env["emulation.proposal.line"]
        for decision in self:
            decision._check_issuable()
            # no commendation while a discipline of a person is under consideration (Decree
            # 152/2025/NĐ-CP, art. 4)
            self.env["emulation.discipline"]._check_not_under_consideration(
                decision.line_ids.employee_id
            )
            decision.write(
                {
                    "employee_ids": [Command.set(decision.line_ids.employee_id.ids)],
                    "department_ids": [Command.set(decision.line_ids.department_id.ids)],
                }
            )
            for line in decision.line_ids:
                vals = dict(
                    decision._award_common_values(),
                    recipient_type=line.recipient_type,
                    employee_id=line.employee_id.id or False,
                    department_id=line.department_id.id or False,
                    reason=line.achievements or decision.reason,
                )
                vals_list.append(vals)
                lines |= line
        self._check_no_duplicate(vals_list)
        awards = Award.create(vals_list)
        for line, award in zip(lines, awards, strict=True):
            line.sudo().write({"award_id": award.id})
            line.initiative_ids.sudo().write({"used_award_id": award.id})
        decided = lines.proposal_id.filtered(lambda p: p.state == "approved")
        decided._set_state("decided")
        decided._todo_outcome()
        self._message_log_batch(
            {
                decision.id: self.env._(
                    "Issued: %(count)s awards, one per proposed line.",
                    count=len(decision.line_ids),
                )
                for decision in self
            }
        )
        return True

    def _award_common_values(self):
        return {
            "decision_id": self.id,
            "award_type_id": self.award_type_id.id,
            "year": self.year,
            "decision_number": self.number,
            "decision_date": self.date,
            "authority": self.authority,
            "company_id": self.company_id.id,
            "active": True,
        }

    def _check_issuable(self):
        self.ensure_one()
        if self.state == "recorded":
            raise UserError(
                _(
                    "The decision %(decision)s is already issued: its awards are in its Awards "
                    "tab. It cannot be issued twice.",
                    decision=self.display_name,
                )
            )
        if not self.active:
            raise UserError(
                _(
                    "The decision %(decision)s is cancelled: restore it before issuing it.",
                    decision=self.display_name,
                )
            )
        if not (self.number and self.date):
            raise UserError(_("Enter the decision's number and date before issuing it."))
        if not self.line_ids:
            raise UserError(
                _(
                    "The decision commends no proposal line: use Add passed lines, or record it "
                    "with its people and units instead."
                )
            )
        self._check_reward_fixable()
        failed = self.line_ids.filtered(
            lambda line: (
                not line.vote_passed
                or line.award_type_id != self.award_type_id
                or line.year != self.year
                or line.state != "approved"
            )
        )
        if failed:
            raise UserError(
                _(
                    "%(name)s did not pass the council's vote for %(type)s %(year)s (or the "
                    "proposal is not approved): remove the line from the decision.",
                    name=failed[0].recipient_name,
                    type=self.award_type_id.name,
                    year=self.year,
                )
            )

    def _open_action(self):
        """The window that shows these decisions: the form of one, else their list."""
        action = {
            "type": "ir.actions.act_window",
            "name": _("Decisions"),
            "res_model": self._name,
            "context": {"create": False},
        }
        if len(self) == 1:
            return dict(action, view_mode="form", views=[(False, "form")], res_id=self.id)
        return dict(
            action,
            view_mode="list,form",
            views=[(False, "list"), (False, "form")],
            domain=[("id", "in", self.ids)],
        )

    def action_cancel(self):
        """Cancel (archive) the decision: its awards are archived and stop counting."""
        self.check_access("write")
        self.write({"active": False})
        return True

    def action_print_decision(self):
        return print_paper(self, "emulation_exemplar.action_report_decision")

    def action_print_certificates(self):
        """The certificates of the decision's awards, one page each, on its type's blank."""
        self.env["emulation.certificate.layout"]._for_decisions(self)
        return print_paper(self, "emulation_exemplar.action_report_certificate")

    def _vals_recipient(self, vals):
        if vals.get("employee_id"):
            return self.env["hr.employee"].browse(vals["employee_id"])
        return self.env["hr.department"].browse(vals["department_id"])
