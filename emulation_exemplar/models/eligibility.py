from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..core import eligibility as rules
from .exemplar_result_mixin import RESULT_FIELDS
from .history_mixin import RECIPIENT_TYPES

# the condition kinds each history model feeds
HISTORY_KINDS = {
    "emulation.award": {rules.AWARD_COUNT, rules.AWARD_STREAK},
    "emulation.classification": {
        rules.CLASSIFICATION_COUNT,
        rules.CLASSIFICATION_EVERY_YEAR,
        rules.CLASSIFICATION_STREAK,
    },
    "emulation.initiative": {rules.INITIATIVE_COUNT},
    "emulation.discipline": {rules.NO_DISCIPLINE},
}
MEMBER_KINDS = {rules.MEMBER_RATIO, rules.MEMBER_COUNT, rules.NO_DISCIPLINE}
# the recipient kinds of criteria sets that cover each kind of recipient
SET_KINDS = {
    "collective": ("collective",),
    "key_cadre": ("key_cadre", "individual"),
    "staff": ("staff", "individual"),
}
OWNER_FIELD = {"hr.employee": "employee_id", "hr.department": "department_id"}
# the stored facts of a result, as the engine writes them
FACTS = ("eligible", "missing", "alternative_id", "unit_id", "company_id", "recipient_type")


