import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import formatLang

from ..core import roadmap
from ..lib import money
from .history_mixin import FIRST_YEAR

# the methods of commendation the statistical report forms count (statistical reporting regime
# of the Ministry of Home Affairs: Circular 18/2025/TT-BNV, which replaced Circular 02/2023/TT-BNV)
AWARD_METHODS = [
    ("regular", "Regular"),
    ("thematic", "Thematic"),
    ("sudden", "Sudden"),
    ("external", "External"),
    ("contribution", "Contribution"),
    ("seniority", "Seniority"),
    ("resistance", "Resistance"),
]
# the recipients as the forms' rows split them (form 0603.N/BNV-TĐKT, rows 02 to 10), in their
# order; "leader" (a stored key since 18.0.1, every leader until 18.0.3) is the other leaders,
# from deputy head of division up
RECIPIENT_CATEGORIES = [
    ("collective", "Collective"),
    ("enterprise", "Enterprise"),
    ("household", "Household"),
    ("leader_central", "Individual: leader of a ministry or province, or higher"),
    ("leader_department", "Individual: leader of a department or equivalent"),
    ("business", "Individual: business person"),
    ("leader", "Individual: other leader, from deputy head of division up"),
    ("worker", "Individual: front-line worker (worker, farmer...)"),
    ("individual", "Individual: other"),
]
COLLECTIVE_CATEGORIES = ("collective", "enterprise", "household")
LEADER_CATEGORIES = ("leader_central", "leader_department", "leader")

# the bounds of a decision's number and date on an award (a decision number is its number and
# symbol, e.g. 1234/QĐ-UBND; a date is that of a decision already signed, or about to be)
DECISION_NUMBER_SIZE = 64
FIRST_DECISION_DATE = datetime.date(FIRST_YEAR, 1, 1)

# Decision numbers are compared without spaces and without case ("12/QĐ-UBND" and "12 /qđ-ubnd"
# are one number). The Latin letters' cases (Vietnamese ones included) are listed here and given
# to PostgreSQL's translate(), so that Python and the database compare alike whatever the
# locale of the database.
UPPER_LETTERS = "".join(
    letter
    for letter in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
    if len(letter.lower()) == 1 and letter.lower() != letter and letter.lower().upper() == letter
)
LOWER_LETTERS = "".join(letter.lower() for letter in UPPER_LETTERS)
NUMBER_IGNORED = " \t\n\r\u00a0"
NUMBER_TABLE = str.maketrans(UPPER_LETTERS, LOWER_LETTERS, NUMBER_IGNORED)
# translate(number, FROM, TO): the characters of FROM without a counterpart in TO are removed
NUMBER_SQL_FROM = UPPER_LETTERS + NUMBER_IGNORED
NUMBER_SQL_TO = LOWER_LETTERS
# the fields that say which honour an award records
HONOUR_FIELDS = [
    "active",
    "kind",
    "award_type_id",
    "year",
    "employee_id",
    "department_id",
    "decision_number",
]


# the reward money of an award: fixed when it is recorded (see _fix_amounts), never written by hand
MONEY_FIELDS = ("reward_coefficient", "base_salary", "amount")
# the facts the reward follows: correcting one of them fixes the reward again
REWARD_FACTS = {"award_type_id", "recipient_type", "employee_id", "department_id", "decision_date"}


def number_key(number):
    """A decision number as it is compared: without spaces, in lower case."""
    return (number or "").translate(NUMBER_TABLE)


def honour_key(kind, type_id, year, employee_id, department_id, number):
    """What makes an award the same honour as another (active awards): an emulation title is
    given once per recipient and year; a form of commendation once per recipient and decision,
    that is its number and year (every award of a decision carries them). None when it cannot
    be told (a form of commendation without decision number)."""
    if kind == "title":
        number = ""
    else:
        number = number_key(number)
        if not number:
            return None
    return (type_id, year, employee_id or False, department_id or False, number)


