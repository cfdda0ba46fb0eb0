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
PRIVATE = "emulation_exemplar.group_emulation_manager"


class EmulationExemplarMixin(models.AbstractModel):
    """Eligibility as an advanced exemplar, stored on people (hr.employee) and units
    (hr.department).

    The counts of the whole recordset are gathered in a few ``_read_group`` queries, the pure rule
    core (``core/eligibility.py``) evaluates them, and the results are written at once. Changes to
    history records mark only their owners for recomputation (``@api.depends`` on the concrete
    models); changes to criteria sets call :meth:`_exemplar_recompute` on everyone concerned.
    """

    _name = "emulation.exemplar.mixin"
    _description = "Advanced exemplar eligibility"
    _exemplar_owner_field = None  # field of the history models pointing to the owner

    exemplar_eligible = fields.Boolean(
        string="Eligible exemplar",
        compute="_compute_exemplar",
        store=True,
        groups=PRIVATE,
        help="Meets one alternative of the active criteria set (computed from the history).",
    )
    exemplar_missing = fields.Integer(
        string="Items missing",
        compute="_compute_exemplar",
        store=True,
        groups=PRIVATE,
        aggregator=False,
        help="The fewest awards, initiatives or years still missing over all alternatives; "
        "0 when eligible. 1 means one step away.",
    )
    exemplar_path = fields.Char(
        string="Criteria met",
        compute="_compute_exemplar",
        store=True,
        translate=True,
        groups=PRIVATE,
        help="The alternative of the criteria set that is met.",
    )
    exemplar_explanation = fields.Text(
        string="Eligibility explanation",
        compute="_compute_exemplar",
        store=True,
        translate=True,
        groups=PRIVATE,
        help="What counted, by year, and what is missing, for each alternative.",
    )
    exemplar_criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set used",
        compute="_compute_exemplar",
        store=True,
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
    def _exemplar_counts(self, year_from, year_to):
        """{record id: RecipientCounts} for the period, in one query per history model."""
        counts = defaultdict(rules.RecipientCounts)
        if not self.ids:
            return counts
        for model, owner, domain in self._exemplar_history_domains(year_from, year_to):
            History = self.env[model].sudo().with_context(active_test=True)
            if model == "emulation.award":
                groups = History._read_group(domain, [owner, "award_type_id", "year"], ["__count"])
                for rec, award_type, year, count in groups:
                    counts[rec.id].awards[(award_type.id, year)] = count
            elif model == "emulation.classification":
                groups = History._read_group(domain, [owner, "year", "level"], ["__count"])
                for rec, year, level, _count in groups:
                    counts[rec.id].classifications[year] = level
            else:
                groups = History._read_group(
                    domain, [owner, "level", "applied_effectively", "year"], ["__count"]
                )
                for rec, level, applied, year, count in groups:
                    counts[rec.id].initiatives[(level, bool(applied), year)] = count
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

    def _exemplar_active_sets(self):
        """{(kind, company id or False): criteria set} of the active sets."""
        sets = self.env["emulation.criteria.set"].sudo().search([("active", "=", True)])
        return {(s.recipient_kind, s.company_id.id or False): s for s in sets}

    def _exemplar_results(self):
        """{record id: values of the exemplar fields}; translated fields as {lang: text}."""
        records = self.sudo().with_context(active_test=False)
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        active_sets = records._exemplar_active_sets()
        kinds = records._exemplar_kinds()
        by_set = defaultdict(list)
        for record in records:
            kind = kinds.get(record.id)
            criteria_set = active_sets.get((kind, record.company_id.id)) or active_sets.get(
                (kind, False)
            )
            by_set[criteria_set].append(record.id)
        results = {}
        for criteria_set, ids in by_set.items():
            if not criteria_set:
                empty = dict.fromkeys(langs, False)
                for rid in ids:
                    results[rid] = {
                        "exemplar_eligible": False,
                        "exemplar_missing": 0,
                        "exemplar_path": empty,
                        "exemplar_explanation": empty,
                        "exemplar_criteria_set_id": False,
                    }
                continue
            counts = records.browse(ids)._exemplar_counts(
                criteria_set.year_from, criteria_set.year_to
            )
            per_lang = {}
            for lang in langs:
                criteria = criteria_set.with_context(lang=lang)._to_rules()
                per_lang[lang] = (
                    criteria,
                    rules.evaluate_many(criteria, counts, keys=ids),
                    records._exemplar_gettext(lang),
                    records.with_context(lang=lang)._exemplar_level_labels(),
                )
            for rid in ids:
                paths, texts = {}, {}
                for lang, (criteria, evaluations, gettext, labels) in per_lang.items():
                    evaluation = evaluations[rid]
                    texts[lang] = rules.explain(
                        evaluation, criteria, gettext=gettext, level_labels=labels
                    )
                    paths[lang] = evaluation.path if evaluation.eligible else False
                results[rid] = {
                    "exemplar_eligible": evaluation.eligible,
                    "exemplar_missing": evaluation.missing,
                    "exemplar_path": paths,
                    "exemplar_explanation": texts,
                    "exemplar_criteria_set_id": criteria_set.id,
                }
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
        rows = [
            SQL(
                "(%s, %s::bool, %s::int, %s::jsonb, %s::jsonb, %s::int)",
                rid,
                values["exemplar_eligible"],
                values["exemplar_missing"],
                _jsonb(values["exemplar_path"]),
                _jsonb(values["exemplar_explanation"]),
                values["exemplar_criteria_set_id"] or None,
            )
            for rid, values in results.items()
        ]
        self.env.cr.execute(
            SQL(
                """UPDATE %(table)s
                      SET exemplar_eligible = v.eligible, exemplar_missing = v.missing,
                          exemplar_path = v.path, exemplar_explanation = v.explanation,
                          exemplar_criteria_set_id = v.set_id
                     FROM (VALUES %(rows)s) AS v(id, eligible, missing, path, explanation, set_id)
                    WHERE %(table)s.id = v.id""",
                table=SQL.identifier(records._table),
                rows=SQL(", ").join(rows),
            )
        )
        for fname in EXEMPLAR_FIELDS:
            self.env.remove_to_compute(records._fields[fname], records)
        records.invalidate_recordset(list(EXEMPLAR_FIELDS))
        records.modified(list(EXEMPLAR_FIELDS))


def _jsonb(texts):
    values = {lang: text for lang, text in texts.items() if text}
    return json.dumps(values) if values else None
