"""Tests of the pure-Python rule core (``emulation_exemplar/core/``), without Odoo.

``tests/conftest.py`` loads the core by path as the package ``exemplar_core``, and its public
names (``core/eligibility.py``) as ``exemplar_rules_core``. The kinds' own tests (parameters,
checks, sentences, the registry and what derives from it) are in ``test_kinds.py``.
"""

import ast
import random
import re
from collections import defaultdict
from pathlib import Path

import exemplar_rules_core as rules
import pytest

# the files of the rule core (roadmap.py, beside them, is another core with its own tests)
RULES_CORE_FILES = sorted(
    path
    for path in Path(rules.__file__).parent.glob("*.py")
    if path.name not in ("__init__.py", "roadmap.py")
)

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
    msgids = set()
    for path in RULES_CORE_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
            ):
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
    # the sentences of the kinds added for the Law's titles (defined with their tests below)
    samples.extend(_law_explain_samples())
    samples.extend(_one_year_samples())
    return samples


def _kind_sentences(gettext):
    """Every sentence the kinds write about a condition's parameters (not its result): the
    checks, the labels and the display names; returns them."""
    sentences = []
    values = {
        "min_count": 2,
        "award_type_ids": (PROV,),
        "initiative_level": "provincial",
        "applied_only": False,
        "any_award_method": True,
        "classification_level": "good",
        "ratio": 70.0,
        "member_basis": "classification",
        "discipline_form": "warning",
    }
    empty = dict.fromkeys(values)
    for kind in rules.KINDS.values():
        for basis in rules.MEMBER_BASES:
            for applied in (False, True):
                given = dict(values, member_basis=basis, applied_only=applied)
                # a label is the award types' names or a level, or (initiatives) a sentence
                label = kind.describe(given, awards="Bằng khen", gettext=gettext)
                sentences.append(kind.sentence(given, label, gettext=gettext))
                sentences.append(kind.check(given, name="C", gettext=gettext))
                sentences.append(kind.check_fits(given, False, 1, name="C", gettext=gettext))
                sentences.append(kind.check_fits(given, True, 1, name="C", gettext=gettext))
                sentences.append(kind.check(dict(given, min_count=13), "C", gettext))
                # each missing parameter the kind uses, one at a time
                for name in kind.uses(given):
                    sentences.append(kind.check(dict(given, **{name: empty[name]}), "C", gettext))
    return [sentence for sentence in sentences if sentence]


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
    # the kinds' sentences about parameters (checks, labels, display names) go through it too
    for sentence in _kind_sentences(fake_gettext):
        assert sentence.startswith("⟦") and sentence.endswith("⟧"), sentence
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
    siblings = {path.stem for path in RULES_CORE_FILES}
    assert {"eligibility", "criteria", "kinds", "evaluation", "explain"} <= siblings
    imported = set()
    for path in RULES_CORE_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level:
                # the core's own modules only: it is loaded as a package of its own
                assert node.level == 1 and node.module in siblings, (path.name, node.module)
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module.split(".")[0])
    assert imported <= {"dataclasses", "typing", "__future__"}, imported


def test_no_file_of_the_core_holds_all_of_it():
    """Criteria and evaluation, kinds, and explanation are separate modules."""
    by_name = {path.stem: path.read_text(encoding="utf-8") for path in RULES_CORE_FILES}
    defines = {
        name: {
            node.name
            for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef | ast.ClassDef)
        }
        for name, source in by_name.items()
    }
    assert {"Criteria", "RecipientCounts", "ConditionResult"} <= defines["criteria"]
    assert {"evaluate", "evaluate_many", "evaluate_years"} <= defines["evaluation"]
    assert {"explain", "missing_summary"} <= defines["explain"]
    assert {"ConditionKind", "AwardCount", "NoDiscipline"} <= defines["kinds"]
    for name, names in defines.items():
        assert not ({"Criteria", "ConditionKind", "explain", "evaluate"} <= names), name


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


# ============================================================================ the Law's kinds
# (issue 14: streaks, unit members, discipline; fixed and rolling windows)
def test_law_kinds_and_forms():
    assert rules.LAW_CONDITION_KINDS == (
        "award_streak",
        "classification_streak",
        "member_ratio",
        "member_count",
        "no_discipline",
        "cluster_lead",
        "months_worked",
    )
    assert rules.ALL_CONDITION_KINDS == rules.CONDITION_KINDS + rules.LAW_CONDITION_KINDS
    assert set(rules.UNIT_CONDITION_KINDS) == {"member_ratio", "member_count", "cluster_lead"}
    assert rules.DISCIPLINE_FORMS == (
        "reprimand",
        "warning",
        "salary_reduction",
        "demotion",
        "dismissal_from_post",
        "dismissal",
        "removal",
    )
    assert rules.MEMBER_BASES == ("classification", "award")
    assert rules.WINDOWS == ("fixed", "rolling")


def rolling(*alternatives, year_from=2024, year_to=2025, window_years=3, year=None):
    return rules.Criteria(
        year_from,
        year_to,
        tuple(alternatives),
        window=rules.WINDOW_ROLLING,
        window_years=window_years,
        evaluation_year=year,
    )


def one_rolling(condition, **kwargs):
    return rolling(A("Only", (condition,)), **kwargs)


def award_streak(type_ids, n, label="CSTĐCS"):
    return C(rules.AWARD_STREAK, min_count=n, award_type_ids=frozenset(type_ids), label=label)


def class_streak(level, n):
    return C(rules.CLASSIFICATION_STREAK, min_count=n, level=level, label=level)


def ratio_cond(ratio, basis="classification", level="good", type_ids=(), label=""):
    return C(
        rules.MEMBER_RATIO,
        ratio=ratio,
        member_basis=basis,
        level=level if basis == "classification" else None,
        award_type_ids=frozenset(type_ids),
        label=label,
    )


def member_count_cond(type_ids, n=1, label="CSTĐCS"):
    return C(rules.MEMBER_COUNT, min_count=n, award_type_ids=frozenset(type_ids), label=label)


def no_discipline(form="warning"):
    return C(rules.NO_DISCIPLINE, form=form)


def unit(year, levels=(), awards_=(), members=None):
    """Counts of a unit's members in ``year``: ``levels`` one level (or None) per member,
    ``awards_`` one set of award type ids per member (members without award may be left out);
    ``members`` defaults to the number of levels."""
    rows = []
    size = members if members is not None else len(levels)
    for i in range(size):
        level = levels[i] if i < len(levels) else None
        type_ids = awards_[i] if i < len(awards_) else ()
        rows.append((year, level, type_ids))
    return rules.member_statistics(rows)


# ---------------------------------------------------------------------------- windows
def test_fixed_window_period_and_evaluation_year():
    crit = criteria()
    assert crit.window == rules.WINDOW_FIXED
    assert crit.year == YEAR_TO
    assert crit.period() == (YEAR_FROM, YEAR_TO)
    assert crit.evaluation_years() == (YEAR_TO,)
    assert crit.history_years() == (YEAR_FROM, YEAR_TO)
    earlier = crit.for_year(2023)
    assert (earlier.year, earlier.period()) == (2023, (YEAR_FROM, YEAR_TO))
    assert crit.evaluation_year is None, "for_year makes a copy"


