"""The engine's write statement (issue 23): it removes exactly the rows that no longer apply, of
exactly the owners it writes, and its plan joins nothing, so that no statistics of the result
table can turn it into a nested loop (one ran for more than 25 minutes at 50,000 people)."""

from odoo.tests import tagged
from odoo.tools import SQL

from ..models.eligibility import _pg_array
from .common import EmulationCase

COLUMNS = (
    "criteria_set_id, award_type_id, year, employee_id, department_id, recipient_type, "
    "unit_id, company_id, eligible, missing, alternative_id"
)


@tagged("post_install", "-at_install")
class TestEligibilityWrite(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Eligibility = cls.env["emulation.eligibility"]
        cls.people = cls.emp_a | cls.emp_b
        cls.units = cls.unit_office | cls.unit_consular
        cls.Eligibility._eligibility_update(cls.people, cls.units)

    def _rows(self, owner):
        field = "employee_id" if owner._name == "hr.employee" else "department_id"
        return self.Eligibility.search([(field, "=", owner.id)])

    def _stale_copy(self, row, **changes):
        """A copy of ``row`` with ``changes`` (column: SQL expression), written behind the
        engine's back: a row that no longer applies."""
        columns = [c.strip() for c in COLUMNS.split(",")]
        values = SQL(", ").join(SQL(changes.get(c, c)) for c in columns)
        self.env.cr.execute(
            SQL(
                "INSERT INTO emulation_eligibility (%s) SELECT %s FROM emulation_eligibility "
                "WHERE id = %s RETURNING id",
                SQL(COLUMNS),
                values,
                row.id,
            )
        )
        return self.env.cr.fetchone()[0]

    def _exists(self, row_id):
        self.env.cr.execute("SELECT 1 FROM emulation_eligibility WHERE id = %s", [row_id])
        return bool(self.env.cr.fetchone())

    def test_write_removes_the_stale_rows_of_its_owners_only(self):
        rows_a, rows_b, rows_office = (
            self._rows(self.emp_a),
            self._rows(self.emp_b),
            self._rows(self.unit_office),
        )
        self.assertTrue(rows_a and rows_b and rows_office, "the shipped sets give results")
        # a set that applies to units, never to a person
        unit_set = rows_office[0].criteria_set_id
        self.assertNotIn(unit_set, rows_a.criteria_set_id)
        stale = {
            # a year no set evaluates
            "a, old year": self._stale_copy(rows_a[0], year="year - 20"),
            # a written (set, year), but a set that does not apply to the person
            "a, other set": self._stale_copy(rows_a[0], criteria_set_id=str(unit_set.id)),
            "office, old year": self._stale_copy(rows_office[0], year="year - 20"),
        }
        # not among the owners written below: stays
        kept = self._stale_copy(rows_b[0], year="year - 20")
        self.Eligibility._eligibility_update(self.emp_a, self.unit_office)
        for name, row_id in stale.items():
            self.assertFalse(self._exists(row_id), "stale row %s removed" % name)
        self.assertTrue(self._exists(kept), "the row of a person not written stays")
        # the rows that still apply are kept as they were (not written again)
        self.env.invalidate_all()
        self.assertEqual(set(self._rows(self.emp_a).ids), set(rows_a.ids))
        self.assertEqual(set(self._rows(self.unit_office).ids), set(rows_office.ids))
        self.assertEqual(set(self._rows(self.emp_b).ids), set(rows_b.ids) | {kept})

    def test_write_plan_joins_nothing_whatever_the_statistics(self):
        owner_sets = [self.people, self.units]
        statement = self.Eligibility._eligibility_write_sql(
            owner_sets, self.Eligibility._eligibility_evaluate_many(owner_sets)
        )
        cr = self.env.cr
        # the planner's worst case: neither hash nor merge joins. The former statement (a
        # NOT EXISTS over the written values) became a nested-loop anti-join here, as it did at
        # 50,000 people when the statistics said the table was empty
        cr.execute("SET LOCAL enable_hashjoin = off")
        cr.execute("SET LOCAL enable_mergejoin = off")
        try:
            cr.execute(SQL("EXPLAIN %s", statement))
            plan = "\n".join(row[0] for row in cr.fetchall())
        finally:
            cr.execute("SET LOCAL enable_hashjoin TO DEFAULT")
            cr.execute("SET LOCAL enable_mergejoin TO DEFAULT")
        self.assertIn("Delete on emulation_eligibility", plan)
        self.assertIn("Insert on emulation_eligibility", plan)
        self.assertNotIn("Join", plan)
        self.assertNotIn("Nested Loop", plan)
        self.assertNotIn("SubPlan", plan)

    def test_values_travel_as_one_array_literal_each(self):
        values = ['a"b', "c\\d", None, "NULL", "x:y", "{}", " đ, ư "]
        self.env.cr.execute(
            "SELECT %s::text[], %s::int[], %s::bool[], %s::int[]",
            [
                _pg_array(values),
                _pg_array([1, None, -3]),
                _pg_array([True, False, None]),
                _pg_array([]),
            ],
        )
        self.assertEqual(self.env.cr.fetchone(), (values, [1, None, -3], [True, False, None], []))
