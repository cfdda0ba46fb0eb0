"""Tests of the pure-Python rule core (``emulation_exemplar/core/eligibility.py``), without Odoo.

``tests/conftest.py`` loads the core by file path as ``exemplar_rules_core``.
"""

import ast
import random
import re
from collections import defaultdict
from pathlib import Path

import exemplar_rules_core as rules
import pytest

RULES_CORE_PATH = Path(rules.__file__)

C = rules.Condition
A = rules.Alternative
Counts = rules.RecipientCounts

YEAR_FROM, YEAR_TO = 2021, 2025
PERIOD = tuple(range(YEAR_FROM, YEAR_TO + 1))

# award type ids of plan 198
PROV, MOFA, CENTRAL, SOLDIER = 1, 2, 3, 4
OTHER = 99


# ---------------------------------------------------------------------------- helpers
def criteria(*alternatives, year_from=YEAR_FROM, year_to=YEAR_TO):
    return rules.Criteria(year_from, year_to, tuple(alternatives))


def one(condition):
    """Criteria with one alternative of one condition."""
    return criteria(A("Only", (condition,)))


def awards(*items):
    """awards((type, year), ...) -> {(type, year): count}"""
    result = defaultdict(int)
    for type_id, year in items:
        result[(type_id, year)] += 1
    return dict(result)


def counts(awards_=(), initiatives=None, classifications=None):
    return Counts(
        awards=awards(*awards_),
        initiatives=dict(initiatives or {}),
        classifications=dict(classifications or {}),
    )


def condition_result(evaluation, alternative=0, condition=0):
    return evaluation.alternatives[alternative].conditions[condition]


def award_cond(type_ids, n=1, label=""):
    return C(rules.AWARD_COUNT, min_count=n, award_type_ids=frozenset(type_ids), label=label)


def every_year(level="good"):
    return C(rules.CLASSIFICATION_EVERY_YEAR, level=level, label=level)


def years_at(level, n=1):
    return C(rules.CLASSIFICATION_COUNT, min_count=n, level=level, label=level)


# plan 198 (section III), period 2021–2025
def plan198_collective():
    return criteria(
        A(
            "Excellent unit, 2 provincial certificates",
            (every_year("good"), years_at("excellent", 3), award_cond({PROV}, 2, "Bằng khen UBND")),
        ),
        A(
            "Excellent unit, provincial and MOFA certificates",
            (
                every_year("good"),
                years_at("excellent", 3),
                award_cond({PROV}, 1, "Bằng khen UBND tỉnh"),
                award_cond({MOFA}, 1, "Bằng khen Bộ Ngoại giao"),
            ),
        ),
    )


def plan198_key_cadre():
    return criteria(
        A(
            "Provincial initiative applied",
            (
                C(
                    rules.INITIATIVE_COUNT,
                    level="provincial",
                    applied_only=True,
                    label="provincial initiative, applied effectively",
                ),
            ),
        ),
        A("2 provincial certificates", (award_cond({PROV}, 2, "Bằng khen UBND tỉnh"),)),
        A(
            "Provincial and central certificates",
            (
                award_cond({PROV}, 1, "Bằng khen UBND tỉnh"),
                award_cond({MOFA, CENTRAL}, 1, "Bằng khen cấp bộ, ngành, đoàn thể Trung ương"),
            ),
        ),
        A("3 grassroots emulation soldier titles", (award_cond({SOLDIER}, 3, "CSTĐCS"),)),
    )


def plan198_staff():
    return criteria(
        A(
            "Provincial certificate and soldier title",
            (award_cond({PROV}, 1, "Bằng khen UBND tỉnh"), award_cond({SOLDIER}, 1, "CSTĐCS")),
        ),
        A("2 grassroots emulation soldier titles", (award_cond({SOLDIER}, 2, "CSTĐCS"),)),
    )


def all_good(**overrides):
    """A classification of every year of the period, "good" unless overridden (y2023="...")."""
    result = dict.fromkeys(PERIOD, "good")
    for name, level in overrides.items():
        year = int(name[1:])
        if level is None:
            result.pop(year, None)
        else:
            result[year] = level
    return result


# ---------------------------------------------------------------------------- constants
def test_levels_and_kinds():
    assert rules.CLASSIFICATION_LEVELS == ("excellent", "good", "completed", "not_completed")
    assert rules.INITIATIVE_LEVELS == ("grassroots", "provincial", "national")
    assert set(rules.CONDITION_KINDS) == {
        "award_count",
        "initiative_count",
        "classification_count",
        "classification_every_year",
    }