def test_rolling_window_period_and_evaluation_years():
    crit = rolling(year_from=2023, year_to=2025, window_years=3)
    assert crit.year == 2025
    assert crit.period() == (2023, 2025)
    assert crit.evaluation_years() == (2023, 2024, 2025)
    assert crit.history_years() == (2021, 2025)
    assert crit.for_year(2023).period() == (2021, 2023)
    assert rolling(window_years=1, year=2024).period() == (2024, 2024)


@pytest.mark.parametrize(
    ("crit", "message"),
    [
        (rolling(year=2023), "evaluation year 2023 is outside"),
        (rolling(year=2026), "evaluation year 2026 is outside"),
        (criteria().for_year(2020), "evaluation year 2020 is outside"),
        (rolling(window_years=0), "at least 1 year"),
        (rules.Criteria(2021, 2025, (), window="sliding"), "Unknown criteria window"),
    ],
    ids=["before", "after", "fixed-before", "no-years", "window"],
)
def test_bad_window_raises(crit, message):
    with pytest.raises(ValueError, match=message):
        rules.evaluate(crit, None)


def test_rolling_window_limits_the_old_kinds_too():
    history = counts([(PROV, 2021), (PROV, 2022), (PROV, 2025)])
    fixed = condition_result(rules.evaluate(one(award_cond({PROV}, 2)), history))
    assert (fixed.met, fixed.have, fixed.years) == (True, 3, (2021, 2022, 2025))
    crit = one_rolling(award_cond({PROV}, 2), window_years=3)
    result = condition_result(rules.evaluate(crit, history))
    assert (result.met, result.have, result.years, result.missing) == (False, 1, (2025,), 1)
    earlier = condition_result(rules.evaluate(crit.for_year(2024), history))
    assert (earlier.met, earlier.have, earlier.years) == (False, 1, (2022,)), "2022–2024"
    two = condition_result(
        rules.evaluate(one_rolling(award_cond({PROV}, 2), window_years=4), history)
    )
    assert (two.met, two.years) == (True, (2022, 2025)), "2022–2025"
    every = one_rolling(every_year("good"), window_years=2)
    result = condition_result(rules.evaluate(every, Counts(classifications={2024: "good"})))
    assert (result.need, result.missing_years) == (2, (2025,))
    text = rules.explain(rules.evaluate(every, Counts()), every)
    assert "every year 2024–2025" in text, "the period of a rolling window is its window"


def test_evaluate_years_one_result_per_evaluation_year():
    crit = one_rolling(award_streak({SOLDIER}, 2), year_from=2023, year_to=2025, window_years=2)
    history = counts([(SOLDIER, 2022), (SOLDIER, 2023), (SOLDIER, 2025)])
    by_year = rules.evaluate_years(crit, {"a": history, "b": Counts()}, keys=iter(["a", "b", "c"]))
    assert list(by_year) == [2023, 2024, 2025]
    assert [by_year[year]["a"].eligible for year in by_year] == [True, False, False]
    assert [by_year[year]["a"].missing for year in by_year] == [0, 1, 1]
    assert all(set(results) == {"a", "b", "c"} for results in by_year.values())
    fixed = rules.evaluate_years(one(award_cond({SOLDIER}, 3)), {"a": history})
    assert list(fixed) == [YEAR_TO]
    assert fixed[YEAR_TO]["a"].eligible


# ---------------------------------------------------------------------------- streaks
@pytest.mark.parametrize(
    ("years", "met", "have", "run", "missing", "missing_years"),
    [
        ((2021, 2022, 2023), True, 3, (2021, 2022, 2023), 0, ()),
        ((2021, 2022, 2023, 2024, 2025), True, 5, PERIOD, 0, ()),
        # a gap: two runs of 2, the latest counts; one year (2023) would complete a run
        ((2021, 2022, 2024, 2025), False, 2, (2024, 2025), 1, (2023,)),
        ((2021, 2023, 2025), False, 1, (2025,), 1, (2024,)),
        ((2022,), False, 1, (2022,), 2, (2023, 2024)),
        ((), False, 0, (), 3, (2023, 2024, 2025)),
    ],
    ids=["exact", "longer", "gap", "alternate", "single", "none"],
)
def test_award_streak_fixed_window(years, met, have, run, missing, missing_years):
    history = counts([(SOLDIER, year) for year in years])
    evaluation = rules.evaluate(one(award_streak({SOLDIER}, 3)), history)
    result = condition_result(evaluation)
    assert (result.met, result.have, result.need, result.missing) == (met, have, 3, missing)
    assert result.years == run
    assert result.missing_years == missing_years
    assert evaluation.missing == missing


def test_award_streak_single_year_placement_is_the_fewest_failing_years():
    # 2022 alone: 2021–2023 and 2022–2024 both miss 2 years; the latest is named
    result = condition_result(
        rules.evaluate(one(award_streak({SOLDIER}, 3)), counts([(SOLDIER, 2022)]))
    )
    assert result.missing == 2
    assert result.missing_years == (2023, 2024)


@pytest.mark.parametrize(
    ("years", "met", "have", "missing", "missing_years"),
    [
        ((2023, 2024, 2025), True, 3, 0, ()),
        # the run ends a year early: it does not count for 2025
        ((2022, 2023, 2024), False, 0, 1, (2025,)),
        ((2023, 2025), False, 1, 1, (2024,)),
        ((2024, 2025), False, 2, 1, (2023,)),
        ((2021, 2022), False, 0, 3, (2023, 2024, 2025)),
        ((2020, 2021, 2022, 2023, 2024, 2025), True, 4, 0, ()),
    ],
    ids=["ends-at-year", "ends-a-year-early", "gap", "two-of-three", "before-window", "capped"],
)
def test_award_streak_rolling_window_must_end_at_the_evaluation_year(
    years, met, have, missing, missing_years
):
    crit = one_rolling(award_streak({SOLDIER}, 3), window_years=4)
    result = condition_result(rules.evaluate(crit, counts([(SOLDIER, y) for y in years])))
    assert (result.met, result.have, result.need, result.missing) == (met, have, 3, missing)
    assert result.missing_years == missing_years
    assert result.years == tuple(range(2026 - have, 2026))


def test_award_streak_run_ending_a_year_early_counts_for_that_year():
    crit = one_rolling(award_streak({SOLDIER}, 3), window_years=3)
    history = counts([(SOLDIER, 2022), (SOLDIER, 2023), (SOLDIER, 2024)])
    assert not rules.evaluate(crit, history).eligible
    earlier = rules.evaluate(crit.for_year(2024), history)
    assert earlier.eligible
    assert condition_result(earlier).years == (2022, 2023, 2024)


def test_award_streak_counts_any_chosen_type_once_per_year():
    history = counts([(PROV, 2023), (SOLDIER, 2024), (SOLDIER, 2024), (OTHER, 2025)])
    result = condition_result(rules.evaluate(one(award_streak({PROV, SOLDIER}, 2)), history))
    assert (result.met, result.have, result.years) == (True, 2, (2023, 2024))
    other = condition_result(rules.evaluate(one(award_streak({PROV, SOLDIER}, 3)), history))
    assert (other.met, other.missing, other.missing_years) == (False, 1, (2025,))


