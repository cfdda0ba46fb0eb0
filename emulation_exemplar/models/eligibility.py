from collections import ChainMap, defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..core import eligibility as rules
from .exemplar_result_mixin import RESULT_FIELDS
from .history_mixin import RECIPIENT_TYPES

# the history model of each history of the rule core (rules.HISTORIES)
HISTORY_MODELS = {
    rules.AWARD: "emulation.award",
    rules.CLASSIFICATION: "emulation.classification",
    rules.INITIATIVE: "emulation.initiative",
    rules.DISCIPLINE: "emulation.discipline",
    rules.CLUSTER: "emulation.cluster.member",
    rules.ABSENCE: "emulation.absence",
}
# the condition kinds each history model feeds, from the kinds' classes
HISTORY_KINDS = {
    model: {key for key, kind in rules.KINDS.items() if history in kind.histories}
    for history, model in HISTORY_MODELS.items()
}
# the kinds that read a unit's members: a person's history changes their units' results
MEMBER_KINDS = {key for key, kind in rules.KINDS.items() if kind.member_histories}
# the recipient kinds of criteria sets that cover each kind of recipient
SET_KINDS = {
    "collective": ("collective",),
    "key_cadre": ("key_cadre", "individual"),
    "staff": ("staff", "individual"),
}
OWNER_FIELD = {"hr.employee": "employee_id", "hr.department": "department_id"}
# people or units evaluated together by a full recompute: a whole province (40,000-60,000
# people) in one chunk, so the recompute makes the same queries at every size up to it (3 per
# chunk: read the people, their history, write their rows); beyond it, the chunks bound the
# memory (the process peaked at 435 MiB for 50,000 people and some 450,000 results at once)
CHUNK = 100000
# the stored facts of a result, as the engine writes them: a result is the tuple of these
# values, in this order (a tuple, not a dict: a province holds some 450,000 of them at once)
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
    _inherit = ["emulation.women.priority.mixin"]
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
    unit_name = fields.Char(
        string="Unit name", related="unit_id.name", help="The unit, without its parents."
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

    @api.depends("employee_id", "department_id", "criteria_set_id", "year")
    def _compute_display_name(self):
        for result in self:
            result.display_name = "%s – %s (%s)" % (
                (result.employee_id or result.department_id).name or "",
                result.criteria_set_id.name or "",
                result.year or "",
            )

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

    def action_record_decision(self):
        """A new decision for the people or units of the selected results (officers)."""
        if not self.env.user.has_group("emulation_exemplar.group_emulation_officer"):
            raise AccessError(self.env._("Only emulation officers can do this."))
        context = {}
        if self.employee_id:
            context["default_employee_ids"] = self.employee_id.ids
        if self.department_id:
            context["default_department_ids"] = self.department_id.ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a decision"),
            "res_model": "emulation.decision",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    # ------------------------------------------------------------------ reading
    @api.model
    def _emulation_latest_year(self):
        """The latest evaluation year with results the user may read; this year when none."""
        [(latest,)] = self._read_group([], [], ["year:max"])
        return latest or fields.Date.context_today(self).year

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

    def _stored_rows(self):
        """The rows the engine wrote, with their person or unit. A row being edited in a form
        (the web client's onchange: a new record, with whatever values were sent) is not a
        result: nothing is evaluated for it, and it explains nothing."""
        return self.filtered(lambda row: row.id and (row.employee_id or row.department_id))

    def _grouped_by_evaluation(self):
        """{(set id, year, recipient type): rows}."""
        return self.grouped(lambda r: (r.criteria_set_id.id, r.year, r.recipient_type))

    def _evaluations(self):
        """{row id: (Criteria of its year, Evaluation)} in the environment's language, for the
        rows whose set is active; the counts are read in a few queries per set and year."""
        rules_by_id = {r.id: r for r in self.env["emulation.criteria.set"]._exemplar_rules()}
        result = {}
        for (set_id, year, _type), rows in (
            self._stored_rows().sudo()._grouped_by_evaluation().items()
        ):
            set_rules = rules_by_id.get(set_id)
            if set_rules is None:
                continue
            model, owner_ids = rows._owners()
            owners = self.env[model].sudo().with_context(active_test=False).browse(owner_ids)
            criteria = set_rules.criteria.for_year(year)
            counts = self._eligibility_counts(owners, [set_rules.criteria])
            adjusted = rules.without_used(counts, set_rules.award_type_id, year)
            evaluations = rules.evaluate_many(criteria, ChainMap(adjusted, counts), keys=owners.ids)
            field = OWNER_FIELD[model]
            for row in rows:
                owner_id = row[field].id
                result[row.id] = (criteria, evaluations[owner_id], owner_id in adjusted)
        return result

    @api.depends_context("lang")
    def _compute_explanation(self):
        evaluations = self._evaluations()
        Employee = self.env["hr.employee"]
        gettext = Employee._exemplar_gettext(self.env.lang)
        labels = Employee._exemplar_level_labels()
        used_notes = self.filtered(lambda r: evaluations.get(r.id, (0, 0, False))[2])._used_notes()
        for row in self:
            criteria, evaluation, _used = evaluations.get(row.id, (None, None, False))
            if evaluation is None:
                row.explanation = row.missing_text = False
                continue
            row.explanation = rules.explain(
                evaluation, criteria, gettext=gettext, level_labels=labels
            ) + used_notes.get(row.id, "")
            row.missing_text = (
                False
                if evaluation.eligible
                else rules.missing_summary(
                    evaluation, criteria, gettext=gettext, level_labels=labels
                )
            )

    def _used_notes(self):
        """{row id: the line saying which initiatives no longer count for these rows because
        they are the basis of another award}, read as the user (what they may not read is not
        named)."""
        notes = {}
        if not self:
            return notes
        period_from = min(self.mapped("year")) - 50
        used = self.env["emulation.initiative"].search(
            [
                ("employee_ids", "in", self.employee_id.ids),
                ("used_award_id", "!=", False),
                ("year", ">=", period_from),
            ]
        )
        # the cached rules of the active sets: no query per row
        rules_by_id = {r.id: r for r in self.env["emulation.criteria.set"]._exemplar_rules()}
        for row in self:
            set_rules = rules_by_id.get(row.criteria_set_id.id)
            if set_rules is None:
                continue
            first, last = set_rules.criteria.for_year(row.year).period()
            items = [
                self.env._(
                    "%(initiative)s (%(year)s), the basis of %(award)s",
                    initiative=initiative.name,
                    year=initiative.year,
                    award=initiative.used_award_id.display_name,
                )
                for initiative in used
                if row.employee_id in initiative.employee_ids
                and first <= initiative.year <= last
                and not (
                    initiative.used_award_id.award_type_id == row.award_type_id
                    and initiative.used_award_id.year == row.year
                )
            ]
            if items:
                notes[row.id] = "\n" + self.env._(
                    "Not counted, already used as the basis of another award (one achievement, "
                    "one award): %(items)s.",
                    items="; ".join(items),
                )
        return notes

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
                if history == "emulation.cluster.member":
                    continue  # a ranking is no record of the recipient's own to list
                if history == "emulation.absence":
                    # periods, not records of a year: the explanation names the short years
                    continue
                owner = "employee_ids" if history == "emulation.initiative" else field
                if history == "emulation.discipline" and field != "employee_id":
                    continue
                if history == "emulation.initiative" and field != "employee_id":
                    continue
                for record in self.env[history].search([*domain, (owner, "in", owner_ids)]):
                    for owner_id in record[owner].ids:
                        found[history][owner_id].append(record)
        for row in self:
            criteria, evaluation, _used = evaluations.get(row.id, (None, None, False))
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
                    if counted(record, conditions)
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
        ``criteria_list``, read only for the kinds and award types their conditions count (see
        :meth:`_eligibility_counts_many`)."""
        return self._eligibility_counts_many([(owners, criteria_list)])[0]

    @api.model
    def _eligibility_counts_many(self, specs):
        """[{owner id: RecipientCounts}] for each ``(owners, criteria_list)`` of ``specs``, in
        ONE statement: one row per owner and history model with the items as arrays (a few
        thousand rows for a province, not one per item); for units whose members are judged,
        the members and their history in the same statement."""
        for model in HISTORY_KINDS:
            self.env[model].flush_model()
        self.env["hr.employee"].flush_model(["active", "department_id"])
        self.env["hr.department"].flush_model(["parent_path"])
        branches, ctes, spans, units = [], [], {}, {}
        for index, (owners, criteria_list) in enumerate(specs):
            conditions = [
                c for crit in criteria_list for a in crit.alternatives for c in a.conditions
            ]
            if not owners or not conditions:
                continue
            spans_of = [crit.history_years() for crit in criteria_list]
            years = (min(y[0] for y in spans_of), max(y[1] for y in spans_of))
            spans[index] = years
            kinds = {c.kind for c in conditions}
            award_types = sorted({t for c in conditions for t in c.award_type_ids})
            field = OWNER_FIELD[owners._name]
            histories = {h for h, hk in HISTORY_KINDS.items() if hk & kinds}
            if field == "department_id":
                histories -= {"emulation.initiative", "emulation.discipline"}
            else:
                histories -= {"emulation.cluster.member"}
            prefix = "%s:" % index
            branches += _history_branches(
                prefix, field, SQL("ANY(%s::int[])", owners.ids), histories, years, award_types
            )
            if field != "department_id" or not kinds & MEMBER_KINDS:
                continue
            units[index] = owners.ids
            paths = [
                path + "%"
                for path in owners.sudo().with_context(active_test=False).mapped("parent_path")
                if path
            ]
            cte = SQL.identifier("members_%s" % index)
            ctes.append(
                SQL(
                    """%s AS (SELECT e.id, d.parent_path
                                FROM hr_employee e JOIN hr_department d ON d.id = e.department_id
                               WHERE e.active AND d.parent_path LIKE ANY(%s::varchar[]))""",
                    cte,
                    paths,
                )
            )
            branches.append(
                SQL(
                    "SELECT %s, id, NULL::int[], NULL::int[], ARRAY[parent_path]::varchar[], "
                    "NULL::bool[] FROM %s",
                    prefix + "member",
                    cte,
                )
            )
            member_histories = {
                HISTORY_MODELS[history]
                for kind in kinds
                for history in rules.KINDS[kind].member_histories
            }
            branches += _history_branches(
                prefix + "member_",
                "employee_id",
                SQL("ANY(ARRAY(SELECT id FROM %s))", cte),
                member_histories,
                years,
                award_types,
            )
        results = [defaultdict(rules.RecipientCounts) for _spec in specs]
        if not branches:
            return results
        query = SQL(" UNION ALL ").join(branches)
        if ctes:
            query = SQL("WITH %s %s", SQL(", ").join(ctes), query)
        self.env.cr.execute(query)
        member_counts = defaultdict(lambda: defaultdict(rules.RecipientCounts))
        member_paths = defaultdict(dict)
        for kind, owner_id, ints, item_years, texts, flags in self.env.cr.fetchall():
            index, kind = kind.split(":", 1)
            index = int(index)
            if kind == "member":
                member_paths[index][owner_id] = texts[0]
            elif kind.startswith("member_"):
                _fill(
                    member_counts[index][owner_id],
                    kind.removeprefix("member_"),
                    ints,
                    item_years,
                    texts,
                    flags,
                )
            else:
                _fill(results[index][owner_id], kind, ints, item_years, texts, flags)
        for index, unit_ids in units.items():
            _add_member_statistics(
                results[index], unit_ids, member_paths[index], member_counts[index], spans[index]
            )
        return results

    @api.model
    def _eligibility_evaluate(self, owners):
        """The results of ``owners`` (people or units, any state): {(set id, year, owner id):
        facts} for the active ones (facts: a tuple of the values of :data:`FACTS`), in a few
        grouped queries whatever their number."""
        return self._eligibility_evaluate_many([owners])[0]

    @api.model
    def _eligibility_evaluate_many(self, owner_sets):
        """[results of :meth:`_eligibility_evaluate`] for each recordset of ``owner_sets``
        (people and units evaluated together read their history in one statement)."""
        rules_by_id = {r.id: r for r in self.env["emulation.criteria.set"]._exemplar_rules()}
        prepared, specs = [], []
        for owners in owner_sets:
            active, plan = self._eligibility_prepare(owners)
            prepared.append((active, plan))
            specs.append(
                (
                    active.browse({i for ids in plan.values() for i in ids}),
                    [rules_by_id[set_id].criteria for set_id in plan],
                )
            )
        all_counts = self._eligibility_counts_many(specs)
        return [
            self._eligibility_results(active, plan, counts, rules_by_id)
            for (active, plan), counts in zip(prepared, all_counts, strict=True)
        ]

    @api.model
    def _eligibility_prepare(self, owners):
        """(the active ones of ``owners``, their plan {set id: owner ids})."""
        owners = owners.sudo().with_context(active_test=False)
        fields_needed = ["active", "company_id"]
        if owners._name == "hr.employee":
            fields_needed += ["department_id", "emulation_category"]
        else:
            fields_needed.append("parent_path")
        cache = self.env.cache
        if any(list(cache.get_missing_ids(owners, owners._fields[f])) for f in fields_needed):
            # one query: which of them still exist, and what the plan needs of them
            owners = owners.search_fetch([("id", "in", owners.ids)], fields_needed, order="id")
        active = owners.filtered("active")
        return active, self._eligibility_plan(active)

    @api.model
    def _eligibility_results(self, active, plan, counts, rules_by_id):
        collective = active._name == "hr.department"
        units = {}
        if not collective:
            units = {e.id: e.department_id.id for e in active}
        companies = {o.id: o.company_id.id or self.env.company.id for o in active}
        results = {}
        for set_id, owner_ids in plan.items():
            criteria = rules_by_id[set_id].criteria
            award_type_id = rules_by_id[set_id].award_type_id
            for year in self._eligibility_years(criteria):
                # one achievement, one award: an initiative used for another award does not count
                adjusted = rules.without_used(counts, award_type_id, year)
                evaluations = rules.evaluate_many(
                    criteria.for_year(year), ChainMap(adjusted, counts), keys=owner_ids
                )
                recipient_type = "collective" if collective else "individual"
                for owner_id, evaluation in evaluations.items():
                    met = next((a for a in evaluation.alternatives if a.met), None)
                    results[(set_id, year, owner_id)] = (
                        evaluation.eligible,
                        evaluation.missing,
                        met.alternative.key if met else None,
                        owner_id if collective else units.get(owner_id) or None,
                        companies[owner_id],
                        recipient_type,
                    )
        return results

    @api.model
    def _eligibility_update(self, *owner_sets):
        """Evaluate the people and units of ``owner_sets`` and store their results, in ONE
        statement: per model, an INSERT … ON CONFLICT of the new and changed rows (the unchanged
        ones are not rewritten) and a DELETE of the rows that no longer apply (an archived
        owner, a set that stopped applying)."""
        owner_sets = [
            owners.sudo().with_context(active_test=False) for owners in owner_sets if owners
        ]
        if not owner_sets:
            return
        all_results = self._eligibility_evaluate_many(owner_sets)
        self.env.cr.execute(self._eligibility_write_sql(owner_sets, all_results))
        self.invalidate_model()
        for model in ("hr.employee", "hr.employee.public", "hr.department"):
            self.env[model].invalidate_model(RESULT_FIELDS)

    @api.model
    def _eligibility_write_sql(self, owner_sets, all_results):
        """The ONE statement that stores ``all_results`` (:meth:`_eligibility_evaluate_many`
        of ``owner_sets``): per model, the upsert of the new and changed rows and the delete
        of the owners' rows that no longer apply. It joins nothing (see
        :func:`_write_statement`): its plan is the same whatever the table's statistics."""
        award_types = {
            r.id: r.award_type_id or None
            for r in self.env["emulation.criteria.set"]._exemplar_rules()
        }
        ctes, deletes = [], []
        for index, (owners, results) in enumerate(zip(owner_sets, all_results, strict=True)):
            cte, delete = _write_statement(index, owners, results, award_types, self.env.uid)
            ctes += cte
            deletes.append(delete)
        # the last DELETE is the statement's own; the others are data-modifying CTEs
        ctes += [
            SQL("%s AS (%s RETURNING 1)", SQL.identifier("delete_%s" % i), d)
            for i, d in enumerate(deletes[:-1])
        ]
        return SQL("WITH %s %s", SQL(", ").join(ctes), deletes[-1])

    @api.model
    def _eligibility_recompute_all(self, chunk=CHUNK):
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
        return {(row[0], row[1], row[2]): tuple(row[3:]) for row in self.env.cr.fetchall()}

    @api.model
    def _eligibility_disagreements(self, chunk=CHUNK):
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
                have, expected = stored.get(key), fresh.get(key)
                if have != expected:
                    differences.append((key, _facts(have), _facts(expected)))
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


