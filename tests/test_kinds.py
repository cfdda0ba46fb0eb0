"""Tests of the condition kinds (``emulation_exemplar/core/kinds.py``), without Odoo: each kind's
parameters, checks, sentences and history, the registry, and that everything derived from it
agrees with it (the Odoo selection and parameter fields, the views, the engine's history, the
raw-SQL limit) and names no kind itself.

The behaviour of each kind on histories (what it compiles, its results and explanations) is
tested in ``test_rules_core.py``.
"""

import ast
import re
from dataclasses import replace
from pathlib import Path

import exemplar_rules_core as rules
import pytest
from exemplar_core import kinds as kinds_module
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "emulation_exemplar"
CONDITION_MODEL = ADDON / "models" / "criteria_condition.py"
CRITERIA_VIEWS = ADDON / "views" / "criteria_views.xml"

C = rules.Condition
PROV, SOLDIER = 1, 4
KEYS = (
    "award_count",
    "initiative_count",
    "classification_count",
    "classification_every_year",
    "award_streak",
    "classification_streak",
    "member_ratio",
    "member_count",
    "no_discipline",
    "cluster_lead",
    "months_worked",
)
# a condition whose every parameter is set
VALUES = {
    "min_count": 2,
    "award_type_ids": (PROV, SOLDIER),
    "initiative_level": "provincial",
    "applied_only": True,
    "classification_level": "good",
    "ratio": 70.0,
    "member_basis": "classification",
    "discipline_form": "warning",
    "any_award_method": False,
}
LABELS = {
    "initiative_level": {"provincial": "cấp tỉnh"},
    "classification_level": {"good": "hoàn thành tốt nhiệm vụ"},
    "discipline_form": {"warning": "cảnh cáo"},
}


def kind(key):
    return rules.kind_of(key)


# ---------------------------------------------------------------------------- the registry
def test_registry_keys_in_selection_order():
    assert tuple(rules.KINDS) == KEYS
    assert rules.ALL_CONDITION_KINDS == KEYS
    assert [key for key, _label in rules.kind_selection()] == list(KEYS)
    assert all(isinstance(k, rules.ConditionKind) for k in rules.KINDS.values())
    assert rules.kind_selection()[6] == (
        "member_ratio",
        "At least P % of the unit's members qualify (units)",
    )


def test_every_kind_declares_what_it_is_reads_and_uses():
    names = set(rules.PARAMETER_NAMES)
    for key, k in rules.KINDS.items():
        assert k.key == key and k.label, key
        assert set(k.uses(VALUES)) <= names, key
        assert k.histories <= set(rules.HISTORIES), key
        assert k.member_histories <= set(rules.HISTORIES), key
        assert set(k.raw_sql_windows) <= set(rules.WINDOWS), key
        assert k.histories or k.member_histories, "%s reads no history" % key
        # a kind that judges a unit's members is for collectives only; so is the standing
        # in an emulation cluster or block, which only units have
        assert k.unit_only == (k.member_statistics or rules.CLUSTER in k.histories), key


def test_unknown_kind():
    with pytest.raises(ValueError, match="Unknown condition kind 'award_sum'"):
        rules.kind_of("award_sum")
    with pytest.raises(ValueError, match="defined twice"):
        type("Again", (rules.ConditionKind,), {"key": "award_count"})


@pytest.mark.parametrize(
    ("key", "histories", "member_histories", "raw_sql"),
    [
        ("award_count", {"award"}, set(), ("fixed", "rolling")),
        ("initiative_count", {"initiative"}, set(), ("fixed", "rolling")),
        ("classification_count", {"classification"}, set(), ("fixed", "rolling")),
        ("classification_every_year", {"classification"}, set(), ("fixed", "rolling")),
        # the streaks read the recipient's disciplines: a discipline's term restarts them
        ("award_streak", {"award", "discipline"}, set(), ("rolling",)),
        ("classification_streak", {"classification", "discipline"}, set(), ()),
        ("member_ratio", set(), {"classification", "award"}, ("fixed", "rolling")),
        ("member_count", set(), {"award"}, ()),
        ("no_discipline", {"discipline"}, {"discipline"}, ()),
        ("cluster_lead", {"cluster"}, set(), ()),
        ("months_worked", {"absence"}, set(), ()),
    ],
)
def test_history_each_kind_reads(key, histories, member_histories, raw_sql):
    k = kind(key)
    assert k.histories == histories
    assert k.member_histories == member_histories
    assert k.raw_sql_windows == raw_sql
    for window in rules.WINDOWS:
        assert (key in rules.raw_sql_kinds(window)) == (window in raw_sql)


