"""Who sees and does what, per role: plain user, unit manager, officer, administrator, and an
officer of another company. Awards, titles and initiatives are public honours; classifications,
eligibility and nominations are personnel matters."""

import inspect
import io
from datetime import date

import xlsxwriter

from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import EmulationCase

MODULE_PREFIX = "odoo.addons.emulation_exemplar."


class AccessCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        # the unit manager heads Consular Affairs, which has a Visa section below it
        cls.unit_visa = Department.create({"name": "Visa", "parent_id": cls.unit_consular.id})
        cls.emp_head = Employee.create(
            {
                "name": "Đặng Văn Hùng",
                "department_id": cls.unit_consular.id,
                "user_id": cls.user_manager.id,
            }
        )
        cls.unit_consular.manager_id = cls.emp_head
        cls.emp_c = Employee.create({"name": "Lý Thị Cúc", "department_id": cls.unit_visa.id})
        cls.emp_a.user_id = cls.user_plain  # the plain user is An, of the Office–Inspectorate
        # An and Bình are both eligible staff (two grassroots emulation soldier titles)
        cls.awards = cls.env["emulation.award"]
        for person in (cls.emp_a, cls.emp_b):
            cls.awards |= cls.award(person, cls.type_soldier, 2022)
            cls.awards |= cls.award(person, cls.type_soldier, 2023)
        cls.awards |= cls.award(cls.unit_office, cls.type_flag, 2023)
        cls.cl_a = cls.classify(cls.emp_a, 2023, "good")
        cls.cl_b = cls.classify(cls.emp_b, 2023, "excellent")
        cls.cl_c = cls.classify(cls.emp_c, 2023, "excellent")
        cls.cl_head = cls.classify(cls.emp_head, 2023, "excellent")
        cls.cl_office = cls.classify(
            cls.unit_office, 2023, "excellent", decision_number="77/QĐ-SNgV"
        )
        cls.cl_consular = cls.classify(
            cls.unit_consular, 2023, "good", decision_number="78/QĐ-SNgV"
        )
        cls.cl_visa = cls.classify(cls.unit_visa, 2023, "excellent")
        cls.initiative = cls.env["emulation.initiative"].create(
            {
                "name": "Số hóa hồ sơ lãnh sự",
                "employee_ids": [(6, 0, cls.emp_b.ids)],
                "level": "grassroots",
                "year": 2023,
            }
        )
        cls.campaign = cls.env["emulation.campaign"].create(
            {
                "name": "Advanced exemplars 2021–2025",
                "year_from": 2021,
                "year_to": 2025,
                "user_id": cls.user_officer.id,
                "state": "running",
            }
        )
        Nomination = cls.env["emulation.nomination"]
        cls.nom_a, cls.nom_b, cls.nom_c = (
            Nomination.create({"campaign_id": cls.campaign.id, "employee_id": person.id})
            for person in (cls.emp_a, cls.emp_b, cls.emp_c)
        )
        cls.nom_office = Nomination.create(
            {
                "campaign_id": cls.campaign.id,
                "nominee_kind": "collective",
                "department_id": cls.unit_office.id,
            }
        )
        cls.env["emulation.nomination.propagation"].create(
            [
                {"nomination_id": nomination.id, "date": date(2024, 5, 1), "kind": "article"}
                for nomination in (cls.nom_a, cls.nom_b)
            ]
        )
        cls.env["emulation.nomination.check"].create(
            [
                {"nomination_id": nomination.id, "name": "Gương mẫu chấp hành chủ trương"}
                for nomination in (cls.nom_a, cls.nom_b)
            ]
        )
        # a second company, with its own officer and people
        cls.company_2 = cls.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        cls.user_officer_2 = new_test_user(
            cls.env,
            "emu_officer_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
        )
        cls.unit_2 = Department.create({"name": "Văn phòng", "company_id": cls.company_2.id})
        cls.emp_2 = Employee.create(
            {"name": "Phan Văn Hải", "department_id": cls.unit_2.id, "company_id": cls.company_2.id}
        )
        cls.award_2 = cls.award(cls.emp_2, cls.type_soldier, 2023, company_id=cls.company_2.id)
        cls.cl_2 = cls.classify(cls.emp_2, 2023, "excellent", company_id=cls.company_2.id)
        cls.env.flush_all()

    def as_user(self, user, model):
        return self.env[model].with_user(user).with_context(active_test=False)