# ---------------------------------------------------------------------------- award count
@pytest.mark.parametrize(
    ("have", "met", "missing"),
    [(0, False, 2), (1, False, 1), (2, True, 0), (3, True, 0)],
    ids=["none", "N-1", "N", "N+1"],
)
def test_award_count_boundaries(have, met, missing):
    history = counts([(PROV, 2021 + i) for i in range(have)])
    evaluation = rules.evaluate(one(award_cond({PROV}, 2)), history)
    result = condition_result(evaluation)
    assert evaluation.eligible is met
    assert (result.met, result.have, result.need, result.missing) == (met, have, 2, missing)
    assert evaluation.missing == missing
    assert result.years == tuple(2021 + i for i in range(have))


def test_award_count_only_chosen_types_and_repeated_years():
    history = Counts(awards={(PROV, 2022): 2, (MOFA, 2021): 1, (OTHER, 2023): 5})
    result = condition_result(rules.evaluate(one(award_cond({PROV, MOFA}, 4)), history))
    assert result.have == 3
    assert result.years == (2021, 2022, 2022), "one entry per counted award, sorted"
    assert result.missing == 1
    assert not result.met


@pytest.mark.parametrize("year", [YEAR_FROM - 1, YEAR_TO + 1])
def test_award_outside_period_does_not_count(year):
    history = counts([(PROV, year)])
    result = condition_result(rules.evaluate(one(award_cond({PROV})), history))
    assert (result.met, result.have, result.years) == (False, 0, ())


@pytest.mark.parametrize("year", [YEAR_FROM, YEAR_TO])
def test_award_on_period_bounds_counts(year):
    result = condition_result(rules.evaluate(one(award_cond({PROV})), counts([(PROV, year)])))
    assert (result.met, result.years) == (True, (year,))


# ---------------------------------------------------------------------------- initiatives
def initiative_cond(level="provincial", n=1, applied_only=False):
    return C(rules.INITIATIVE_COUNT, min_count=n, level=level, applied_only=applied_only)


@pytest.mark.parametrize(
    ("have_level", "met"),
    [("grassroots", False), ("provincial", True), ("national", True)],
)
def test_initiative_level_or_higher(have_level, met):
    history = Counts(initiatives={(have_level, True, 2022): 1})
    result = condition_result(rules.evaluate(one(initiative_cond("provincial")), history))
    assert result.met is met
    assert result.have == (1 if met else 0)


def test_initiative_applied_only():
    history = Counts(initiatives={("national", False, 2022): 2, ("provincial", True, 2024): 1})
    only_applied = condition_result(
        rules.evaluate(one(initiative_cond(n=2, applied_only=True)), history)
    )
    assert (only_applied.met, only_applied.have, only_applied.years) == (False, 1, (2024,))
    assert only_applied.missing == 1
    any_initiative = condition_result(rules.evaluate(one(initiative_cond(n=2)), history))
    assert (any_initiative.met, any_initiative.have) == (True, 3)
    assert any_initiative.years == (2022, 2022, 2024)


@pytest.mark.parametrize(("n", "met"), [(2, False), (1, True)])
def test_initiative_boundaries_and_period(n, met):
    history = Counts(
        initiatives={
            ("provincial", True, YEAR_FROM - 1): 3,
            ("provincial", True, YEAR_TO): 1,
            ("provincial", True, YEAR_TO + 1): 3,
        }
    )
    result = condition_result(rules.evaluate(one(initiative_cond(n=n)), history))
    assert (result.met, result.have, result.years) == (met, 1, (YEAR_TO,))


# ---------------------------------------------------------------------------- classification count
@pytest.mark.parametrize(
    ("n_excellent", "met", "missing"),
    [(2, False, 1), (3, True, 0), (4, True, 0)],
    ids=["N-1", "N", "N+1"],
)
def test_classification_count_boundaries(n_excellent, met, missing):
    history = Counts(
        classifications={
            year: ("excellent" if i < n_excellent else "good") for i, year in enumerate(PERIOD)
        }
    )
    result = condition_result(rules.evaluate(one(years_at("excellent", 3)), history))
    assert (result.met, result.have, result.missing) == (met, n_excellent, missing)
    assert result.years == PERIOD[:n_excellent]