# ---------------------------------------------------------------------------- parameters
@pytest.mark.parametrize(
    ("key", "basis", "uses"),
    [
        ("award_count", None, ("min_count", "award_type_ids", "any_award_method")),
        ("initiative_count", None, ("min_count", "initiative_level", "applied_only")),
        ("classification_count", None, ("min_count", "classification_level")),
        ("classification_every_year", None, ("classification_level",)),
        ("award_streak", None, ("min_count", "award_type_ids", "any_award_method")),
        ("classification_streak", None, ("min_count", "classification_level")),
        ("member_ratio", "award", ("award_type_ids", "ratio", "member_basis", "any_award_method")),
        ("member_ratio", "classification", ("classification_level", "ratio", "member_basis")),
        ("member_ratio", None, ("ratio", "member_basis")),
        ("member_count", None, ("min_count", "award_type_ids", "any_award_method")),
        ("no_discipline", None, ("discipline_form",)),
        ("cluster_lead", None, ()),
        ("months_worked", None, ("min_count",)),
    ],
)
def test_parameters_each_kind_uses(key, basis, uses):
    assert tuple(kind(key).uses(dict(VALUES, member_basis=basis))) == uses


@pytest.mark.parametrize(
    ("key", "missing", "message"),
    [
        ("award_count", {"min_count": 0}, "A condition needs a number of at least 1 (C)."),
        ("award_count", {"award_type_ids": ()}, "Choose the award types that count"),
        ("award_streak", {"award_type_ids": ()}, "Choose the award types that count"),
        ("member_count", {"min_count": 0}, "at least 1"),
        ("initiative_count", {"initiative_level": False}, "Choose the initiative level"),
        ("classification_count", {"classification_level": False}, "classification level"),
        ("classification_every_year", {"classification_level": None}, "classification level"),
        ("classification_streak", {"min_count": 0}, "at least 1"),
        ("member_ratio", {"ratio": 0}, "needs a share of members above 0 and at most 100 %"),
        ("member_ratio", {"ratio": 100.5}, "needs a share of members"),
        ("member_ratio", {"member_basis": False}, "what makes a member qualify"),
        ("member_ratio", {"classification_level": False}, "Choose the classification level"),
        (
            "member_ratio",
            {"member_basis": "award", "award_type_ids": ()},
            "Choose the award types that count for the condition “C”.",
        ),
        ("no_discipline", {"discipline_form": False}, "Choose the discipline form"),
        ("months_worked", {"min_count": 0}, "at least 1"),
        ("months_worked", {"min_count": 13}, "choose 12 or fewer"),
    ],
)
def test_parameter_checks(key, missing, message):
    assert kind(key).check(VALUES, name="C") is None
    problem = kind(key).check(dict(VALUES, **missing), name="C")
    assert problem and message in problem


@pytest.mark.parametrize(
    ("key", "ignored"),
    [
        ("classification_every_year", {"min_count": 0, "award_type_ids": ()}),
        ("member_ratio", {"min_count": 0, "award_type_ids": (), "initiative_level": False}),
        ("no_discipline", {"min_count": 0, "classification_level": False}),
        ("award_count", {"ratio": 0, "member_basis": False, "discipline_form": False}),
        ("cluster_lead", {"min_count": 0, "award_type_ids": (), "ratio": 0}),
    ],
)
def test_parameters_a_kind_does_not_use_are_not_checked(key, ignored):
    assert kind(key).check(dict(VALUES, **ignored), name="C") is None


def test_check_fits_unit_kinds_and_streaks():
    for key in KEYS:
        unit_problem = kind(key).check_fits(VALUES, collective=False, years=5, name="C")
        assert bool(unit_problem) == (key in ("member_ratio", "member_count", "cluster_lead")), key
        person_problem = kind(key).check_fits(VALUES, collective=True, years=5, name="C")
        # the months worked are a person's: a set for collectives refuses them
        assert bool(person_problem) == (key == "months_worked"), key
    assert rules.UNIT_CONDITION_KINDS == ("member_ratio", "member_count", "cluster_lead")
    assert kind("cluster_lead").check_fits(VALUES, collective=False, years=1, name="C") == (
        "The condition “C” is about a unit's members: it belongs in a criteria set for collectives."
    )
    streak = kind("award_streak")
    assert streak.check_fits(dict(VALUES, min_count=3), True, 3, name="C") is None
    problem = streak.check_fits(dict(VALUES, min_count=4), True, 3, name="C")
    assert problem == (
        "The condition “C” asks for 4 consecutive years, but the criteria set looks at 3 years "
        "only: lengthen the window or lower the number."
    )
    assert kind("classification_streak").check_fits(dict(VALUES, min_count=4), False, 3, "C")
    assert kind("award_count").check_fits(dict(VALUES, min_count=9), False, 3, "C") is None