@pytest.mark.parametrize(
    ("levels", "year", "met", "missing", "missing_levels"),
    [
        ({2023: "good", 2024: "excellent", 2025: "good"}, 2025, True, 0, ()),
        ({2023: "good", 2024: "excellent", 2025: "completed"}, 2025, False, 1, ("completed",)),
        ({2023: "good", 2024: "excellent", 2025: "completed"}, 2024, True, 0, ()),
        ({2023: "good", 2025: "good"}, 2025, False, 1, (None,)),
        ({2022: "excellent", 2023: "not_completed"}, 2024, False, 2, ("not_completed", None)),
    ],
    ids=["met", "last-below", "year-before", "gap", "below-and-none"],
)
def test_classification_streak_rolling(levels, year, met, missing, missing_levels):
    crit = one_rolling(class_streak("good", 2), year_from=2024, window_years=3, year=year)
    evaluation = rules.evaluate(crit, Counts(classifications=levels))
    result = condition_result(evaluation)
    assert (result.met, result.need, result.missing) == (met, 2, missing)
    assert result.missing_levels == missing_levels
    assert len(result.missing_years) == missing


def test_classification_streak_fixed_window_or_better_and_a_gap():
    crit = one(class_streak("good", 3))
    history = Counts(classifications=all_good(y2021="excellent", y2023=None))
    result = condition_result(rules.evaluate(crit, history))
    assert (result.met, result.have, result.years) == (False, 2, (2024, 2025))
    assert (result.missing, result.missing_years, result.missing_levels) == (1, (2023,), (None,))
    history.classifications[2023] = "excellent"
    result = condition_result(rules.evaluate(crit, history))
    assert (result.met, result.have, result.years) == (True, 5, PERIOD)
    below = Counts(classifications=all_good(y2022="completed", y2024="completed"))
    result = condition_result(rules.evaluate(crit, below))
    assert (result.met, result.have, result.missing) == (False, 1, 1)
    assert result.missing_levels == ("completed",)


def test_streak_longer_than_the_period_can_never_be_met():
    crit = one_rolling(class_streak("good", 3), window_years=2)
    evaluation = rules.evaluate(
        crit, Counts(classifications={2023: "good", 2024: "good", 2025: "good"})
    )
    result = condition_result(evaluation)
    assert (result.met, result.have, result.missing) == (False, 2, 1)
    assert result.missing_years == ()
    assert "more than the period 2024–2025" in rules.explain(evaluation, crit)
    award = one(award_streak({SOLDIER}, 7))
    result = condition_result(rules.evaluate(award, counts([(SOLDIER, 2022)])))
    assert (result.met, result.missing) == (False, 4 + 2)


@pytest.mark.parametrize("n", [0, -1])
def test_streak_of_no_year_raises(n):
    with pytest.raises(ValueError, match="streak needs at least 1 year"):
        rules.evaluate(one(award_streak({SOLDIER}, n)), None)
    with pytest.raises(ValueError, match="streak needs at least 1 year"):
        rules.evaluate(one(class_streak("good", n)), None)


def _reference_streak(flags, need, rolling_window):
    """A plain restatement of the streak rules, for random checks."""
    text = "".join("1" if flag else "0" for flag in flags)
    size = len(text)
    if rolling_window:
        run = len(text) - len(text.rstrip("1"))
    else:
        run = max((len(part) for part in text.split("0")), default=0)
    if run >= need:
        return True, run, 0
    if need > size:
        return False, run, text.count("0") + need - size
    starts = [size - need] if rolling_window else range(size - need + 1)
    return False, run, min(text[s : s + need].count("0") for s in starts)


@pytest.mark.parametrize("rolling_window", [False, True], ids=["fixed", "rolling"])
def test_streaks_agree_with_a_plain_restatement(rolling_window):
    rng = random.Random(14)
    for _ in range(400):
        need = rng.randint(1, 6)
        held = [year for year in range(2019, 2027) if rng.random() < 0.6]
        crit = (
            one_rolling(award_streak({SOLDIER}, need), window_years=5, year=2025)
            if rolling_window
            else one(award_streak({SOLDIER}, need))
        )
        result = condition_result(rules.evaluate(crit, counts([(SOLDIER, y) for y in held])))
        flags = [year in held for year in range(2021, 2026)]
        expected = _reference_streak(flags, need, rolling_window)
        assert (result.met, result.have, result.missing) == expected, (held, need)
        if not result.met:
            assert len(result.missing_years) == result.missing - max(0, need - 5)
            assert not set(result.missing_years) & set(held)


# ---------------------------------------------------------------------------- unit members
@pytest.mark.parametrize(
    ("good", "members", "ratio", "met", "need", "missing"),
    [
        (7, 10, 70, True, 7, 0),
        (6, 10, 70, False, 7, 1),
        (700, 1000, 70, True, 700, 0),
        (699, 1000, 70, False, 700, 1),  # P − ε
        (699, 1000, 69.9, True, 699, 0),
        (10, 10, 100, True, 10, 0),
        (9, 10, 100, False, 10, 1),
        (1, 3, 100 / 3, True, 1, 0),
        (7, 10, 0.7 * 100, True, 7, 0),  # 70.00000000000001 still needs 7
        (2, 3, 70, False, 3, 1),  # ceil(2.1)
    ],
)
def test_member_ratio_classification_boundaries(good, members, ratio, met, need, missing):
    history = unit(2025, ["good"] * good + ["completed"] * (members - good))
    evaluation = rules.evaluate(one(ratio_cond(ratio)), history)
    result = condition_result(evaluation)
    assert (result.met, result.have, result.need, result.missing) == (met, good, need, missing)
    assert result.members == members
    assert result.years == (2025,)
    assert evaluation.missing == missing


def test_member_ratio_or_better_unclassified_members_and_other_years():
    history = unit(2025, ["excellent", "good", "completed", None, None], members=5)
    rules.member_statistics([(2024, "good", ())] * 9, history)
    result = condition_result(rules.evaluate(one(ratio_cond(40)), history))
    assert (result.met, result.have, result.members) == (True, 2, 5)
    result = condition_result(rules.evaluate(one(ratio_cond(60)), history))
    assert (result.met, result.have, result.need, result.missing) == (False, 2, 3, 1)
    excellent = condition_result(rules.evaluate(one(ratio_cond(40, level="excellent")), history))
    assert (excellent.met, excellent.have) == (False, 1)
    for_2024 = condition_result(rules.evaluate(one(ratio_cond(100)).for_year(2024), history))
    assert (for_2024.met, for_2024.have, for_2024.members) == (True, 9, 9)


def test_member_ratio_empty_unit_is_not_met_one_member_missing():
    crit = one(ratio_cond(70))
    for history in (None, Counts(), unit(2024, ["good"] * 3)):
        evaluation = rules.evaluate(crit, history)
        result = condition_result(evaluation)
        assert (result.met, result.have, result.need, result.missing) == (False, 0, 1, 1)
        assert (result.members, result.years) == (0, ())
        assert not evaluation.eligible
        assert evaluation.missing == 1
    text = rules.explain(rules.evaluate(crit, None), crit)
    assert "no members in 2025, of whom at least 70% must be classified good or better" in text


