"""One truth (issue 23): the eligible-list paper, the campaign's candidates and Propose eligible
name exactly the recipients whose stored result (``emulation.eligibility``) is eligible, for every
criteria set and year; what the paper says counted is what the result counted."""

from odoo import Command
from odoo.tests import tagged

from .common import EmulationCase

YEAR = 2025


@tagged("post_install", "-at_install")
class TestOneTruth(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_c = Employee.create({"name": "Lý Thị Cúc", "department_id": cls.unit_office.id})
        cls.emp_d = Employee.create({"name": "Võ Văn Dũng", "department_id": cls.unit_office.id})
        # the Law's advanced worker (one-year rolling set): good or better in the year
        cls.classify(cls.emp_a, YEAR - 2, "not_completed")
        cls.classify(cls.emp_a, YEAR, "good")
        cls.classify(cls.emp_b, YEAR, "excellent")
        cls.classify(cls.emp_c, YEAR, "completed")
        cls.classify(cls.unit_office, YEAR, "excellent")
        cls.Eligibility = cls.env["emulation.eligibility"]
        cls.report = cls.env["report.emulation_exemplar.report_eligible"].with_user(
            cls.user_officer
        )

    def names(self, records):
        return sorted((r.employee_id or r.department_id).id for r in records)

    def paper_recipients(self, rows):
        values = self.report._rows_values(rows)
        return sorted(
            (row["record"].employee_id or row["record"].department_id).id
            for group in values["groups"]
            for row in group["eligible"]
        )

    def test_every_set_and_year(self):
        """For every criteria set with results and each of its years: the paper printed from its
        rows, the campaign's candidates and Propose eligible name the eligible rows' recipients."""
        Officer = self.env(user=self.user_officer)
        rows = Officer["emulation.eligibility"].search([("company_id", "=", self.company.id)])
        law_titles_with_someone = set()
        for (criteria_set, year), group in rows.grouped(
            lambda r: (r.criteria_set_id, r.year)
        ).items():
            eligible = group.filtered("eligible")
            with self.subTest(set=criteria_set.name, year=year):
                self.assertEqual(
                    self.paper_recipients(criteria_set._eligible_list_rows(year)),
                    self.names(eligible),
                )
                # the campaign reads the same rows (its sets' latest year with someone eligible)
                campaign = Officer["emulation.campaign"].create(
                    {"name": "Plan", "criteria_set_ids": [Command.set(criteria_set.ids)]}
                )
                latest = criteria_set._eligible_list_rows()
                self.assertEqual(
                    sorted(r.id for r, ok, _missing in campaign._candidate_results() if ok),
                    self.names(latest.filtered("eligible")),
                )
                if criteria_set.award_type_id and eligible:
                    law_titles_with_someone.add(criteria_set.award_type_id)
                    root = (eligible.unit_id | eligible.department_id).filtered(
                        lambda u: not u.parent_id
                    )
                    for unit in root:
                        proposal = Officer["emulation.proposal"].create(
                            {
                                "year": year,
                                "award_type_id": criteria_set.award_type_id.id,
                                "department_id": unit.id,
                            }
                        )
                        proposal.action_propose_eligible()
                        in_unit = eligible.filtered(
                            lambda r, u=unit: (r.unit_id or r.department_id).parent_path.startswith(
                                u.parent_path
                            )
                        )
                        self.assertEqual(self.names(proposal.line_ids), self.names(in_unit))
        # the Law's titles for individuals print their eligible people (they printed none)
        advanced = self.env.ref("emulation_exemplar.award_type_advanced_worker")
        self.assertIn(advanced, law_titles_with_someone)

    def test_law_title_paper_lists_stored_rows(self):
        law_set = self.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        rows = law_set._eligible_list_rows(YEAR)
        eligible = rows.filtered("eligible")
        self.assertEqual(
            set(eligible.employee_id.ids) & {self.emp_a.id, self.emp_b.id},
            {
                self.emp_a.id,
                self.emp_b.id,
            },
        )
        self.assertNotIn(self.emp_c, eligible.employee_id)
        values = self.report._rows_values(rows)
        (group,) = values["groups"]
        self.assertEqual(group["year"], YEAR)
        self.assertIn(str(YEAR), group["heading"])
        self.assertIn(law_set.award_type_id.name, group["heading"])
        self.assertEqual(values["period_subtitle"], "Year %s" % YEAR)

    def test_one_year_set_prints_one_year(self):
        """A one-year rolling set's row counted that year alone: the paper says so."""
        law_set = self.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        row = law_set._eligible_list_rows(YEAR).filtered(lambda r: r.employee_id == self.emp_a)
        self.assertTrue(row.eligible)
        (group,) = self.report._rows_values(row)["groups"]
        (line,) = group["eligible"]
        text = " ".join(line["items"])
        self.assertIn(str(YEAR), text)
        self.assertNotIn(str(YEAR - 2), text, "the classification of another year did not count")

    def test_default_year_is_the_year_being_judged(self):
        """The wizard prints the year being judged (issue 25), not the latest year with someone
        eligible: here YEAR, set in Settings, while YEAR + 1 has results too."""
        law_set = self.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        self.classify(self.emp_d, YEAR + 1, "not_completed")
        self.env.company.emulation_year = YEAR
        years = set(
            self.env["emulation.eligibility"]
            .search([("criteria_set_id", "=", law_set.id)])
            .mapped("year")
        )
        self.assertIn(YEAR + 1, years)
        wizard = (
            self.env["emulation.eligible.print.wizard"]
            .with_user(self.user_officer)
            .with_context(default_criteria_set_ids=law_set.ids)
            .create({})
        )
        self.assertEqual(wizard.year, YEAR)
        action = wizard.action_print()
        self.assertEqual(action["data"], {"year": YEAR})

    def test_rows_report_prints_the_selection(self):
        law_set = self.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        row = law_set._eligible_list_rows(YEAR).filtered(lambda r: r.employee_id == self.emp_b)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render_qweb_html("emulation_exemplar.action_report_eligible_rows", row.ids)[0]
            .decode()
        )
        self.assertIn(self.emp_b.name, html)
        self.assertNotIn(self.emp_a.name, html)