@tagged("at_install")
class TestRoles(AccessCase):
    def test_every_internal_user_is_an_emulation_user(self):
        group = self.env.ref("emulation_exemplar.group_emulation_user")
        for user in (self.user_plain, self.user_manager, self.user_officer):
            self.assertIn(group, user.groups_id)
        self.assertTrue(self.user_plain.has_group("emulation_exemplar.group_emulation_user"))
        self.assertFalse(self.user_plain.has_group("emulation_exemplar.group_emulation_manager"))

    def test_each_role_implies_the_one_before(self):
        self.assertTrue(self.user_admin.has_group("emulation_exemplar.group_emulation_officer"))
        self.assertTrue(self.user_officer.has_group("emulation_exemplar.group_emulation_manager"))
        self.assertFalse(self.user_officer.has_group("emulation_exemplar.group_emulation_admin"))
        self.assertTrue(self.user_manager.has_group("emulation_exemplar.group_emulation_user"))

    def test_hr_managers_and_the_admin_user_are_administrators(self):
        hr_manager = new_test_user(self.env, "emu_hr_mgr", groups="hr.group_hr_manager")
        self.assertTrue(hr_manager.has_group("emulation_exemplar.group_emulation_admin"))
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("emulation_exemplar.group_emulation_admin")
        )