def test_member_ratio_members_count_at_least_the_qualifying_ones():
    history = Counts(members={2025: 2}, member_levels={("good", 2025): 4})
    result = condition_result(rules.evaluate(one(ratio_cond(100)), history))
    assert (result.met, result.have, result.members) == (True, 4, 4)


def test_member_ratio_award_basis_counts_each_member_once():
    history = unit(2025, [None] * 10, awards_=[{PROV, SOLDIER}, {SOLDIER}, {OTHER}, {PROV}])
    assert history.member_awards == {
        (frozenset({PROV, SOLDIER}), 2025): 1,
        (frozenset({SOLDIER}), 2025): 1,
        (frozenset({OTHER}), 2025): 1,
        (frozenset({PROV}), 2025): 1,
    }
    crit = one(ratio_cond(30, basis="award", type_ids={PROV, SOLDIER}, label="LĐTT"))
    result = condition_result(rules.evaluate(crit, history))
    assert (result.met, result.have, result.need, result.members) == (True, 3, 3, 10)
    crit = one(ratio_cond(40, basis="award", type_ids={PROV, SOLDIER}, label="LĐTT"))
    evaluation = rules.evaluate(crit, history)
    result = condition_result(evaluation)
    assert (result.met, result.have, result.need, result.missing) == (False, 3, 4, 1)
    assert "Missing 1 member(s) with LĐTT in 2025: has 3 of 10, needs 4 (40%)" in rules.explain(
        evaluation, crit
    )


@pytest.mark.parametrize(("n", "met", "missing"), [(1, True, 0), (2, True, 0), (3, False, 1)])
def test_member_count(n, met, missing):
    history = unit(2025, [None] * 6, awards_=[{SOLDIER, PROV}, {SOLDIER}, {PROV}])
    rules.member_statistics([(2024, None, (SOLDIER,))] * 5, history)
    crit = one(member_count_cond({SOLDIER}, n))
    result = condition_result(rules.evaluate(crit, history))
    assert (result.met, result.have, result.need, result.missing) == (met, 2, n, missing)
    assert result.members == 6
    earlier = condition_result(rules.evaluate(crit.for_year(2024), history))
    assert (earlier.have, earlier.members) == (5, 5)


def test_member_kinds_in_a_rolling_window_use_the_evaluation_year():
    history = unit(2024, ["good"] * 10)
    rules.member_statistics([(2025, "completed", ())] * 10, history)
    crit = one_rolling(ratio_cond(70), window_years=2)
    assert not rules.evaluate(crit, history).eligible
    assert rules.evaluate(crit.for_year(2024), history).eligible


@pytest.mark.parametrize(
    "condition",
    [
        ratio_cond(0),
        ratio_cond(-5),
        ratio_cond(100.5),
        ratio_cond(True),
        ratio_cond("70"),
        C(rules.MEMBER_RATIO, ratio=70),
        C(rules.MEMBER_RATIO, ratio=70, member_basis="people"),
        ratio_cond(70, level="superb"),
        no_discipline(None),
        no_discipline("caution"),
        class_streak("national", 2),
    ],
    ids=[
        "zero",
        "negative",
        "above-100",
        "bool",
        "text",
        "no-basis",
        "bad-basis",
        "bad-level",
        "no-form",
        "bad-form",
        "streak-level",
    ],
)
def test_bad_law_condition_raises(condition):
    with pytest.raises(ValueError):
        rules.evaluate(one(condition), None)


def test_unknown_forms_and_member_levels_in_counts_raise():
    with pytest.raises(ValueError, match="discipline form"):
        rules.evaluate(one(no_discipline()), Counts(disciplines={2023: "fine"}))
    with pytest.raises(ValueError, match="classification level"):
        rules.evaluate(one(ratio_cond(70)), Counts(member_levels={("superb", 2025): 1}))
    # history outside what the conditions read is not inspected
    assert not rules.evaluate(one(award_cond({PROV})), Counts(disciplines={2023: "fine"})).eligible


# ---------------------------------------------------------------------------- discipline
@pytest.mark.parametrize(
    ("form", "met"),
    [
        (None, True),
        ("reprimand", True),  # one lighter than the threshold
        ("warning", False),  # the threshold form
        ("salary_reduction", False),
        ("dismissal", False),
    ],
)
def test_no_discipline_threshold(form, met):
    history = Counts(disciplines={2023: form} if form else {})
    evaluation = rules.evaluate(one(no_discipline("warning")), history)
    result = condition_result(evaluation)
    assert result.met is met
    assert evaluation.eligible is met
    if met:
        assert (result.have, result.need, result.missing, result.years) == (5, 5, 0, PERIOD)
    else:
        assert (result.have, result.need, result.missing) == (4, 5, 1)
        assert (result.missing_years, result.missing_levels) == ((2023,), (form,))
        assert 2023 not in result.years


def test_no_discipline_lightest_form_fails_on_any_discipline():
    crit = one(no_discipline("reprimand"))
    history = Counts(disciplines={2022: "reprimand", 2024: "dismissal"})
    result = condition_result(rules.evaluate(crit, history))
    assert (result.met, result.missing, result.missing_years) == (False, 2, (2022, 2024))
    assert result.missing_levels == ("reprimand", "dismissal")


def test_no_discipline_rolling_versus_fixed_window():
    history = Counts(disciplines={2022: "warning", 2026: "dismissal"})
    assert not rules.evaluate(one(no_discipline()), history).eligible, "2022 is in 2021–2025"
    crit = one_rolling(no_discipline(), window_years=3)
    assert rules.evaluate(crit, history).eligible, "2023–2025 has no discipline"
    earlier = rules.evaluate(crit.for_year(2024), history)
    assert not earlier.eligible, "2022–2024 has one"
    assert condition_result(earlier).missing_years == (2022,)


def test_no_discipline_of_a_unit_from_its_members():
    members = [{2023: "reprimand"}, {2023: "warning", 2024: "reprimand"}, {}]
    merged = rules.merge_disciplines(members)
    assert merged == {2023: "warning", 2024: "reprimand"}
    history = Counts(disciplines=merged)
    assert not rules.evaluate(one(no_discipline("warning")), history).eligible
    assert rules.evaluate(one(no_discipline("salary_reduction")), history).eligible


def test_heaviest_form():
    assert rules.heaviest_form([]) is None
    assert rules.heaviest_form([None, ""]) is None
    assert rules.heaviest_form(["warning", "reprimand", None]) == "warning"
    assert rules.heaviest_form(rules.DISCIPLINE_FORMS[::-1]) == "removal"
    assert rules.heaviest_form(["dismissal", "removal", "warning"]) == "removal"
    assert rules.ABOLISHED_FORMS == ("salary_reduction", "demotion")
    assert rules.ABOLISHED_FROM == (2025, 7, 1)
    with pytest.raises(ValueError, match="discipline form"):
        rules.heaviest_form(["warning", "fine"])


