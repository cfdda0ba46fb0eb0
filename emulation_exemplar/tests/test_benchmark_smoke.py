"""The benchmarks (benchmarks/bench.py, bench_import.py) at a small size, so that they cannot
silently break.

It checks what does not depend on the machine: ORM and raw SQL agree for every result row of the
plan's exemplar sets and of a streak set and a member-ratio set (both evaluation years), the stored
rows of every shipped set equal a fresh evaluation, the whole engine's figures are there, the full
recompute makes the same number of queries at two sizes, each incremental case recomputes exactly
its owner, and the bulk-SQL generator writes the same population as the ORM one; 200 rows
imported through base_import as the import screen does, in batches, as an emulation officer: every
row once, a bad row named and nothing imported. Times are not checked.

Tagged ``benchmark`` and not ``standard``: not part of the suite (``--test-tags
/emulation_exemplar`` leaves it out); tools/test runs it in its benchmark step, with
``--test-tags benchmark`` (pytest-odoo: ``--odoo-test-tags benchmark``).
"""

import contextlib
import importlib.util
import json
import unittest
from pathlib import Path

from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"
BENCH_IMPORT = BENCH.with_name("bench_import.py")


def load_bench(path=BENCH):
    spec = importlib.util.spec_from_file_location("emulation_exemplar_" + path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("-standard", "benchmark", "at_install")
class TestBenchmarkSmoke(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not BENCH.is_file():
            raise unittest.SkipTest("benchmarks/bench.py is not next to the addon")
        cls.bench = load_bench()

    def test_smoke_n200(self):
        bench = self.bench
        active_law_sets = self.env["emulation.criteria.set"].search_count(
            [("award_type_id", "!=", False)]
        )
        self.assertGreaterEqual(active_law_sets, 9, "the Law's sets shipped active")
        result = bench.run(self.env, n=200, sizes=(100,), units=10, memory=False, pdf=False)

        rows = result["history_rows_by_model"]
        self.assertEqual(
            result["history_rows"] - rows["emulation.discipline"],
            200 * 20 + 10 * 14,
            "20 rows per person, 14 per unit, and the disciplines",
        )
        self.assertGreater(rows["emulation.discipline"], 0, "a few disciplines")
        self.assertLess(rows["emulation.discipline"], 40)
        self.assertTrue(result["agree"], result["agree_recomputed"]["examples"])
        self.assertEqual(result["agree_loaded"]["differences"], 0)
        self.assertEqual(result["agree_recomputed"]["differences"], 0)
        # the 5 sets of the comparison: 3 exemplar sets (one year each), the streak and ratio
        # sets (2025 and 2026 each): 7 set-years; every active person and unit has 3 rows
        self.assertEqual(result["agree_recomputed"]["evaluations"], 7)
        people = self.env["hr.employee"].search_count([])
        units = self.env["hr.department"].search_count([])
        self.assertEqual(result["agree_recomputed"]["compared"], 3 * (people + units))
        self.assertGreater(result["eligible_employees"], 0, "a realistic mix")
        self.assertLess(result["eligible_employees"], 200)

        # the whole engine: every shipped set, figures present, stored = fresh evaluation
        engine = result["engine"]
        self.assertTrue(engine["agree"]["agree"], engine["agree"]["examples"])
        employees = self.env["hr.employee"].with_context(active_test=False).search_count([])
        all_units = self.env["hr.department"].with_context(active_test=False).search_count([])
        self.assertEqual(engine["recomputed"], employees + all_units, "everyone recomputed")
        self.assertEqual(engine["written"], 0, "nothing changed: no row rewritten")
        self.assertEqual(engine["cold_written"], engine["rows"], "from empty: every row written")
        self.assertGreater(engine["rows"], result["agree_recomputed"]["compared"])
        self.assertGreater(result["peak_memory_mb"], 0)
        self.assertTrue(result["targets"]["memory"][0])

        self.assertEqual([row["n"] for row in result["scaling"]], [100, 200])
        for key in ("queries", "engine_queries"):
            first, second = (row[key] for row in result["scaling"])
            self.assertEqual(first, second, "the full recompute's queries must not grow with N")
        self.assertTrue(result["targets"]["constant_queries"][0])
        self.assertTrue(result["targets"]["constant_engine_queries"][0])

        self.assertEqual(
            [row["case"] for row in result["incremental"]],
            ["create one award", "write one classification", "archive one award"],
        )
        for row in result["incremental"]:
            self.assertEqual(row["recomputed"], 1, row["case"])
            # the shipped sets for collectives judge members (classifications, the advanced
            # worker and grassroots soldier titles): the person's unit and the units above it
            # too, when the record counts for them; the certificate of commendation does not
            self.assertIn(row["units_above"], (1, 2), "units in a tree of two levels")
            expected = row["units_above"] if row["counts_for_members"] else 0
            self.assertEqual(row["recomputed_units"], expected, row["case"])
            self.assertLessEqual(row["queries"], bench.TARGET_INCREMENTAL_QUERIES, row["case"])
        counted = {row["case"]: row["counts_for_members"] for row in result["incremental"]}
        self.assertEqual(
            {k: v for k, v in counted.items() if k != "archive one award"},
            {"create one award": False, "write one classification": True},
        )
        table = bench.format_table(result)
        self.assertIn("whole engine, full recompute", table)
        self.assertIn("ratio ORM / raw SQL", table)
        # the shipped sets are back, the benchmark's own archived
        Sets = self.env["emulation.criteria.set"]
        self.assertFalse(Sets.search([("name", "like", "Bench – %")]))
        self.assertEqual(
            Sets.search_count([("award_type_id", "!=", False)]),
            active_law_sets,
            "the Law's sets active again",
        )

    def test_bulk_generation_is_the_orm_generation(self):
        """The bulk-SQL generator writes the same units, people, history and (once evaluated)
        results as the ORM generator, index for index."""
        bench = self.bench
        orm = bench.Generator(self.env, units=5)
        orm.grow(60)
        bulk = bench.BulkGenerator(self.env, units=5)
        bulk.grow(60)
        self.env["emulation.eligibility"]._eligibility_recompute_all()
        signature = bench.generation_signature(self.env, bulk)
        self.assertEqual(len([k for k in signature if len(k) == 2]), 65, "60 people, 5 units")
        self.assertIn(("p", 7, "eligibility"), signature)
        self.assertEqual(signature[("u", 3)][1], 0, "unit 4 lies under unit 1")
        self.assertEqual(bench.compare_generations(self.env, orm, bulk), [])
        # and the comparison sees a difference
        self.env.cr.execute(
            "UPDATE emulation_award SET year = year - 1 WHERE employee_id = %s",
            [bulk.employee_ids[7]],
        )
        differences = bench.compare_generations(self.env, orm, bulk)
        self.assertEqual([d[0] for d in differences], [("p", 7, "award")])

    @contextlib.contextmanager
    def _twenty_people_agreeing(self):
        """20 generated people evaluated by the engine and by the raw-SQL limit, which agree;
        yields (the generator, the benchmark's streak and ratio sets) inside the SQL phase."""
        bench = self.bench
        generator = bench.BulkGenerator(self.env, units=3)
        generator.grow(20)
        self.env["emulation.eligibility"]._eligibility_recompute_all()
        bench.sql_prepare(self.env)
        with bench.sql_phase(self.env) as bench_sets:
            bench.measure_sql(self.env, repeat=1)
            self.assertTrue(bench.agreement(self.env)["agree"])
            yield generator, bench_sets

    def test_agreement_detects_a_difference(self):
        bench = self.bench
        with self._twenty_people_agreeing() as (generator, bench_sets):
            streak = bench_sets.filtered(lambda s: s.recipient_kind == "individual")
            person = generator.employee_ids[5]
            self.env.cr.execute(
                "UPDATE bench_sql_result SET missing = missing + 1 "
                "WHERE model = 'e' AND owner_id = %s AND set_id = %s AND year = 2026",
                [person, streak.id],
            )
            check = bench.agreement(self.env)
            self.assertFalse(check["agree"])
            self.assertEqual(check["differences"], 1)
            self.assertEqual(check["examples"][0]["id"], person)
            self.assertEqual(check["examples"][0]["set"], streak.id)

    def test_agreement_compares_what_counted(self):
        # the raw-SQL limit gathers what counted and the alternative met, as the engine stores
        # them: a row whose ids or alternative differ is a difference
        bench = self.bench
        with self._twenty_people_agreeing():
            self.env.cr.execute(
                "SELECT count(*) FILTER (WHERE counted ? 'award'), "
                "count(*) FILTER (WHERE alternative_id IS NOT NULL) FROM bench_sql_result"
            )
            with_awards, met = self.env.cr.fetchone()
            self.assertGreater(with_awards, 0, "the limit names the awards that counted")
            self.assertGreater(met, 0, "and the alternative met")
            self.env.cr.execute(
                "SELECT set_id, year, model, owner_id, counted FROM bench_sql_result "
                "WHERE counted ? 'award' ORDER BY set_id, year, model, owner_id LIMIT 1"
            )
            set_id, year, model, owner, counted = self.env.cr.fetchone()
            stored = self.env["emulation.eligibility"].search(
                [
                    ("criteria_set_id", "=", set_id),
                    ("year", "=", year),
                    ("employee_id" if model == "e" else "department_id", "=", owner),
                ]
            )
            self.assertEqual(stored.counted_history, counted, "the same ids as the engine")
            key = "WHERE set_id = %s AND year = %s AND model = %s AND owner_id = %s"
            self.env.cr.execute(
                "UPDATE bench_sql_result SET counted = counted - 'award' " + key,
                [set_id, year, model, owner],
            )
            check = bench.agreement(self.env)
            self.assertFalse(check["agree"])
            self.assertEqual(check["differences"], 1)
            self.assertEqual(check["examples"][0]["id"], owner)
            self.env.cr.execute(
                "UPDATE bench_sql_result SET counted = %s::jsonb " + key,
                [json.dumps(counted), set_id, year, model, owner],
            )
            self.assertTrue(bench.agreement(self.env)["agree"])
            self.env.cr.execute(
                "UPDATE bench_sql_result SET alternative_id = NULL "
                "WHERE alternative_id = (SELECT min(alternative_id) FROM bench_sql_result)"
            )
            self.assertFalse(bench.agreement(self.env)["agree"])

    def test_emptying_the_results_never_takes_proposal_lines_with_it(self):
        # the first computation starts from an empty result table: a TRUNCATE … CASCADE, which
        # would empty the proposal lines too (they point at results); refused when there are any
        Line = self.env["emulation.proposal.line"]
        if not Line.search_count([]):
            unit = self.env["hr.department"].create({"name": "Bench unit"})
            person = self.env["hr.employee"].create({"name": "Bench", "department_id": unit.id})
            self.env["emulation.proposal"].create(
                {
                    "year": 2025,
                    "award_type_id": self.env.ref(
                        "emulation_exemplar.award_type_grassroots_soldier"
                    ).id,
                    "department_id": unit.id,
                    "line_ids": [
                        (0, 0, {"recipient_type": "individual", "employee_id": person.id})
                    ],
                }
            )
        lines = Line.search_count([])
        results = self.env["emulation.eligibility"].search_count([])
        self.assertGreater(results, 0)
        with self.assertRaisesRegex(RuntimeError, "emulation_(proposal_line|nomination) has rows"):
            self.bench.empty_results(self.env, truncate=True)
        self.assertEqual(Line.search_count([]), lines)
        self.assertEqual(self.env["emulation.eligibility"].search_count([]), results)


@tagged("-standard", "benchmark", "at_install")
class TestImportBenchmarkSmoke(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not BENCH_IMPORT.is_file():
            raise unittest.SkipTest("benchmarks/bench_import.py is not next to the addon")
        cls.bench = load_bench(BENCH_IMPORT)
        cls.officer = new_test_user(
            cls.env,
            "bench_smoke_officer",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
        )

    def test_import_200_rows_in_batches(self):
        """120 awards and 80 classifications in batches of 40 (the screen batches files of more
        than 100 rows): every row once, and the bad row of the middle named by its place in the
        file, with nothing imported, by the Test pass and by a direct Import alike."""
        bench = self.bench
        before = {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in bench.MODELS
        }
        result = bench.run_import(
            self.env, awards=120, classifications=80, units=4, user=self.officer, batch=40
        )
        self.assertEqual(result["rows"], 200)
        self.assertEqual(result["imported"], 200)
        self.assertEqual(result["created"], 200, "the plain create made the same rows")
        self.assertTrue(result["complete"], result["by_model"])
        for model, figures in result["by_model"].items():
            self.assertEqual(figures["imported"], figures["rows"], model)
            self.assertFalse(figures["errors"], model)
            count = self.env[model].with_context(active_test=False).search_count([])
            self.assertEqual(count, before[model] + figures["rows"], "imported once: %s" % model)
        awards = self.env["emulation.award"].search(
            [("employee_id.name", "=like", "Import person %")]
        )
        self.assertEqual(len(awards), 108, "nine rows in ten are a person's")
        self.assertEqual(set(awards.mapped("year")), set(bench.YEARS))
        self.assertIs(result["agree"], True, result["agree_detail"])

        bad = result["bad_row"]
        self.assertEqual(bad["row"], 60, "the middle row, in the second batch of 40")
        for name in ("test", "import"):
            self.assertEqual(bad[name]["rows_named"], [60], name)
            self.assertEqual(bad[name]["imported"], 0, name)
            self.assertEqual(bad[name]["ids"], 0, name)
            self.assertIn(bench.BAD_NAME, bad[name]["message"])
        self.assertTrue(bad["ok"])
        self.assertTrue(result["targets"]["import_bad_row"][0])
        # a row that can be read but breaks a rule: named alone, nothing imported
        rule = result["rule_row"]
        self.assertGreaterEqual(rule["row"], 60)
        for name in ("test", "import"):
            self.assertEqual(rule[name]["rows_named"], [rule["row"]], name)
            self.assertEqual(rule[name]["imported"], 0, name)
            self.assertIn("units only", rule[name]["message"])
        self.assertTrue(result["targets"]["import_rule_row"][0])
        self.assertIn("ratio import / plain create", bench.format_import(result))