@pytest.mark.parametrize(
    ("key", "basis", "expected"),
    [
        ("award_count", None, C("award_count", 2, frozenset({PROV, SOLDIER}))),
        (
            "initiative_count",
            None,
            C("initiative_count", 2, level="provincial", applied_only=True),
        ),
        ("classification_count", None, C("classification_count", 2, level="good")),
        ("classification_every_year", None, C("classification_every_year", level="good")),
        ("award_streak", None, C("award_streak", 2, frozenset({PROV, SOLDIER}))),
        ("classification_streak", None, C("classification_streak", 2, level="good")),
        (
            "member_ratio",
            "classification",
            C("member_ratio", level="good", ratio=70.0, member_basis="classification"),
        ),
        (
            "member_ratio",
            "award",
            C(
                "member_ratio",
                award_type_ids=frozenset({PROV, SOLDIER}),
                ratio=70.0,
                member_basis="award",
            ),  # noqa: E501
        ),
        ("member_count", None, C("member_count", 2, frozenset({PROV, SOLDIER}))),
        ("no_discipline", None, C("no_discipline", form="warning")),
        ("cluster_lead", None, C("cluster_lead")),
        ("months_worked", None, C("months_worked", 2)),
    ],
)
def test_condition_of_the_parameters(key, basis, expected):
    values = dict(VALUES, member_basis=basis or VALUES["member_basis"])
    condition = kind(key).condition(values, label="L", key=7)
    assert condition == C(**dict(vars(expected), label="L", key=7))


@pytest.mark.parametrize(
    ("key", "basis", "label", "sentence"),
    [
        ("award_count", None, "BK / CSTĐCS", "At least 2 × BK / CSTĐCS"),
        (
            "initiative_count",
            None,
            "initiative of cấp tỉnh level or higher, applied effectively",
            "At least 2 × initiative of cấp tỉnh level or higher, applied effectively",
        ),
        (
            "classification_count",
            None,
            "hoàn thành tốt nhiệm vụ",
            "At least 2 years classified hoàn thành tốt nhiệm vụ or better",
        ),
        (
            "classification_every_year",
            None,
            "hoàn thành tốt nhiệm vụ",
            "Every year classified hoàn thành tốt nhiệm vụ or better",
        ),
        ("award_streak", None, "BK / CSTĐCS", "At least 2 consecutive years of BK / CSTĐCS"),
        (
            "classification_streak",
            None,
            "hoàn thành tốt nhiệm vụ",
            "At least 2 consecutive years classified hoàn thành tốt nhiệm vụ or better",
        ),
        (
            "member_ratio",
            "classification",
            "hoàn thành tốt nhiệm vụ",
            "At least 70 % of the members classified hoàn thành tốt nhiệm vụ or better",
        ),
        ("member_ratio", "award", "BK / CSTĐCS", "At least 70 % of the members with BK / CSTĐCS"),
        ("member_count", None, "BK / CSTĐCS", "At least 2 members with BK / CSTĐCS"),
        ("no_discipline", None, "cảnh cáo", "No discipline of cảnh cáo or heavier"),
        (
            "cluster_lead",
            None,
            "leads its emulation cluster or block",
            "Leads its emulation cluster or block in the evaluated year",
        ),
        ("months_worked", None, "", "At least 2 months worked in each year"),
    ],
)
def test_label_and_sentence(key, basis, label, sentence):
    values = dict(VALUES, member_basis=basis or VALUES["member_basis"])
    described = kind(key).describe(values, awards="BK / CSTĐCS", labels=LABELS)
    assert described == label
    assert kind(key).sentence(values, described) == sentence