# ---------------------------------------------------------------------------- the Law's sets
def advanced_collective(year_from=2024, year_to=2025):
    """Tập thể lao động tiên tiến: the unit is good, at least 70 % of its members are LĐTT
    (award type PROV here), no member disciplined at warning or above."""
    return rolling(
        A(
            "Advanced collective",
            (
                years_at("good", 1),
                ratio_cond(70, basis="award", type_ids={PROV}, label="LĐTT"),
                no_discipline("warning"),
            ),
        ),
        year_from=year_from,
        year_to=year_to,
        window_years=1,
    )


def test_law_advanced_collective():
    crit = advanced_collective()
    history = unit(2025, [None] * 10, awards_=[{PROV}] * 7)
    history.classifications[2025] = "good"
    history.disciplines = rules.merge_disciplines([{2025: "reprimand"}, {2024: "dismissal"}])
    evaluation = rules.evaluate(crit, history)
    assert evaluation.eligible, rules.explain(evaluation, crit)
    history.disciplines[2025] = "warning"
    evaluation = rules.evaluate(crit, history)
    assert not evaluation.eligible
    assert evaluation.missing == 1
    text = rules.explain(evaluation, crit, level_labels={"warning": "cảnh cáo"})
    # a one-year period reads "in 2025 ...", not "in every year 2025" (issue 25)
    assert "Missing: in 2025 disciplined with cảnh cáo" in text
    assert rules.missing_summary(evaluation, crit) == "Missing: in 2025 disciplined with warning"


# ---------------------------------------------------------------------------- one-year periods
def one_year(*conditions, year=2026):
    """The Law's yearly titles: a rolling window of one year, evaluated in ``year``."""
    return rolling(A("Yearly", conditions), year_from=year, year_to=year, window_years=1, year=year)


def person(level=None, discipline=None, year=2026):
    history = Counts(classifications={year: level} if level else {})
    if discipline:
        history.disciplines = rules.merge_disciplines([{year: discipline}])
    return history


def _one_year_lines(history, *conditions):
    crit = one_year(*conditions)
    text = rules.explain(
        rules.evaluate(crit, history),
        crit,
        level_labels={"good": "Hoàn thành tốt", "completed": "Hoàn thành", "warning": "cảnh cáo"},
    )
    return [line.removeprefix("  - ") for line in text.splitlines()[2:]]


def test_one_year_met_reads_in_the_year():
    lines = _one_year_lines(
        person("good"), every_year("good"), years_at("good", 1), no_discipline("warning")
    )
    assert lines == [
        "Met: in 2026 classified Hoàn thành tốt or better",
        "Met: in 2026 classified Hoàn thành tốt or better",
        "Met: in 2026 no discipline of cảnh cáo or heavier",
    ]
    assert not any("every year" in line for line in lines)


def test_one_year_not_met_names_the_year_s_classification():
    lines = _one_year_lines(
        person("completed", discipline="warning"),
        every_year("good"),
        years_at("good", 1),
        no_discipline("warning"),
    )
    assert lines == [
        "Missing: in 2026 classified Hoàn thành, not Hoàn thành tốt or better",
        "Missing: in 2026 not classified Hoàn thành tốt or better",
        "Missing: in 2026 disciplined with cảnh cáo",
    ]


def test_one_year_without_classification_says_so():
    lines = _one_year_lines(person(), every_year("good"))
    assert lines == ["Missing: in 2026 not classified yet (Hoàn thành tốt or better needed)"]


def test_longer_periods_keep_their_wording():
    crit = one(every_year("good"))
    text = rules.explain(rules.evaluate(crit, Counts(classifications=all_good())), crit)
    assert "Met: classified good or better in every year 2021–2025" in text
    crit = rolling(A("Two", (years_at("good", 2),)), window_years=2, year=2025)
    text = rules.explain(rules.evaluate(crit, Counts(classifications=all_good())), crit)
    assert "Met: 2 year(s) classified good or better (2024, 2025)" in text


def _one_year_samples():
    """Every sentence of the one-year wording (for the gettext test)."""
    conditions = (every_year("good"), years_at("good", 1), no_discipline("warning"))
    return [
        (rules.evaluate(one_year(*conditions), history), one_year(*conditions))
        for history in (person("good"), person("completed", discipline="warning"), person())
    ]


def test_law_provincial_soldier_three_consecutive_titles():
    crit = rolling(A("3 consecutive CSTĐCS", (award_streak({SOLDIER}, 3),)), window_years=3)
    history = counts([(SOLDIER, 2023), (SOLDIER, 2024)])
    evaluation = rules.evaluate(crit, history)
    assert (evaluation.eligible, evaluation.missing) == (False, 1)
    assert rules.missing_summary(evaluation, crit) == (
        "Missing: 3 consecutive years with CSTĐCS up to 2025; none in 2025"
    )
    history.awards[(SOLDIER, 2025)] = 1
    evaluation = rules.evaluate(crit, history)
    assert evaluation.eligible
    assert "Met: 3 consecutive years with CSTĐCS (2023–2025)" in rules.explain(evaluation, crit)


def test_evaluate_many_shares_law_results_correctly():
    crit = rolling(
        A("Streak", (award_streak({SOLDIER}, 2), class_streak("good", 2))),
        A("Members", (ratio_cond(70), member_count_cond({PROV}, 2), no_discipline("warning"))),
        A("Ratio by award", (ratio_cond(50, basis="award", type_ids={PROV, SOLDIER}),)),
        year_from=2023,
        year_to=2025,
        window_years=3,
    )
    rng = random.Random(14)
    by_recipient = {}
    for i in range(3_000):
        history = Counts()
        for year in range(2020, 2026):
            if rng.random() < 0.5:
                history.awards[(rng.choice((SOLDIER, PROV, OTHER)), year)] = 1
            if rng.random() < 0.9:
                history.classifications[year] = rng.choice(rules.CLASSIFICATION_LEVELS)
            if rng.random() < 0.1:
                history.disciplines[year] = rng.choice(rules.DISCIPLINE_FORMS)
            size = rng.randint(0, 6)
            rules.member_statistics(
                [
                    (
                        year,
                        rng.choice((*rules.CLASSIFICATION_LEVELS, None)),
                        rng.sample((SOLDIER, PROV, OTHER), rng.randint(0, 2)),
                    )
                    for _ in range(size)
                ],
                history,
            )
        by_recipient[i] = history
    for year, results in rules.evaluate_years(crit, by_recipient).items():
        assert list(results) == list(by_recipient)
        eligible = sum(e.eligible for e in results.values())
        assert 0 < eligible < len(results), year
        for i in range(0, 3_000, 29):
            assert results[i] == rules.evaluate(crit.for_year(year), by_recipient[i]), (year, i)


