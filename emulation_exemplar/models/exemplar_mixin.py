import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.translate import code_translations

from ..core import eligibility as rules

EXEMPLAR_FIELDS = (
    "exemplar_eligible",
    "exemplar_missing",
    "exemplar_path",
    "exemplar_explanation",
    "exemplar_criteria_set_id",
)
# Stored computed values are written as superuser: only officers read them as such; others read
# the guarded copies of hr.employee.public and hr.department (see private_access.py).
PRIVATE = "emulation_exemplar.group_emulation_officer"
# the condition kinds each history model feeds
HISTORY_KINDS = {
    "emulation.award": {rules.AWARD_COUNT},
    "emulation.classification": {rules.CLASSIFICATION_COUNT, rules.CLASSIFICATION_EVERY_YEAR},
    "emulation.initiative": {rules.INITIATIVE_COUNT},
}


class EmulationExemplarMixin(models.AbstractModel):
    """Eligibility as an advanced exemplar, stored on people (hr.employee) and units
    (hr.department).

    The counts of the whole recordset are gathered in a few ``_read_group`` queries, the pure rule
    core (``core/eligibility.py``) evaluates them, and the results are written at once. Changes to
    history records mark only their owners for recomputation (``@api.depends`` on the concrete
    models); changes to criteria sets call :meth:`_exemplar_recompute` on everyone concerned.

    The fields form a prefetch group of their own: reading a person's name or company neither
    loads the explanations nor forces a pending recomputation to run first.
    """

    _name = "emulation.exemplar.mixin"
    _description = "Advanced exemplar eligibility"
    _exemplar_owner_field = None  # field of the history models pointing to the owner

    exemplar_eligible = fields.Boolean(
        string="Eligible exemplar",
        compute="_compute_exemplar",
        store=True,
        prefetch="exemplar",
        groups=PRIVATE,
        help="Meets one alternative of the active criteria set (computed from the history).",
    )
    exemplar_missing = fields.Integer(
        string="Items missing",
        compute="_compute_exemplar",
        store=True,
        prefetch="exemplar",
        groups=PRIVATE,
        aggregator=False,
        help="The fewest awards, initiatives or years still missing over all alternatives; "
        "0 when eligible. 1 means one step away.",
    )
    exemplar_path = fields.Char(
        string="Criteria met",
        compute="_compute_exemplar",
        store=True,
        prefetch="exemplar",
        translate=True,
        groups=PRIVATE,
        help="The alternative of the criteria set that is met.",
    )
    exemplar_explanation = fields.Text(
        string="Eligibility explanation",
        compute="_compute_exemplar",
        store=True,
        prefetch="exemplar",
        translate=True,
        groups=PRIVATE,
        help="What counted, by year, and what is missing, for each alternative.",
    )
    exemplar_criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set used",
        compute="_compute_exemplar",
        store=True,
        prefetch="exemplar",
        groups=PRIVATE,
        index="btree_not_null",
    )

    # ------------------------------------------------------------------ hooks per model
    def _exemplar_kinds(self):
        """{record id: recipient kind} (collective, key_cadre or staff)."""
        raise NotImplementedError

    def _exemplar_history_domains(self, year_from, year_to):
        """[(model, owner groupby, domain)] of the history that counts."""
        owner = self._exemplar_owner_field
        period = [("year", ">=", year_from), ("year", "<=", year_to), (owner, "in", self.ids)]
        return [("emulation.award", owner, period), ("emulation.classification", owner, period)]

    # ------------------------------------------------------------------ counts and evaluation
    def _exemplar_counts(self, year_from, year_to, kinds=None, award_type_ids=None):
        """{record id: RecipientCounts} for the period, in one query per history model.

        With ``kinds`` (condition kinds of the rule core), only the history models that such
        conditions count are read; with ``award_type_ids``, only the awards of those types (the
        others count for no condition). Each query returns one row per owner with the items as
        arrays (``array_agg``, ordered by id): a few thousand rows for a province, not one per item.
        """
        counts = defaultdict(rules.RecipientCounts)
        if not self.ids:
            return counts
        for model, owner, domain in self._exemplar_history_domains(year_from, year_to):
            if kinds is not None and not HISTORY_KINDS.get(model, kinds) & kinds:
                continue
            History = self.env[model].sudo().with_context(active_test=True)
            if model == "emulation.award":
                if award_type_ids is not None:
                    domain = [*domain, ("award_type_id", "in", sorted(award_type_ids))]
                groups = History._read_group(
                    domain, [owner], ["award_type_id:array_agg", "year:array_agg"]
                )
                for rec, type_ids, years in groups:
                    counts[rec.id].awards = _count(zip(type_ids, years, strict=True))
            elif model == "emulation.classification":
                groups = History._read_group(domain, [owner], ["year:array_agg", "level:array_agg"])
                for rec, years, levels in groups:
                    counts[rec.id].classifications = dict(zip(years, levels, strict=True))
            else:
                groups = History._read_group(
                    domain,
                    [owner],
                    ["level:array_agg", "applied_effectively:array_agg", "year:array_agg"],
                )
                for rec, levels, applied, years in groups:
                    counts[rec.id].initiatives = _count(
                        zip(levels, map(bool, applied), years, strict=True)
                    )
        return counts

    @api.model
    def _exemplar_gettext(self, lang):
        if not lang or lang == "en_US":
            return None
        translations = code_translations.get_python_translations("emulation_exemplar", lang)
        return lambda source: translations.get(source, source)

    @api.model
    def _exemplar_level_labels(self):
        labels = {}
        for model, fname in (
            ("emulation.classification", "level"),
            ("emulation.initiative", "level"),
        ):
            field = self.env[model]._fields[fname]
            labels.update(
                (key, label.lower()) for key, label in field._description_selection(self.env)
            )
        return labels

    def _exemplar_results(self):
        """{record id: values of the exemplar fields}; translated fields as {lang: text}.

        Records whose evaluations are the same objects (the rule core shares equal results) share
        one values dict: the explanation is written once per distinct result, not per record.
        """
        records = self.sudo().with_context(active_test=False)
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        Sets = self.env["emulation.criteria.set"]
        # {lang: {(kind, company id or False): (set id, Criteria)}}, cached across requests
        rules_by_lang = {lang: Sets.with_context(lang=lang)._exemplar_rules() for lang in langs}
        active = rules_by_lang[langs[0]] if langs else Sets._exemplar_rules()
        # the owners' own fields the results depend on (company, category), in one query
        field = records._fields["exemplar_eligible"]
        records.fetch([dep for dep in records.pool.field_depends[field] if "." not in dep])
        kinds = records._exemplar_kinds()
        by_set = defaultdict(list)
        for record in records:
            kind = kinds.get(record.id)
            key = (kind, record.company_id.id or False)
            if key not in active:
                key = (kind, False) if (kind, False) in active else None
            by_set[key].append(record.id)
        results = {}
        for key, ids in by_set.items():
            if key is None:
                empty = dict.fromkeys(langs, False)
                values = {
                    "exemplar_eligible": False,
                    "exemplar_missing": 0,
                    "exemplar_path": empty,
                    "exemplar_explanation": empty,
                    "exemplar_criteria_set_id": False,
                }
                results.update(dict.fromkeys(ids, values))
                continue
            set_id, criteria = active[key]
            # read only the history the conditions count
            conditions = [c for a in criteria.alternatives for c in a.conditions]
            counts = records.browse(ids)._exemplar_counts(
                criteria.year_from,
                criteria.year_to,
                kinds={c.kind for c in conditions},
                award_type_ids={
                    t for c in conditions if c.kind == rules.AWARD_COUNT for t in c.award_type_ids
                },
            )
            per_lang = []
            for lang in langs:
                lang_criteria = rules_by_lang[lang][key][1]
                per_lang.append(
                    (
                        lang,
                        lang_criteria,
                        rules.evaluate_many(lang_criteria, counts, keys=ids),
                        records._exemplar_gettext(lang),
                        records.with_context(lang=lang)._exemplar_level_labels(),
                    )
                )
            shared = {}
            for rid in ids:
                evaluations = tuple(evaluated[rid] for _l, _c, evaluated, _g, _t in per_lang)
                values = shared.get(tuple(map(id, evaluations)))
                if values is None:
                    paths, texts = {}, {}
                    evaluation = None
                    for (lang, lang_criteria, _e, gettext, labels), evaluation in zip(
                        per_lang, evaluations, strict=True
                    ):
                        texts[lang] = rules.explain(
                            evaluation, lang_criteria, gettext=gettext, level_labels=labels
                        )
                        paths[lang] = evaluation.path if evaluation.eligible else False
                    values = shared[tuple(map(id, evaluations))] = {
                        "exemplar_eligible": bool(evaluation and evaluation.eligible),
                        "exemplar_missing": evaluation.missing if evaluation else 0,
                        "exemplar_path": paths,
                        "exemplar_explanation": texts,
                        "exemplar_criteria_set_id": set_id,
                    }
                results[rid] = values
        return results

    def _compute_exemplar(self):
        """Compute method of the stored fields (the ORM calls it for the touched owners)."""
        results = self._exemplar_results()
        for record in self:
            values = results[record.id]
            record.exemplar_eligible = values["exemplar_eligible"]
            record.exemplar_missing = values["exemplar_missing"]
            record.exemplar_criteria_set_id = values["exemplar_criteria_set_id"]
            for fname in ("exemplar_path", "exemplar_explanation"):
                for lang, text in values[fname].items():
                    record.with_context(lang=lang)[fname] = text

    def _exemplar_recompute(self):
        """Recompute and store the results of ``self`` in one UPDATE (used for whole populations,
        e.g. when a criteria set changes): the query count does not grow with the records."""
        records = self.with_context(active_test=False).exists()
        if not records:
            return
        records.flush_model()
        results = records._exemplar_results()
        # One row per record, as parallel arrays (unnest), adapted by the database driver. The
        # texts are sent once per distinct result (records with equal results share them): a
        # province has some ten thousand people but a few hundred distinct explanations.
        ids, eligible, missing, set_ids, text_numbers = [], [], [], [], []
        paths, explanations, numbers = [], [], {}
        for rid, values in results.items():
            number = numbers.get(id(values))
            if number is None:
                paths.append(_jsonb(values["exemplar_path"]))
                explanations.append(_jsonb(values["exemplar_explanation"]))
                number = numbers[id(values)] = len(paths)  # WITH ORDINALITY counts from 1
            ids.append(rid)
            eligible.append(values["exemplar_eligible"])
            missing.append(values["exemplar_missing"])
            set_ids.append(values["exemplar_criteria_set_id"] or None)
            text_numbers.append(number)
        self.env.cr.execute(
            SQL(
                """UPDATE %(table)s
                      SET exemplar_eligible = v.eligible, exemplar_missing = v.missing,
                          exemplar_path = t.path, exemplar_explanation = t.explanation,
                          exemplar_criteria_set_id = v.set_id
                     FROM unnest(%(ids)s::int[], %(eligible)s::bool[], %(missing)s::int[],
                                 %(set_ids)s::int[], %(numbers)s::int[])
                          AS v(id, eligible, missing, set_id, number)
                     JOIN unnest(%(paths)s::jsonb[], %(explanations)s::jsonb[])
                          WITH ORDINALITY AS t(path, explanation, number)
                       ON t.number = v.number
                    WHERE %(table)s.id = v.id""",
                table=SQL.identifier(records._table),
                ids=ids,
                eligible=eligible,
                missing=missing,
                set_ids=set_ids,
                numbers=text_numbers,
                paths=paths,
                explanations=explanations,
            )
        )
        for fname in EXEMPLAR_FIELDS:
            self.env.remove_to_compute(records._fields[fname], records)
        records.invalidate_recordset(list(EXEMPLAR_FIELDS))
        records.modified(list(EXEMPLAR_FIELDS))


def _count(keys):
    """{key: occurrences} (like Counter, without its costly type checks per call)."""
    counts = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _jsonb(texts):
    values = {lang: text for lang, text in texts.items() if text}
    return json.dumps(values) if values else None