@tagged("at_install")
class TestPlainUser(AccessCase):
    def test_employee_directory_and_own_form(self):
        """As core's hr/tests/test_self_user_access: the directory and the forms load and
        read every field they show."""
        Public = self.as_user(self.user_plain, "hr.employee.public")
        for view_type in ("list", "kanban", "form"):
            views = Public.get_views([(False, view_type)])
            fnames = list(views["models"]["hr.employee.public"]["fields"])
            people = Public.search([("company_id", "=", self.company.id)])
            self.assertIn(self.emp_b.id, people.ids, "the directory lists everyone")
            people.read(fnames)  # no AccessError
        own = Public.browse(self.emp_a.id)
        self.assertTrue(own.emulation_private_access)
        self.assertTrue(own.exemplar_eligible, "the plain user sees their own eligibility")
        self.assertEqual(own.emulation_category, "staff")
        self.assertIn(self.type_soldier.name, own.exemplar_explanation)
        self.assertEqual(own.emulation_classification_ids, self.cl_a)
        self.assertEqual(len(own.emulation_award_ids), 2)
        # through hr.employee, as the web client does for people without HR rights
        Employee = self.as_user(self.user_plain, "hr.employee")
        values = Employee.browse(self.emp_a.id).read(["name", "exemplar_eligible"])[0]
        self.assertTrue(values["exemplar_eligible"])

    def test_others_eligibility_is_hidden(self):
        Public = self.as_user(self.user_plain, "hr.employee.public")
        other = Public.browse(self.emp_b.id)
        self.assertTrue(self.emp_b.exemplar_eligible, "Bình is eligible")
        self.assertFalse(other.emulation_private_access)
        self.assertFalse(other.exemplar_eligible)
        self.assertFalse(other.exemplar_explanation)
        self.assertFalse(other.emulation_category)
        self.assertFalse(other.emulation_classification_ids)
        self.assertEqual(len(other.emulation_award_ids), 2, "awards are public honours")
        self.assertEqual(other.emulation_initiative_ids, self.initiative)
        # the filters find nobody outside their scope
        eligible = Public.search([("exemplar_eligible", "=", True)])
        self.assertEqual(eligible.ids, self.emp_a.ids)
        self.assertEqual(
            Public.search([("emulation_private_access", "=", True)]).ids, self.emp_a.ids
        )

    def test_no_access_to_private_employee_fields(self):
        Employee = self.as_user(self.user_plain, "hr.employee")
        with self.assertRaises(AccessError):
            Employee.browse(self.emp_a.id).read(["emulation_category_manual_ids"])
        Department = self.as_user(self.user_plain, "hr.department")
        # the unit's result exists (the officer reads it) but the plain user reads no value
        self.assertTrue(self.unit_office.emulation_private_access)
        self.assertTrue(self.unit_office.exemplar_result_id)
        values = Department.browse(self.unit_office.id).read(
            ["exemplar_eligible", "exemplar_missing", "exemplar_explanation", "exemplar_result_id"]
        )[0]
        self.assertFalse(values["exemplar_result_id"])
        self.assertFalse(values["exemplar_explanation"])
        self.assertEqual(values["exemplar_missing"], 0)
        unit = Department.browse(self.unit_office.id)
        self.assertFalse(unit.emulation_private_access)
        self.assertFalse(unit.exemplar_explanation)
        self.assertEqual(unit.emulation_award_count, 1, "the unit's awards are public")
        with self.assertRaises(AccessError):
            unit.read(["emulation_classification_count"])

    def test_histories(self):
        Award = self.as_user(self.user_plain, "emulation.award")
        company = [("company_id", "=", self.company.id)]
        # besides the fixtures, the awards of a person and a unit outside the user's own
        others = self.award(self.emp_c, self.type_soldier, 2024) | self.award(
            self.unit_visa, self.type_flag, 2024
        )
        every_award = self.env["emulation.award"].with_context(active_test=False).search(company)
        self.assertEqual(Award.search(company), every_award, "public honours")
        self.assertLess(self.awards, every_award)
        self.assertLessEqual(others, every_award)
        every_initiative = self.env["emulation.initiative"].with_context(active_test=False)
        self.assertEqual(
            self.as_user(self.user_plain, "emulation.initiative").search(company),
            every_initiative.search(company),
        )
        Classification = self.as_user(self.user_plain, "emulation.classification")
        self.assertEqual(Classification.search([]), self.cl_a, "their own only")
        with self.assertRaises(AccessError):
            Classification.browse(self.cl_b.id).read(["level"])
        with self.assertRaises(AccessError):
            Award.create(
                {"employee_id": self.emp_a.id, "award_type_id": self.type_soldier.id, "year": 2024}
            )
        with self.assertRaises(AccessError):
            Award.browse(self.awards[0].id).write({"decision_number": "1/QĐ"})
        with self.assertRaises(AccessError):
            Award.browse(self.awards[0].id).unlink()
        with self.assertRaises(AccessError):
            Classification.browse(self.cl_a.id).write({"level": "excellent"})
        with self.assertRaises(AccessError):
            Classification.create({"employee_id": self.emp_a.id, "year": 2024, "level": "good"})
        with self.assertRaises(AccessError):
            self.as_user(self.user_plain, "emulation.award.type").create(
                {"name": "X", "code": "X", "kind": "title", "level": "grassroots"}
            )

    def test_nominations(self):
        Nomination = self.as_user(self.user_plain, "emulation.nomination")
        self.assertEqual(Nomination.search([]), self.nom_a)
        with self.assertRaises(AccessError):
            Nomination.browse(self.nom_b.id).read(["stage"])
        with self.assertRaises(AccessError):
            Nomination.create({"campaign_id": self.campaign.id, "employee_id": self.emp_a.id})
        Propagation = self.as_user(self.user_plain, "emulation.nomination.propagation")
        self.assertEqual(Propagation.search([]).nomination_id, self.nom_a)
        Check = self.as_user(self.user_plain, "emulation.nomination.check")
        self.assertEqual(Check.search([]).nomination_id, self.nom_a)
        with self.assertRaises(AccessError):
            Check.browse(self.nom_b.check_ids[0].id).read(["name"])