# ---------------------------------------------------------------------------- explanations
def test_explain_law_kinds_lines():
    crit = rolling(
        A(
            "All",
            (
                class_streak("good", 2),
                award_streak({SOLDIER}, 2),
                no_discipline("warning"),
                member_count_cond({SOLDIER}, 2),
                ratio_cond(70),
            ),
        ),
        window_years=3,
    )
    history = unit(2025, ["good"] * 6 + ["completed"] * 4, awards_=[{SOLDIER}])
    history.classifications.update({2023: "excellent", 2024: "completed", 2025: "good"})
    history.awards[(SOLDIER, 2024)] = 1
    # a member's discipline: it fails the unit's no-discipline condition, not its streaks
    history.member_disciplines[2023] = "demotion"
    labels = {"good": "tốt", "completed": "hoàn thành", "demotion": "giáng chức"}
    lines = rules.explain(rules.evaluate(crit, history), crit, level_labels=labels).splitlines()
    assert lines[0] == "Not eligible: at best 5 item(s) missing."
    assert lines[1:] == [
        "All — not met (missing 5)",
        "  - Missing: 2 consecutive years classified tốt or better up to 2025; "
        "not met in 2024 (hoàn thành)",
        "  - Missing: 2 consecutive years with CSTĐCS up to 2025; none in 2025",
        "  - Missing: no discipline of warning or heavier in 2023–2025; "
        "disciplined in 2023 (giáng chức)",
        "  - Missing 1 member(s) with CSTĐCS in 2025 (has 1 of 2)",
        "  - Missing 1 member(s) classified tốt or better in 2025: has 6 of 10, needs 7 (70%)",
    ]


def test_explain_law_kinds_met_lines_and_fixed_window():
    crit = criteria(
        A(
            "All",
            (
                class_streak("good", 3),
                award_streak({SOLDIER}, 2),
                no_discipline("demotion"),
                member_count_cond({SOLDIER}, 1),
                ratio_cond(66.5),
                ratio_cond(50, basis="award", type_ids={SOLDIER}),
            ),
        )
    )
    history = unit(2025, ["good"] * 2 + [None], awards_=[{SOLDIER}, {SOLDIER}])
    history.classifications.update(all_good(y2021="completed"))
    history.awards.update({(SOLDIER, 2022): 1, (SOLDIER, 2023): 1})
    history.member_disciplines[2024] = "warning"
    evaluation = rules.evaluate(crit, history)
    assert evaluation.eligible
    assert rules.explain(evaluation, crit).splitlines()[2:] == [
        "  - Met: 4 consecutive years classified good or better (2022–2025)",
        "  - Met: 2 consecutive years with CSTĐCS (2022–2023)",
        "  - Met: no discipline of demotion or heavier in 2021–2025",
        "  - Met: 2 member(s) with CSTĐCS in 2025",
        "  - Met: 2 of 3 members classified good or better in 2025 (at least 66.5%)",
        "  - Met: 2 of 3 members with award of the chosen types in 2025 (at least 50%)",
    ]
    assert rules.missing_summary(evaluation, crit) == ""


def _law_explain_samples():
    """(evaluation, criteria) pairs that together use every sentence of the Law's kinds."""
    full_unit = unit(2025, ["good", "completed", None], awards_=[{SOLDIER}])
    full_unit.classifications.update(all_good(y2023=None, y2024="completed"))
    full_unit.awards.update({(SOLDIER, 2021): 1, (SOLDIER, 2022): 1})
    full_unit.member_disciplines[2022] = "dismissal"
    full_unit.days_away[2022] = 100
    # a person whose own discipline (in effect 2021–2022) restarts the streaks
    restarted = counts([(SOLDIER, 2020), (SOLDIER, 2021), (SOLDIER, 2024)])
    restarted.classifications.update(all_good())
    rules.add_discipline(restarted.disciplines, "reprimand", 2021, 2022)
    conditions = (
        class_streak("good", 2),
        class_streak("good", 3),
        class_streak("good", 9),
        award_streak({SOLDIER}, 2),
        award_streak({SOLDIER}, 3),
        award_streak({SOLDIER}, 9),
        C(rules.AWARD_STREAK, min_count=1, award_type_ids=frozenset({SOLDIER})),
        no_discipline("reprimand"),
        no_discipline("warning"),
        member_count_cond({SOLDIER}, 1),
        member_count_cond({SOLDIER}, 3),
        ratio_cond(30),
        ratio_cond(90),
        ratio_cond(30, basis="award", type_ids={SOLDIER}),
        ratio_cond(90, basis="award", type_ids={SOLDIER}),
        C(rules.MONTHS_WORKED, min_count=10),
        C(rules.MONTHS_WORKED, min_count=1),
    )
    samples = []
    for crit, history in [
        (criteria(A("Fixed", conditions)), full_unit),
        (rolling(A("Rolling", conditions), window_years=3), full_unit),
        (criteria(A("Restarted", conditions)), restarted),
        (
            rolling(
                A("Empty unit", (ratio_cond(70), ratio_cond(70, basis="award", type_ids={PROV}))),
            ),
            None,
        ),
    ]:
        samples.append((rules.evaluate(crit, history), crit))
    # the emulation cluster's standing: leading, ranked second, not ranked
    lead = one_rolling(C(rules.CLUSTER_LEAD), window_years=1, year=2025)
    for standing in ((1, True), (2, False), None):
        history = rules.RecipientCounts(cluster_ranks={2025: standing} if standing else {})
        samples.append((rules.evaluate(lead, history), lead))
    return samples


# ------------------------------------------------------------------ emulation clusters and blocks
def _cluster_counts(**ranks):
    """Counts whose cluster standing is ``{year: (rank, leading)}`` (keys ``y2025=...``)."""
    return rules.RecipientCounts(
        cluster_ranks={int(key[1:]): value for key, value in ranks.items()}
    )


def test_cluster_lead_first_in_its_cluster_meets_second_does_not():
    crit = one_rolling(C(rules.CLUSTER_LEAD), window_years=1, year=2025)
    first = rules.evaluate(crit, _cluster_counts(y2025=(1, True)))
    assert first.eligible and first.missing == 0
    result = condition_result(first)
    assert (result.have, result.need, result.years) == (1, 1, (2025,))
    second = rules.evaluate(crit, _cluster_counts(y2025=(2, False)))
    assert not second.eligible and second.missing == 1
    result = condition_result(second)
    assert (result.have, result.missing_years, result.missing_levels) == (0, (2025,), (2,))
    assert rules.explain(second, crit).splitlines()[-1] == (
        "  - Missing: does not lead its emulation cluster or block in 2025 (ranked 2)"
    )
    assert rules.explain(first, crit).splitlines()[-1] == (
        "  - Met: leads its emulation cluster or block in 2025"
    )


def test_cluster_lead_reads_the_evaluation_year_only():
    crit = rolling(
        A("Flag", (C(rules.CLUSTER_LEAD),)), year_from=2024, year_to=2025, window_years=1
    )
    history = _cluster_counts(y2024=(1, True), y2025=(3, False))
    by_year = rules.evaluate_years(crit, {"unit": history})
    assert by_year[2024]["unit"].eligible
    assert not by_year[2025]["unit"].eligible, "last year's lead does not count this year"
    # not ranked at all: one missing, said so
    unranked = rules.evaluate(crit.for_year(2025), rules.RecipientCounts())
    assert unranked.missing == 1
    assert rules.missing_summary(unranked, crit.for_year(2025)) == (
        "Missing: not ranked by an emulation cluster or block in 2025"
    )


