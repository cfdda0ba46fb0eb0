"""Time not worked and maternity leave (Decree 152/2025/NĐ-CP, art. 4(5)): the condition “at
least N months worked in each year” deducts the periods an officer records, never maternity
leave; the periods are private like disciplines."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import EmulationCase

Y = 2025


@tagged("at_install")
class TestAbsence(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worked_set = cls.env["emulation.criteria.set"].create(
            {
                "name": "Worked 10 months (test)",
                "recipient_kind": "individual",
                "award_type_id": cls.type_soldier.id,
                "window": "fixed",
                "year_from": Y,
                "year_to": Y,
                "alternative_ids": [
                    Command.create(
                        {
                            "name": "Good, 10 months worked",
                            "condition_ids": [
                                Command.create(
                                    {
                                        "kind": "classification_count",
                                        "min_count": 1,
                                        "classification_level": "good",
                                    }
                                ),
                                Command.create({"kind": "months_worked", "min_count": 10}),
                            ],
                        }
                    )
                ],
            }
        )
        for person in (cls.emp_a, cls.emp_b):
            cls.classify(person, Y, "good")

    def absence(self, person, start, end, kind="leave"):
        return self.env["emulation.absence"].create(
            {
                "employee_id": person.id,
                "date_from": start,
                "date_to": end,
                "absence_kind": kind,
            }
        )

    def row(self, person):
        self.env.flush_all()
        rows = self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", self.worked_set.id),
                ("year", "=", Y),
                ("employee_id", "=", person.id),
            ]
        )
        self.assertEqual(len(rows), 1)
        return rows

    def test_maternity_leave_counts_as_worked(self):
        # six months of maternity leave from July to December: the year is worked in full
        maternity = self.absence(self.emp_b, date(Y, 7, 1), date(Y, 12, 31), "maternity")
        self.assertEqual(maternity.days, 184)
        self.assertTrue(self.row(self.emp_b).eligible)
        # the same period as leave not worked: 6 months worked, one year short
        maternity.absence_kind = "leave"
        row = self.row(self.emp_b)
        self.assertFalse(row.eligible)
        self.assertEqual(row.missing, 1)
        self.assertIn("fewer in %s (6 months)" % Y, row.explanation)

    def test_boundary_and_periods_across_years(self):
        # 60 days of 365 away leave 305 days worked: 10.0 months; 61 leave 9.97
        leave = self.absence(self.emp_a, date(Y, 3, 1), date(Y, 4, 29))
        self.assertEqual(leave.days, 60)
        self.assertTrue(self.row(self.emp_a).eligible)
        leave.date_to = date(Y, 4, 30)
        self.assertFalse(self.row(self.emp_a).eligible)
        # a period that starts the year before counts only its days of this year
        leave.write({"date_from": date(Y - 1, 11, 1), "date_to": date(Y, 3, 1)})
        self.assertTrue(self.row(self.emp_a).eligible, "60 days of the year away")
        leave.date_to = date(Y, 3, 2)
        self.assertFalse(self.row(self.emp_a).eligible)
        # an archived period no longer counts
        leave.active = False
        self.assertTrue(self.row(self.emp_a).eligible)

    def test_a_day_is_recorded_once(self):
        self.absence(self.emp_a, date(Y, 1, 1), date(Y, 1, 31))
        with self.assertRefused(ValidationError, "overlaps this one"):
            self.absence(self.emp_a, date(Y, 1, 31), date(Y, 2, 10), "maternity")
        with self.assertRefused(ValidationError, "before it starts on"):
            self.absence(self.emp_b, date(Y, 2, 10), date(Y, 2, 1))

    def test_a_set_for_collectives_refuses_months_worked(self):
        with self.assertRefused(ValidationError, "criteria set for individuals"):
            self.env["emulation.criteria.set"].create(
                {
                    "name": "Units worked (test)",
                    "recipient_kind": "collective",
                    "year_from": Y,
                    "year_to": Y,
                    "alternative_ids": [
                        Command.create(
                            {
                                "name": "Worked",
                                "condition_ids": [
                                    Command.create({"kind": "months_worked", "min_count": 10})
                                ],
                            }
                        )
                    ],
                }
            )

    def test_private_like_disciplines(self):
        period = self.absence(self.emp_b, date(Y, 5, 1), date(Y, 5, 10), "maternity")
        # a plain user sees no one else's periods, and cannot record one
        Absence = self.env["emulation.absence"].with_user(self.user_plain)
        self.assertFalse(Absence.search([("id", "=", period.id)]))
        with self.assertRaises(AccessError):
            Absence.create(
                {
                    "employee_id": self.emp_a.id,
                    "date_from": date(Y, 1, 1),
                    "date_to": date(Y, 1, 2),
                }
            )
        # the officer records and reads them
        officer = self.env["emulation.absence"].with_user(self.user_officer)
        self.assertEqual(officer.search([("id", "=", period.id)]), period)
        # the period's company is the person's, whatever the values sent
        other = self.env["res.company"].create({"name": "Another province"})
        forged = officer.create(
            {
                "employee_id": self.emp_a.id,
                "date_from": date(Y, 6, 1),
                "date_to": date(Y, 6, 2),
                "company_id": other.id,
            }
        )
        self.assertEqual(forged.company_id, self.emp_a.company_id)
        forged.write({"company_id": other.id})
        self.assertEqual(forged.company_id, self.emp_a.company_id)