class EmulationAward(models.Model):
    _name = "emulation.award"
    _inherit = [
        "emulation.history.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.list.mixin",
    ]
    _description = "Award or emulation title"
    _order = "year desc, decision_date desc, id desc"
    _rec_names_search = ["award_type_id", "employee_id", "department_id", "decision_number"]

    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Award type",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('recipient_scope', 'in', (recipient_type, 'both'))]",
    )
    kind = fields.Selection(
        related="award_type_id.kind", store=True, precompute=True, string="Kind"
    )
    level = fields.Selection(related="award_type_id.level", store=True, precompute=True)
    recipient_type = fields.Selection(tracking=True)
    employee_id = fields.Many2one(tracking=True)
    department_id = fields.Many2one(tracking=True)
    year = fields.Integer(tracking=True)
    decision_id = fields.Many2one(
        "emulation.decision",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('company_id', '=', company_id)]",
        help="The decision this award was recorded from, with the other people and units it "
        "commends.",
    )
    decision_number = fields.Char(
        tracking=True, help="Number and symbol of the decision, e.g. 1234/QĐ-UBND."
    )
    decision_date = fields.Date(tracking=True)
    in_statistical_year = fields.Boolean(
        string="Statistical year",
        compute="_compute_in_statistical_year",
        search="_search_in_statistical_year",
        help="Decided within the statistical year of the year being judged: from 1 December of "
        "the year before to 30 November (the statistical report on commendation).",
    )
    authority = fields.Char(
        string="Issuing authority",
        compute="_compute_authority",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="Who signed the decision; taken from the award type, and may be changed.",
    )
    method = fields.Selection(
        AWARD_METHODS,
        default="regular",
        index=True,
        tracking=True,
        help="How the award was made, as the statistical report forms on commendation count "
        "it (forms 0602 and 0603.N/BNV-TĐKT of Circular 02/2023/TT-BNV): regular (yearly "
        "review), thematic (a campaign or movement), sudden (an unexpected feat), external "
        "(foreigners and Vietnamese abroad), contribution (a period of contribution), seniority, "
        "resistance (the resistance wars).",
    )
    recipient_category = fields.Selection(
        RECIPIENT_CATEGORIES,
        string="Recipient category",
        compute="_compute_recipient_category",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        # "leader" follows the person's emulation category, a personnel matter (see
        # hr.employee.emulation_category): read, searched and grouped by officers only
        groups="emulation_exemplar.group_emulation_officer",
        help="The row the statistical report forms count the recipient in (forms 0602 and "
        "0603.N/BNV-TĐKT of Circular 02/2023/TT-BNV): collectives (of which enterprises), "
        "households, and individuals: leaders of a ministry or province or higher, leaders of a "
        "department or equivalent, business people, other leaders from deputy head of division "
        "up, front-line workers (workers, farmers...). A key cadre is proposed as another "
        "leader: choose the leader of a department (the agency's director and deputy "
        "directors) or of a province by hand.",
    )
    reason = fields.Text(string="Achievement", help="The achievement the award recognises.")
    decision_file = fields.Binary(string="Decision scan", attachment=True)
    decision_filename = fields.Char()
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="A revoked or mistaken award is archived: it stays in the history but no longer "
        "counts for eligibility.",
    )
    doubled = fields.Boolean(
        compute="_compute_doubled",
        search="_search_doubled",
        help="Another active award records the same honour: the same emulation title for the "
        "same recipient and year, or the same form of commendation for the same recipient, "
        "year and decision number. Keep the right one and archive the other.",
    )

    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    reward_coefficient = fields.Float(
        string="Reward coefficient",
        digits=(6, 2),
        readonly=True,
        copy=False,
        aggregator=False,
        help="The coefficient of the award type for this recipient (individual or collective) "
        "that fixed the reward.",
    )
    base_salary = fields.Monetary(
        string="Base salary applied",
        readonly=True,
        copy=False,
        aggregator=False,
        help="The base salary in force on the decision's date when the reward was fixed.",
    )
    amount = fields.Monetary(
        string="Reward",
        readonly=True,
        copy=False,
        help="The reward money (đồng): the coefficient of the award type times the base salary "
        "in force on the decision's date, rounded up to the ten thousand đồng (Decree "
        "152/2025/NĐ-CP, arts. 50–54). Fixed when the award is recorded: a base salary edited "
        "later does not change it; correcting the award's type, recipient or decision date "
        "fixes it again.",
    )
    amount_note = fields.Char(
        string="Reward explained",
        compute="_compute_amount_note",
        help="How the reward was fixed, or why the award has none.",
    )

    # stays: an imported row's empty authority takes the type's
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(f in vals for vals in vals_list for f in MONEY_FIELDS):
            raise UserError(self._money_refusal())
        defaults = {"default_%s" % fname for fname in MONEY_FIELDS}
        if not self.env.su and defaults & self.env.context.keys():
            # a caller's default is no way around the refusal: the reward is the server's
            context = {k: v for k, v in self.env.context.items() if k not in defaults}
            self = self.with_env(self.env(context=context))
        importing = self.env.context.get("import_file")
        if importing:
            for vals in vals_list:
                # an empty cell of an imported row takes the type's authority
                if "authority" in vals and not vals["authority"]:
                    del vals["authority"]
        fixed = self._reward_values(vals_list)
        awards = super().create(vals_list)
        if not importing and not self.env.su:
            awards._check_decision_entered()
        # the rewards not fixed with the values (a recipient type or decision date by default)
        unfixed = [award.id for index, award in enumerate(awards) if index not in fixed]
        if unfixed:
            awards.browse(unfixed)._fix_amounts(created=True)
        return awards

    # stays: a user may not erase an award's decision number or date
    def write(self, vals):
        if not self.env.su and MONEY_FIELDS & vals.keys():
            raise UserError(self._money_refusal())
        if not self.env.su and not self.env.context.get("import_file"):
            erased = [
                fname
                for fname in ("decision_number", "decision_date")
                if fname in vals and not (vals[fname] and str(vals[fname]).strip())
            ]
            if erased:
                raise ValidationError(
                    _(
                        "The decision number and date of an award cannot be erased: enter the "
                        "right ones instead."
                    )
                )
        result = super().write(vals)
        if REWARD_FACTS & vals.keys():
            self._fix_amounts()
        return result

    # ------------------------------------------------------------------ the reward money
    @api.model
    def _money_refusal(self):
        return _(
            "The reward of an award is fixed when it is recorded, from the coefficient of its "
            "award type and the base salary in force on the decision's date: it cannot be "
            "entered by hand. Correct the award type, the recipient or the decision date, or ask "
            "an administrator to correct the coefficient or the base salary, then use “Fix the "
            "reward”."
        )

    def _compute_currency_id(self):
        self.currency_id = self.env.ref("base.VND")

    def _reward(self, salaries):
        """(coefficient, base salary, amount, reason) of one award with the base salaries
        ``salaries`` (see lib/money.py)."""
        award_type = self.award_type_id
        if not award_type:
            return 0.0, 0.0, 0, money.NO_COEFFICIENT
        return money.award_reward(
            self.decision_date,
            award_type._coefficient(self.recipient_type),
            award_type.coefficient_date_from,
            salaries,
        )

    @api.model
    def _reward_values(self, vals_list):
        """Fix the reward in the values of the awards to create whose award type, recipient type
        and decision date they give (after the refusal of money sent by the caller): the
        reward goes into the same INSERT. Returns the indexes of the values it fixed; the caller
        fixes the others once created (_fix_amounts)."""
        salaries = None
        fixed = set()
        Type = self.env["emulation.award.type"]
        for index, vals in enumerate(vals_list):
            if not (vals.get("award_type_id") and vals.get("recipient_type")):
                continue
            if "decision_date" not in vals:
                continue
            if salaries is None:
                salaries = self.env["emulation.base.salary"]._salary_table()
            award_type = Type.browse(vals["award_type_id"])
            coefficient, base, amount, _reason = money.award_reward(
                fields.Date.to_date(vals["decision_date"]),
                award_type._coefficient(vals["recipient_type"]),
                award_type.coefficient_date_from,
                salaries,
            )
            # what is known goes in; an award without a reward keeps an empty amount (its
            # "Reward explained" says why, the filter "Without reward" finds it)
            vals.update(
                {
                    fname: value
                    for fname, value in (
                        ("reward_coefficient", coefficient),
                        ("base_salary", base),
                        ("amount", amount),
                    )
                    if value
                }
            )
            fixed.add(index)
        return fixed

    def _fix_amounts(self, created=False):
        """Fix the reward of the awards from their type's coefficient and the base salary in
        force on their decision's date, written in one statement whatever their number; an award
        whose reward cannot be fixed (no decision date, no coefficient, no base salary in force)
        is left without one (its “Reward explained” says why). ``created``: the awards were just
        created (they exist: no need to ask the database)."""
        awards = self if created else self.exists()
        if not awards:
            return
        salaries = self.env["emulation.base.salary"]._salary_table()
        rows = []
        for award in awards:
            coefficient, base, amount, _reason = award._reward(salaries)
            rows.append(
                SQL(
                    "(%s, %s::numeric, %s::numeric, %s::numeric)",
                    award.id,
                    coefficient or None,
                    base or None,
                    amount or None,
                )
            )
        self.env.execute_query(
            SQL(
                """
                UPDATE emulation_award a
                   SET reward_coefficient = v.coefficient, base_salary = v.base,
                       amount = v.amount
                  FROM (VALUES %s) AS v(id, coefficient, base, amount)
                 WHERE a.id = v.id
                """,
                SQL(", ").join(rows),
            )
        )
        awards.invalidate_recordset(list(MONEY_FIELDS))

    def action_fix_amounts(self):
        """Fix the reward of the awards that have none (a base salary or a coefficient entered
        after they were recorded); a fixed reward never changes here."""
        self.check_access("write")
        self.filtered(lambda award: not award.amount)._fix_amounts()
        return True

    @api.depends("amount", "decision_date", "award_type_id", "recipient_type")
    def _compute_amount_note(self):
        salaries = None
        for award in self:
            if award.amount:
                award.amount_note = _(
                    "%(coefficient)s × base salary %(base)s đ, rounded up: %(amount)s đ",
                    coefficient=formatLang(self.env, award.reward_coefficient, digits=2),
                    base=formatLang(self.env, award.base_salary, digits=0),
                    amount=formatLang(self.env, award.amount, digits=0),
                )
                continue
            if salaries is None:
                salaries = self.env["emulation.base.salary"]._salary_table()
            _coefficient, _base, amount, reason = award._reward(salaries)
            date = award.decision_date and award.decision_date.strftime("%d/%m/%Y")
            if reason == money.NO_DATE:
                note = _("No reward: the award has no decision date.")
            elif reason == money.NO_COEFFICIENT:
                note = _("No reward: the award type has no reward coefficient for this recipient.")
            elif reason == money.BEFORE_COEFFICIENT:
                note = _(
                    "No reward fixed: the decision (%(date)s) is earlier than the date the "
                    "coefficients of the award type apply from (%(first)s).",
                    date=date,
                    first=award.award_type_id.coefficient_date_from.strftime("%d/%m/%Y"),
                )
            elif reason == money.NO_BASE_SALARY:
                note = _(
                    "No reward fixed: no base salary is in force on %(date)s. An administrator "
                    "enters it (Configuration › Base salaries), then use “Fix the reward”.",
                    date=date,
                )
            elif amount:
                note = _(
                    "Not fixed yet: its base salary or coefficient was entered after the award "
                    "was recorded. Use “Fix the reward”."
                )
            else:
                note = False
            award.amount_note = note

    def _check_decision_entered(self):
        """An award a user records (the form, the decisions, RPC) rests on a decision: its
        number and date are required. The history imported from spreadsheets may lack them (the
        Incomplete filter finds those). Any caller can send the import's context
        (``import_file``), but it opens no right: whoever may create awards may import them
        anyway. Records the server makes itself (data files, upgrades: the superuser) are
        history too."""
        incomplete = self.filtered(
            lambda award: not (award.decision_number or "").strip() or not award.decision_date
        )
        if incomplete:
            raise ValidationError(
                _(
                    "%(award)s: enter the number and date of the decision it rests on.",
                    award=incomplete[0].display_name,
                )
            )

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": _("Import template for awards and titles"),
                "template": "/emulation_exemplar/static/xls/emulation_award.xlsx",
            }
        ]

    @api.depends("award_type_id")
    def _compute_authority(self):
        for award in self:
            # a type without a default authority keeps what was entered
            award.authority = award.award_type_id.authority or award.authority

    @api.depends("recipient_type", "employee_id")
    def _compute_recipient_category(self):
        for award in self:
            employee = award.employee_id.sudo()
            if award.recipient_type == "collective":
                if award.recipient_category not in COLLECTIVE_CATEGORIES:
                    award.recipient_category = "collective"
            elif employee.emulation_category == "key_cadre":
                # a key cadre is another leader unless an officer set which leader
                if award.recipient_category not in LEADER_CATEGORIES:
                    award.recipient_category = "leader"
            elif not award.recipient_category or award.recipient_category in (
                COLLECTIVE_CATEGORIES
            ):
                award.recipient_category = "individual"

    @api.depends("decision_date")
    @api.depends_context("company")
    def _compute_in_statistical_year(self):
        start, end = roadmap.statistical_period(self.env.company._emulation_year())
        for award in self:
            award.in_statistical_year = bool(
                award.decision_date and start <= award.decision_date <= end
            )

    def _search_in_statistical_year(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                f"Operator {operator!r} is not supported on in_statistical_year"
            )
        start, end = roadmap.statistical_period(self.env.company._emulation_year())
        domain = ["&", ("decision_date", ">=", start), ("decision_date", "<=", end)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("award_type_id", "employee_id", "department_id", "year")
    def _compute_display_name(self):
        for award in self:
            recipient = award.employee_id or award.department_id
            parts = [award.award_type_id.name or _("Award")]
            if recipient:
                parts.append(recipient.name)
            award.display_name = " – ".join(parts) + (f" ({award.year})" if award.year else "")

    @api.constrains("award_type_id", "recipient_type")
    def _check_award_scope(self):
        for award in self:
            scope = award.award_type_id.recipient_scope
            if scope == "collective" and award.recipient_type == "individual":
                raise ValidationError(
                    _(
                        "%(type)s is awarded to units only: it cannot be given to a person. "
                        "Choose the unit as recipient, or another award type.",
                        type=award.award_type_id.name,
                    )
                )
            if scope == "individual" and award.recipient_type == "collective":
                raise ValidationError(
                    _(
                        "%(type)s is awarded to people only: it cannot be given to a unit. "
                        "Choose a person as recipient, or another award type.",
                        type=award.award_type_id.name,
                    )
                )

    @api.constrains("decision_id", "company_id")
    def _check_decision_company(self):
        # not check_company: its message would name a decision of a company the caller cannot read
        if any(
            award.decision_id.sudo().company_id != award.company_id
            for award in self.filtered("decision_id")
        ):
            raise ValidationError(
                _("An award and the decision it was recorded from belong to the same company.")
            )

    @api.constrains("decision_date", "year")
    def _check_decision_date(self):
        self._check_decision_date_year()
        last = fields.Date.context_today(self) + relativedelta(years=1)
        for award in self:
            if award.decision_date and not FIRST_DECISION_DATE <= award.decision_date <= last:
                raise ValidationError(
                    _(
                        "The decision date %(date)s is not valid: enter a date between "
                        "%(first)s and %(last)s.",
                        date=award.decision_date.strftime("%d/%m/%Y"),
                        first=FIRST_DECISION_DATE.strftime("%d/%m/%Y"),
                        last=last.strftime("%d/%m/%Y"),
                    )
                )

    @api.constrains("decision_number")
    def _check_decision_number_size(self):
        for award in self:
            number = award.decision_number or ""
            if len(number) > DECISION_NUMBER_SIZE:
                raise ValidationError(
                    _(
                        "The decision number “%(start)s…” has %(length)s characters: a decision "
                        "number has at most %(size)s. Enter its number and symbol only, e.g. "
                        "1234/QĐ-UBND.",
                        start=number[:20],
                        length=len(number),
                        size=DECISION_NUMBER_SIZE,
                    )
                )

    # ------------------------------------------------------------------ each honour once
    @api.constrains(
        "award_type_id",
        "recipient_type",
        "employee_id",
        "department_id",
        "year",
        "decision_number",
        "active",
    )
    def _check_honour_once(self):
        """The history holds each honour once (see honour_key). Found across the whole history
        (another company's award for a shared unit too), in one query for the records saved
        together; the message names only what the caller may read."""
        awards = self.filtered("active")
        if not awards:
            return
        groups = awards._doubled_groups(awards._honour_scope(), touching=awards.ids)
        if not groups:
            return
        ids = groups[0]
        award = self.browse(max(i for i in ids if i in awards._ids))
        twin = self.browse([i for i in ids if i != award.id])._filtered_access("read")[:1]
        raise ValidationError(
            self._honour_twice_message(award._recipient(), award.award_type_id, award.year, twin)
        )

    @api.model
    def _honour_twice_message(self, recipient, award_type, year, twin):
        """Why an award doubles an honour of ``twin`` (an award the caller may read, or none)."""
        values = {
            "recipient": recipient.display_name,
            "type": award_type.display_name,
            "year": year,
        }
        if not twin:
            return _(
                "%(recipient)s already holds %(type)s for %(year)s, in a history you cannot "
                "read (another company's). An honour is recorded once: ask an officer of that "
                "company.",
                **values,
            )
        values["number"] = twin.decision_number or self.env._("without number")
        if award_type.kind == "title":
            return _(
                "%(recipient)s already holds the emulation title %(type)s for %(year)s "
                "(decision %(number)s). An emulation title is awarded once a year: correct the "
                "year or the recipient, or archive the award recorded by mistake.",
                **values,
            )
        return _(
            "%(recipient)s already holds %(type)s of decision %(number)s for %(year)s. An award "
            "of a decision is recorded once: correct this one, or archive the award recorded by "
            "mistake.",
            **values,
        )

    def _honour_scope(self, visible=False):
        """SQL condition on the awards (alias ``a``) that may record the honours of ``self``;
        with ``visible``, only those the caller reads."""
        scope = SQL(
            "a.award_type_id = ANY(%s) AND a.year = ANY(%s) "
            "AND (a.employee_id = ANY(%s) OR a.department_id = ANY(%s))",
            self.award_type_id.ids,
            sorted(set(self.mapped("year"))),
            self.employee_id.ids,
            self.department_id.ids,
        )
        if visible:
            scope = SQL("%s AND %s", scope, self._visible_awards())
        return scope

    @api.model
    def _visible_awards(self):
        """SQL condition on the awards (alias ``a``) the caller reads (all, as superuser)."""
        if self.env.su:
            return SQL("TRUE")
        return SQL("a.id IN %s", self._search([]).subselect())

    @api.model
    def _doubled_groups(self, scope, touching=None):
        """The ids of the active awards that record the same honour (see honour_key), a list
        per honour held more than once, among the awards meeting ``scope`` (SQL on alias
        ``a``); with ``touching`` (ids), only the groups holding one of them. One query."""
        self.env["emulation.award"].flush_model(HONOUR_FIELDS)
        number = SQL(
            "translate(COALESCE(a.decision_number, ''), %s, %s)", NUMBER_SQL_FROM, NUMBER_SQL_TO
        )
        having = SQL("count(*) > 1")
        if touching is not None:
            having = SQL("%s AND bool_or(a.id = ANY(%s))", having, list(touching))
        rows = self.env.execute_query(
            SQL(
                """
                SELECT array_agg(a.id ORDER BY a.id)
                  FROM emulation_award a
                 WHERE a.active AND (a.kind = 'title' OR %(number)s != '') AND %(scope)s
                 GROUP BY a.award_type_id, a.year, a.employee_id, a.department_id,
                          CASE WHEN a.kind = 'title' THEN '' ELSE %(number)s END
                HAVING %(having)s
                 ORDER BY min(a.id)
                """,
                number=number,
                scope=scope,
                having=having,
            )
        )
        return [ids for (ids,) in rows]

    @api.model
    def _doubled_honours(self):
        """Every honour the history holds more than once, as records (what the upgrade lists in
        its log, and the Doubled filter shows): [awards of one honour, ...]."""
        Award = self.env["emulation.award"]
        return [Award.browse(ids) for ids in Award._doubled_groups(self._visible_awards())]

    @api.depends("award_type_id", "year", "employee_id", "department_id", "decision_number")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_doubled(self):
        doubled = set()
        awards = self._origin.filtered("active")
        if awards:
            for ids in awards._doubled_groups(
                awards._honour_scope(visible=True), touching=awards.ids
            ):
                doubled.update(ids)
        for award in self:
            award.doubled = award._origin.id in doubled

    def _search_doubled(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Find the doubled honours with the Doubled filter."))
        ids = [i for ids in self._doubled_groups(self._visible_awards()) for i in ids]
        return [("id", "in" if (operator == "=") == value else "not in", ids)]

    # ------------------------------------------------------------------ import
    def _import_known_refusals(self, data_list):
        """{row: error} of the rows of an imported batch that record an honour the history
        holds already, or that a row above them records (the same file imported twice, a row
        repeated): found in one query for the batch, so that they are refused without being
        created one by one (see emulation.import.mixin). The history is searched whole; only
        what the caller may read is named. Rows that update a record (an external id), and
        rows with something missing, are left to the constraint."""
        rows = []
        for data in data_list:
            vals = data["values"]
            recipient = (vals.get("employee_id") or False, vals.get("department_id") or False)
            if (
                data.get("xml_id")
                or vals.get("active", True) is False
                or not isinstance(vals.get("award_type_id"), int)
                or not isinstance(vals.get("year"), int)
                or bool(recipient[0]) == bool(recipient[1])
            ):
                continue
            rows.append((data["info"].get("record"), vals, recipient))
        if not rows:
            return {}
        Type = self.env["emulation.award.type"].with_context(active_test=False)
        types = {
            t.id: t
            for t in Type.search_fetch(
                [("id", "in", [r[1]["award_type_id"] for r in rows])], ["name", "kind"]
            )
        }
        employees = {r[2][0] for r in rows if r[2][0]}
        departments = {r[2][1] for r in rows if r[2][1]}
        held = {}
        for award in (
            self.sudo()
            .with_context(active_test=True)
            .search_fetch(
                [
                    ("award_type_id", "in", list(types)),
                    ("year", "in", list({r[1]["year"] for r in rows})),
                    "|",
                    ("employee_id", "in", list(employees)),
                    ("department_id", "in", list(departments)),
                ],
                [
                    "award_type_id",
                    "year",
                    "employee_id",
                    "department_id",
                    "kind",
                    "decision_number",
                ],
                order="id",
            )
        ):
            key = honour_key(
                award.kind,
                award.award_type_id.id,
                award.year,
                award.employee_id.id,
                award.department_id.id,
                award.decision_number,
            )
            if key:
                held.setdefault(key, award.with_env(self.env))
        refused, seen = {}, {}
        for record, vals, (employee_id, department_id) in rows:
            award_type = types.get(vals["award_type_id"])
            if not award_type:
                continue
            key = honour_key(
                award_type.kind,
                award_type.id,
                vals["year"],
                employee_id,
                department_id,
                vals.get("decision_number"),
            )
            if key is None:
                continue
            recipient = (
                self.env["hr.employee"].browse(employee_id)
                if employee_id
                else self.env["hr.department"].browse(department_id)
            )
            if key in held:
                twin = held[key]._filtered_access("read")
                refused[record] = ValidationError(
                    self._honour_twice_message(recipient, award_type, vals["year"], twin)
                )
            elif key in seen:
                refused[record] = ValidationError(
                    _(
                        "%(recipient)s holds %(type)s for %(year)s twice in this file: this row "
                        "repeats row %(row)s. Remove one of them.",
                        recipient=recipient.display_name,
                        type=award_type.display_name,
                        year=vals["year"],
                        row=seen[key] + 1,
                    )
                )
            else:
                seen[key] = record
        return refused
