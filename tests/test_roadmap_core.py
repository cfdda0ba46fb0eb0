"""Tests of the pure-Python roadmap rules (``emulation_exemplar/core/roadmap.py``), without Odoo."""

from datetime import date
from pathlib import Path

import pytest
from exemplar_core import roadmap

PATH = Path(__file__).resolve().parents[1] / "emulation_exemplar" / "core" / "roadmap.py"


@pytest.mark.parametrize(
    ("stage", "target", "reached"),
    [
        ("detected", "detected", True),
        ("detected", "selected", False),
        ("registered", "selected", True),
        ("fostering", "registered", True),
        ("replicated", "registered", True),
        ("honoured", "registered", True),
        ("honoured", "honoured", True),
        ("honoured", "replicated", False),
        ("replicated", "honoured", False),
        ("fostering", "replicated", False),
        ("dropped", "detected", False),
        ("registered", "dropped", False),
    ],
)
def test_stage_reached(stage, target, reached):
    assert roadmap.stage_reached(stage, target) is reached


def test_stages_in_plan_order():
    assert roadmap.STAGES[:4] == ("detected", "selected", "registered", "fostering")
    assert set(roadmap.STAGE_RANK) == set(roadmap.STAGES) - {"dropped"}
    assert (
        roadmap.STAGES
        == (*roadmap.TARGET_STAGES, roadmap.DROPPED)
        == (
            "detected",
            "selected",
            "registered",
            "fostering",
            "replicated",
            "honoured",
            "dropped",
        )
    )


@pytest.mark.parametrize(
    ("count", "low", "high", "status"),
    [(3, 4, 5, "below"), (4, 4, 5, "met"), (5, 4, 5, "met"), (6, 4, 5, "above"), (9, 1, 0, "met")],
)
def test_target_status(count, low, high, status):
    assert roadmap.target_status(count, low, high) == status


def test_reminder_due_window_and_once():
    deadline = date(2023, 7, 31)
    assert not roadmap.reminder_due(deadline, date(2023, 7, 16), 14)
    assert roadmap.reminder_due(deadline, date(2023, 7, 17), 14)
    assert roadmap.reminder_due(deadline, date(2023, 7, 31), 14)
    assert not roadmap.reminder_due(deadline, date(2023, 8, 1), 14), "overdue instead"
    assert not roadmap.reminder_due(deadline, date(2023, 7, 20), 14, sent=True)
    assert not roadmap.reminder_due(deadline, date(2023, 7, 20), 14, done=True)
    assert not roadmap.reminder_due(None, date(2023, 7, 20), 14)
    assert roadmap.reminder_due(deadline, date(2023, 7, 31), 0)
    assert not roadmap.reminder_due(deadline, date(2023, 7, 30), 0)


def test_overdue_and_on_time():
    deadline = date(2023, 7, 31)
    assert not roadmap.is_overdue(deadline, date(2023, 7, 31))
    assert roadmap.is_overdue(deadline, date(2023, 8, 1))
    assert not roadmap.is_overdue(deadline, date(2023, 8, 1), done=True)
    assert not roadmap.is_overdue(None, date(2023, 8, 1))
    assert roadmap.done_on_time(deadline, date(2023, 7, 31))
    assert not roadmap.done_on_time(deadline, date(2023, 8, 1))
    assert roadmap.done_on_time(None, date(2023, 8, 1))


def test_late_registration():
    deadline = date(2021, 3, 30)
    assert not roadmap.is_late_registration(date(2021, 3, 30), deadline, 2021)
    assert roadmap.is_late_registration(date(2021, 3, 31), deadline, 2021)
    assert roadmap.is_late_registration(date(2021, 4, 8), deadline)
    assert not roadmap.is_late_registration(date(2023, 5, 10), deadline, 2023), "a new factor"
    assert not roadmap.is_late_registration(None, deadline, 2021)
    assert not roadmap.is_late_registration(date(2021, 4, 8), None, 2021)


def test_clamp_year():
    assert roadmap.clamp_year(2026, 2021, 2025) == 2025
    assert roadmap.clamp_year(2019, 2021, 2025) == 2021
    assert roadmap.clamp_year(2023, 2021, 2025) == 2023
    assert roadmap.clamp_year(2023, 0, 0) == 2023


@pytest.mark.parametrize(
    ("year", "first", "last", "inside"),
    [
        (2021, 2021, 2025, True),
        (2023, 2021, 2025, True),
        (2025, 2021, 2025, True),
        (2020, 2021, 2025, False),
        (2026, 2021, 2025, False),
        (0, 2021, 2025, False),
        (2023, 0, 0, False),  # no campaign: no period holds any year
        (2023, False, False, False),
    ],
)
def test_in_period(year, first, last, inside):
    assert roadmap.in_period(year, first, last) is inside


def test_no_odoo_import():
    source = PATH.read_text(encoding="utf-8")
    assert "import odoo" not in source and "from odoo" not in source


def test_nominee_key_is_the_same_on_a_nomination_and_a_registration_line():
    """One key for the person, unit or model registered and nominated (issue 23)."""
    assert roadmap.nominee_key("individual", 7, 3) == "employee:7"
    assert roadmap.nominee_key("individual", 0, 3) is False
    assert roadmap.nominee_key("collective", 0, 3) == "department:3"
    assert roadmap.nominee_key("collective", 7, 0) is False
    # a model: its unit and its name, spaces and case aside
    assert roadmap.nominee_key("model", 0, 3, "  Digital  Consular records ") == (
        "model:3:digital consular records"
    )
    assert roadmap.nominee_key("model", 0, 3, "digital consular RECORDS") == (
        roadmap.nominee_key("model", 0, 3, "Digital consular records")
    )
    assert roadmap.nominee_key("model", 0, 4, "x") != roadmap.nominee_key("model", 0, 3, "x")
    assert roadmap.nominee_key("model", 0, 3, "   ") is False