def _facts(values):
    """{fact: value} of a result's tuple of :data:`FACTS` (None stays None)."""
    return None if values is None else dict(zip(FACTS, values, strict=True))


def _count(keys):
    """{key: occurrences} (like Counter, without its costly type checks per call)."""
    counts = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _write_statement(index, owners, results, award_types, uid):
    """([the CTEs of the values and the upsert], the DELETE) writing ``results`` of
    ``owners`` (see :meth:`EmulationEligibility._eligibility_update`)."""
    column = SQL.identifier(OWNER_FIELD[owners._name])
    keys = list(results)
    values = [results[k] for k in keys]
    set_ids = [k[0] for k in keys]
    v = SQL.identifier("v_%s" % index)
    rows = SQL(
        """%(v)s AS (
               SELECT * FROM unnest(%(set_ids)s::int[], %(award_types)s::int[], %(years)s::int[],
                                    %(owner_ids)s::int[], %(types)s::varchar[], %(units)s::int[],
                                    %(companies)s::int[], %(eligible)s::bool[], %(missing)s::int[],
                                    %(alternatives)s::int[])
                   AS v(set_id, award_type_id, year, owner_id, recipient_type, unit_id, company_id,
                        eligible, missing, alternative_id))""",
        v=v,
        set_ids=_pg_array(set_ids),
        award_types=_pg_array([award_types.get(s) for s in set_ids]),
        years=_pg_array([k[1] for k in keys]),
        owner_ids=_pg_array([k[2] for k in keys]),
        types=_pg_array([x[5] for x in values]),
        units=_pg_array([x[3] for x in values]),
        companies=_pg_array([x[4] for x in values]),
        eligible=_pg_array([x[0] for x in values]),
        missing=_pg_array([x[1] for x in values]),
        alternatives=_pg_array([x[2] for x in values]),
    )
    upsert = SQL(
        """%(name)s AS (
               INSERT INTO emulation_eligibility
                      (criteria_set_id, award_type_id, year, %(column)s, recipient_type, unit_id,
                       company_id, eligible, missing, alternative_id,
                       create_uid, write_uid, create_date, write_date)
               SELECT set_id, award_type_id, year, owner_id, recipient_type, unit_id, company_id,
                      eligible, missing, alternative_id, %(uid)s, %(uid)s,
                      now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                 FROM %(v)s
          ON CONFLICT ON CONSTRAINT emulation_eligibility_recipient_set_year_uniq
          DO UPDATE SET eligible = EXCLUDED.eligible, missing = EXCLUDED.missing,
                        alternative_id = EXCLUDED.alternative_id, unit_id = EXCLUDED.unit_id,
                        company_id = EXCLUDED.company_id, award_type_id = EXCLUDED.award_type_id,
                        write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                WHERE (emulation_eligibility.eligible, emulation_eligibility.missing,
                       emulation_eligibility.alternative_id, emulation_eligibility.unit_id,
                       emulation_eligibility.company_id, emulation_eligibility.award_type_id)
                      IS DISTINCT FROM
                      (EXCLUDED.eligible, EXCLUDED.missing, EXCLUDED.alternative_id,
                       EXCLUDED.unit_id, EXCLUDED.company_id, EXCLUDED.award_type_id)
            RETURNING 1)""",
        name=SQL.identifier("upsert_%s" % index),
        column=column,
        uid=uid,
        v=v,
    )
    # the rows of ``owners`` that no longer apply (an archived owner, a set or a year that
    # stopped applying): those whose key is not among the keys just written. The keys are ONE
    # constant array, which PostgreSQL (15 and later) hashes once for ``<> ALL``: the DELETE
    # scans the owners' rows and joins nothing, so no statistics can lead the planner astray. A
    # ``NOT EXISTS`` over the values above was an anti-join whose method the planner chose from
    # the table's statistics: right after a bulk fill that an ANALYZE had seen uncommitted
    # (0 rows over all its pages), a nested loop over 450,000 x 450,000 rows, more than 25
    # minutes at 50,000 people (the README's Benchmark section shows both plans).
    delete = SQL(
        """DELETE FROM emulation_eligibility e
            WHERE e.%(column)s = ANY(%(all_ids)s::int[])
              AND concat_ws(':', e.criteria_set_id, e.year, e.%(column)s)
                  <> ALL(%(keys)s::text[])""",
        column=column,
        all_ids=_pg_array(owners.ids),
        keys=_pg_array(["%s:%s:%s" % k for k in keys]),
    )
    return [rows, upsert], delete