def test_cluster_lead_is_what_the_meeting_decided_not_the_rank():
    """The meeting may name the unit ranked first as not leading (or two leading units): the
    leading flag decides, the rank only explains."""
    crit = one_rolling(C(rules.CLUSTER_LEAD), window_years=1, year=2025)
    assert not rules.evaluate(crit, _cluster_counts(y2025=(1, False))).eligible
    assert rules.evaluate(crit, _cluster_counts(y2025=(2, True))).eligible


def test_best_standing_of_several_rankings():
    assert rules.best_standing([(3, False), None, (2, False)]) == (2, False)
    assert rules.best_standing([(1, False), (4, True)]) == (4, True)
    assert rules.best_standing([(0, False)]) == (0, False)
    assert rules.best_standing([None]) is None


# ------------------------------------------------------------------ one achievement, one award
def test_without_used_initiatives():
    """An initiative that is the basis of an award counts only for that award's title and year
    (Law 06/2022/QH15 art. 5), and for the plan's exemplar (no title)."""
    counts = {
        "used": rules.RecipientCounts(
            initiatives={("grassroots", True, 2024): 2, ("provincial", True, 2025): 1},
            used_initiatives=(("grassroots", True, 2024, 7, 2024),),
        ),
        "free": rules.RecipientCounts(initiatives={("grassroots", True, 2024): 1}),
    }
    other_title = rules.without_used(counts, 8, 2024)
    assert set(other_title) == {"used"}, "only the recipient with a used initiative changes"
    assert other_title["used"].initiatives == {
        ("grassroots", True, 2024): 1,
        ("provincial", True, 2025): 1,
    }
    assert counts["used"].initiatives[("grassroots", True, 2024)] == 2, "the input is unchanged"
    # the award's own title and year, and the exemplar (no title), still count it
    assert rules.without_used(counts, 7, 2024) == {}
    assert rules.without_used(counts, False, 2024) == {}
    # another year of the same title does not
    assert rules.without_used(counts, 7, 2025)["used"].initiatives == {
        ("grassroots", True, 2024): 1,
        ("provincial", True, 2025): 1,
    }
    # the last one used: the key goes
    single = {
        "x": rules.RecipientCounts(
            initiatives={("national", False, 2023): 1},
            used_initiatives=(("national", False, 2023, 3, 2023),),
        )
    }
    assert rules.without_used(single, 4, 2023)["x"].initiatives == {}


# ------------------------------------------------------------------ months worked (art. 4(5))
def months_worked(months=10):
    return C(rules.MONTHS_WORKED, min_count=months)


@pytest.mark.parametrize(
    ("year", "days_away", "met"),
    [
        # 10 months of 365 days are 304.2 days: 305 worked meet it, 304 do not
        (2025, 60, True),
        (2025, 61, False),
        # a leap year: 10 months of 366 days are 305 days
        (2024, 61, True),
        (2024, 62, False),
        (2025, 0, True),
        (2025, 400, False),
    ],
)
def test_months_worked_at_the_boundary(year, days_away, met):
    crit = criteria(A("Worked", (months_worked(10),)), year_from=year, year_to=year)
    evaluation = rules.evaluate(crit, Counts(days_away={year: days_away}))
    assert evaluation.eligible is met
    assert evaluation.missing == (0 if met else 1)


def test_months_worked_every_year_of_the_window_and_what_it_says():
    crit = criteria(A("Worked", (months_worked(10),)), year_from=2023, year_to=2025)
    history = Counts(days_away={2024: 183})
    evaluation = rules.evaluate(crit, history)
    assert not evaluation.eligible
    (result,) = evaluation.alternatives[0].conditions
    assert (result.have, result.need, result.missing) == (2, 3, 1)
    assert result.missing_years == (2024,)
    text = rules.explain(evaluation, crit)
    assert "fewer in 2024 (6 months)" in text
    # nothing recorded: every year worked in full
    assert rules.evaluate(crit, Counts()).eligible
    assert rules.evaluate(crit, None).eligible


def test_months_worked_rolling_window_reads_only_its_years():
    crit = rolling(A("Worked", (months_worked(10),)), window_years=1)
    by_year = rules.evaluate_years(crit, {"p": Counts(days_away={2024: 200})})
    assert not by_year[2024]["p"].eligible
    assert by_year[2025]["p"].eligible


def test_months_worked_parameters():
    kind = rules.kind_of(rules.MONTHS_WORKED)
    assert kind.uses({}) == ("min_count",)
    assert kind.histories == {rules.ABSENCE}
    assert not kind.unit_only
    assert kind.check({"min_count": 12}, "C") is None
    assert "12 or fewer" in kind.check({"min_count": 13}, "C")
    assert "at least 1" in kind.check({"min_count": 0}, "C")
    assert "criteria set for individuals" in kind.check_fits({"min_count": 10}, True, 1, "C")
    assert kind.check_fits({"min_count": 10}, False, 1, "C") is None
    assert kind.sentence({"min_count": 10}, "") == "At least 10 months worked in each year"
    with pytest.raises(ValueError, match="1 to 12"):
        rules.evaluate(criteria(A("Bad", (months_worked(13),))), None)


# ------------------------------------------------------------------ a discipline's term
def test_effect_years_follow_the_term():
    """Decree 152/2025/NĐ-CP, art. 4: achievements count from the day the discipline's term
    ends, so a year counts only when it starts after the term's last day."""
    # a term ending in March 2026 blocks 2026; one ending on 31 December 2025 does not
    assert list(rules.effect_years(2025, 2026)) == [2025, 2026]
    assert list(rules.effect_years(2025, 2025)) == [2025]
    # no end recorded, or an end before the year it counts for: its own year only
    assert list(rules.effect_years(2025)) == [2025]
    assert list(rules.effect_years(2025, 2024)) == [2025]
    disciplines = rules.add_discipline({}, "reprimand", 2024, 2026)
    rules.add_discipline(disciplines, "warning", 2025, 2025)
    assert disciplines == {2024: "reprimand", 2025: "warning", 2026: "reprimand"}


def test_no_discipline_term_ending_in_march():
    """A reprimand of 2025 whose term ends in March 2026: 2026 does not count, 2027 does."""
    crit = rolling(
        A("Clean", (no_discipline("reprimand"),)), year_from=2026, year_to=2027, window_years=1
    )
    history = Counts()
    rules.add_discipline(history.disciplines, "reprimand", 2025, 2026)  # ends 15/03/2026
    results = rules.evaluate_years(crit, {"p": history})
    assert not results[2026]["p"].eligible
    assert results[2027]["p"].eligible
    # the same reprimand ending on 31/12/2025 leaves 2026 free
    history = Counts()
    rules.add_discipline(history.disciplines, "reprimand", 2025, 2025)
    assert rules.evaluate_years(crit, {"p": history})[2026]["p"].eligible


