"""Tests of Decree 152/2025, art. 4(6)–(7) in the pure core (``core/priority.py``): women
first on a tie, a third less time for women leaders (maternity leave, art. 4(5): the kind
``months_worked``, in ``test_rules_core.py``)."""

from exemplar_core import priority


def test_collective_share_at_the_boundary():
    assert priority.WOMEN_SHARE == 70
    assert priority.collective_women_first(7, 10)
    assert not priority.collective_women_first(69, 100)
    assert priority.collective_women_first(70, 100)
    # 2 of 3 is 66.7 %: below
    assert not priority.collective_women_first(2, 3)
    assert priority.collective_women_first(3, 3)
    # a unit without members never comes first
    assert not priority.collective_women_first(0, 0)
    assert priority.women_share_percent(0, 0) == 0.0
    assert priority.women_share_percent(7, 10) == 70.0


def test_priority_reason():
    assert priority.priority_reason("female") == priority.WOMAN
    assert priority.priority_reason("male") is None
    assert priority.priority_reason(None) is None
    assert priority.priority_reason("other") is None
    assert (
        priority.priority_reason(women=7, members=10, collective=True) == priority.WOMEN_COLLECTIVE
    )
    assert priority.priority_reason(women=6, members=10, collective=True) is None
    # a collective is judged by its members, not by a gender
    assert priority.priority_reason("female", women=1, members=10, collective=True) is None


def test_a_tie_broken_in_favour_of_a_woman():
    # (name, standing, woman): the standing is the share of yes votes
    candidates = [
        ("An", (90.0,), False),
        ("Bình", (90.0,), True),
        ("Chi", (95.0,), False),
        ("Dung", (80.0,), True),
    ]
    ranked = sorted(candidates, key=lambda c: priority.rank_key(c[1], c[2], (c[0],)))
    # the better standing first whatever the gender; on the tie at 90 %, the woman first
    assert [c[0] for c in ranked] == ["Chi", "Bình", "An", "Dung"]


def test_no_tie_no_priority():
    # one item missing is a worse standing than none: the woman does not overtake
    man = ((True, 0), False)
    woman = ((False, -1), True)
    assert priority.rank_key(*man) < priority.rank_key(*woman)
    # the same result is a tie: the woman first
    assert priority.rank_key((True, 0), True) < priority.rank_key((True, 0), False)
    # booleans rank True first
    assert priority.rank_key((True,), False) < priority.rank_key((False,), True)


def test_time_needed_a_third_less_for_women_leaders():
    assert priority.time_needed(120, True) == 80
    assert priority.time_needed(120, False) == 120
    # rounded up to the month: never less than two thirds
    assert priority.time_needed(100, True) == 67
    assert priority.time_needed(36, True) == 24
    assert priority.time_needed(1, True) == 1
    assert priority.time_needed(0, True) == 0