def _pg_array(values):
    """The text of the PostgreSQL array of ``values`` (ints, bools, strings, None), passed as ONE
    parameter (``%s::int[]``). A list parameter becomes ``ARRAY[...]``, one literal per value,
    that psycopg2 quotes one by one and PostgreSQL parses one by one: at 50,000 people (ten
    arrays of 450,000 values) the write took 6 s that way, 3 s with one literal per array."""
    return "{%s}" % ",".join(map(_pg_element, values))


def _pg_element(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    return '"%s"' % str(value).replace("\\", "\\\\").replace('"', '\\"')


def _history_branches(prefix, field, owners, histories, years, award_types):
    """The SELECTs of the history of the owners (``owners``: an SQL expression after
    ``field =``), one row per owner: (kind, owner, ints, years, texts, flags)."""
    year_from, year_to = years
    owner = SQL.identifier(field)
    branches = []
    if "emulation.award" in histories and award_types:
        branches.append(
            SQL(
                """SELECT %(kind)s, %(owner)s, array_agg(award_type_id ORDER BY id),
                          array_agg(year ORDER BY id), NULL::varchar[], NULL::bool[]
                     FROM emulation_award
                    WHERE active AND %(owner)s = %(owners)s
                      AND year BETWEEN %(year_from)s AND %(year_to)s
                      AND award_type_id = ANY(%(types)s::int[])
                 GROUP BY %(owner)s""",
                kind=prefix + "award",
                owner=owner,
                owners=owners,
                year_from=year_from,
                year_to=year_to,
                types=award_types,
            )
        )
    if "emulation.classification" in histories:
        branches.append(
            SQL(
                """SELECT %(kind)s, %(owner)s, NULL::int[], array_agg(year ORDER BY id),
                          array_agg(level ORDER BY id)::varchar[], NULL::bool[]
                     FROM emulation_classification
                    WHERE active AND %(owner)s = %(owners)s
                      AND year BETWEEN %(year_from)s AND %(year_to)s
                 GROUP BY %(owner)s""",
                kind=prefix + "classification",
                owner=owner,
                owners=owners,
                year_from=year_from,
                year_to=year_to,
            )
        )
    if "emulation.initiative" in histories:
        # ints: the award each initiative is the basis of, as type id × 10000 + year (0: none)
        branches.append(
            SQL(
                """SELECT %(kind)s, r.employee_id,
                          array_agg(COALESCE(u.award_type_id * 10000 + u.year, 0) ORDER BY i.id),
                          array_agg(i.year ORDER BY i.id),
                          array_agg(i.level ORDER BY i.id)::varchar[],
                          array_agg(COALESCE(i.applied_effectively, false) ORDER BY i.id)
                     FROM emulation_initiative i
                     JOIN emulation_initiative_employee_rel r ON r.initiative_id = i.id
                LEFT JOIN emulation_award u ON u.id = i.used_award_id AND u.active
                    WHERE i.active AND r.employee_id = %(owners)s
                      AND i.year BETWEEN %(year_from)s AND %(year_to)s
                 GROUP BY r.employee_id""",
                kind=prefix + "initiative",
                owners=owners,
                year_from=year_from,
                year_to=year_to,
            )
        )
    if "emulation.discipline" in histories:
        branches.append(
            SQL(
                """SELECT %(kind)s, employee_id, NULL::int[], array_agg(year ORDER BY id),
                          array_agg(form ORDER BY id)::varchar[], NULL::bool[]
                     FROM emulation_discipline
                    WHERE active AND employee_id = %(owners)s
                      AND year BETWEEN %(year_from)s AND %(year_to)s
                 GROUP BY employee_id""",
                kind=prefix + "discipline",
                owners=owners,
                year_from=year_from,
                year_to=year_to,
            )
        )
    if "emulation.cluster.member" in histories and field == "department_id":
        # the rankings of ranked clusters only: ints the ranks, flags whether leading
        branches.append(
            SQL(
                """SELECT %(kind)s, department_id, array_agg(COALESCE(rank, 0) ORDER BY id),
                          array_agg(year ORDER BY id), NULL::varchar[],
                          array_agg(COALESCE("leading", false) ORDER BY id)
                     FROM emulation_cluster_member
                    WHERE state = 'ranked' AND department_id = %(owners)s
                      AND year BETWEEN %(year_from)s AND %(year_to)s
                 GROUP BY department_id""",
                kind=prefix + "cluster",
                owners=owners,
                year_from=year_from,
                year_to=year_to,
            )
        )
    if "emulation.absence" in histories:
        # the days not worked in each year of the span, maternity leave not among them (it
        # counts as time worked: Decree 152/2025/NĐ-CP, art. 4(5)); periods never overlap
        branches.append(
            SQL(
                """SELECT %(kind)s, a.employee_id, array_agg(a.days ORDER BY a.y),
                          array_agg(a.y ORDER BY a.y), NULL::varchar[], NULL::bool[]
                     FROM (SELECT employee_id, y,
                                  SUM(LEAST(date_to, make_date(y, 12, 31))
                                      - GREATEST(date_from, make_date(y, 1, 1)) + 1)::int AS days
                             FROM emulation_absence,
                                  generate_series(%(year_from)s::int, %(year_to)s::int) AS y
                            WHERE active AND absence_kind != 'maternity'
                              AND employee_id = %(owners)s
                              AND date_from <= make_date(y, 12, 31)
                              AND date_to >= make_date(y, 1, 1)
                         GROUP BY employee_id, y) a
                 GROUP BY a.employee_id""",
                kind=prefix + "absence",
                owners=owners,
                year_from=year_from,
                year_to=year_to,
            )
        )
    return branches


def _fill(recipient, kind, ints, years, texts, flags):
    """Put one row of :func:`_history_branches` into ``recipient`` (RecipientCounts)."""
    if kind == "award":
        recipient.awards = _count(zip(ints, years, strict=True))
    elif kind == "classification":
        recipient.classifications = dict(zip(years, texts, strict=True))
    elif kind == "initiative":
        recipient.initiatives = _count(zip(texts, flags, years, strict=True))
        used = [
            (level, applied, year, basis // 10000, basis % 10000)
            for level, applied, year, basis in zip(texts, flags, years, ints, strict=True)
            if basis
        ]
        if used:
            recipient.used_initiatives = tuple(used)
    elif kind == "cluster":
        ranks = recipient.cluster_ranks
        for rank, year, leading in zip(ints, years, flags, strict=True):
            ranks[year] = rules.best_standing((ranks.get(year), (rank, leading)))
    elif kind == "absence":
        recipient.days_away = dict(zip(years, ints, strict=True))
    else:
        disciplines = recipient.disciplines
        for year, form in zip(years, texts, strict=True):
            disciplines[year] = rules.heaviest_form((disciplines.get(year), form))


def _add_member_statistics(counts, unit_ids, member_paths, member_counts, years):
    """The member statistics of the units ``unit_ids`` (their active people and those of the
    units below them) for every year of the span, and the heaviest discipline of any member per
    year, from each member's department path and counts."""
    units = set(unit_ids)
    span = range(years[0], years[1] + 1)
    empty = rules.RecipientCounts()
    for member_id, path in member_paths.items():
        units_of_member = [int(u) for u in path.split("/") if u and int(u) in units]
        mine = member_counts.get(member_id, empty)
        held = defaultdict(set)
        for type_id, year in mine.awards:
            held[year].add(type_id)
        rows = [(year, mine.classifications.get(year), held.get(year)) for year in span]
        for unit_id in units_of_member:
            unit_counts = counts[unit_id]
            rules.member_statistics(rows, unit_counts)
            for year, form in mine.disciplines.items():
                unit_counts.disciplines[year] = rules.heaviest_form(
                    (unit_counts.disciplines.get(year), form)
                )


def _relevant_conditions(evaluation):
    """The conditions of the alternative met, or of the nearest one."""
    if evaluation is None or not evaluation.alternatives:
        return ()
    chosen = next((a for a in evaluation.alternatives if a.met), None)
    if chosen is None:
        chosen = min(evaluation.alternatives, key=lambda a: a.missing)
    return chosen.alternative.conditions


def history_item(record):
    """The rule core's :class:`HistoryItem` of a history ``record`` (award, classification,
    initiative or discipline)."""
    model = record._name
    if model == "emulation.award":
        return rules.HistoryItem(rules.AWARD, record.year, type_id=record.award_type_id.id)
    if model == "emulation.classification":
        return rules.HistoryItem(rules.CLASSIFICATION, record.year, level=record.level)
    if model == "emulation.initiative":
        return rules.HistoryItem(
            rules.INITIATIVE,
            record.year,
            level=record.level,
            applied=bool(record.applied_effectively),
        )
    if model == "emulation.cluster.member":
        return rules.HistoryItem(rules.CLUSTER, record.year, applied=bool(record.leading))
    return rules.HistoryItem(rules.DISCIPLINE, record.year, level=record.form)


def counted(record, conditions):
    """Whether the history ``record`` counts for any of ``conditions`` (their kinds say)."""
    item = history_item(record)
    return any(rules.kind_of(c.kind).counts(c, item) for c in conditions)