def test_classification_count_or_better():
    history = Counts(
        classifications={2021: "excellent", 2022: "good", 2023: "completed", 2024: "not_completed"}
    )
    good = condition_result(rules.evaluate(one(years_at("good", 2)), history))
    assert (good.met, good.have, good.years) == (True, 2, (2021, 2022))
    completed = condition_result(rules.evaluate(one(years_at("completed", 4)), history))
    assert (completed.met, completed.have, completed.missing) == (False, 3, 1)


def test_classification_count_outside_period_ignored():
    history = Counts(classifications={YEAR_FROM - 1: "excellent", YEAR_TO + 1: "excellent"})
    result = condition_result(rules.evaluate(one(years_at("excellent", 1)), history))
    assert (result.met, result.have, result.missing) == (False, 0, 1)


# ---------------------------------------------------------------------------- every year
def test_every_year_met_ignores_min_count():
    condition = C(rules.CLASSIFICATION_EVERY_YEAR, min_count=99, level="good")
    history = Counts(classifications=all_good(y2022="excellent"))
    result = condition_result(rules.evaluate(one(condition), history))
    assert (result.met, result.have, result.need, result.missing) == (True, 5, 5, 0)
    assert result.years == PERIOD
    assert result.missing_years == ()


def test_every_year_with_a_missing_year_names_it():
    crit = one(every_year("good"))
    evaluation = rules.evaluate(crit, Counts(classifications=all_good(y2023=None)))
    result = condition_result(evaluation)
    assert (result.met, result.have, result.need, result.missing) == (False, 4, 5, 1)
    assert result.missing_years == (2023,)
    assert result.missing_levels == (None,)
    assert evaluation.missing == 1
    text = rules.explain(evaluation, crit)
    assert "2023 (no classification)" in text
    assert "every year 2021–2025" in text


def test_every_year_with_below_level_years():
    crit = one(every_year("good"))
    history = Counts(classifications=all_good(y2022="completed", y2024="not_completed"))
    evaluation = rules.evaluate(crit, history)
    result = condition_result(evaluation)
    assert result.missing_years == (2022, 2024)
    assert result.missing == 2
    assert result.years == (2021, 2023, 2025)
    text = rules.explain(evaluation, crit, level_labels={"completed": "hoàn thành nhiệm vụ"})
    assert "2022 (hoàn thành nhiệm vụ)" in text
    assert "2024 (not_completed)" in text, "default label: the key"


def test_every_year_outside_period_does_not_fill_a_gap():
    history = Counts(classifications=all_good(y2021=None))
    history.classifications[YEAR_FROM - 1] = "excellent"
    history.classifications[YEAR_TO + 1] = "excellent"
    result = condition_result(rules.evaluate(one(every_year("good")), history))
    assert result.missing_years == (2021,)
    assert not result.met


def test_every_year_empty_history_fails_every_year():
    result = condition_result(rules.evaluate(one(every_year("excellent")), None))
    assert (result.met, result.have, result.need, result.missing) == (False, 0, 5, 5)
    assert result.missing_years == PERIOD


# ---------------------------------------------------------------------------- alternatives
def test_empty_history():
    crit = plan198_staff()
    for history in (None, Counts()):
        evaluation = rules.evaluate(crit, history)
        assert not evaluation.eligible
        assert evaluation.path is None
        assert evaluation.missing == 2
        assert [a.missing for a in evaluation.alternatives] == [2, 2]


def test_first_met_alternative_is_the_path():
    crit = criteria(
        A("First", (award_cond({MOFA}),)),
        A("Second", (award_cond({PROV}),)),
        A("Third", (award_cond({PROV, SOLDIER}),)),
    )
    evaluation = rules.evaluate(crit, counts([(PROV, 2022)]))
    assert evaluation.eligible
    assert evaluation.path == "Second"
    assert evaluation.missing == 0
    assert [a.met for a in evaluation.alternatives] == [False, True, True]


def test_missing_is_min_over_alternatives_and_sum_over_conditions():
    crit = criteria(
        A("Needs 3", (award_cond({PROV}, 2), award_cond({MOFA}, 1))),
        A("Needs 2", (award_cond({SOLDIER}, 3),)),
        A("Needs 4", (years_at("excellent", 4),)),
    )
    evaluation = rules.evaluate(crit, counts([(SOLDIER, 2021)]))
    assert [a.missing for a in evaluation.alternatives] == [3, 2, 4]
    assert evaluation.missing == 2
    assert not evaluation.eligible