class EmulationEligibility(models.Model):
    """One result of the eligibility engine: whether a person or a unit qualifies, under one
    criteria set, in one evaluation year.

    Only facts are stored (eligible, how many items are missing, the alternative met); the
    explanation is built when read, in the reader's language. The rows are written by the engine
    (:meth:`_eligibility_update`, in one statement per batch) and never by users: there are no
    create, write or unlink rights on this model. Who may read a row is the record rules' matter,
    exactly as for the annual classifications: one's own rows; a unit manager's, those of the
    people and units of the units they head and of the units below; an officer's, all those of
    their companies.
    """

    _name = "emulation.eligibility"
    _description = "Eligibility result"
    _order = "year desc, criteria_set_id, unit_id, id"
    _rec_name = "criteria_set_id"

    criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    award_type_id = fields.Many2one(
        related="criteria_set_id.award_type_id",
        string="Title or form",
        store=True,
        index="btree_not_null",
    )
    year = fields.Integer(
        required=True,
        readonly=True,
        index=True,
        aggregator=False,
        help="The evaluation year: the last year of the history that counts.",
    )
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, readonly=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        context={"active_test": False},
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        context={"active_test": False},
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit of the recipient",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The unit itself for a collective, the person's department for an individual.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    eligible = fields.Boolean(readonly=True, index=True)
    missing = fields.Integer(
        string="Items missing",
        readonly=True,
        aggregator=False,
        help="The fewest awards, initiatives, years or members still missing over all "
        "alternatives; 0 when eligible. 1 means one step away.",
    )
    alternative_id = fields.Many2one(
        "emulation.criteria.alternative",
        string="Criteria met",
        readonly=True,
        ondelete="set null",
        help="The alternative of the criteria set that is met.",
    )
    recipient_name = fields.Char(
        string="Recipient", compute="_compute_recipient_name", help="The person or the unit."
    )

    _sql_constraints = [
        (
            "recipient_set_year_uniq",
            "unique nulls not distinct (criteria_set_id, year, employee_id, department_id)",
            "One result per recipient, criteria set and year.",
        ),
    ]

    @api.depends("employee_id", "department_id")
    def _compute_recipient_name(self):
        for result in self:
            result.recipient_name = (result.employee_id or result.department_id).display_name

    explanation = fields.Text(
        compute="_compute_explanation",
        help="What counted, by year, and what is missing, for each alternative.",
    )
    missing_text = fields.Char(
        string="What is missing",
        compute="_compute_explanation",
        help="What the nearest way to qualify still lacks: the conditions not yet met.",
    )
    award_ids = fields.Many2many(
        "emulation.award",
        string="Awards that count",
        compute="_compute_counted_history",
        help="The awards of the period that the conditions of the alternative count.",
    )
    classification_ids = fields.Many2many(
        "emulation.classification",
        string="Classifications that count",
        compute="_compute_counted_history",
    )
    initiative_ids = fields.Many2many(
        "emulation.initiative", string="Initiatives that count", compute="_compute_counted_history"
    )
    discipline_ids = fields.Many2many(
        "emulation.discipline",
        string="Disciplines that block",
        compute="_compute_counted_history",
    )

    # ------------------------------------------------------------------ buttons
    def action_open_recipient(self):
        """The person's profile (on its emulation tab) or the unit's form."""
        self.ensure_one()
        if self.recipient_type == "collective":
            return {
                "type": "ir.actions.act_window",
                "res_model": "hr.department",
                "res_id": self.department_id.id,
                "views": [(False, "form")],
            }
        view = self.env.ref("emulation_exemplar.hr_employee_public_view_form_exemplar")
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.employee.public",
            "res_id": self.employee_id.id,
            "views": [(view.id, "form")],
        }

    def action_print_records(self):
        """The commendation records of the people (or units) of these results."""
        if not self:
            return False
        if all(row.recipient_type == "collective" for row in self):
            records = self.department_id
            xmlid = "emulation_exemplar.action_report_record_department"
        else:
            records = self.env["hr.employee.public"].browse(self.employee_id.ids)
            xmlid = "emulation_exemplar.action_report_record_employee_public"
        return self.env.ref(xmlid).report_action(records)

    # ------------------------------------------------------------------ reading
    @api.model
    def _eligibility_flush_pending(self):
        """Run the pending re-evaluations (owners marked by history changes) before reading."""
        for model in ("hr.employee", "hr.department"):
            field = self.env[model]._fields["emulation_eligibility_token"]
            if self.env.records_to_compute(field):
                self.env[model]._recompute_field(field)

    def flush_model(self, fnames=None):
        self._eligibility_flush_pending()
        return super().flush_model(fnames)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._eligibility_flush_pending()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _owners(self):
        """(owner model name, owner ids) of these rows, which share their recipient type."""
        if self[:1].recipient_type == "collective":
            return "hr.department", self.department_id.ids
        return "hr.employee", self.employee_id.ids

    def _grouped_by_evaluation(self):
        """{(set id, year, recipient type): rows}."""
        return self.grouped(lambda r: (r.criteria_set_id.id, r.year, r.recipient_type))

    def _evaluations(self):
        """{row id: (Criteria of its year, Evaluation)} in the environment's language, for the
        rows whose set is active; the counts are read in a few queries per set and year."""
        rules_by_id = {r.id: r for r in self.env["emulation.criteria.set"]._exemplar_rules()}
        result = {}
        for (set_id, year, _type), rows in self.sudo()._grouped_by_evaluation().items():
            set_rules = rules_by_id.get(set_id)
            if set_rules is None:
                continue
            model, owner_ids = rows._owners()
            owners = self.env[model].sudo().with_context(active_test=False).browse(owner_ids)
            criteria = set_rules.criteria.for_year(year)
            counts = self._eligibility_counts(owners, [set_rules.criteria])
            evaluations = rules.evaluate_many(criteria, counts, keys=owners.ids)
            field = OWNER_FIELD[model]
            for row in rows:
                result[row.id] = (criteria, evaluations[row[field].id])
        return result

    @api.depends_context("lang")
    def _compute_explanation(self):
        evaluations = self._evaluations()
        Employee = self.env["hr.employee"]
        gettext = Employee._exemplar_gettext(self.env.lang)
        labels = Employee._exemplar_level_labels()
        for row in self:
            criteria, evaluation = evaluations.get(row.id, (None, None))
            if evaluation is None:
                row.explanation = row.missing_text = False
                continue
            row.explanation = rules.explain(
                evaluation, criteria, gettext=gettext, level_labels=labels
            )
            row.missing_text = (
                False
                if evaluation.eligible
                else rules.missing_summary(
                    evaluation, criteria, gettext=gettext, level_labels=labels
                )
            )

    def _compute_counted_history(self):
        """The history of the period that the alternative met (or the nearest one) counts, read
        as the user: the record rules leave out what they may not see."""
        evaluations = self._evaluations()
        found = {name: defaultdict(list) for name in HISTORY_KINDS}
        for (_set, _year, _type), rows in self._grouped_by_evaluation().items():
            first = evaluations.get(rows[:1].id)
            if not first:
                continue
            criteria = first[0]
            year_from, year_to = criteria.period()
            model, owner_ids = rows._owners()
            field = OWNER_FIELD[model]
            domain = [("year", ">=", year_from), ("year", "<=", year_to)]
            for history in HISTORY_KINDS:
                owner = "employee_ids" if history == "emulation.initiative" else field
                if history == "emulation.discipline" and field != "employee_id":
                    continue
                if history == "emulation.initiative" and field != "employee_id":
                    continue
                for record in self.env[history].search([*domain, (owner, "in", owner_ids)]):
                    for owner_id in record[owner].ids:
                        found[history][owner_id].append(record)
        for row in self:
            criteria, evaluation = evaluations.get(row.id, (None, None))
            owner_id = (row.employee_id or row.department_id).id
            conditions = _relevant_conditions(evaluation)
            values = {}
            for history, fname in (
                ("emulation.award", "award_ids"),
                ("emulation.classification", "classification_ids"),
                ("emulation.initiative", "initiative_ids"),
                ("emulation.discipline", "discipline_ids"),
            ):
                records = [
                    record
                    for record in found[history].get(owner_id, ())
                    if any(_counts_for(history, record, c) for c in conditions)
                ]
                values[fname] = [r.id for r in records]
            row.update({fname: [(6, 0, ids)] for fname, ids in values.items()})

    # ------------------------------------------------------------------ the engine
    @api.model
    def _eligibility_counts_members(self):
        """Whether an active set for collectives judges their members (member ratio or count,
        no discipline): only then does a person's history change their units' results."""
        return any(
            set_rules.recipient_kind == "collective"
            and any(
                c.kind in MEMBER_KINDS
                for a in set_rules.criteria.alternatives
                for c in a.conditions
            )
            for set_rules in self.env["emulation.criteria.set"]._exemplar_rules()
        )

    @api.model
    def _eligibility_years(self, criteria):
        """The evaluation years of ``criteria``: a fixed window's last year; each year of a
        rolling window's period that is not after the current year."""
        if criteria.window != rules.WINDOW_ROLLING:
            return [criteria.year_to]
        last = min(criteria.year_to, fields.Date.context_today(self).year)
        return list(range(criteria.year_from, last + 1))

    @api.model
    def _eligibility_plan(self, owners):
        """{set id: owner ids} of the active sets that apply to ``owners`` (active people or
        units): for each title (and the exemplar), the sets of the owner's company, or else the
        sets without company."""
        index = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for set_rules in self.env["emulation.criteria.set"]._exemplar_rules():
            for kind, covered in SET_KINDS.items():
                if set_rules.recipient_kind in covered:
                    index[kind][set_rules.award_type_id][set_rules.company_id].append(set_rules.id)
        kinds = owners._exemplar_kinds()
        plan = defaultdict(list)
        for owner in owners:
            company = owner.company_id.id or False
            for by_company in index.get(kinds.get(owner.id), {}).values():
                for set_id in by_company.get(company) or by_company.get(False) or ():
                    plan[set_id].append(owner.id)
        return plan

    @api.model
    def _eligibility_counts(self, owners, criteria_list):
        """{owner id: RecipientCounts} covering the history years of every criteria of
        ``criteria_list``, read only for the kinds and award types their conditions count: one
        grouped query per history model (and three more for units with member conditions)."""
        conditions = [c for crit in criteria_list for a in crit.alternatives for c in a.conditions]
        if not owners or not conditions:
            return {}
        spans = [crit.history_years() for crit in criteria_list]
        year_from, year_to = min(s[0] for s in spans), max(s[1] for s in spans)
        kinds = {c.kind for c in conditions}
        award_types = {t for c in conditions for t in c.award_type_ids}
        counts = defaultdict(rules.RecipientCounts)
        field = OWNER_FIELD[owners._name]
        period = [("year", ">=", year_from), ("year", "<=", year_to)]
        for history, history_kinds in HISTORY_KINDS.items():
            if not history_kinds & kinds:
                continue
            if field == "department_id" and history in (
                "emulation.initiative",
                "emulation.discipline",
            ):
                continue
            owner = "employee_ids" if history == "emulation.initiative" else field
            domain = [*period, (owner, "in", owners.ids)]
            self._read_history(history, owner, domain, award_types, counts)
        if field == "department_id" and kinds & MEMBER_KINDS:
            self._read_members(owners, year_from, year_to, award_types, kinds, counts)
        return counts

    @api.model
    def _read_history(self, history, owner, domain, award_types, counts):
        History = self.env[history].sudo().with_context(active_test=True)
        if history == "emulation.award":
            domain = [*domain, ("award_type_id", "in", sorted(award_types))]
            for rec, type_ids, years in History._read_group(
                domain, [owner], ["award_type_id:array_agg", "year:array_agg"]
            ):
                counts[rec.id].awards = _count(zip(type_ids, years, strict=True))
        elif history == "emulation.classification":
            for rec, years, levels in History._read_group(
                domain, [owner], ["year:array_agg", "level:array_agg"]
            ):
                counts[rec.id].classifications = dict(zip(years, levels, strict=True))
        elif history == "emulation.initiative":
            for rec, levels, applied, years in History._read_group(
                domain,
                [owner],
                ["level:array_agg", "applied_effectively:array_agg", "year:array_agg"],
            ):
                counts[rec.id].initiatives = _count(
                    zip(levels, map(bool, applied), years, strict=True)
                )
        else:
            for rec, years, forms in History._read_group(
                domain, [owner], ["year:array_agg", "form:array_agg"]
            ):
                disciplines = counts[rec.id].disciplines
                for year, form in zip(years, forms, strict=True):
                    disciplines[year] = rules.heaviest_form((disciplines.get(year), form))

    @api.model
    def _read_members(self, units, year_from, year_to, award_types, kinds, counts):
        """The member statistics of ``units`` (their active people and those of the units below
        them) for every year of the span, and the heaviest discipline of any member per year."""
        Employee = self.env["hr.employee"].sudo().with_context(active_test=True)
        members = Employee.search_fetch(
            [("department_id", "child_of", units.ids)], ["department_id"], order="id"
        )
        if not members:
            return
        unit_ids = set(units.ids)
        paths = {
            department.id: [int(part) for part in department.parent_path.split("/") if part]
            for department in members.department_id.sudo()
        }
        member_units = {
            member.id: [u for u in paths.get(member.department_id.id, ()) if u in unit_ids]
            for member in members
        }
        years = range(year_from, year_to + 1)
        member_counts = defaultdict(rules.RecipientCounts)
        period = [("year", ">=", year_from), ("year", "<=", year_to)]
        domain = [*period, ("employee_id", "in", members.ids)]
        if rules.MEMBER_RATIO in kinds or rules.MEMBER_COUNT in kinds:
            self._read_history(
                "emulation.classification", "employee_id", domain, award_types, member_counts
            )
            if award_types:
                self._read_history(
                    "emulation.award", "employee_id", domain, award_types, member_counts
                )
        if rules.NO_DISCIPLINE in kinds:
            self._read_history(
                "emulation.discipline", "employee_id", domain, award_types, member_counts
            )
        empty = rules.RecipientCounts()
        for member_id, units_of_member in member_units.items():
            if not units_of_member:
                continue
            mine = member_counts.get(member_id, empty)
            held = defaultdict(set)
            for type_id, year in mine.awards:
                held[year].add(type_id)
            rows = [(year, mine.classifications.get(year), held.get(year)) for year in years]
            for unit_id in units_of_member:
                unit_counts = counts[unit_id]
                rules.member_statistics(rows, unit_counts)
                for year, form in mine.disciplines.items():
                    unit_counts.disciplines[year] = rules.heaviest_form(
                        (unit_counts.disciplines.get(year), form)
                    )

    @api.model
    def _eligibility_evaluate(self, owners):
        """The results of ``owners`` (people or units, any state): {(set id, year, owner id):
        facts} for the active ones, in a few grouped queries whatever their number."""
        owners = owners.sudo().with_context(active_test=False).exists()
        active = owners.filtered("active")
        active.fetch(["company_id"])
        plan = self._eligibility_plan(active)
        if not plan:
            return {}
        rules_by_id = {r.id: r for r in self.env["emulation.criteria.set"]._exemplar_rules()}
        counts = self._eligibility_counts(
            active.browse({i for ids in plan.values() for i in ids}),
            [rules_by_id[set_id].criteria for set_id in plan],
        )
        collective = owners._name == "hr.department"
        units = {}
        if not collective:
            units = {e.id: e.department_id.id for e in active}
        companies = {o.id: o.company_id.id or self.env.company.id for o in active}
        results = {}
        for set_id, owner_ids in plan.items():
            criteria = rules_by_id[set_id].criteria
            for year in self._eligibility_years(criteria):
                evaluations = rules.evaluate_many(criteria.for_year(year), counts, keys=owner_ids)
                for owner_id, evaluation in evaluations.items():
                    met = next((a for a in evaluation.alternatives if a.met), None)
                    results[(set_id, year, owner_id)] = {
                        "eligible": evaluation.eligible,
                        "missing": evaluation.missing,
                        "alternative_id": met.alternative.key if met else None,
                        "unit_id": owner_id if collective else units.get(owner_id) or None,
                        "company_id": companies[owner_id],
                        "recipient_type": "collective" if collective else "individual",
                    }
        return results

    @api.model
    def _eligibility_update(self, owners):
        """Evaluate ``owners`` (people or units) and store their results: one INSERT … ON
        CONFLICT for the new and changed rows, one DELETE for the rows that no longer apply."""
        if not owners:
            return
        owners = owners.sudo().with_context(active_test=False)
        field = OWNER_FIELD[owners._name]
        results = self._eligibility_evaluate(owners)
        award_types = {
            r.id: r.award_type_id or None
            for r in self.env["emulation.criteria.set"]._exemplar_rules()
        }
        keys = list(results)
        set_ids = [k[0] for k in keys]
        years = [k[1] for k in keys]
        owner_ids = [k[2] for k in keys]
        column = SQL.identifier(field)
        values = [results[k] for k in keys]
        # one statement: the new and changed rows (the unchanged ones are not rewritten), then
        # the rows that no longer apply (an archived owner, a set that stopped applying)
        self.env.cr.execute(
            SQL(
                """WITH v AS (
                       SELECT * FROM unnest(%(set_ids)s::int[], %(award_types)s::int[],
                                            %(years)s::int[], %(owner_ids)s::int[],
                                            %(types)s::varchar[], %(units)s::int[],
                                            %(companies)s::int[], %(eligible)s::bool[],
                                            %(missing)s::int[], %(alternatives)s::int[])
                           AS v(set_id, award_type_id, year, owner_id, recipient_type, unit_id,
                                company_id, eligible, missing, alternative_id)
                   ), upsert AS (
                       INSERT INTO emulation_eligibility
                              (criteria_set_id, award_type_id, year, %(column)s, recipient_type,
                               unit_id, company_id, eligible, missing, alternative_id,
                               create_uid, write_uid, create_date, write_date)
                       SELECT v.set_id, v.award_type_id, v.year, v.owner_id, v.recipient_type,
                              v.unit_id, v.company_id, v.eligible, v.missing, v.alternative_id,
                              %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
                              now() AT TIME ZONE 'UTC'
                         FROM v
                  ON CONFLICT ON CONSTRAINT emulation_eligibility_recipient_set_year_uniq
                  DO UPDATE SET eligible = EXCLUDED.eligible, missing = EXCLUDED.missing,
                                alternative_id = EXCLUDED.alternative_id,
                                unit_id = EXCLUDED.unit_id, company_id = EXCLUDED.company_id,
                                award_type_id = EXCLUDED.award_type_id,
                                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                        WHERE (emulation_eligibility.eligible, emulation_eligibility.missing,
                               emulation_eligibility.alternative_id, emulation_eligibility.unit_id,
                               emulation_eligibility.company_id,
                               emulation_eligibility.award_type_id)
                              IS DISTINCT FROM
                              (EXCLUDED.eligible, EXCLUDED.missing, EXCLUDED.alternative_id,
                               EXCLUDED.unit_id, EXCLUDED.company_id, EXCLUDED.award_type_id)
                    RETURNING 1
                   )
                   DELETE FROM emulation_eligibility e
                    WHERE e.%(column)s = ANY(%(all_ids)s::int[])
                      AND NOT EXISTS (
                          SELECT 1 FROM v
                           WHERE v.set_id = e.criteria_set_id AND v.year = e.year
                             AND v.owner_id = e.%(column)s)""",
                column=column,
                uid=self.env.uid,
                all_ids=owners.ids,
                set_ids=set_ids,
                award_types=[award_types.get(s) for s in set_ids],
                years=years,
                owner_ids=owner_ids,
                types=[v["recipient_type"] for v in values],
                units=[v["unit_id"] for v in values],
                companies=[v["company_id"] for v in values],
                eligible=[v["eligible"] for v in values],
                missing=[v["missing"] for v in values],
                alternatives=[v["alternative_id"] for v in values],
            )
        )
        self.invalidate_model()
        for model in ("hr.employee", "hr.employee.public", "hr.department"):
            self.env[model].invalidate_model(RESULT_FIELDS)

    @api.model
    def _eligibility_recompute_all(self, chunk=10000):
        """Evaluate every person and unit again and store the results (after a change of the
        criteria, a new year, or to repair), in chunks that bound the memory used."""
        self._eligibility_flush_pending()
        for model in ("hr.department", "hr.employee"):
            Owners = self.env[model].sudo().with_context(active_test=False)
            ids = Owners.search([], order="id").ids
            for start in range(0, len(ids), chunk):
                self._eligibility_update(Owners.browse(ids[start : start + chunk]))
        # rows of owners that no longer exist are gone (ondelete cascade); those of archived
        # owners were deleted by the updates

    @api.model
    def _eligibility_stored(self, owner_model):
        field = OWNER_FIELD[owner_model]
        self.env.cr.execute(
            SQL(
                """SELECT criteria_set_id, year, %(column)s, eligible, missing, alternative_id,
                          unit_id, company_id, recipient_type
                     FROM emulation_eligibility WHERE %(column)s IS NOT NULL""",
                column=SQL.identifier(field),
            )
        )
        return {
            (row[0], row[1], row[2]): dict(zip(FACTS_ORDER, row[3:], strict=True))
            for row in self.env.cr.fetchall()
        }

    @api.model
    def _eligibility_disagreements(self, chunk=10000):
        """The differences between the stored results and a fresh evaluation of everyone: a
        list of (key, stored facts or None, fresh facts or None); empty when they agree."""
        self._eligibility_flush_pending()
        differences = []
        for model in ("hr.department", "hr.employee"):
            stored = self._eligibility_stored(model)
            Owners = self.env[model].sudo().with_context(active_test=False)
            ids = Owners.search([], order="id").ids
            fresh = {}
            for start in range(0, len(ids), chunk):
                fresh.update(self._eligibility_evaluate(Owners.browse(ids[start : start + chunk])))
            for key in stored.keys() | fresh.keys():
                expected = fresh.get(key)
                if expected is not None:
                    expected = {name: expected[name] for name in FACTS_ORDER}
                    expected = {k: (v if v is not None else None) for k, v in expected.items()}
                have = stored.get(key)
                if have != expected:
                    differences.append((key, have, expected))
        return differences

    @api.model
    def _cron_new_year(self):
        """On the first days of a year the rolling sets gain an evaluation year: evaluate
        everyone again when some active set has no result for a year it evaluates."""
        Sets = self.env["emulation.criteria.set"]
        for set_rules in Sets._exemplar_rules():
            years = self._eligibility_years(set_rules.criteria)
            if years and not self.sudo().search_count(
                [("criteria_set_id", "=", set_rules.id), ("year", "=", years[-1])], limit=1
            ):
                self._eligibility_recompute_all()
                return


