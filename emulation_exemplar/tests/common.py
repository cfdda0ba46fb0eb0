import shutil
import unittest
from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


def skip_without_wkhtmltopdf(case):
    """Skip ``case`` (a test, in its setUp) where wkhtmltopdf is missing or unusable."""
    if not shutil.which("wkhtmltopdf"):
        case.skipTest("wkhtmltopdf is not installed")
    if case.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
        case.skipTest("wkhtmltopdf is not usable")


class DemoCase:
    """First base of the tests that check the demo data itself (the demo logins' scope, the
    tours that walk the demo records...). Every other test builds its own records and passes on a
    database without demo data.

    Tag such a class ``demo`` (``@tagged("demo", ...)``): ``tools/test`` runs the ``demo`` tests on
    the demo database and all the others on a database without demo data. On a database without
    the demo, they are skipped with that reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "demo" not in cls.test_tags:
            raise TypeError("%s checks the demo data: tag it 'demo'" % cls.__name__)
        if not cls.env["ir.module.module"]._get("emulation_exemplar").demo:
            raise unittest.SkipTest("the demo data of emulation_exemplar is not installed")


class EmulationCase(TransactionCase):
    """Shared fixtures: users of each role, two units and a few people."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.user_plain = new_test_user(cls.env, "emu_plain", groups="base.group_user")
        cls.user_manager = new_test_user(
            cls.env,
            "emu_manager",
            groups="base.group_user,emulation_exemplar.group_emulation_manager",
        )
        cls.user_officer = new_test_user(
            cls.env,
            "emu_officer",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
        )
        cls.user_admin = new_test_user(
            cls.env, "emu_admin", groups="base.group_user,emulation_exemplar.group_emulation_admin"
        )
        Department = cls.env["hr.department"]
        cls.unit_office = Department.create({"name": "Office–Inspectorate"})
        cls.unit_consular = Department.create({"name": "Consular Affairs"})
        Employee = cls.env["hr.employee"]
        cls.emp_a = Employee.create({"name": "Nguyễn Văn An", "department_id": cls.unit_office.id})
        cls.emp_b = Employee.create(
            {"name": "Trần Thị Bình", "department_id": cls.unit_consular.id}
        )
        cls.type_prov = cls.env.ref("emulation_exemplar.award_type_provincial_merit")
        cls.type_mofa = cls.env.ref("emulation_exemplar.award_type_mofa_merit")
        cls.type_central = cls.env.ref("emulation_exemplar.award_type_central_merit")
        cls.type_soldier = cls.env.ref("emulation_exemplar.award_type_grassroots_soldier")
        cls.type_flag = cls.env.ref("emulation_exemplar.award_type_provincial_flag")

    def setUp(self):
        # the class's records are evaluated before each test's savepoint, as the end of the
        # request that made them would (the queue of emulation.eligibility runs on a flush)
        self.env.cr.flush()
        super().setUp()

    @classmethod
    def award(cls, recipient, award_type, year, **vals):
        values = {"award_type_id": award_type.id, "year": year}
        if recipient._name == "hr.employee":
            values.update(recipient_type="individual", employee_id=recipient.id)
        else:
            values.update(recipient_type="collective", department_id=recipient.id)
        values.update(vals)
        return cls.env["emulation.award"].create(values)

    @classmethod
    def classify(cls, recipient, year, level, **vals):
        values = {"year": year, "level": level}
        if recipient._name == "hr.employee":
            values.update(recipient_type="individual", employee_id=recipient.id)
        else:
            values.update(recipient_type="collective", department_id=recipient.id)
        values.update(vals)
        return cls.env["emulation.classification"].create(values)

    @contextmanager
    def assertRefused(self, exception, message_regex):
        """Like assertRaisesRegex, but rolls back the refused operation (as assertRaises does in
        Odoo tests) so that the test can go on with a clean database and cache."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), message_regex)