def test_no_alternatives():
    crit = criteria()
    evaluation = rules.evaluate(crit, counts([(PROV, 2022)]))
    assert (evaluation.eligible, evaluation.missing, evaluation.path) == (False, 0, None)
    assert evaluation.alternatives == ()
    assert rules.explain(evaluation, crit) == "No criteria alternative is defined."


def test_alternative_without_conditions_is_not_met():
    crit = criteria(A("Empty"), A("Soldier", (award_cond({SOLDIER}, 2),)))
    evaluation = rules.evaluate(crit, counts([(SOLDIER, 2022)]))
    empty, soldier = evaluation.alternatives
    assert (empty.met, empty.missing, empty.conditions) == (False, 0, ())
    assert not evaluation.eligible
    # an empty alternative is no "0 missing" shortcut: the least missing of the real ones
    assert evaluation.missing == 1
    assert soldier.missing == 1
    only_empty = criteria(A("Empty"))
    evaluation = rules.evaluate(only_empty, counts([(SOLDIER, 2022)]))
    assert (evaluation.eligible, evaluation.missing, evaluation.path) == (False, 0, None)
    assert "no alternative has any condition" in rules.explain(evaluation, only_empty)


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "condition",
    [
        C("award_sum"),
        C(rules.INITIATIVE_COUNT, level="excellent"),
        C(rules.INITIATIVE_COUNT, level=None),
        C(rules.CLASSIFICATION_COUNT, level="national"),
        C(rules.CLASSIFICATION_EVERY_YEAR, level="very_good"),
        C(rules.CLASSIFICATION_EVERY_YEAR),
    ],
    ids=["kind", "initiative-level", "no-initiative-level", "class-level", "every-level", "none"],
)
def test_bad_kind_or_level_raises(condition):
    with pytest.raises(ValueError, match=r"Unknown (condition kind|level)"):
        rules.evaluate(one(condition), None)
    with pytest.raises(ValueError):
        rules.evaluate_many(one(condition), {}, keys=[1])


def test_bad_period_raises():
    with pytest.raises(ValueError, match="period"):
        rules.evaluate(criteria(year_from=2025, year_to=2021), None)


def test_unknown_level_in_counts_raises():
    with pytest.raises(ValueError, match="classification level"):
        rules.evaluate(one(every_year()), Counts(classifications={2022: "superb"}))


# ---------------------------------------------------------------------------- evaluate_many
def test_evaluate_many_same_keys():
    crit = plan198_staff()
    by_recipient = {
        "a": counts([(SOLDIER, 2022), (SOLDIER, 2024)]),
        "b": counts([(SOLDIER, 2022)]),
        "c": Counts(),
    }
    result = rules.evaluate_many(crit, by_recipient)
    assert set(result) == {"a", "b", "c"}
    assert result["a"].eligible
    assert (result["b"].eligible, result["b"].missing) == (False, 1)
    assert (result["c"].eligible, result["c"].missing) == (False, 2)
    assert result["a"] == rules.evaluate(crit, by_recipient["a"])


def test_evaluate_many_keys_absent_get_empty_history():
    crit = plan198_staff()
    by_recipient = defaultdict(Counts)
    by_recipient[1].awards[(SOLDIER, 2022)] = 2
    result = rules.evaluate_many(crit, by_recipient, keys=iter([1, 2, 3]))
    assert list(result) == [1, 2, 3]
    assert result[1].eligible
    assert result[2] == result[3] == rules.evaluate(crit, None)
    assert not result[2].eligible
    assert result[2].missing == 2
    assert set(by_recipient) == {1}, "the defaultdict did not grow"
    assert rules.evaluate_many(crit, {}, keys=[]) == {}
    assert rules.evaluate_many(crit, None, keys=[7])[7].missing == 2