def test_streaks_restart_after_the_term():
    """Awards and classifications before a discipline's term do not join a run after it."""
    crit = criteria(A("Streaks", (award_streak({SOLDIER}, 2), class_streak("good", 2))))
    history = counts([(SOLDIER, 2021), (SOLDIER, 2022), (SOLDIER, 2024), (SOLDIER, 2025)])
    history.classifications.update(all_good())
    assert rules.evaluate(crit, history).eligible
    # a warning of 2022 with its term ending in March 2023: 2024–2025 still make the runs
    rules.add_discipline(history.disciplines, "warning", 2022, 2023)
    evaluation = rules.evaluate(crit, history)
    assert evaluation.eligible
    award, classification = evaluation.alternatives[0].conditions
    assert award.years == (2024, 2025) and award.restarted_after == 2023
    assert classification.years == (2024, 2025)
    # a term running into 2024: one year left, the runs are not complete
    rules.add_discipline(history.disciplines, "warning", 2022, 2024)
    evaluation = rules.evaluate(crit, history)
    assert not evaluation.eligible
    award, classification = evaluation.alternatives[0].conditions
    assert (award.have, award.missing, award.restarted_after) == (1, 1, 2024)
    assert classification.missing_years == (2024,)
    assert "the years up to 2024 do not count" in rules.explain(evaluation, crit)
    # a unit's members' disciplines do not restart the unit's streaks
    unit_history = counts([(SOLDIER, 2024), (SOLDIER, 2025)])
    unit_history.member_disciplines[2025] = "dismissal"
    result = rules.evaluate(one(award_streak({SOLDIER}, 2)), unit_history)
    assert result.eligible
    # but they fail its no-discipline condition
    assert not rules.evaluate(one(no_discipline("reprimand")), unit_history).eligible


def test_rolling_streak_restarts_at_the_evaluation_year():
    crit = rolling(
        A("Run", (award_streak({SOLDIER}, 2),)), year_from=2025, year_to=2026, window_years=2
    )
    history = counts([(SOLDIER, 2024), (SOLDIER, 2025), (SOLDIER, 2026)])
    rules.add_discipline(history.disciplines, "reprimand", 2025, 2025)
    results = rules.evaluate_years(crit, {"p": history})
    # 2025: disciplined that year; 2026: only 2026 after the term
    assert not results[2025]["p"].eligible
    assert not results[2026]["p"].eligible
    assert results[2026]["p"].alternatives[0].conditions[0].have == 1


# ------------------------------------------------------------------ what counted (issue 23)
def test_verdicts_name_the_records_that_counted():
    """With ``counted=True`` every verdict carries the ids of the records that decided: those of
    the alternative met (not of another alternative also met, nor of the period's other
    records)."""
    history = Counts(
        awards={(PROV, 2022): 1, (PROV, 2024): 1},
        award_ids={(PROV, 2022): (101,), (PROV, 2024): (102,)},
        classifications={2021: "completed", 2024: "good", 2025: "excellent"},
        classification_ids={2021: 201, 2024: 202, 2025: 203},
    )
    two_years = C(rules.CLASSIFICATION_COUNT, min_count=2, level="good", label="good")
    crit = criteria(A("Classified", (two_years,)), A("Awards", (award_cond({PROV}, n=2),)))
    verdicts = rules.evaluate_many(crit, {"x": history, "y": Counts()}, counted=True)
    evaluation, counted = verdicts["x"]
    assert evaluation.path == "Classified"
    assert counted == rules.Counted(classification=(202, 203))
    assert verdicts["y"].counted == rules.NOTHING_COUNTED
    # the same verdicts as without the ids
    assert rules.evaluate_many(crit, {"x": history})["x"] == evaluation


def test_not_eligible_names_the_nearest_alternative():
    history = Counts(
        awards={(PROV, 2022): 1},
        award_ids={(PROV, 2022): (101,)},
        classifications={2025: "good"},
        classification_ids={2025: 203},
    )
    crit = criteria(
        A("Three years", (years_at("good", n=3),)), A("Two awards", (award_cond({PROV}, n=2),))
    )
    evaluation, counted = rules.evaluate(crit, history, counted=True)
    assert not evaluation.eligible and evaluation.missing == 1
    assert counted == rules.Counted(award=(101,)), "the nearest alternative: one award missing"


def test_rolling_one_year_names_that_year_alone():
    """A one-year rolling set counted the evaluation year: only its classification is named."""
    history = Counts(
        classifications={2023: "not_completed", 2025: "good"},
        classification_ids={2023: 301, 2025: 302},
    )
    crit = rules.Criteria(
        2025, 2026, (A("Good", (every_year("good"),)),), window=rules.WINDOW_ROLLING
    )
    verdicts = rules.evaluate_years(crit, {"x": history}, counted=True)
    assert verdicts[2025]["x"].counted == rules.Counted(classification=(302,))
    assert verdicts[2026]["x"].counted == rules.NOTHING_COUNTED


def test_sudden_award_is_no_basis():
    """Decree 152/2025, art. 4(3): a sudden Bằng khen next to a regular one: only the regular one
    counts, and only it is named; a condition that says "any method" counts both."""
    sudden = rules.award_key(PROV, "sudden")
    assert rules.award_key(PROV, "regular") == rules.award_key(PROV) == PROV
    history = Counts(
        awards={(PROV, 2023): 1, (sudden, 2024): 1},
        award_ids={(PROV, 2023): (401,), (sudden, 2024): (402,)},
    )
    two = award_cond({PROV}, n=2)
    evaluation, counted = rules.evaluate(one(two), history, counted=True)
    assert (evaluation.eligible, evaluation.missing) == (False, 1)
    assert counted == rules.Counted(award=(401,))
    any_method = C(
        rules.AWARD_COUNT, min_count=2, award_type_ids=frozenset({PROV}), any_method=True
    )
    evaluation, counted = rules.evaluate(one(any_method), history, counted=True)
    assert evaluation.eligible
    assert counted == rules.Counted(award=(401, 402))
    # a thematic award in a streak year does not make the streak either
    thematic = rules.award_key(PROV, "thematic")
    streak = C(rules.AWARD_STREAK, min_count=2, award_type_ids=frozenset({PROV}))
    history = Counts(awards={(PROV, 2024): 1, (thematic, 2025): 1})
    assert not rules.evaluate(one(streak), history).eligible
    # a unit's members: a sudden award does not make a member qualify
    ratio = C(rules.MEMBER_RATIO, award_type_ids=frozenset({PROV}), ratio=50, member_basis="award")
    unit = rules.member_statistics([(2025, None, {sudden}), (2025, None, {PROV})])
    result = condition_result(rules.evaluate(one(ratio), unit))
    assert (result.have, result.members, result.met) == (1, 2, True)
    unit = rules.member_statistics([(2025, None, {sudden}), (2025, None, ())])
    assert not rules.evaluate(one(ratio), unit).eligible


def test_used_initiative_is_not_named():
    """One achievement, one award: an initiative used for another award neither counts nor is
    named as counted."""
    history = Counts(
        initiatives={("provincial", True, 2024): 2},
        initiative_ids={("provincial", True, 2024): (501, 502)},
        used_initiatives=(("provincial", True, 2024, 7, 2024, 501),),
    )
    crit = one(initiative_cond("provincial", n=1))
    adjusted = rules.without_used({"x": history}, 8, 2024)
    evaluation, counted = rules.evaluate(crit, adjusted["x"], counted=True)
    assert evaluation.eligible
    assert counted == rules.Counted(initiative=(502,))
    # for the award it is the basis of, both
    assert rules.evaluate(crit, history, counted=True).counted == rules.Counted(
        initiative=(501, 502)
    )
