"""The emulation year being judged (issue 25): one setting of the company, 0 for automatic (in
December the year that ends, from January to March the year that has just ended, otherwise the
current year), read by every default year, the lists' "Year being judged" filter, the papers'
wizards and the statistics' statistical year."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import EmulationCase

# (today, the year being judged by date)
DAYS = [("2026-12-07", 2026), ("2027-01-15", 2026), ("2026-06-01", 2026), ("2027-04-02", 2027)]


@tagged("at_install")
class TestYearJudged(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.emulation_year = 0
        cls.user_system = new_test_user(
            cls.env,
            "emu_system",
            groups="base.group_user,base.group_system,emulation_exemplar.group_emulation_admin",
        )

    def default_years(self):
        """{what: its default year} of every record and wizard that defaults to a year, as the
        officer opens them."""
        env = self.env(user=self.user_officer)
        years = {
            model: env[model].default_get(["year"])["year"]
            for model in (
                "emulation.registration",
                "emulation.proposal",
                "emulation.council.session",
                "emulation.decision",
                "emulation.award",
                "emulation.classification",
                "emulation.initiative",
                "emulation.award.statistics.wizard",
                "emulation.eligible.print.wizard",
            )
        }
        return years

    def test_default_years_follow_the_date(self):
        for day, judged in DAYS:
            with self.subTest(day=day), freeze_time(day):
                self.assertEqual(self.company._emulation_year(), judged)
                self.assertEqual(self.env["res.company"]._emulation_year(), judged)
                years = self.default_years()
                self.assertEqual(years, dict.fromkeys(years, judged))

    def test_the_setting_overrides_the_date(self):
        self.company.emulation_year = 2024
        for day, _judged in DAYS:
            with self.subTest(day=day), freeze_time(day):
                years = self.default_years()
                self.assertEqual(years, dict.fromkeys(years, 2024))

    def test_statistics_wizard_period_is_the_statistical_year(self):
        with freeze_time("2027-01-15"):
            wizard = (
                self.env["emulation.award.statistics.wizard"]
                .with_user(self.user_officer)
                .create({})
            )
        self.assertEqual(wizard.year, 2026)
        self.assertEqual(
            (wizard.date_from, wizard.date_to), (date(2025, 12, 1), date(2026, 11, 30))
        )

    def test_filters_of_the_year_being_judged(self):
        Award = self.env["emulation.award"]
        old = self.award(self.emp_a, self.type_prov, 2025, decision_date=date(2025, 11, 30))
        new = self.award(self.emp_b, self.type_prov, 2025, decision_date=date(2025, 12, 1))
        late = self.award(self.emp_a, self.type_soldier, 2026, decision_date=date(2026, 12, 2))
        mine = old | new | late
        for day, judged, in_year, in_stat in (
            ("2026-12-07", 2026, late, new),
            ("2026-03-01", 2025, old | new, old),
        ):
            with self.subTest(day=day), freeze_time(day):
                self.assertEqual(self.company._emulation_year(), judged)
                self.assertEqual(
                    Award.search([("id", "in", mine.ids), ("in_judged_year", "=", True)]), in_year
                )
                self.assertEqual(
                    Award.search([("id", "in", mine.ids), ("in_judged_year", "=", False)]),
                    mine - in_year,
                )
                self.assertEqual(
                    Award.search([("id", "in", mine.ids), ("in_statistical_year", "=", True)]),
                    in_stat,
                )
                mine.invalidate_recordset(["in_judged_year", "in_statistical_year"])
                self.assertEqual(mine.filtered("in_judged_year"), in_year)
                self.assertEqual(mine.filtered("in_statistical_year"), in_stat)
        # the setting moves both filters
        self.company.emulation_year = 2025
        self.assertEqual(
            Award.search([("id", "in", mine.ids), ("in_judged_year", "=", True)]), old | new
        )
        self.assertEqual(
            Award.search([("id", "in", mine.ids), ("in_statistical_year", "=", True)]), old
        )

    def test_each_company_lists_its_own_year(self):
        other = self.env["res.company"].create(
            {"name": "Sở Ngoại vụ Quảng Bình", "emulation_year": 2024}
        )
        self.company.emulation_year = 2025
        here = self.award(self.emp_a, self.type_prov, 2025)
        there_employee = self.env["hr.employee"].create(
            {"name": "Hồ Văn Quý", "company_id": other.id}
        )
        there = self.award(there_employee, self.type_prov, 2024, company_id=other.id)
        wrong = self.award(there_employee, self.type_soldier, 2025, company_id=other.id)
        both = self.env["emulation.award"].with_context(
            allowed_company_ids=[self.company.id, other.id]
        )
        found = both.search(
            [("id", "in", (here | there | wrong).ids), ("in_judged_year", "=", True)]
        )
        self.assertEqual(found, here | there)

    def test_every_list_of_a_year_has_the_picker(self):
        for model in (
            "emulation.eligibility",
            "emulation.registration",
            "emulation.proposal",
            "emulation.council.session",
            "emulation.decision",
            "emulation.award",
            "emulation.classification",
            "emulation.initiative",
            "emulation.nomination",
        ):
            arch = self.env[model].get_view(view_type="search")["arch"]
            self.assertIn('name="filter_judged_year"', arch, model)

    def test_list_actions_open_on_the_year_being_judged(self):
        for xmlid in (
            "action_emulation_exemplar_employees",
            "action_emulation_exemplar_departments",
            "action_emulation_proposal",
            "action_emulation_registration",
            "action_emulation_council_session",
            "action_emulation_decision",
        ):
            action = self.env.ref("emulation_exemplar." + xmlid)
            self.assertIn("'search_default_filter_judged_year': 1", action.context, xmlid)
        for xmlid in (
            "action_emulation_award_statistics",
            "action_emulation_award_form_statistics",
            "action_emulation_award_category_statistics",
        ):
            action = self.env.ref("emulation_exemplar." + xmlid)
            self.assertIn("'search_default_filter_statistical_year': 1", action.context, xmlid)

    def test_pivots_count_in_a_named_measure(self):
        """The pivots and graphs count with "Quantity" (Số lượng), not core's "Count"."""
        Award = self.env["emulation.award"]
        self.award(self.emp_a, self.type_prov, 2025)
        self.award(self.emp_b, self.type_prov, 2025)
        self.award(self.emp_b, self.type_soldier, 2024)
        groups = Award.read_group(
            [("employee_id", "in", (self.emp_a | self.emp_b).ids)],
            ["record_count:sum"],
            ["year"],
            orderby="record_count desc",
        )
        self.assertEqual([(g["year"], g["record_count"]) for g in groups], [(2025, 2), (2024, 1)])
        self.assertEqual(Award.fields_get(["record_count"])["record_count"]["aggregator"], "sum")
        for view in self.env["ir.ui.view"].search(
            [
                (
                    "model",
                    "in",
                    (
                        "emulation.award",
                        "emulation.classification",
                        "emulation.initiative",
                        "emulation.nomination",
                    ),
                ),
                ("type", "in", ("pivot", "graph")),
            ]
        ):
            if view.xml_id.startswith("emulation_exemplar."):
                self.assertIn('type="measure"', view.arch_db, view.xml_id)

    def test_eligible_list_wizard_prints_the_year_being_judged(self):
        law_set = self.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        self.classify(self.emp_a, 2025, "good")
        self.classify(self.emp_a, 2026, "good")
        Wizard = self.env["emulation.eligible.print.wizard"].with_user(self.user_officer)
        years = set(
            self.env["emulation.eligibility"]
            .search([("criteria_set_id", "=", law_set.id)])
            .mapped("year")
        )
        self.assertTrue({2025, 2026} <= years, years)
        for day, judged in (("2027-01-15", 2026), ("2026-06-01", 2026)):
            with freeze_time(day):
                wizard = Wizard.with_context(default_criteria_set_ids=law_set.ids).create({})
                self.assertEqual(wizard.year, judged)
        self.company.emulation_year = 2025
        wizard = Wizard.with_context(default_criteria_set_ids=law_set.ids).create({})
        self.assertEqual(wizard.year, 2025)
        self.assertEqual(wizard.action_print()["data"], {"year": 2025})

    def test_eligible_list_printed_directly_is_of_the_year_being_judged(self):
        """Print › Eligible list on a set of the Law (a rolling window) prints the year being
        judged, even when a later year has someone eligible."""
        law_set = self.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        self.classify(self.emp_a, 2025, "good")
        self.classify(self.emp_a, 2026, "not_completed")
        self.company.emulation_year = 2026
        self.assertEqual(set(law_set._eligible_list_rows().mapped("year")), {2026})
        self.company.emulation_year = 2025
        rows = law_set._eligible_list_rows()
        self.assertEqual(set(rows.mapped("year")), {2025})
        self.assertIn(self.emp_a, rows.filtered("eligible").employee_id)

    def test_add_passed_lines_in_december(self):
        """In December the officer creates the council session and the decision the same day,
        leaving the year as it comes: the decision finds the lines the council passed."""
        # the manager heads the office and proposes for it
        self.unit_office.manager_id = self.env["hr.employee"].create(
            {
                "name": "Đặng Văn Hùng",
                "department_id": self.unit_office.id,
                "user_id": self.user_manager.id,
            }
        )
        with freeze_time("2026-12-07"):
            proposal = (
                self.env["emulation.proposal"]
                .with_user(self.user_manager)
                .create(
                    {
                        "award_type_id": self.type_soldier.id,
                        "department_id": self.unit_office.id,
                        "line_ids": [
                            Command.create(
                                {
                                    "recipient_type": "individual",
                                    "employee_id": self.emp_a.id,
                                    "justification": "Sáng kiến được áp dụng hiệu quả.",
                                }
                            )
                        ],
                    }
                )
            )
            proposal.action_submit()
            proposal.with_user(self.user_officer).action_to_council()
            Session = self.env["emulation.council.session"].with_user(self.user_officer)
            session = Session.create({"member_count": 10, "present_count": 9})
            session.action_add_proposals()
            self.assertEqual(session.line_ids, proposal.line_ids)
            proposal.line_ids.with_user(self.user_officer).vote_yes = 9
            session.action_close()
            decision = (
                self.env["emulation.decision"]
                .with_user(self.user_officer)
                .create(
                    {
                        "number": "1207/QĐ-TEST",
                        "date": date(2026, 12, 7),
                        "award_type_id": self.type_soldier.id,
                    }
                )
            )
            self.assertEqual((proposal.year, session.year, decision.year), (2026, 2026, 2026))
            decision.action_add_passed_lines()
            self.assertEqual(decision.line_ids, proposal.line_ids)

    def test_decision_on_people_before_its_type(self):
        """Record a decision on a selection of people (its year the year being judged) opens
        before its award type is chosen: its total reward is nothing yet, not an error."""
        self.company.emulation_year = 2025
        decision = Form(
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .with_context(default_employee_ids=(self.emp_a | self.emp_b).ids)
        )
        self.assertEqual(decision.year, 2025)
        self.assertEqual(decision.amount_total, 0)

    def test_only_a_companys_own_users_set_its_year(self):
        other = self.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        admin = self.env(user=self.user_system)
        # the administrator sets the year of the company they work in
        admin.company.emulation_year = 2025
        self.assertEqual(self.company.emulation_year, 2025)
        settings = admin["res.config.settings"].create({"emulation_year": 2024})
        settings.execute()
        self.assertEqual(self.company.emulation_year, 2024)
        # not another company's: directly, nor through the settings naming that company
        with self.assertRaises(AccessError):
            admin["res.company"].browse(other.id).emulation_year = 2023
        with self.assertRaises(AccessError):
            admin["res.config.settings"].create(
                {"company_id": other.id, "emulation_year": 2023}
            ).execute()
        self.assertEqual(other.emulation_year, 0)
        # an emulation officer does not change the setting at all
        with self.assertRaises(AccessError):
            self.company.with_user(self.user_officer).emulation_year = 2022
        self.assertEqual(self.company.emulation_year, 2024)