def test_evaluate_many_shares_results_correctly():
    # (speed is measured by benchmarks/run, not by a timed test)
    crit = criteria(
        A("A", (every_year("good"), years_at("excellent", 3), award_cond({PROV}, 2))),
        A(
            "B",
            (every_year("good"), years_at("excellent", 3), award_cond({PROV}), award_cond({MOFA})),
        ),
        A("C", (initiative_cond(applied_only=True),)),
        A("D", (award_cond({PROV}), award_cond({MOFA, CENTRAL}))),
        A("E", (award_cond({SOLDIER}, 3), years_at("good", 5))),
    )
    assert sum(len(a.conditions) for a in crit.alternatives) == 12
    rng = random.Random(198)
    by_recipient = {}
    for i in range(10_000):
        history = Counts()
        for _ in range(rng.randint(0, 6)):
            key = (rng.choice((PROV, MOFA, CENTRAL, SOLDIER, OTHER)), rng.randint(2019, 2027))
            history.awards[key] = history.awards.get(key, 0) + 1
        for _ in range(rng.randint(0, 2)):
            level = rng.choice(rules.INITIATIVE_LEVELS)
            history.initiatives[(level, rng.random() < 0.5, rng.randint(2019, 2027))] = 1
        for year in range(2019, 2028):
            if rng.random() < 0.9:
                history.classifications[year] = rng.choice(rules.CLASSIFICATION_LEVELS[:3])
        by_recipient[i] = history
    result = rules.evaluate_many(crit, by_recipient)
    assert list(result) == list(by_recipient)
    assert 0 < sum(e.eligible for e in result.values()) < 10_000
    # results shared between recipients are still each recipient's own
    for i in range(0, 10_000, 37):
        assert result[i] == rules.evaluate(crit, by_recipient[i]), i


# ---------------------------------------------------------------------------- explain
def test_explain_names_counted_and_missing_items():
    crit = plan198_key_cadre()
    evaluation = rules.evaluate(crit, counts([(PROV, 2023), (SOLDIER, 2022), (SOLDIER, 2024)]))
    assert not evaluation.eligible
    text = rules.explain(evaluation, crit)
    lines = text.splitlines()
    assert lines[0] == "Not eligible: at best 1 item(s) missing."
    assert "2 provincial certificates — not met (missing 1)" in lines
    assert "  - Met: 1 × Bằng khen UBND tỉnh (2023)" in lines
    assert "  - Missing 1 × Bằng khen UBND tỉnh (has 1 of 2: 2023)" in lines
    assert "  - Missing 1 × CSTĐCS (has 2 of 3: 2022, 2024)" in lines
    assert "  - Missing 1 × provincial initiative, applied effectively (has 0 of 1)" in lines
    # one header, four alternatives, 1 + 1 + 2 + 1 conditions
    assert len(lines) == 1 + 4 + 5


def test_explain_eligible_and_classification_lines():
    crit = plan198_collective()
    history = Counts(
        awards=awards((PROV, 2022), (MOFA, 2024)),
        classifications=all_good(y2021="excellent", y2022="excellent", y2024="excellent"),
    )
    evaluation = rules.evaluate(crit, history)
    assert evaluation.eligible
    labels = {"good": "tốt", "excellent": "xuất sắc"}
    lines = rules.explain(evaluation, crit, level_labels=labels).splitlines()
    assert lines[0] == "Eligible: “Excellent unit, provincial and MOFA certificates” is met."
    assert "Excellent unit, provincial and MOFA certificates — met" in lines
    assert "  - Met: classified tốt or better in every year 2021–2025" in lines
    assert "  - Met: 3 year(s) classified xuất sắc or better (2021, 2022, 2024)" in lines
    assert "  - Missing 1 × Bằng khen UBND (has 1 of 2: 2022)" in lines


def test_explain_classification_count_missing():
    crit = one(years_at("excellent", 3))
    evaluation = rules.evaluate(crit, Counts(classifications={2021: "excellent", 2022: "good"}))
    text = rules.explain(evaluation, crit)
    assert "Missing 2 year(s) classified excellent or better (has 1 of 3: 2021)" in text
    empty = rules.explain(rules.evaluate(crit, None), crit)
    assert "Missing 3 year(s) classified excellent or better (has 0 of 3)" in empty


def test_explain_default_labels_when_condition_has_none():
    crit = criteria(
        A("X", (initiative_cond("national", applied_only=True), initiative_cond("grassroots"))),
        A("Y", (C(rules.AWARD_COUNT, award_type_ids=frozenset({PROV})),)),
    )
    text = rules.explain(rules.evaluate(crit, None), crit, level_labels={"national": "toàn quốc"})
    assert "initiative of toàn quốc level or higher, applied effectively" in text
    assert "initiative of grassroots level or higher (has 0 of 1)" in text
    assert "Missing 1 × award of the chosen types (has 0 of 1)" in text