@tagged("at_install")
class TestUnitManager(AccessCase):
    def test_classifications_of_the_managed_units(self):
        Classification = self.as_user(self.user_manager, "emulation.classification")
        self.assertEqual(
            Classification.search([]),
            self.cl_head | self.cl_b | self.cl_c | self.cl_consular | self.cl_visa,
            "own, the people and the units of Consular Affairs and of Visa below it",
        )
        with self.assertRaises(AccessError):
            Classification.browse(self.cl_a.id).read(["level"])
        with self.assertRaises(AccessError):
            Classification.browse(self.cl_office.id).read(["level"])
        with self.assertRaises(AccessError):
            Classification.browse(self.cl_b.id).write({"level": "good"})

    def test_eligibility_of_the_managed_people_and_units(self):
        Public = self.as_user(self.user_manager, "hr.employee.public")
        self.assertTrue(Public.browse(self.emp_b.id).exemplar_eligible)
        self.assertTrue(Public.browse(self.emp_c.id).emulation_private_access)
        other = Public.browse(self.emp_a.id)
        self.assertTrue(self.emp_a.exemplar_eligible)
        self.assertFalse(other.exemplar_eligible, "An is not in Consular Affairs")
        self.assertFalse(other.emulation_private_access)
        self.assertEqual(Public.search([("exemplar_eligible", "=", True)]).ids, self.emp_b.ids)
        self.assertEqual(
            set(Public.search([("emulation_private_access", "=", True)]).ids),
            {self.emp_head.id, self.emp_b.id, self.emp_c.id},
        )
        Department = self.as_user(self.user_manager, "hr.department")
        self.assertTrue(Department.browse(self.unit_visa.id).emulation_private_access)
        self.assertFalse(Department.browse(self.unit_office.id).emulation_private_access)
        self.assertFalse(Department.browse(self.unit_office.id).exemplar_explanation)
        self.assertEqual(
            set(Department.search([("emulation_private_access", "=", True)]).ids),
            {self.unit_consular.id, self.unit_visa.id},
        )
        self.assertTrue(Department.browse(self.unit_consular.id).exemplar_explanation)

    def test_hr_user_who_manages_reads_no_other_judgement(self):
        """An HR right opens the employee records, not the eligibility of other units' people."""
        self.user_manager.groups_id += self.env.ref("hr.group_hr_user")
        Employee = self.as_user(self.user_manager, "hr.employee")
        self.assertTrue(self.emp_a.exemplar_eligible, "An is eligible")
        values = Employee.browse(self.emp_a.id).read(["exemplar_eligible", "exemplar_explanation"])
        self.assertFalse(values[0]["exemplar_eligible"])
        self.assertFalse(values[0]["exemplar_explanation"])
        self.assertNotIn(self.emp_a, Employee.search([("exemplar_eligible", "=", True)]))
        self.assertTrue(Employee.browse(self.emp_b.id).exemplar_eligible, "Bình is theirs")
        record = Employee.browse(self.emp_b.id)
        self.assertEqual(record.emulation_classification_ids, self.cl_b)
        self.assertFalse(Employee.browse(self.emp_a.id).emulation_classification_ids)

    def test_manager_change_applies_at_once(self):
        Classification = self.as_user(self.user_manager, "emulation.classification")
        self.assertNotIn(self.cl_office, Classification.search([]))
        self.unit_office.manager_id = self.emp_head
        self.assertIn(self.cl_office, Classification.search([]))
        self.assertIn(self.cl_a, Classification.search([]))

    def test_proposes_nominations_for_their_people(self):
        Nomination = self.as_user(self.user_manager, "emulation.nomination")
        self.assertEqual(Nomination.search([]), self.nom_b | self.nom_c)
        with self.assertRaises(AccessError):
            Nomination.browse(self.nom_a.id).read(["stage"])
        other_campaign = self.campaign.copy({"name": "Other plan"})
        proposal = Nomination.create(
            {
                "campaign_id": other_campaign.id,
                "employee_id": self.emp_b.id,
                "achievements": "Bảo hộ công dân",
            }
        )
        self.assertEqual(proposal.stage, "detected")
        with self.assertRaises(AccessError):
            Nomination.create({"campaign_id": other_campaign.id, "employee_id": self.emp_a.id})
        with self.assertRaises(AccessError):
            Nomination.create(
                {
                    "campaign_id": other_campaign.id,
                    "employee_id": self.emp_c.id,
                    "stage": "registered",
                }
            )
        with self.assertRaises(AccessError):
            proposal.write({"stage": "selected"})
        with self.assertRaises(AccessError):
            proposal.action_select()
        with self.assertRaises(AccessError):
            proposal.unlink()