def test_sentence_ratio_and_labels_without_translation():
    ratio = kind("member_ratio")
    assert ratio.sentence(dict(VALUES, ratio=66.5), "tốt").startswith("At least 66.5 % of")
    assert ratio.sentence(dict(VALUES, ratio=0), "tốt").startswith("At least 0 % of")
    # without labels, the key; without a value, nothing
    assert kind("no_discipline").describe(VALUES) == "warning"
    assert kind("classification_count").describe(dict(VALUES, classification_level=False)) == ""
    assert kind("initiative_count").describe(dict(VALUES, applied_only=False)) == (
        "initiative of provincial level or higher"
    )


# ---------------------------------------------------------------------------- history
# the ids behind a recipient's counts, 2021–2025: awards 11 (PROV 2022), 12 (PROV 2024, sudden),
# 13 (type 9, 2024); classifications 21 (2022 excellent), 22 (2023 completed), 23 (2024 good);
# initiatives 31 (national 2024), 32 (grassroots 2024, applied); disciplines 41 (2023 warning),
# 42 (2023 reprimand), 43 (2025 reprimand)
HISTORY = rules.RecipientCounts(
    awards={(PROV, 2022): 1, ((PROV, "sudden"), 2024): 1, (9, 2024): 1},
    award_ids={(PROV, 2022): (11,), ((PROV, "sudden"), 2024): (12,), (9, 2024): (13,)},
    classifications={2022: "excellent", 2023: "completed", 2024: "good"},
    classification_ids={2022: 21, 2023: 22, 2024: 23},
    initiatives={("national", False, 2024): 1, ("grassroots", True, 2024): 1},
    initiative_ids={("national", False, 2024): (31,), ("grassroots", True, 2024): (32,)},
    disciplines={2023: "warning", 2025: "reprimand"},
    discipline_ids={2023: ((41, "warning"), (42, "reprimand")), 2025: ((43, "reprimand"),)},
)


@pytest.mark.parametrize(
    ("condition", "counted"),
    [
        # the regular awards of the chosen types (Decree 152/2025, art. 4(3))
        (C("award_count", award_type_ids=frozenset({PROV})), {"award": (11,)}),
        (C("award_count", award_type_ids=frozenset({PROV}), any_method=True), {"award": (11, 12)}),
        (C("award_count", award_type_ids=frozenset({SOLDIER})), {}),
        # a unit's member conditions count its members' history, not its own
        (C("member_count", award_type_ids=frozenset({PROV})), {}),
        (C("classification_count", level="good"), {"classification": (21, 23)}),
        (C("classification_count", level="completed"), {"classification": (21, 22, 23)}),
        (C("classification_every_year", level="good"), {"classification": (21, 23)}),
        (C("initiative_count", level="provincial"), {"initiative": (31,)}),
        (C("initiative_count", level="grassroots", applied_only=True), {"initiative": (32,)}),
        # the disciplines that blocked: of the form or heavier
        (C("no_discipline", form="warning"), {"discipline": (41,)}),
        (C("no_discipline", form="reprimand"), {"discipline": (41, 42, 43)}),
        (C("no_discipline", form="dismissal"), {}),
        # a cluster's ranking and the periods not worked are no record to name
        (C("cluster_lead"), {}),
        (C("months_worked", 10), {}),
    ],
)
def test_which_history_counted(condition, counted):
    """Each kind names exactly the records behind its result (:meth:`ConditionKind.counted`);
    the evaluation gathers them for the alternative that decided (:class:`rules.Counted`)."""
    criteria = rules.Criteria(2021, 2025, (rules.Alternative("Only", (condition,)),))
    verdict = rules.evaluate(criteria, HISTORY, counted=True)
    expected = rules.Counted(*(counted.get(history, ()) for history in rules.Counted._fields))
    assert verdict.counted == expected
    assert verdict.evaluation == rules.evaluate(criteria, HISTORY)


@pytest.mark.parametrize(
    ("condition", "counted"),
    [
        # a streak names the awards (classifications) of its run only
        (C("award_streak", min_count=1, award_type_ids=frozenset({PROV, 9})), {"award": (13,)}),
        (C("classification_streak", min_count=1, level="good"), {"classification": (23,)}),
    ],
)
def test_a_streak_names_its_run_and_nothing_before_a_discipline(condition, counted):
    """A streak names its run; the person's own discipline restarts it (Decree 152/2025, art.
    4: the years up to the end of its term do not count): then the discipline is named."""
    criteria = rules.Criteria(2021, 2025, (rules.Alternative("Only", (condition,)),))
    clean = replace(HISTORY, disciplines={}, discipline_ids={})
    expected = rules.Counted(*(counted.get(history, ()) for history in rules.Counted._fields))
    assert rules.evaluate(criteria, clean, counted=True).counted == expected
    # the reprimand of 2025 (HISTORY) restarts the run after 2025: no year of it is left, and
    # the discipline that restarted it is named (it decided)
    verdict = rules.evaluate(criteria, HISTORY, counted=True)
    assert not verdict.evaluation.eligible
    assert verdict.counted == rules.Counted(discipline=(43,))


