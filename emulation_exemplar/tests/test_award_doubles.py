"""Each honour once in the history (issue 22, "Doubled honours"): an emulation title once per
recipient and year, a form of commendation once per recipient and decision; the import refuses
what the history already holds; an award recorded by a user rests on a decision's number and
date; the upgrade lists the honours a database already holds twice."""

import importlib.util
import re
from datetime import date
from unittest.mock import patch

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.misc import file_path
from odoo.tools.safe_eval import safe_eval

from . import test_import
from .common import EmulationCase
from .migration import run_migrations
from .test_import import OPTIONS, XLSX

MIGRATION = "emulation_exemplar/migrations/18.0.2.1.0/post-migrate.py"


def load_migration():
    spec = importlib.util.spec_from_file_location(
        "emulation_post_migrate_18_0_2_1_0", file_path(MIGRATION)
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("at_install")
class TestAwardDoubles(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Award = cls.env["emulation.award"].with_user(cls.user_officer)
        cls.company_2 = cls.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        cls.user_officer_2 = new_test_user(
            cls.env,
            "emu_doubles_officer_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        # a unit shared by both companies (no company): each may record its honours
        cls.shared_unit = cls.env["hr.department"].create(
            {"name": "Ban Thi đua liên ngành", "company_id": False}
        )
        cls.type_collective_title = cls.env.ref(
            "emulation_exemplar.award_type_excellent_collective"
        )

    def record(self, recipient, award_type, year, number, decision_date=None, user=None, **vals):
        """An award recorded as an officer through the ORM (what the form and RPC send)."""
        values = {
            "award_type_id": award_type.id,
            "year": year,
            "decision_number": number,
            "decision_date": decision_date or date(year + 1, 1, 15),
        }
        if recipient._name == "hr.employee":
            values.update(recipient_type="individual", employee_id=recipient.id)
        else:
            values.update(recipient_type="collective", department_id=recipient.id)
        values.update(vals)
        Award = self.env["emulation.award"].with_user(user or self.user_officer)
        return Award.create(values)

    def search_filter(self, name, user=None):
        """The awards the search view's filter ``name`` finds, as ``user`` (the officer)."""
        Award = self.env["emulation.award"].with_user(user or self.user_officer)
        arch = Award.get_view(
            self.env.ref("emulation_exemplar.emulation_award_view_search").id, "search"
        )["arch"]
        self.assertIn('name="%s"' % name, arch)
        node = etree.fromstring(arch).xpath("//filter[@name='%s']" % name)[0]
        domain = safe_eval(node.get("domain"), {"context_today": fields.Date.context_today})
        return Award.search(domain)

    def make_double(self, award, **sql_values):
        """Give ``award`` the values of ``sql_values`` behind the ORM's back: a double that an
        older release let in (the constraint is not run)."""
        assignments = ", ".join("%s = %%s" % column for column in sql_values)
        self.env.cr.execute(
            "UPDATE emulation_award SET %s WHERE id = %%s" % assignments,
            [*sql_values.values(), award.id],
        )
        self.env["emulation.award"].invalidate_model()

    # ------------------------------------------------------------------ emulation titles
    def test_title_twice_in_a_year_is_refused(self):
        first = self.record(self.emp_a, self.type_soldier, 2023, "15/QĐ-SNgV")
        with self.assertRefused(
            ValidationError,
            r"^Nguyễn Văn An already holds the emulation title Grassroots emulation soldier for "
            r"2023 \(decision 15/QĐ-SNgV\)\. An emulation title is awarded once a year",
        ):
            self.record(self.emp_a, self.type_soldier, 2023, "99/QĐ-SNgV")
        # another year, another person, another title: accepted
        self.record(self.emp_a, self.type_soldier, 2024, "16/QĐ-SNgV")
        self.record(self.emp_b, self.type_soldier, 2023, "15/QĐ-SNgV")
        self.record(
            self.emp_a,
            self.env.ref("emulation_exemplar.award_type_advanced_worker"),
            2023,
            "14/QĐ-SNgV",
        )
        # moved onto the year of the first: refused
        second = self.Award.search([("employee_id", "=", self.emp_a.id), ("year", "=", 2024)])
        with self.assertRefused(ValidationError, "already holds the emulation title"):
            second.write({"year": 2023})
        # an archived (revoked) title no longer counts; restoring it while another holds its
        # place is refused
        first.action_archive()
        replacement = self.record(self.emp_a, self.type_soldier, 2023, "99/QĐ-SNgV")
        with self.assertRefused(ValidationError, r"\(decision 99/QĐ-SNgV\)"):
            first.action_unarchive()
        self.assertTrue(replacement.active)

    def test_title_twice_in_the_form_is_refused(self):
        self.record(self.emp_b, self.type_soldier, 2023, "15/QĐ-SNgV")
        form = Form(self.Award)
        form.award_type_id = self.type_soldier
        form.employee_id = self.emp_b.with_user(self.user_officer)
        form.year = 2023
        form.decision_number = "20/QĐ-SNgV"
        form.decision_date = date(2024, 1, 20)
        with self.assertRefused(ValidationError, "Trần Thị Bình already holds the emulation title"):
            form.save()

    def test_title_and_its_double_given_together_are_refused(self):
        values = {
            "award_type_id": self.type_soldier.id,
            "employee_id": self.emp_a.id,
            "year": 2022,
            "decision_number": "1/QĐ-SNgV",
            "decision_date": date(2023, 1, 5),
        }
        with self.assertRefused(ValidationError, "Nguyễn Văn An already holds"):
            self.Award.create([values, dict(values, decision_number="2/QĐ-SNgV")])
        self.assertFalse(self.Award.search([("employee_id", "=", self.emp_a.id)]))

    def test_unit_title_twice_in_a_year_is_refused(self):
        self.record(self.unit_office, self.type_collective_title, 2023, "3/QĐ-UBND")
        with self.assertRefused(
            ValidationError,
            "Office–Inspectorate already holds the emulation title %s for 2023"
            % self.type_collective_title.name,
        ):
            self.record(self.unit_office, self.type_collective_title, 2023, "4/QĐ-UBND")

    # ------------------------------------------------------------------ forms of commendation
    def test_commendation_twice_from_one_decision_is_refused(self):
        self.record(self.emp_a, self.type_prov, 2023, "12/QĐ-UBND")
        for number in ("12/QĐ-UBND", " 12 /qĐ-ubnd "):
            with self.subTest(number=number):
                with self.assertRefused(
                    ValidationError,
                    r"^Nguyễn Văn An already holds %s of decision 12/QĐ-UBND for 2023\. An award "
                    r"of a decision is recorded once" % re.escape(self.type_prov.name),
                ):
                    self.record(self.emp_a, self.type_prov, 2023, number)
        # the same certificate by another decision (a second achievement): accepted
        self.record(self.emp_a, self.type_prov, 2023, "13/QĐ-UBND")
        self.assertEqual(
            len(self.Award.search([("employee_id", "=", self.emp_a.id)])), 2, "both decisions"
        )

    def test_award_of_a_recorded_decision_entered_again_by_hand_is_refused(self):
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "number": "55/QĐ-UBND",
                    "date": date(2024, 2, 1),
                    "award_type_id": self.type_prov.id,
                    "year": 2023,
                    "employee_ids": [Command.set((self.emp_a | self.emp_b).ids)],
                }
            )
        )
        decision.action_record_awards()
        self.assertEqual(len(decision.award_ids), 2)
        with self.assertRefused(ValidationError, "Trần Thị Bình already holds .* 55/QĐ-UBND"):
            self.record(self.emp_b, self.type_prov, 2023, "55/QĐ-UBND", date(2024, 2, 1))

    # ------------------------------------------------------------------ what the message names
    def test_a_double_in_another_company_is_refused_without_naming_it(self):
        # company 1 records the flag of a unit both companies share
        self.record(self.shared_unit, self.type_collective_title, 2023, "7/QĐ-HT")
        Award2 = self.env["emulation.award"].with_user(self.user_officer_2)
        self.assertFalse(Award2.search([("department_id", "=", self.shared_unit.id)]))
        with self.assertRefused(ValidationError, "in a history you cannot read") as refused:
            self.record(
                self.shared_unit,
                self.type_collective_title,
                2023,
                "8/QĐ-QB",
                user=self.user_officer_2,
            )
        self.assertNotIn("7/QĐ-HT", str(refused.exception))
        self.assertNotIn(self.company.name, str(refused.exception))

    # ------------------------------------------------------------------ number and date
    def test_award_without_decision_number_or_date_is_refused(self):
        values = {
            "award_type_id": self.type_prov.id,
            "employee_id": self.emp_a.id,
            "year": 2023,
            "decision_number": "12/QĐ-UBND",
            "decision_date": date(2024, 1, 10),
        }
        for missing in ("decision_number", "decision_date"):
            for empty in (False, "  ") if missing == "decision_number" else (False,):
                with self.subTest(missing=missing, empty=empty):
                    with self.assertRefused(
                        ValidationError,
                        r"^%s – Nguyễn Văn An \(2023\): enter the number and date of the "
                        r"decision it rests on\.$" % re.escape(self.type_prov.name),
                    ):
                        self.Award.create(dict(values, **{missing: empty}))
        award = self.Award.create(values)
        for erased in ({"decision_number": ""}, {"decision_date": False}):
            with self.subTest(erased=erased):
                with self.assertRefused(ValidationError, "cannot be erased"):
                    award.write(erased)
        self.assertEqual(award.decision_number, "12/QĐ-UBND")

    def test_award_form_requires_decision_number_and_date(self):
        form = Form(self.Award)
        form.award_type_id = self.type_prov
        form.employee_id = self.emp_a.with_user(self.user_officer)
        form.year = 2023
        form.decision_number = "12/QĐ-UBND"
        with self.assertRaisesRegex(AssertionError, "decision_date"):
            form.save()
        form.decision_date = date(2024, 1, 10)
        award = form.save()
        self.assertEqual(award.decision_date, date(2024, 1, 10))

    def test_imported_history_may_lack_them_and_the_incomplete_filter_finds_it(self):
        imported = self.Award.with_context(import_file=True).create(
            {"award_type_id": self.type_prov.id, "employee_id": self.emp_a.id, "year": 2019}
        )
        dated_only = self.Award.with_context(import_file=True).create(
            {
                "award_type_id": self.type_prov.id,
                "employee_id": self.emp_b.id,
                "year": 2019,
                "decision_date": date(2020, 1, 2),
            }
        )
        complete = self.record(self.emp_a, self.type_prov, 2020, "3/QĐ-UBND")
        found = self.search_filter("incomplete")
        self.assertIn(imported, found)
        self.assertIn(dated_only, found)
        self.assertNotIn(complete, found)
        # an officer completes it in its form (saving an old record does not ask for both)
        with Form(imported) as form:
            form.decision_number = "2/QĐ-UBND"
        self.assertEqual(imported.decision_number, "2/QĐ-UBND")
        with Form(imported) as form:
            form.decision_date = date(2020, 1, 2)
        self.assertNotIn(imported, self.search_filter("incomplete"))

    def test_decision_number_and_date_have_bounds(self):
        with self.assertRefused(
            ValidationError, r"has 100000 characters: a decision number has at most 64"
        ):
            self.record(self.emp_a, self.type_prov, 2023, "1" * 100000)
        today = fields.Date.context_today(self.Award)
        for bad in (date(9999, 12, 31), today.replace(year=today.year + 2)):
            with self.subTest(date=bad):
                with self.assertRefused(
                    ValidationError,
                    r"The decision date %s is not valid: enter a date between 01/01/1945 and "
                    % bad.strftime("%d/%m/%Y"),
                ):
                    self.record(self.emp_a, self.type_prov, 2023, "1/QĐ", decision_date=bad)
        # before 1945: the year of the award cannot be earlier either
        with self.assertRefused(ValidationError, "The decision date 31/12/1944 is "):
            self.record(self.emp_a, self.type_prov, 1945, "1/QĐ", decision_date=date(1944, 12, 31))
        # within the bounds, the decision of next year (a decision about to be signed)
        award = self.record(
            self.emp_a, self.type_prov, today.year, "1/QĐ", decision_date=today.replace(day=1)
        )
        self.assertTrue(award)
        self.record(self.emp_a, self.type_mofa, 2023, "9" * 64)

    # ------------------------------------------------------------------ the doubles of the past
    def test_doubles_let_in_before_are_listed_by_the_upgrade_and_the_doubled_filter(self):
        Award = self.env["emulation.award"]
        # a clean history (the demo data's too): nothing to report
        self.assertEqual(Award._doubled_honours(), [])
        migration = load_migration()
        with self.assertNoLogs(migration._logger, "WARNING"):
            self.assertEqual(migration.log_doubled_honours(self.env), [])
        title = self.record(self.emp_a, self.type_soldier, 2021, "5/QĐ-SNgV")
        title_2 = self.record(self.emp_a, self.type_soldier, 2022, "6/QĐ-SNgV")
        merit = self.record(self.emp_b, self.type_prov, 2021, "7/QĐ-UBND")
        merit_2 = self.record(self.emp_b, self.type_prov, 2021, "8/QĐ-UBND")
        other = self.record(self.emp_b, self.type_soldier, 2021, "5/QĐ-SNgV")
        self.assertFalse(self.search_filter("doubled"))
        self.make_double(title_2, year=2021)
        self.make_double(merit_2, decision_number="7/qđ-UBND ")
        with self.assertLogs(migration._logger, "WARNING") as logged:
            doubled = migration.log_doubled_honours(self.env)
        self.assertEqual(doubled, [title | title_2, merit | merit_2])
        self.assertEqual(len(logged.output), 2)
        self.assertIn(
            "Nguyễn Văn An holds Grassroots emulation soldier for 2021 2 times: awards %s, "
            "decisions 5/QĐ-SNgV, 6/QĐ-SNgV" % [title.id, title_2.id],
            logged.output[0],
        )
        self.assertIn("Trần Thị Bình holds %s" % self.type_prov.name, logged.output[1])
        # the upgrade itself: the migration keeps every record and only reports
        count = Award.with_context(active_test=False).search_count([])
        with (
            self.assertNoLogs("OpenUpgrade", "ERROR"),
            self.assertLogs(migration._logger, "WARNING") as logged,
        ):
            run_migrations(self.env, "18.0.2.0.1")
        # (the later upgrades' scripts log to the same logger: the reward money's, of what it
        # could not fill)
        self.assertEqual(len([line for line in logged.output if "Doubled honour" in line]), 2)
        self.assertEqual(Award.with_context(active_test=False).search_count([]), count)
        # the officer finds them, and each form says so
        self.assertEqual(self.search_filter("doubled"), title | title_2 | merit | merit_2)
        self.assertTrue(title.with_user(self.user_officer).doubled)
        self.assertFalse(other.with_user(self.user_officer).doubled)
        self.assertEqual(
            self.Award.search([("doubled", "=", False), ("employee_id", "=", self.emp_b.id)]),
            other,
        )
        with self.assertRaises(UserError):
            self.Award.search([("doubled", "in", [1])])
        # archiving the wrong one corrects it
        title_2.with_user(self.user_officer).action_archive()
        self.assertEqual(self.search_filter("doubled"), merit | merit_2)
        # another company's officer does not see them, nor any sign of them
        self.assertFalse(self.search_filter("doubled", user=self.user_officer_2))

    def test_doubles_of_another_company_are_not_flagged_to_the_caller(self):
        # a shared unit's title in each company, let in by an older release
        first = self.record(self.shared_unit, self.type_collective_title, 2022, "1/QĐ-HT")
        second = self.record(
            self.shared_unit, self.type_collective_title, 2021, "1/QĐ-QB", user=self.user_officer_2
        )
        self.make_double(second, year=2022)
        self.assertEqual(self.env["emulation.award"]._doubled_honours(), [first | second])
        self.assertFalse(self.search_filter("doubled"))
        self.assertFalse(self.search_filter("doubled", user=self.user_officer_2))
        self.assertFalse(second.with_user(self.user_officer_2).doubled)