def _upper_outside_placeholders(source):
    parts = re.split(r"(%\(\w+\)s)", source)
    return "".join(p if p.startswith("%(") else p.upper() for p in parts)


def _source_msgids():
    """The literal argument of every ``_()`` call in the rule core's source."""
    tree = ast.parse(RULES_CORE_PATH.read_text(encoding="utf-8"))
    msgids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            assert len(node.args) == 1 and not node.keywords, ast.dump(node)
            arg = node.args[0]
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.dump(node)
            msgids.add(arg.value)
    return msgids


def _explain_samples():
    """(evaluation, criteria) pairs that together use every sentence of explain()."""
    samples = []
    for crit, history in [
        (plan198_key_cadre(), counts([(PROV, 2023), (SOLDIER, 2022)])),
        (plan198_key_cadre(), counts([(PROV, 2023), (CENTRAL, 2022)])),
        (
            plan198_collective(),
            Counts(
                awards=awards((PROV, 2022), (PROV, 2024)),
                classifications=all_good(y2021="excellent", y2023=None, y2025="completed"),
            ),
        ),
        (
            criteria(
                A("Empty"),
                A(
                    "Full",
                    (
                        every_year("good"),
                        years_at("excellent", 1),
                        years_at("excellent", 0),
                        years_at("good", 9),
                        award_cond({PROV}, 0),
                        initiative_cond(applied_only=True),
                        initiative_cond(),
                        C(rules.AWARD_COUNT, award_type_ids=frozenset({PROV})),
                    ),
                ),
            ),
            None,
        ),
        (criteria(A("Empty")), None),
        (
            criteria(A("Good", (every_year("good"), years_at("good", 2)))),
            Counts(classifications=all_good()),
        ),
        (criteria(), None),
    ]:
        samples.append((rules.evaluate(crit, history), crit))
    return samples


def test_explain_every_sentence_goes_through_gettext():
    seen = set()

    def fake_gettext(source):
        seen.add(source)
        return "⟦" + _upper_outside_placeholders(source) + "⟧"

    for evaluation, crit in _explain_samples():
        plain = rules.explain(evaluation, crit)
        text = rules.explain(evaluation, crit, gettext=fake_gettext)
        assert text != plain
        for line in text.splitlines():
            body = line.removeprefix("  - ")
            assert body.startswith("⟦") and body.endswith("⟧"), line
    msgids = _source_msgids()
    assert seen <= msgids, "only literal source strings reach gettext: %s" % (seen - msgids)
    assert seen == msgids, "sentences never exercised: %s" % (msgids - seen)


def test_explain_failing_years_translated_with_gettext():
    crit = one(every_year("good"))
    history = Counts(classifications=all_good(y2023=None, y2024="completed"))
    text = rules.explain(rules.evaluate(crit, history), crit, gettext=_upper_outside_placeholders)
    assert "2023 (NO CLASSIFICATION)" in text
    assert "2024 (completed)" in text, "level labels come from level_labels, not gettext"
    assert "NOT MET IN 2023 (NO CLASSIFICATION), 2024 (completed)" in text


