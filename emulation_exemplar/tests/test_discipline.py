"""Disciplines (kỷ luật): a personnel matter, private like the annual classifications. Each role
is tested with a user holding exactly that role (the officer has no Odoo HR right)."""

from datetime import date

import psycopg2

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..core import eligibility as rules
from .test_access import AccessCase


class DisciplineCase(AccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Discipline = cls.env["emulation.discipline"]
        cls.d_a = Discipline.create(
            {"employee_id": cls.emp_a.id, "form": "warning", "year": 2023}
        )  # the plain user's own
        cls.d_b = Discipline.create(
            {
                "employee_id": cls.emp_b.id,
                "form": "reprimand",
                "year": 2024,
                "decision_number": "5/QĐ-SNgV",
            }
        )  # Consular Affairs, which the unit manager heads
        cls.d_c = Discipline.create(
            {"employee_id": cls.emp_c.id, "form": "dismissal", "year": 2022}
        )  # Visa, below Consular Affairs
        cls.d_head = Discipline.create(
            {"employee_id": cls.emp_head.id, "form": "reprimand", "year": 2023}
        )  # the unit manager's own
        cls.d_2 = Discipline.create(
            {"employee_id": cls.emp_2.id, "form": "demotion", "year": 2023}
        )  # the other company
        cls.env.flush_all()

    def discipline_as(self, user):
        return self.env["emulation.discipline"].with_user(user).with_context(active_test=False)


class TestDisciplineModel(DisciplineCase):
    def test_forms_are_the_rule_core_forms_lightest_first(self):
        field = self.env["emulation.discipline"]._fields["form"]
        self.assertEqual(tuple(key for key, _label in field.selection), rules.DISCIPLINE_FORMS)
        self.assertEqual(
            [label for _key, label in field.selection],
            [
                "Reprimand",
                "Warning",
                "Salary reduction",
                "Demotion",
                "Dismissal from post",
                "Dismissal",
                "Removal from office",
            ],
        )
        self.assertEqual(
            [self.d_b.form_rank, self.d_a.form_rank, self.d_2.form_rank, self.d_c.form_rank],
            [1, 2, 4, 6],
        )

    def test_recorded_values(self):
        self.assertEqual(self.d_a.display_name, "Warning – Nguyễn Văn An (2023)")
        self.assertEqual(self.d_a.unit_id, self.unit_office, "the person's unit")
        self.assertEqual(self.d_2.company_id, self.company_2, "the person's company")
        employee = self.env["emulation.discipline"]._fields["employee_id"]
        self.assertTrue(employee.required)
        self.assertEqual(employee.ondelete, "restrict")
        self.assertTrue(employee.check_company)
        self.assertIn("mail.thread", self.env["emulation.discipline"]._inherit)

    def test_effect_period_must_not_end_before_it_starts(self):
        with self.assertRefused(
            ValidationError, r"ends on 31/05/2024, before it takes effect on 01/06/2024"
        ):
            self.d_b.write({"date_from": date(2024, 6, 1), "date_to": date(2024, 5, 31)})
        self.d_b.write({"date_from": date(2024, 6, 1), "date_to": date(2024, 6, 1)})
        self.d_b.write({"date_to": False})
        self.d_b.write({"date_from": False, "date_to": date(2024, 5, 31)})
        with self.assertRefused(ValidationError, "before it takes effect"):
            self.env["emulation.discipline"].create(
                {
                    "employee_id": self.emp_a.id,
                    "form": "reprimand",
                    "year": 2024,
                    "date_from": date(2024, 3, 2),
                    "date_to": date(2024, 3, 1),
                }
            )

    def test_year_and_decision_date(self):
        next_year = date.today().year + 1
        for year in (1944, next_year + 1):
            with self.assertRefused(ValidationError, r"The year %s is not valid" % year):
                self.d_a.write({"year": year})
        self.d_a.write({"year": next_year})
        with self.assertRefused(
            ValidationError, r"decision date 31/12/2022 is earlier than the year 2023"
        ):
            self.d_a.write({"year": 2023, "decision_date": date(2022, 12, 31)})
        self.d_a.write({"year": 2023, "decision_date": date(2023, 1, 1)})
        defaults = self.env["emulation.discipline"].default_get(["year"])
        self.assertEqual(defaults["year"], date.today().year, "default: this year")

    def test_archive_instead_of_delete(self):
        officer = self.discipline_as(self.user_officer).browse(self.d_b.id)
        officer.action_archive()
        self.assertFalse(self.d_b.active)
        Discipline = self.env["emulation.discipline"].with_user(self.user_officer)
        self.assertNotIn(self.d_b, Discipline.search([]))
        self.assertIn(self.d_b, Discipline.search([("active", "=", False)]))
        with self.assertRaises(AccessError):
            officer.unlink()
        officer.action_unarchive()
        self.assertTrue(self.d_b.active)

    @mute_logger("odoo.sql_db")
    def test_a_disciplined_person_cannot_be_deleted(self):
        person = self.env["hr.employee"].create({"name": "Võ Thị Hoa"})
        discipline = self.env["emulation.discipline"].create(
            {"employee_id": person.id, "form": "reprimand", "year": 2024}
        )
        discipline.action_archive()  # archived, it still keeps the person
        with self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                person.unlink()
                self.env.flush_all()
        self.assertTrue(person.exists())
        discipline.unlink()
        person.unlink()  # without discipline, nothing stops it
        self.assertFalse(person.exists())


class TestDisciplineRoles(DisciplineCase):
    def test_plain_user_reads_only_their_own(self):
        Discipline = self.discipline_as(self.user_plain)
        self.assertEqual(Discipline.search([]), self.d_a)
        self.assertEqual(Discipline.browse(self.d_a.id).form, "warning")
        with self.assertRaises(AccessError) as caught:
            Discipline.browse(self.d_b.id).read(["form"])
        self.assertNotIn(self.emp_b.name, str(caught.exception))
        with self.assertRaises(AccessError):
            Discipline.browse(self.d_a.id).write({"form": "reprimand"})
        with self.assertRaises(AccessError):
            Discipline.create({"employee_id": self.emp_a.id, "form": "reprimand", "year": 2024})
        with self.assertRaises(AccessError):
            Discipline.browse(self.d_a.id).unlink()
        self.assertEqual(
            Discipline._read_group([], ["form"], ["__count"]), [("warning", 1)], "counts too"
        )

    def test_unit_manager_reads_their_units_and_below(self):
        Discipline = self.discipline_as(self.user_manager)
        self.assertEqual(Discipline.search([]), self.d_head | self.d_b | self.d_c)
        with self.assertRaises(AccessError) as caught:
            Discipline.browse(self.d_a.id).read(["form"])
        self.assertNotIn(self.emp_a.name, str(caught.exception))
        with self.assertRaises(AccessError):
            Discipline.browse(self.d_b.id).write({"form": "warning"})
        with self.assertRaises(AccessError):
            Discipline.create({"employee_id": self.emp_b.id, "form": "warning", "year": 2024})
        # a new head of the Office–Inspectorate reads its disciplines at once
        self.unit_office.manager_id = self.emp_head
        self.assertEqual(Discipline.search([]), self.d_head | self.d_b | self.d_c | self.d_a)

    def test_officer_without_hr_right_records_and_edits(self):
        self.assertFalse(self.user_officer.has_group("hr.group_hr_user"))
        Discipline = self.discipline_as(self.user_officer)
        company = self.env["emulation.discipline"].with_context(active_test=False)
        self.assertEqual(
            Discipline.search([]), company.search([("company_id", "=", self.company.id)])
        )
        self.assertNotIn(self.d_2, Discipline.search([]))
        with Form(self.env["emulation.discipline"].with_user(self.user_officer)) as form:
            form.employee_id = self.emp_c
            form.form = "salary_reduction"
            form.year = 2024
            form.decision_number = "9/QĐ-SNgV"
            form.decision_date = date(2024, 9, 3)
            form.authority = "Giám đốc Sở Ngoại vụ"
            form.date_from = date(2024, 9, 3)
            form.date_to = date(2025, 9, 2)
            form.reason = "Vi phạm quy chế làm việc"
        record = form.record
        self.assertEqual(
            (record.employee_id, record.unit_id, record.company_id, record.form_rank),
            (self.emp_c, self.unit_visa, self.company, 3),
        )
        record.write({"form": "demotion"})
        self.assertEqual(record.form_rank, 4)
        with self.assertRaises(AccessError):
            record.unlink()

    def test_administrator_may_delete(self):
        self.discipline_as(self.user_admin).browse(self.d_b.id).unlink()
        self.assertFalse(self.d_b.exists())

    def test_officer_of_another_company(self):
        Discipline = self.discipline_as(self.user_officer_2)
        self.assertEqual(Discipline.search([]), self.d_2)
        with self.assertRaises(AccessError) as caught:
            Discipline.browse(self.d_a.id).read(["form"])
        self.assertNotIn(self.emp_a.name, str(caught.exception))
        # a person of the other company: the record would be the other company's
        with self.assertRaises(AccessError) as caught:
            Discipline.create({"employee_id": self.emp_a.id, "form": "warning", "year": 2024})
        self.assertNotIn(self.emp_a.name, str(caught.exception))

    def test_messages_name_no_record_the_caller_cannot_read(self):
        """Odoo's own company check would name the person and both companies."""
        names = (self.emp_a.name, self.emp_2.name, self.company.name, self.company_2.name)
        for user, person, company in (
            (self.user_officer_2, self.emp_a, self.company_2),
            (self.user_officer, self.emp_2, self.company),
        ):
            Discipline = self.discipline_as(user)
            with self.subTest(user=user.login):
                with self.assertRefused(ValidationError, "another company") as caught:
                    Discipline.create(
                        {
                            "employee_id": person.id,
                            "company_id": company.id,
                            "form": "warning",
                            "year": 2024,
                        }
                    )
                for name in names:
                    self.assertNotIn(name, str(caught.exception))
        own = self.discipline_as(self.user_officer).browse(self.d_b.id)
        with self.assertRefused(ValidationError, "another company") as caught:
            own.write({"employee_id": self.emp_2.id})
        for name in names:
            self.assertNotIn(name, str(caught.exception))
        self.assertEqual(self.d_b.employee_id, self.emp_b)

    def test_views_and_groupings_load_for_an_officer(self):
        Discipline = self.env["emulation.discipline"].with_user(self.user_officer)
        views = Discipline.get_views([(False, "list"), (False, "form"), (False, "search")])
        self.assertIn("filter_warning_or_heavier", views["views"]["search"]["arch"])
        for groupby in ("unit_id", "form", "year"):
            groups = Discipline.read_group([], [groupby], [groupby])
            self.assertTrue(groups, groupby)
        by_form = dict(Discipline._read_group([("form_rank", ">=", 2)], ["form"], ["__count"]))
        self.assertEqual(by_form, {"warning": 1, "dismissal": 1})


@tagged("post_install", "-at_install")
class TestDisciplineMenu(DisciplineCase):
    """Menus are checked once every module is loaded (the visible menus read every action)."""

    def test_menu_for_officers_only(self):
        menu = self.env.ref("emulation_exemplar.menu_emulation_discipline")
        for user, shown in (
            (self.user_plain, False),
            (self.user_manager, False),
            (self.user_officer, True),
            (self.user_admin, True),
        ):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in visible, shown, user.login)