def test_a_kind_names_records_of_a_history_it_reads():
    for key, k in rules.KINDS.items():
        assert k.names is None or k.names in k.histories, key
    # every history whose records a verdict names is named by a kind; a cluster's ranking and
    # the periods not worked are no records to name
    assert {k.names for k in rules.KINDS.values()} == {None, *rules.Counted._fields}
    assert set(rules.Counted._fields) < set(rules.HISTORIES)


def test_nothing_named_without_ids():
    """Counts without ids (a caller that does not ask) name nothing, and decide the same."""
    bare = rules.RecipientCounts(awards=dict(HISTORY.awards))
    condition = C("award_count", award_type_ids=frozenset({PROV}))
    criteria = rules.Criteria(2021, 2025, (rules.Alternative("Only", (condition,)),))
    verdict = rules.evaluate(criteria, bare, counted=True)
    assert verdict.evaluation.eligible
    assert verdict.counted == rules.NOTHING_COUNTED
    assert not verdict.counted


# ---------------------------------------------------------------------------- a new kind
def _define_no_award():
    """Define a kind, as a developer adds one: its class (defining it registers it)."""

    class NoAward(rules.ConditionKind):
        """No award of ``award_type_ids`` in the period."""

        key = "test_no_award"
        label = "No award of the given types"
        parameters = ("award_type_ids",)
        label_parameter = "award_type_ids"
        histories = frozenset({rules.AWARD})

        def compile(self, condition, scope):
            return frozenset(condition.award_type_ids), 0

        def result(self, compiled, history):
            accepted = compiled.accepted
            found = [y for t, ys in history.awards.items() if t in accepted for y in ys]
            years = tuple(sorted(found))
            return rules.ConditionResult(compiled.condition, not years, 0, 0, len(years), years)

        def explain(self, result, values, text):
            return "no award: %s" % ("met" if result.met else values["years"])

    return NoAward


@pytest.fixture()
def new_kind():
    """The kind above, registered for one test only."""
    try:
        yield _define_no_award()
    finally:
        kinds_module.KINDS.pop("test_no_award", None)


def test_a_new_kind_is_its_class(new_kind):
    """Defining the class is enough: the selection, the parameters, the evaluation and the
    explanation take it from the registry (the raw-SQL limit refuses it until told)."""
    assert ("test_no_award", "No award of the given types") in rules.kind_selection()
    assert isinstance(rules.kind_of("test_no_award"), new_kind)
    new_kind = rules.kind_of("test_no_award")
    assert "test_no_award" not in rules.raw_sql_kinds("fixed")
    assert new_kind.check(dict(VALUES, award_type_ids=()), name="N")
    condition = new_kind.condition(VALUES, label="BK")
    assert condition == C("test_no_award", award_type_ids=frozenset({PROV, SOLDIER}), label="BK")
    criteria = rules.Criteria(2021, 2025, (rules.Alternative("None", (condition,)),))
    history = rules.RecipientCounts(awards={(PROV, 2023): 1, (99, 2022): 1})
    evaluation = rules.evaluate(criteria, history)
    assert (evaluation.eligible, evaluation.missing) == (False, 1)
    assert "  - no award: 2023" in rules.explain(evaluation, criteria)
    assert rules.evaluate(criteria, rules.RecipientCounts()).eligible
    assert new_kind.names is None
    assert new_kind.counted(None, None, history) == (), "a kind names nothing by default"
    assert "test_no_award" not in rules.ALL_CONDITION_KINDS, "the constants are of the module"


def test_a_kind_key_is_needed_to_register():
    before = dict(rules.KINDS)
    type("Abstract", (rules.ConditionKind,), {})
    assert rules.KINDS == before


# ---------------------------------------------------------------------------- what derives from it
def _model_class():
    tree = ast.parse(CONDITION_MODEL.read_text(encoding="utf-8"))
    return next(
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == "EmulationCriteriaCondition"
    )