@tagged("at_install")
class TestOfficerAndAdministrator(AccessCase):
    def test_officer_reads_and_writes_all_histories_of_the_company(self):
        Classification = self.as_user(self.user_officer, "emulation.classification")
        every = self.env["emulation.classification"].with_context(active_test=False)
        self.assertEqual(
            Classification.search([]), every.search([("company_id", "=", self.company.id)])
        )
        self.assertNotIn(self.cl_2, Classification.search([]), "not the other company's")
        Classification.browse(self.cl_a.id).write({"level": "excellent"})
        award = self.as_user(self.user_officer, "emulation.award").create(
            {
                "employee_id": self.emp_c.id,
                "award_type_id": self.type_soldier.id,
                "year": 2024,
                "decision_number": "11/QĐ-SNgV",
                "decision_date": date(2025, 1, 10),
            }
        )
        award.write({"decision_number": "12/QĐ-SNgV"})
        award.action_archive()
        with self.assertRaises(AccessError):
            award.unlink()
        Public = self.as_user(self.user_officer, "hr.employee.public")
        self.assertTrue(Public.browse(self.emp_a.id).exemplar_eligible)
        eligible = Public.search([("exemplar_eligible", "=", True)])
        self.assertLessEqual(self.emp_a | self.emp_b, self.env["hr.employee"].browse(eligible.ids))
        self.assertNotIn(self.emp_c.id, eligible.ids)
        Nomination = self.as_user(self.user_officer, "emulation.nomination")
        self.assertEqual(len(Nomination.search([("campaign_id", "=", self.campaign.id)])), 4)
        Nomination.browse(self.nom_b.id).action_select()
        with self.assertRaises(AccessError):
            self.as_user(self.user_officer, "emulation.award.type").browse(
                self.type_soldier.id
            ).write({"authority": "X"})
        with self.assertRaises(AccessError):
            self.as_user(self.user_officer, "emulation.criteria.set").browse(
                self.env.ref("emulation_exemplar.criteria_plan198_staff").id
            ).write({"year_to": 2026})

    def test_administrator_manages_the_catalogue_and_criteria(self):
        AwardType = self.as_user(self.user_admin, "emulation.award.type")
        AwardType.browse(self.type_soldier.id).write({"sequence": 3})
        criteria = self.as_user(self.user_admin, "emulation.criteria.set").browse(
            self.env.ref("emulation_exemplar.criteria_plan198_staff").id
        )
        criteria.write({"sequence": 7})
        self.as_user(self.user_admin, "emulation.award").browse(self.awards[0].id).unlink()

    def test_second_company_officer_sees_nothing_of_the_first(self):
        for model, own in (
            ("emulation.award", self.award_2),
            ("emulation.classification", self.cl_2),
            ("emulation.initiative", None),
            ("emulation.nomination", None),
            ("emulation.campaign", None),
        ):
            found = self.as_user(self.user_officer_2, model).search([])
            self.assertEqual(found, own or found.browse(), model)
        with self.assertRaises(AccessError):
            self.as_user(self.user_officer_2, "emulation.classification").browse(self.cl_a.id).read(
                ["level"]
            )
        with self.assertRaises(AccessError):
            self.as_user(self.user_officer_2, "emulation.nomination").browse(self.nom_a.id).read(
                ["stage"]
            )
        Public = self.as_user(self.user_officer_2, "hr.employee.public")
        self.assertEqual(
            Public.search([("emulation_private_access", "=", True)]).ids, self.emp_2.ids
        )
        self.assertFalse(
            Public.with_context(allowed_company_ids=self.company_2.ids)
            .browse(self.emp_a.id)
            .emulation_private_access
        )

    def test_campaign_uses_criteria_sets_of_its_company(self):
        own_set = self.env.ref("emulation_exemplar.criteria_plan198_staff").copy(
            {"company_id": self.company.id, "active": False}
        )
        values = {"name": "Kế hoạch 2026", "year_from": 2026, "year_to": 2030}
        with self.assertRaises(UserError):
            self.env["emulation.campaign"].create(
                dict(values, company_id=self.company_2.id, criteria_set_ids=[(6, 0, own_set.ids)])
            )
        shared = self.env.ref("emulation_exemplar.criteria_plan198_staff")
        self.assertFalse(shared.company_id, "the shipped sets serve every company")
        campaign = self.env["emulation.campaign"].create(
            dict(values, company_id=self.company_2.id, criteria_set_ids=[(6, 0, shared.ids)])
        )
        self.assertEqual(campaign.criteria_set_ids, shared)