@tagged("post_install", "-at_install")
class TestDisciplineFormsIn2025(DisciplineCase):
    """Since 1 July 2025 (Law on Cadres and Civil Servants 2025, Decree 172/2025/NĐ-CP art. 7)
    salary reduction and demotion are no longer forms of discipline; cadres are removed from
    office (bãi nhiệm). The old forms stay on the disciplines decided before."""

    def discipline(self, form, decided, **vals):
        return (
            self.env["emulation.discipline"]
            .with_user(self.user_officer)
            .create(
                dict(
                    employee_id=self.emp_a.id,
                    form=form,
                    year=decided.year,
                    decision_date=decided,
                    **vals,
                )
            )
        )

    def test_old_forms_until_30_june_2025(self):
        for form in rules.ABOLISHED_FORMS:
            with self.subTest(form=form):
                self.assertEqual(self.discipline(form, date(2025, 6, 30)).form, form)

    def test_old_forms_refused_from_1_july_2025(self):
        for form in rules.ABOLISHED_FORMS:
            for decided in (date(2025, 7, 1), date(2026, 3, 2)):
                with (
                    self.subTest(form=form, decided=decided),
                    self.assertRaisesRegex(ValidationError, "01/07/2025"),
                ):
                    self.discipline(form, decided)
        # without a decision date, the day it takes effect says when it was decided
        with self.assertRaisesRegex(ValidationError, "no longer a form of discipline"):
            self.env["emulation.discipline"].with_user(self.user_officer).create(
                {
                    "employee_id": self.emp_a.id,
                    "form": "demotion",
                    "year": 2025,
                    "date_from": date(2025, 8, 1),
                }
            )
        # nor can an old discipline be moved past the date with its old form
        old = self.discipline("salary_reduction", date(2025, 6, 30))
        with self.assertRaisesRegex(ValidationError, "no longer a form of discipline"):
            old.decision_date = date(2025, 7, 1)

    def test_removal_from_office(self):
        removal = self.discipline("removal", date(2025, 9, 15))
        self.assertEqual(removal.form_rank, len(rules.DISCIPLINE_FORMS))
        self.assertEqual(rules.DISCIPLINE_FORMS[-1], "removal")
        # it is at least as heavy as a dismissal from post for the criteria
        self.assertGreater(
            rules.DISCIPLINE_RANK["removal"], rules.DISCIPLINE_RANK["dismissal_from_post"]
        )
        for form in ("reprimand", "warning", "dismissal_from_post", "dismissal"):
            with self.subTest(form=form):
                self.discipline(form, date(2025, 7, 1))