FACTS_ORDER = ("eligible", "missing", "alternative_id", "unit_id", "company_id", "recipient_type")


def _count(keys):
    """{key: occurrences} (like Counter, without its costly type checks per call)."""
    counts = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _relevant_conditions(evaluation):
    """The conditions of the alternative met, or of the nearest one."""
    if evaluation is None or not evaluation.alternatives:
        return ()
    chosen = next((a for a in evaluation.alternatives if a.met), None)
    if chosen is None:
        chosen = min(evaluation.alternatives, key=lambda a: a.missing)
    return chosen.alternative.conditions


_CLASSIFICATION_RANK = {level: i for i, level in enumerate(rules.CLASSIFICATION_LEVELS)}
_INITIATIVE_RANK = {level: i for i, level in enumerate(rules.INITIATIVE_LEVELS)}
_FORM_RANK = {form: i for i, form in enumerate(rules.DISCIPLINE_FORMS)}


def _counts_for(history, record, condition):
    """Whether ``record`` (of model ``history``) is counted by ``condition``."""
    kind = condition.kind
    if history == "emulation.award":
        return kind in (rules.AWARD_COUNT, rules.AWARD_STREAK) and (
            record.award_type_id.id in condition.award_type_ids
        )
    if history == "emulation.classification":
        return (
            kind in HISTORY_KINDS[history]
            and record.level in _CLASSIFICATION_RANK
            and _CLASSIFICATION_RANK[record.level] <= _CLASSIFICATION_RANK.get(condition.level, -1)
        )
    if history == "emulation.initiative":
        return (
            kind == rules.INITIATIVE_COUNT
            and _INITIATIVE_RANK.get(record.level, -1) >= _INITIATIVE_RANK.get(condition.level, 99)
            and (record.applied_effectively or not condition.applied_only)
        )
    return kind == rules.NO_DISCIPLINE and _FORM_RANK.get(record.form, -1) >= _FORM_RANK.get(
        condition.form, 99
    )