@tagged("at_install")
class TestRpcAndReports(AccessCase):
    # public methods that only return an action or a template, and reveal nothing private
    HARMLESS = {
        "action_view_awards",
        "action_view_emulation_awards",
        "action_view_emulation_classifications",
        "action_view_emulation_initiatives",
        "action_view_nominations",
        "action_view_milestones",
        "action_view_propagation",
        "get_import_templates",
        "get_empty_list_help",  # the web client's hook: the action's help, for the user's role
    }
    # the ORM's own entry points, checked by the ORM (access rights and record rules); base_import's
    # execute_import runs load() (a plain user's import: test_import, test_import_as_a_plain_user),
    # and load() the converter's db_id_for (which takes a field object: not callable over RPC)
    ORM = {
        "create",
        "write",
        "unlink",
        "copy",
        "load",
        "read",
        "search",
        "name_create",
        "execute_import",
        "db_id_for",
        # the web client's side panel (web's search_panel_select_range: read_group under the
        # caller's rules); the eligibility's override only names the criteria sets shortly
        # (test_lists_words: a plain user's panel counts their own rows only)
        "search_panel_select_range",
    }

    def module_public_methods(self):
        methods = {}
        for model_name in sorted(self.env.registry):
            Model = self.env[model_name]
            for cls in type(Model).__mro__:
                if not cls.__module__.startswith(MODULE_PREFIX):
                    continue
                for name, member in vars(cls).items():
                    if (
                        name.startswith("_")
                        or name in self.ORM
                        or hasattr(models.BaseModel, name)  # ORM overrides, checked by the ORM
                        or not inspect.isfunction(member)
                    ):
                        continue
                    methods.setdefault((model_name, name), member)
        return methods

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a paper of each step of the cycle, of Consular Affairs (not the plain user's unit)
        cls.milestone = cls.env["emulation.campaign.milestone"].create(
            {"campaign_id": cls.campaign.id, "name": "Register", "year": 2023}
        )
        cls.registration = cls.env["emulation.registration"].create(
            {"year": 2023, "department_id": cls.unit_consular.id}
        )
        cls.proposal = cls.env["emulation.proposal"].create(
            {
                "year": 2023,
                "award_type_id": cls.type_soldier.id,
                "department_id": cls.unit_consular.id,
                "line_ids": [(0, 0, {"recipient_type": "individual", "employee_id": cls.emp_b.id})],
            }
        )
        cls.achievement_report = cls.env["emulation.achievement.report"].create(
            {"proposal_line_id": cls.proposal.line_ids.id, "achievements": "Hoàn thành xuất sắc."}
        )
        cls.session = cls.env["emulation.council.session"].create({"year": 2023, "member_count": 9})
        cls.cluster = cls.env["emulation.cluster"].create(
            {
                "name": "Khối tổng hợp",
                "year": 2023,
                "member_ids": [(0, 0, {"department_id": cls.unit_consular.id, "rank": 1})],
            }
        )
        cls.decision = cls.env["emulation.decision"].create(
            {
                "number": "12/QĐ-UBND",
                "date": date(2024, 1, 15),
                "award_type_id": cls.type_soldier.id,
                "year": 2023,
                "employee_ids": [(6, 0, cls.emp_b.ids)],
            }
        )
        # a dossier sent up (issue 26), here to the agency's own company
        cls.dossier = cls.env["emulation.dossier"].create(
            {
                "proposal_id": cls.proposal.id,
                "company_id": cls.env.company.id,
                "sender_company_id": cls.env.company.id,
                "award_type_id": cls.type_prov.id,
                "year": 2023,
            }
        )

    def a_record(self, model_name):
        samples = {
            "hr.employee": self.emp_b,
            "hr.employee.public": self.env["hr.employee.public"].browse(self.emp_b.id),
            "hr.department": self.unit_consular,
            "emulation.campaign": self.campaign,
            "emulation.campaign.milestone": self.milestone,
            "emulation.nomination": self.nom_b,
            "emulation.award.type": self.type_soldier,
            "emulation.award": self.awards[0],
            "emulation.classification": self.cl_b,
            "emulation.initiative": self.initiative,
            "emulation.registration": self.registration,
            "emulation.proposal": self.proposal,
            "emulation.achievement.report": self.achievement_report,
            "emulation.council.session": self.session,
            "emulation.cluster": self.cluster,
            "emulation.decision": self.decision,
            "emulation.dossier": self.dossier,
        }
        wizards = {
            "emulation.campaign.close.wizard": {"campaign_ids": [(6, 0, self.campaign.ids)]},
            "emulation.campaign.propose.wizard": {"campaign_id": self.campaign.id},
            "emulation.nomination.drop.wizard": {
                "nomination_ids": [(6, 0, self.nom_b.ids)],
                "drop_reason": "Chuyển công tác",
            },
            "emulation.award.statistics.wizard": {"year": 2023},
            "emulation.eligible.print.wizard": {
                "criteria_set_ids": [
                    (6, 0, self.env.ref("emulation_exemplar.criteria_plan198_staff").ids)
                ],
                "year": 2025,
            },
            "emulation.overview.wizard": {"department_id": self.unit_office.id, "year": 2025},
            "emulation.unseal.wizard": {
                "res_model": "emulation.decision",
                "res_id": self.decision.id,
                "reason": "Sai số quyết định",
            },
            "emulation.dossier.import.wizard": {"file": "eA=="},
            "emulation.return.wizard": {
                "res_model": "emulation.proposal",
                "res_id": self.proposal.id,
                "reason": "Thiếu báo cáo thành tích",
            },
        }
        if model_name in samples:
            return samples[model_name]
        if model_name in wizards:  # made by an officer, then used by a plain user
            return self.env[model_name].with_user(self.user_officer).create(wizards[model_name])
        record = self.env[model_name].search([], limit=1)
        # a method called on no record proves nothing: give the model a sample above
        self.assertTrue(record, "no record of %s to call its methods on" % model_name)
        return record

    def test_every_public_method_as_a_plain_user(self):
        methods = self.module_public_methods()
        self.assertIn(("emulation.campaign", "action_start"), methods)
        self.assertIn(("hr.employee", "action_reset_emulation_category"), methods)
        self.campaign.state = "draft"
        self.emp_b.emulation_category = "key_cadre"
        before = self.campaign.state
        called = []
        self.assertIn(("emulation.registration", "action_reset_draft"), methods)
        for (model_name, name), _function in sorted(methods.items()):
            if name in self.HARMLESS:
                continue
            if name == "generate_xlsx_report" and model_name.startswith("report."):
                # a spreadsheet (report_xlsx): its rendering calls it with a workbook and the
                # records printed, which it refuses to whoever may not print them
                report = self.env[model_name].with_user(self.user_plain)
                docs = self.a_record(report._docs_model).with_user(self.user_plain)
                with self.subTest(model=model_name, method=name):
                    with io.BytesIO() as out, xlsxwriter.Workbook(out) as workbook:
                        with self.assertRaises(AccessError):
                            report.generate_xlsx_report(workbook, {}, docs)
                        workbook.add_worksheet()  # a workbook closes with a sheet
                called.append((model_name, name))
                continue
            if self.env[model_name]._abstract:
                # a mixin has no record of its own: its methods are called on the models that
                # inherit it, each of them in this loop
                inheritors = [
                    other
                    for other, other_name in methods
                    if other_name == name
                    and not self.env[other]._abstract
                    and isinstance(self.env[other], self.env.registry[model_name])
                ]
                self.assertTrue(inheritors, "%s.%s() is called by no model" % (model_name, name))
                continue
            record = self.a_record(model_name).with_user(self.user_plain)
            method = getattr(record, name)
            with self.subTest(model=model_name, method=name):
                try:
                    with self.env.cr.savepoint():
                        result = method()
                except (AccessError, UserError):
                    called.append((model_name, name))
                    continue
                self.fail(
                    "%s.%s() ran for a plain user and returned %r" % (model_name, name, result)
                )
        self.assertGreater(len(called), 15)
        self.assertEqual(self.campaign.state, before)
        self.assertEqual(self.emp_b.emulation_category, "key_cadre")

    def test_harmless_methods_reveal_nothing(self):
        Employee = self.env["hr.employee"].with_user(self.user_plain)
        action = Employee.browse(self.emp_b.id).action_view_emulation_classifications()
        found = self.as_user(self.user_plain, action["res_model"]).search(action["domain"])
        self.assertFalse(found, "the action's records are read with the user's rules")

    def test_reports_as_a_plain_user(self):
        """A plain user sees only their own nominations: the campaign's papers are refused to
        them rather than printed with the others left out."""
        Report = self.env["ir.actions.report"].with_user(self.user_plain)
        for xmlid in (
            "emulation_exemplar.action_report_campaign",
            "emulation_exemplar.action_report_registration",
        ):
            with self.assertRaises(AccessError):
                Report._render_qweb_html(xmlid, self.campaign.ids)
        with self.assertRaises(AccessError):
            Report._render_qweb_html(
                "emulation_exemplar.action_report_eligible",
                self.env.ref("emulation_exemplar.criteria_plan198_staff").ids,
            )
        with self.assertRaises(AccessError):
            Report._render_qweb_html(
                "emulation_exemplar.action_report_record_employee", self.emp_b.ids
            )
        own = Report._render_qweb_html(
            "emulation_exemplar.action_report_record_employee_public", self.emp_a.ids
        )[0].decode()
        self.assertIn(self.emp_a.name, own, "their own record prints")

    def test_department_record_as_a_manager_only_for_their_units(self):
        Report = self.env["ir.actions.report"].with_user(self.user_manager)
        mine = Report._render_qweb_html(
            "emulation_exemplar.action_report_record_department", self.unit_consular.ids
        )[0].decode()
        self.assertIn("78/QĐ-SNgV", mine, "the managed unit's classification")
        paper_lang = self.unit_consular.company_id._emulation_paper_lang()
        criteria_set = self.unit_consular.exemplar_criteria_set_id.with_context(lang=paper_lang)
        self.assertIn(criteria_set.name, mine, "in the company's paper language")
        with self.assertRaisesRegex(AccessError, "Office–Inspectorate"):
            Report._render_qweb_html(
                "emulation_exemplar.action_report_record_department", self.unit_office.ids
            )


@tagged("post_install", "-at_install")
class TestMenusPerRole(AccessCase):
    def test_every_menu_action_loads_for_every_role(self):
        """What the web client does when a user opens each menu of the app: load the views and
        read the first page of records, with the action's domain and default filters."""
        root = self.env.ref("emulation_exemplar.menu_emulation_root")
        for user in (self.user_plain, self.user_manager, self.user_officer, self.user_admin):
            menus = self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id)])
            actions = menus.filtered("action").mapped("action")
            self.assertTrue(actions, user.login)
            for action in actions:
                if action._name != "ir.actions.act_window":
                    continue
                with self.subTest(user=user.login, action=action.name):
                    self.open_action(user, action)

    def open_action(self, user, action):
        values = action.sudo().read()[0]
        Model = self.env[values["res_model"]].with_user(user)
        context = eval_dict(values.get("context"), user)
        Model = Model.with_context(
            **{k: v for k, v in context.items() if not k.startswith("search_default")}
        )
        views = [
            (view_id, view_type)
            for view_id, view_type in values["views"]
            if view_type in ("list", "kanban", "form", "pivot", "graph")
        ]
        result = Model.get_views(views, {"load_filters": True, "toolbar": True})
        fields = result["models"][Model._name]["fields"]
        domain = eval_domain(values.get("domain"), user)
        spec = {
            fname: ({"fields": {"display_name": {}}} if desc["type"] == "many2one" else {})
            for fname, desc in fields.items()
            if desc["type"] not in ("one2many", "many2many", "binary")
        }
        Model.web_search_read(domain, spec, limit=80)


def eval_dict(text, user):
    return safe_eval(
        text or "{}",
        {
            "uid": user.id,
            "active_id": False,
            "context_today": date.today,
            "allowed_company_ids": user.company_ids.ids,
        },
    )


def eval_domain(text, user):
    return safe_eval(text or "[]", {"uid": user.id, "context_today": date.today})