def _field_calls(cls):
    """{field name: the fields.X(...) call} of a model class."""
    found = {}
    for node in cls.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and isinstance(node.value.func.value, ast.Name)
            and node.value.func.value.id == "fields"
        ):
            found[node.targets[0].id] = node.value
    return found


def test_odoo_selection_and_parameter_fields_come_from_the_registry():
    fields_ = _field_calls(_model_class())
    kind_field = fields_["kind"]
    assert kind_field.func.attr == "Selection"
    assert ast.unparse(kind_field.args[0]) == "rules.kind_selection()"
    for name in rules.PARAMETER_NAMES:
        assert name in fields_, "a parameter of the rule core is a field of the condition"
        uses = fields_["uses_" + name]
        assert uses.func.attr == "Boolean"
        keywords = {k.arg: ast.unparse(k.value) for k in uses.keywords}
        assert keywords["compute"] == "'_compute_uses'", name
    extra = {f for f in fields_ if f.startswith("uses_")} - {
        "uses_" + name for name in rules.PARAMETER_NAMES
    }
    assert not extra, extra


def _condition_list():
    tree = etree.parse(str(CRITERIA_VIEWS))
    record = tree.find(".//record[@id='emulation_criteria_condition_view_list']")
    return record.find(".//list")


def test_the_view_shows_and_requires_what_the_kind_uses():
    view = _condition_list()
    fields_ = {field.get("name"): field for field in view.iter("field")}
    for parameter in rules.PARAMETERS:
        name = parameter.name
        field = fields_[name]
        assert field.get("invisible") == "not uses_%s" % name, name
        if parameter.required:
            assert field.get("required") == "uses_%s" % name, name
        else:
            assert field.get("required") is None, name
        assert fields_["uses_" + name].get("column_invisible") == "True", name


def test_no_view_expression_names_a_kind():
    """Which parameter a kind uses is the registry's: no view tests a kind's key."""
    keys = re.compile(r"\b(%s)\b" % "|".join(KEYS))
    offending = []
    for path in sorted((ADDON / "views").glob("*.xml")) + sorted(ADDON.glob("wizards/*.xml")):
        for element in etree.parse(str(path)).iter():
            for attribute in ("invisible", "required", "readonly", "column_invisible", "domain"):
                value = element.get(attribute) or ""
                if "kind" in value and keys.search(value):
                    offending.append((path.name, element.get("name"), value))
    assert not offending, offending


def _kind_tests(path):
    """The places of ``path`` that test a kind by its key: comparisons of a ``kind`` with a key
    (or keys), and the rule core's constants of a kind."""
    constants = {key.upper() for key in KEYS}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in constants:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            names_kind = any(
                (isinstance(s, ast.Name) and s.id == "kind")
                or (isinstance(s, ast.Attribute) and s.attr == "kind")
                for s in sides
            )
            literals = {
                c.value
                for s in sides
                for c in ast.walk(s)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
            if names_kind and literals & set(KEYS):
                found.append((node.lineno, sorted(literals & set(KEYS))))
    return found


def test_no_code_outside_the_rule_core_tests_a_kind():
    """Adding a kind touches the rule core, its tests and the translations: no model, report or
    wizard branches on a kind (the condition's default kind aside)."""
    found = {}
    for path in sorted(ADDON.rglob("*.py")):
        relative = path.relative_to(ADDON)
        if relative.parts[0] in ("core", "tests", "migrations"):
            continue
        places = _kind_tests(path)
        if places:
            found[str(relative)] = places
    default = CONDITION_MODEL.relative_to(ADDON)
    assert found.pop(str(default), None) == [(found_line(default), "AWARD_COUNT")]
    assert not found, found


def found_line(relative):
    """The line of the condition's default kind."""
    source = (ADDON / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(source, 1) if "default=rules.AWARD_COUNT" in line)


def test_the_engine_reads_the_history_the_kinds_say():
    """models/eligibility.py derives which history feeds which kind from the registry."""
    source = (ADDON / "models" / "eligibility.py").read_text(encoding="utf-8")
    assert "kind.histories" in source and "kind.member_histories" in source
    assert _kind_tests(ADDON / "models" / "eligibility.py") == []


def test_the_raw_sql_limit_takes_its_kinds_from_the_registry():
    source = (ROOT / "benchmarks" / "bench.py").read_text(encoding="utf-8")
    assert "raw_sql_kinds(window)" in source
    assert "SQL_KINDS" not in source
