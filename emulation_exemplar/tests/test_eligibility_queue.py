"""The queue of owners to evaluate again (``emulation.eligibility._queue``): what a transaction
changes is seen by every read of the results in that same transaction, the queue runs at the
latest when the transaction flushes, a rolled-back change leaves nothing queued, and nobody
reaches the queue by RPC."""

from odoo.api import call_kw
from odoo.exceptions import AccessError
from odoo.models import check_method_name
from odoo.tests import tagged

from ..models.eligibility import OWNER_FIELD
from .test_access import AccessCase

EMPTY = dict.fromkeys(OWNER_FIELD, set())


@tagged("at_install")
class TestEligibilityQueue(AccessCase):
    def exemplar_domain(self, person):
        return [("employee_id", "=", person.id), ("award_type_id", "=", False)]

    def stored_missing(self, person):
        """The exemplar row's ``missing`` as stored in the table (no ORM read, no queue)."""
        self.env.cr.execute(
            "SELECT missing FROM emulation_eligibility "
            "WHERE employee_id = %s AND award_type_id IS NULL",
            [person.id],
        )
        return self.env.cr.fetchone()[0]

    def test_a_change_is_seen_by_every_read_of_its_transaction(self):
        Eligibility = self.env["emulation.eligibility"]
        before = Eligibility.search(self.exemplar_domain(self.emp_c)).missing
        self.assertGreater(before, 0)
        self.award(self.emp_c, self.type_soldier, 2022)
        queued = Eligibility._eligibility_queued()
        self.assertEqual(queued["hr.employee"], {self.emp_c.id})
        self.assertEqual(self.stored_missing(self.emp_c), before, "not evaluated yet")
        # a search of the results runs the queue first
        row = Eligibility.search(self.exemplar_domain(self.emp_c))
        self.assertEqual(row.missing, before - 1)
        self.assertEqual(self.stored_missing(self.emp_c), before - 1)
        self.assertEqual(Eligibility._eligibility_queued(), EMPTY)
        # the same through the filters of the profiles, read_group and the profile's fields,
        # as the officer
        second = self.award(self.emp_c, self.type_soldier, 2023)
        Profile = self.env["hr.employee.public"].with_user(self.user_officer)
        found = Profile.search([("exemplar_eligible", "=", True), ("id", "=", self.emp_c.id)])
        self.assertEqual(found.ids, self.emp_c.ids)
        second.action_archive()
        groups = Eligibility.with_user(self.user_officer)._read_group(
            [*self.exemplar_domain(self.emp_c), ("eligible", "=", True)], [], ["__count"]
        )
        self.assertEqual(groups, [(0,)])
        second.action_unarchive()
        self.assertTrue(Profile.browse(self.emp_c.id).exemplar_eligible)
        self.assertEqual(Eligibility._eligibility_queued(), EMPTY)

    def test_the_queue_runs_when_the_transaction_flushes(self):
        before = self.stored_missing(self.emp_c)
        self.award(self.emp_c, self.type_soldier, 2022)
        # the end of a request (or a cron job, or a savepoint) flushes the cursor
        self.env.cr.flush()
        self.assertEqual(self.stored_missing(self.emp_c), before - 1)
        self.assertEqual(self.env["emulation.eligibility"]._eligibility_queued(), EMPTY)

    def test_a_rolled_back_change_leaves_nothing_queued(self):
        Eligibility = self.env["emulation.eligibility"]
        with self.assertRaisesRegex(ValueError, "undone"), self.env.cr.savepoint():
            self.award(self.emp_c, self.type_soldier, 2022)
            self.assertEqual(Eligibility._eligibility_queued()["hr.employee"], {self.emp_c.id})
            raise ValueError("undone")
        self.assertEqual(Eligibility._eligibility_queued(), EMPTY)

    def test_moving_a_person_queues_both_units(self):
        Eligibility = self.env["emulation.eligibility"]
        self.assertTrue(Eligibility._eligibility_counts_members())
        self.emp_c.department_id = self.unit_office
        queued = Eligibility._eligibility_queued()
        self.assertIn(self.emp_c.id, queued["hr.employee"])
        self.assertEqual(
            queued["hr.department"],
            {self.unit_visa.id, self.unit_consular.id, self.unit_office.id},
            "the units left (Visa and Consular Affairs above it) and the unit joined",
        )
        self.assertEqual(self.emp_c._emulation_units_above(), self.unit_office)
        self.assertEqual(
            self.unit_visa._emulation_units_above(), self.unit_consular | self.unit_visa
        )

    def test_units_are_queued_only_for_what_their_members_count(self):
        """The shipped sets for collectives count their members' classifications and their
        advanced worker and grassroots soldier titles: only a change to those evaluates the
        units above the person again."""
        Eligibility = self.env["emulation.eligibility"]
        sources = Eligibility._eligibility_member_sources()
        self.assertIsNone(sources["emulation.classification"])
        self.assertIn(self.type_soldier.id, sources["emulation.award"])
        self.assertNotIn(self.type_prov.id, sources["emulation.award"])
        self.assertNotIn("emulation.initiative", sources)
        above = {self.unit_visa.id, self.unit_consular.id}
        for make, units in (
            (lambda: self.award(self.emp_c, self.type_prov, 2024), set()),
            (lambda: self.award(self.emp_c, self.type_soldier, 2024), above),
            (lambda: self.classify(self.emp_c, 2024, "good"), above),
        ):
            self.env.cr.flush()
            record = make()
            with self.subTest(record=record):
                queued = Eligibility._eligibility_queued()
                self.assertEqual(queued["hr.employee"], {self.emp_c.id})
                self.assertEqual(queued["hr.department"], units)
        # a title that stops counting for the members still evaluates them (before the write)
        soldier = self.award(self.emp_c, self.type_soldier, 2021)
        self.env.cr.flush()
        soldier.award_type_id = self.type_prov
        self.assertEqual(Eligibility._eligibility_queued()["hr.department"], above)

    def test_the_queue_is_no_rpc_endpoint(self):
        """A unit manager may not queue, evaluate or read another unit's people by RPC: the
        queue's methods are private, and the results of the transaction stay behind the
        record rules."""
        for method in (
            "_queue",
            "_eligibility_flush_pending",
            "_eligibility_update",
            "_eligibility_queued",
            "_exemplar_recompute",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                check_method_name(method)
        # the officer's change to An (Office–Inspectorate) is queued in this transaction...
        self.award(self.emp_a, self.type_prov, 2024)
        self.assertIn(
            self.emp_a.id, self.env["emulation.eligibility"]._eligibility_queued()["hr.employee"]
        )
        # ...a search by the unit manager of Consular Affairs runs it, and shows nothing of An
        rows = call_kw(
            self.env["emulation.eligibility"].with_user(self.user_manager),
            "search_read",
            [[("employee_id", "=", self.emp_a.id)]],
            {"fields": ["eligible", "missing"]},
        )
        self.assertEqual(rows, [])
        self.assertFalse(
            self.env["hr.employee.public"]
            .with_user(self.user_manager)
            .browse(self.emp_a.id)
            .emulation_private_access
        )