def test_source_has_no_odoo_import():
    tree = ast.parse(RULES_CORE_PATH.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative import: the core is loaded by file path"
            imported.add(node.module.split(".")[0])
    assert imported <= {"dataclasses", "typing", "__future__"}, imported


# ---------------------------------------------------------------------------- plan 198
def test_plan198_staff_two_soldier_years_eligible():
    evaluation = rules.evaluate(plan198_staff(), counts([(SOLDIER, 2022), (SOLDIER, 2024)]))
    assert evaluation.eligible
    assert evaluation.path == "2 grassroots emulation soldier titles"
    assert evaluation.missing == 0
    assert condition_result(evaluation, 1).years == (2022, 2024)


def test_plan198_staff_soldier_outside_period_not_eligible():
    evaluation = rules.evaluate(plan198_staff(), counts([(SOLDIER, 2022), (SOLDIER, 2019)]))
    assert not evaluation.eligible
    assert evaluation.missing == 1
    assert evaluation.path is None


def test_plan198_key_cadre_provincial_and_central_eligible():
    evaluation = rules.evaluate(plan198_key_cadre(), counts([(PROV, 2022), (CENTRAL, 2023)]))
    assert evaluation.eligible
    assert evaluation.path == "Provincial and central certificates"
    assert [a.met for a in evaluation.alternatives] == [False, False, True, False]


def test_plan198_key_cadre_initiative_paths():
    crit = plan198_key_cadre()
    applied = Counts(initiatives={("national", True, 2025): 1})
    assert rules.evaluate(crit, applied).path == "Provincial initiative applied"
    not_applied = Counts(initiatives={("provincial", False, 2023): 1})
    assert not rules.evaluate(crit, not_applied).eligible
    grassroots = Counts(initiatives={("grassroots", True, 2023): 1})
    assert not rules.evaluate(crit, grassroots).eligible


def test_plan198_unit_central_certificate_is_not_mofa():
    history = Counts(
        awards=awards((PROV, 2022), (CENTRAL, 2023)),
        classifications=all_good(y2021="excellent", y2022="excellent", y2023="excellent"),
    )
    evaluation = rules.evaluate(plan198_collective(), history)
    assert not evaluation.eligible
    assert evaluation.missing == 1
    with_mofa = Counts(
        awards=awards((PROV, 2022), (MOFA, 2023)), classifications=history.classifications
    )
    assert rules.evaluate(plan198_collective(), with_mofa).eligible


def test_plan198_unit_needs_three_excellent_years():
    history = Counts(
        awards=awards((PROV, 2022), (PROV, 2024)),
        classifications=all_good(y2021="excellent", y2023="excellent"),
    )
    evaluation = rules.evaluate(plan198_collective(), history)
    assert not evaluation.eligible
    assert evaluation.missing == 1
    first = evaluation.alternatives[0]
    assert [c.met for c in first.conditions] == [True, False, True]
    assert first.conditions[1].years == (2021, 2023)
    history.classifications[2025] = "excellent"
    assert rules.evaluate(plan198_collective(), history).path == (
        "Excellent unit, 2 provincial certificates"
    )


def test_plan198_unit_missing_2023_classification():
    crit = plan198_collective()
    history = Counts(
        awards=awards((PROV, 2022), (PROV, 2024)),
        classifications=all_good(
            y2021="excellent", y2022="excellent", y2024="excellent", y2023=None
        ),
    )
    evaluation = rules.evaluate(crit, history)
    assert not evaluation.eligible
    assert evaluation.missing == 1
    assert condition_result(evaluation).missing_years == (2023,)
    text = rules.explain(evaluation, crit)
    assert "2023" in text
    assert "not met in 2023 (no classification)" in text


# ---------------------------------------------------------------------------- missing summary
def test_missing_summary_names_only_the_unmet_conditions_of_the_nearest_alternative():
    crit = criteria(
        A("Two soldier titles", (award_cond([SOLDIER], 2, "Soldier"),)),
        A(
            "Merit and soldier",
            (award_cond([PROV], 1, "Merit"), award_cond([SOLDIER], 1, "Soldier")),
        ),
        A("Three merits", (award_cond([PROV], 3, "Merit"),)),
    )
    evaluation = rules.evaluate(crit, counts([(SOLDIER, 2023)]))
    assert evaluation.missing == 1
    text = rules.missing_summary(evaluation, crit)
    # the first nearest alternative (two soldier titles) misses one more soldier title
    assert text == "Missing 1 × Soldier (has 1 of 2: 2023)"
    assert "Merit" not in text


def test_missing_summary_joins_several_unmet_conditions_and_is_empty_when_eligible():
    crit = criteria(A("Both", (award_cond([PROV], 1, "Merit"), award_cond([MOFA], 1, "Ministry"))))
    evaluation = rules.evaluate(crit, counts())
    text = rules.missing_summary(evaluation, crit, gettext=lambda s: s.replace("Missing", "Thiếu"))
    assert text == "Thiếu 1 × Merit (has 0 of 1); Thiếu 1 × Ministry (has 0 of 1)"
    eligible = rules.evaluate(crit, counts([(PROV, 2022), (MOFA, 2023)]))
    assert eligible.eligible
    assert rules.missing_summary(eligible, crit) == ""


def test_missing_summary_without_conditions_is_empty():
    crit = criteria(A("Empty", ()))
    assert rules.missing_summary(rules.evaluate(crit, counts()), crit) == ""