@tagged("at_install")
class TestAwardImportDoubles(EmulationCase):
    """The import of awards recognises the rows the history holds already, and rows repeated in
    the file: Test and Import refuse them, naming the row and the recipient."""

    # the helpers of the import tests (without ImportCase's own records)
    template = test_import.ImportCase.template
    fill = test_import.ImportCase.fill
    save = test_import.ImportCase.__dict__["save"]
    assertImported = test_import.ImportCase.assertImported
    count = test_import.ImportCase.count

    def run_import(self, content, dryrun=False):
        importer, fields_, headers = self.prepare("emulation.award", content)
        return importer.with_user(self.user_officer).execute_import(
            fields_, headers, dict(OPTIONS), dryrun=dryrun
        )

    def prepare(self, model, content):
        """As ImportCase.prepare, as the officer."""
        importer = (
            self.env["base_import.import"]
            .with_user(self.user_officer)
            .create(
                {
                    "res_model": model,
                    "file": content,
                    "file_type": XLSX,
                    "file_name": "past.xlsx",
                }
            )
        )
        preview = importer.parse_preview(dict(OPTIONS))
        self.assertNotIn("error", preview)
        headers = preview["headers"]
        matches = preview["matches"] or {}
        fields_ = [
            "/".join(matches[index]) if index in matches else False for index in range(len(headers))
        ]
        return importer, fields_, headers

    def errors(self, result):
        return [message for message in result["messages"] if message["type"] == "error"]

    def rows(self):
        return [
            {
                "Employee": "Nguyễn Văn An",
                "Award type": "CSTDCS",
                "Year": 2021,
                "Decision Number": "10/QĐ-SNgV",
                "Decision Date": date(2022, 1, 10),
            },
            {
                "Employee": "Trần Thị Bình",
                "Award type": "BK_UBND",
                "Year": 2021,
                "Decision Number": "20/QĐ-UBND",
                "Decision Date": date(2022, 2, 10),
            },
            {"Unit": "Consular Affairs", "Award type": "GK", "Year": 2022},
            {
                "Employee": "Trần Thị Bình",
                "Award type": "CSTDCS",
                "Year": 2022,
                "Decision Number": "30/QĐ-SNgV",
            },
        ]

    def test_the_same_file_twice_is_refused_row_by_row(self):
        content = self.fill("emulation.award", self.rows())
        before = self.count("emulation.award")
        self.assertImported(self.run_import(content, dryrun=True), 4)
        self.assertImported(self.run_import(content), 4)
        self.assertEqual(self.count("emulation.award"), before + 4)
        Award = self.registry["emulation.award"]
        original = Award.create
        creates = []

        def spy(records, vals_list):
            creates.append(len(vals_list))
            return original(records, vals_list)

        with patch.object(Award, "create", spy):
            for dryrun in (True, False):
                with self.subTest(dryrun=dryrun):
                    result = self.run_import(content, dryrun=dryrun)
                    self.assertFalse(result["ids"], "nothing is imported")
                    errors = self.errors(result)
                    # the unit's certificate has no decision number: it cannot be told from
                    # another certificate of the same year; the other three rows are named
                    self.assertEqual([e["record"] for e in errors], [0, 1, 3], errors)
                    self.assertEqual(
                        [e["rows"] for e in errors], [{"from": r, "to": r} for r in (0, 1, 3)]
                    )
                    self.assertRegex(
                        errors[0]["message"],
                        r"^Nguyễn Văn An already holds the emulation title Grassroots emulation "
                        r"soldier for 2021 \(decision 10/QĐ-SNgV\)",
                    )
                    self.assertRegex(
                        errors[1]["message"],
                        r"^Trần Thị Bình already holds %s of decision 20/QĐ-UBND for 2021"
                        % re.escape(self.type_prov.name),
                    )
                    self.assertIn(
                        "Trần Thị Bình already holds the emulation title", errors[2]["message"]
                    )
        self.assertEqual(self.count("emulation.award"), before + 4)
        # found before anything is created: only the row that is not a double is created
        self.assertEqual(creates, [1, 1], "one create per pass (Test, Import), of the good row")

    def test_a_title_given_again_with_another_decision_number_is_refused(self):
        self.env["emulation.award"].with_user(self.user_officer).create(
            {
                "award_type_id": self.type_soldier.id,
                "employee_id": self.emp_a.id,
                "year": 2021,
                "decision_number": "1/QĐ-SNgV",
                "decision_date": date(2022, 1, 5),
            }
        )
        rows = self.rows()
        content = self.fill("emulation.award", rows[1:3] + rows[:1])
        for dryrun in (True, False):
            with self.subTest(dryrun=dryrun):
                result = self.run_import(content, dryrun=dryrun)
                self.assertFalse(result["ids"])
                errors = self.errors(result)
                self.assertEqual([e["record"] for e in errors], [2], errors)
                self.assertIn("(decision 1/QĐ-SNgV)", errors[0]["message"])

    def test_a_row_repeated_in_the_file_is_refused(self):
        rows = self.rows()
        rows.insert(3, dict(rows[1], **{"Decision Number": "20 / qĐ-ubnd"}))
        rows.append(dict(rows[0], **{"Decision Number": "11/QĐ-SNgV"}))
        before = self.count("emulation.award")
        content = self.fill("emulation.award", rows)
        for dryrun in (True, False):
            with self.subTest(dryrun=dryrun):
                result = self.run_import(content, dryrun=dryrun)
                self.assertFalse(result["ids"])
                errors = self.errors(result)
                self.assertEqual([e["record"] for e in errors], [3, 5], errors)
                self.assertEqual(
                    errors[0]["message"],
                    "Trần Thị Bình holds %s for 2021 twice in this file: this row repeats row 2. "
                    "Remove one of them." % self.type_prov.name,
                )
                self.assertIn("this row repeats row 1", errors[1]["message"])
        self.assertEqual(self.count("emulation.award"), before)
        # one of them removed, the file imports
        del rows[5], rows[3]
        self.assertImported(self.run_import(self.fill("emulation.award", rows)), 4)

    def test_a_double_and_another_bad_row_are_named_together(self):
        self.env["emulation.award"].with_user(self.user_officer).create(
            {
                "award_type_id": self.type_soldier.id,
                "employee_id": self.emp_a.id,
                "year": 2021,
                "decision_number": "10/QĐ-SNgV",
                "decision_date": date(2022, 1, 10),
            }
        )
        rows = self.rows()
        rows[2]["Year"] = 1900
        result = self.run_import(self.fill("emulation.award", rows))
        self.assertFalse(result["ids"])
        errors = self.errors(result)
        self.assertEqual([e["record"] for e in errors], [0, 2], errors)
        self.assertIn("already holds", errors[0]["message"])
        self.assertIn("The year 1900 is not valid", errors[1]["message"])

    def test_a_decision_date_out_of_bounds_is_refused_on_import(self):
        rows = self.rows()
        rows[1]["Decision Date"] = date(9999, 12, 31)
        result = self.run_import(self.fill("emulation.award", rows), dryrun=True)
        errors = self.errors(result)
        self.assertEqual([e["record"] for e in errors], [1], errors)
        self.assertIn("The decision date 31/12/9999 is not valid", errors[0]["message"])
