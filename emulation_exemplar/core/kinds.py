"""The condition kinds: one class per kind, each holding everything about its kind.

Defining a subclass of :class:`ConditionKind` with a ``key`` registers it in :data:`KINDS`
(definition order is the order of the selection). A kind holds:

- what it is: ``key`` (the value of ``emulation.criteria.condition.kind``; never change it),
  ``label`` (the selection's, in English), ``unit_only`` (only sets for collectives may use it),
  ``origin`` (plan 198 or the Law's titles);
- its parameters: which of :data:`PARAMETERS` (the fields of a condition) it uses
  (:meth:`ConditionKind.uses`), their checks (:meth:`ConditionKind.check`,
  :meth:`ConditionKind.check_fits`), the label and the sentence that name a condition
  (:meth:`ConditionKind.describe`, :meth:`ConditionKind.sentence`) and the :class:`Condition`
  the rule core evaluates (:meth:`ConditionKind.condition`);
- the history it reads: ``histories`` (the recipient's own: keys of :data:`HISTORIES`),
  ``member_histories`` (a unit's members'), ``member_statistics`` (whether it reads the member
  fields of the counts), and which history records counted for a result
  (:meth:`ConditionKind.counted`: their ids, which the engine stores with the verdict);
- what it compiles (:meth:`ConditionKind.compile`: the accepted keys and the need) and its
  result on one recipient (:meth:`ConditionKind.result`, cached by the history it reads);
- its line of explanation (:meth:`ConditionKind.explain`);
- ``raw_sql_windows``: the windows in which the benchmark's raw-SQL limit computes it
  (``benchmarks/bench.py``; empty: the benchmark refuses a set that uses it).

The rest derives from the registry: the Odoo selection (:func:`kind_selection`), the parameter
checks and the view's visibility (the ``uses_*`` fields of ``emulation.criteria.condition``),
the history the ORM reads (``models/eligibility.py``), the raw-SQL limit's list of kinds. Adding
a kind is its class here, its tests (``tests/``) and its translations (``i18n/``).

Every English sentence is a literal ``_("...")`` call (``_`` is the ``gettext`` given, identity
by default) so that the translation extractor finds it; placeholders are named and applied
outside the call.
"""

from dataclasses import dataclass

from .criteria import (
    ABSENCE,
    AWARD,
    CLASSIFICATION,
    CLASSIFICATION_LEVELS,
    CLASSIFICATION_RANK,
    CLUSTER,
    DISCIPLINE,
    DISCIPLINE_FORMS,
    DISCIPLINE_RANK,
    INITIATIVE,
    INITIATIVE_LEVELS,
    INITIATIVE_RANK,
    MEMBER_BASES,
    WINDOW_FIXED,
    WINDOW_ROLLING,
    Condition,
    ConditionResult,
    award_keys,
    ranked_levels,
)

# the read that stands for the member fields of RecipientCounts (:attr:`ConditionKind.reads`)
MEMBERS = "members"
PLAN = "plan 198"
LAW = "Law 06/2022/QH15"


@dataclass(frozen=True)
class Parameter:
    """A parameter of a condition: ``name`` is the field of ``emulation.criteria.condition``,
    ``attribute`` the attribute of :class:`Condition` it sets; ``required``: the officer must
    choose a value when the kind uses it."""

    name: str
    attribute: str
    required: bool


PARAMETERS = (
    Parameter("min_count", "min_count", False),
    Parameter("award_type_ids", "award_type_ids", True),
    Parameter("initiative_level", "level", True),
    Parameter("applied_only", "applied_only", False),
    Parameter("classification_level", "level", True),
    Parameter("ratio", "ratio", True),
    Parameter("member_basis", "member_basis", True),
    Parameter("discipline_form", "form", True),
    Parameter("any_award_method", "any_method", False),
)
PARAMETER_NAMES = tuple(parameter.name for parameter in PARAMETERS)

# key -> the ConditionKind instance, in definition order
KINDS = {}


def _identity(source):
    return source


def _value_label(values, name, labels):
    """The label of the value of the selection parameter ``name`` (its key without a label)."""
    value = values.get(name)
    return (labels or {}).get(name, {}).get(value) or value or ""


class CompiledCondition:
    """A condition compiled for one evaluation: its kind, accepted keys and need, the period and
    the evaluation year, and the cache of its results (equal histories share one result)."""

    __slots__ = ("condition", "kind", "accepted", "need", "cache", "period", "year", "rolling")

    def __init__(self, condition, kind, accepted, need, scope):
        self.condition = condition
        self.kind = kind
        self.accepted = accepted
        self.need = need
        self.cache = {}
        self.period = scope.period
        self.year = scope.year
        self.rolling = scope.rolling


class ConditionKind:
    """A kind of condition; subclasses with a ``key`` are registered in :data:`KINDS`."""

    key = None
    label = ""
    origin = PLAN
    unit_only = False
    # the names of PARAMETERS it uses, in that order (see :meth:`uses`)
    parameters = ()
    # the parameter whose label :meth:`describe` gives
    label_parameter = None
    # the recipient's histories it reads (keys of HISTORIES), and a unit's members'
    histories = frozenset()
    member_histories = frozenset()
    # whether it reads the member statistics of the counts (members, member levels and awards)
    member_statistics = False
    # the history (key of HISTORIES) whose records :meth:`counted` names; None: it names none
    names = None
    # the windows in which the benchmark's raw-SQL limit computes it
    raw_sql_windows = ()

    def __init_subclass__(cls, **kwargs):
        """Register a kind (a subclass with a ``key``)."""
        result = super().__init_subclass__(**kwargs)
        if cls.key:
            if cls.key in KINDS:
                raise ValueError("The condition kind %r is defined twice." % cls.key)
            KINDS[cls.key] = cls()
        return result

    def __repr__(self):
        return "<%s %r>" % (type(self).__name__, self.key)

    @property
    def reads(self):
        """What it reads of a recipient's counts: its histories, and :data:`MEMBERS`."""
        if self.member_statistics:
            return self.histories | {MEMBERS}
        return self.histories

    # ------------------------------------------------------------------ parameters
    def uses(self, values):
        """The names of the parameters it uses with these parameter ``values`` ({name:
        value}: a kind may use a parameter depending on another)."""
        return self.parameters

    def check(self, values, name="", gettext=None):
        """The first problem of the parameter ``values`` for this kind, as a sentence telling the
        officer what to fix (``name``: the condition's), or ``None``."""
        _ = gettext or _identity
        uses = self.uses(values)
        if "min_count" in uses and (values.get("min_count") or 0) < 1:
            return _("A condition needs a number of at least 1 (%(name)s).") % {"name": name}
        if "award_type_ids" in uses and not values.get("award_type_ids"):
            return _("Choose the award types that count for the condition “%(name)s”.") % {
                "name": name
            }
        if "initiative_level" in uses and not values.get("initiative_level"):
            return _("Choose the initiative level of the condition.")
        if "classification_level" in uses and not values.get("classification_level"):
            return _("Choose the classification level of the condition.")
        if ("ratio" in uses or "member_basis" in uses) and not (
            0 < (values.get("ratio") or 0) <= 100 and values.get("member_basis")
        ):
            return _(
                "The condition “%(name)s” needs a share of members above 0 and at most 100 %% and what makes a member qualify."  # noqa: E501
            ) % {"name": name}
        if "discipline_form" in uses and not values.get("discipline_form"):
            return _("Choose the discipline form of the condition.")
        return None

    def check_fits(self, values, collective, years, name="", gettext=None):
        """The problem of a condition with these parameter ``values`` in a criteria set (for
        collectives or not, looking at ``years`` years), or ``None``."""
        _ = gettext or _identity
        if self.unit_only and not collective:
            return _(
                "The condition “%(name)s” is about a unit's members: it belongs in a criteria set for collectives."  # noqa: E501
            ) % {"name": name}
        return None

    def condition(self, values, label="", key=None):
        """The :class:`Condition` of these parameter ``values`` (the parameters it does not use
        keep their defaults)."""
        uses = self.uses(values)
        attributes = {}
        for parameter in PARAMETERS:
            if parameter.name in uses:
                value = values.get(parameter.name)
                if parameter.name == "award_type_ids":
                    value = frozenset(value or ())
                elif parameter.name == "any_award_method":
                    value = bool(value)
                attributes[parameter.attribute] = value
        return Condition(kind=self.key, label=label, key=key, **attributes)

    def describe(self, values, awards="", labels=None, gettext=None):
        """What a condition with these parameter ``values`` counts, for its :class:`Condition`'s
        label and its sentence: ``awards`` the names of its award types, ``labels`` the label of
        each value of the selection parameters (``{parameter name: {key: label}}``)."""
        name = self.label_parameter
        if name == "award_type_ids":
            return _awards_label(values, awards, gettext)
        return _value_label(values, name, labels)

    def sentence(self, values, label, gettext=None):
        """The sentence that names a condition with these parameter ``values`` and ``label``
        (its display name)."""
        _ = gettext or _identity
        return _("At least %(count)s × %(label)s") % {
            "count": values.get("min_count"),
            "label": label,
        }

    # ------------------------------------------------------------------ history
    def counted(self, compiled, result, counts):
        """The ids of the records of its history :attr:`names` that counted for ``result`` (this
        kind's result of the :class:`CompiledCondition` ``compiled`` on ``counts``, the
        recipient's :class:`RecipientCounts`, its ``*_ids`` fields): exactly those behind the
        result's figures. Called only when the recipient has ids of that history. A kind that
        names no record of the recipient's own history (the member kinds) names none."""
        return ()

    # ------------------------------------------------------------------ evaluation
    def compile(self, condition, scope):
        """(accepted keys, need) of ``condition`` for an evaluation whose ``scope`` gives the
        ``period`` (the years that count), the evaluation ``year`` and whether the window is
        ``rolling``; ``ValueError`` on invalid parameters."""
        raise NotImplementedError

    def result(self, compiled, history):
        """The :class:`ConditionResult` of the :class:`CompiledCondition` ``compiled`` on one
        recipient's ``history`` (its ``awards`` ``{type id: sorted years}``, ``initiatives``
        ``[(level, applied, year, count)]`` and ``levels`` (one per year of the period) within
        the period; with the kinds that read them, the ``forms`` (the heaviest discipline of
        each year of the period) and ``members`` (member count, ``{level: members}``, ``((award
        type set, members), ...)`` of the evaluation year))."""
        raise NotImplementedError

    # ------------------------------------------------------------------ explanation
    def explain(self, result, values, text):
        """The line of explanation of ``result``: ``values`` are the placeholders every line
        may use (have, need, missing, years, period, level, year, members, span), ``text`` the
        explanation's gettext (``text.gettext``), ``level_label``, ``window`` and helpers."""
        raise NotImplementedError


# ---------------------------------------------------------------------------- shared helpers
def _counted(compiled, years):
    """The result of a count of the items of ``years`` (one entry per item), cached by them."""
    cache = compiled.cache
    result = cache.get(years)
    if result is None:
        need = compiled.need
        have = len(years)
        missing = need - have if need > have else 0
        result = cache[years] = ConditionResult(
            compiled.condition, missing == 0, have, need, missing, years
        )
    return result


def _awards_label(values, awards, gettext):
    """The names of the award types of a condition, and whether every method counts."""
    _ = gettext or _identity
    if values.get("any_award_method"):
        return _("%(awards)s (any method)") % {"awards": awards}
    return awards


def _in_period(compiled):
    return compiled.period[0], compiled.period[-1]


def _award_ids(compiled, counts, years=None):
    """The ids of the awards of the accepted keys of ``compiled`` in the period (or in
    ``years``)."""
    accepted = compiled.accepted
    first, last = _in_period(compiled)
    return [
        award_id
        for (key, year), ids in counts.award_ids.items()
        if key in accepted and first <= year <= last and (years is None or year in years)
        for award_id in ids
    ]


def _classification_ids(result, counts):
    """The ids of the classifications of the years that counted for ``result``."""
    ids = counts.classification_ids
    return [ids[year] for year in result.years if year in ids]


def _classification_levels(condition):
    return ranked_levels(
        CLASSIFICATION_LEVELS, CLASSIFICATION_RANK, condition.level, condition, better=True
    )


def _count_lines(result, values, text):
    """The line of an award or initiative count (``values["label"]`` set)."""
    _ = text.gettext
    if result.met:
        if result.years:
            return _("Met: %(have)s × %(label)s (%(years)s)") % values
        return _("Met: %(have)s × %(label)s") % values
    if result.years:
        return _("Missing %(missing)s × %(label)s (has %(have)s of %(need)s: %(years)s)") % values
    return _("Missing %(missing)s × %(label)s (has %(have)s of %(need)s)") % values


def _one_year_classification(result, values, text):
    """The line of a classification condition on a one-year period: "in 2026 classified good
    or better", and when not met, what the year's classification is."""
    _ = text.gettext
    if result.met:
        return _("Met: in %(period)s classified %(level)s or better") % values
    values["had"] = text.failing_level(result)
    if values["had"]:
        return _("Missing: in %(period)s classified %(had)s, not %(level)s or better") % values
    return _("Missing: in %(period)s not classified yet (%(level)s or better needed)") % values


def _default_award_label(text):
    _ = text.gettext
    return _("award of the chosen types")


def _members_needed(ratio, members):
    """The fewest of ``members`` that make at least ``ratio`` percent: ceil(ratio × members /
    100), without the float noise of a ratio such as 70.00000000000001."""
    exact = ratio * members
    needed = int(exact // 100)
    if exact - needed * 100 > 1e-9 * max(1.0, exact):
        needed += 1
    return needed


# ---------------------------------------------------------------------------- plan 198's kinds
class AwardCount(ConditionKind):
    """At least ``min_count`` awards of ``award_type_ids`` in the period. ``have``: the awards
    counted, ``missing``: ``need - have``; ``years``: one entry per counted award."""

    key = "award_count"
    label = "At least N awards of the given types"
    parameters = ("min_count", "award_type_ids", "any_award_method")
    label_parameter = "award_type_ids"
    histories = frozenset({AWARD})
    raw_sql_windows = (WINDOW_FIXED, WINDOW_ROLLING)

    names = AWARD

    def counted(self, compiled, result, counts):
        return _award_ids(compiled, counts)

    def compile(self, condition, scope):
        return award_keys(condition.award_type_ids, condition.any_method), condition.min_count

    def result(self, compiled, history):
        awards = history.awards
        if not awards:
            years = ()
        else:
            accepted = compiled.accepted
            if len(accepted) < len(awards):
                found = [awards[t] for t in accepted if t in awards]
            else:
                found = [ys for t, ys in awards.items() if t in accepted]
            if not found:
                years = ()
            elif len(found) == 1:
                years = tuple(found[0])
            else:
                years = tuple(sorted(year for ys in found for year in ys))
        return _counted(compiled, years)

    def explain(self, result, values, text):
        values["label"] = result.condition.label or _default_award_label(text)
        return _count_lines(result, values, text)


class InitiativeCount(ConditionKind):
    """At least ``min_count`` initiatives of ``level`` or higher in the period (only those
    applied effectively with ``applied_only``). ``have``: the initiatives counted."""

    key = "initiative_count"
    label = "At least N initiatives of a level or higher"
    parameters = ("min_count", "initiative_level", "applied_only")
    histories = frozenset({INITIATIVE})
    raw_sql_windows = (WINDOW_FIXED, WINDOW_ROLLING)

    @staticmethod
    def _label(level, applied_only, _):
        if applied_only:
            return _("initiative of %(level)s level or higher, applied effectively") % {
                "level": level
            }
        return _("initiative of %(level)s level or higher") % {"level": level}

    def describe(self, values, awards="", labels=None, gettext=None):
        level = _value_label(values, "initiative_level", labels)
        return self._label(level, values.get("applied_only"), gettext or _identity)

    names = INITIATIVE

    def counted(self, compiled, result, counts):
        accepted = compiled.accepted
        applied_only = compiled.condition.applied_only
        first, last = _in_period(compiled)
        return [
            initiative_id
            for (level, applied, year), ids in counts.initiative_ids.items()
            if level in accepted and (applied or not applied_only) and first <= year <= last
            for initiative_id in ids
        ]

    def compile(self, condition, scope):
        accepted = ranked_levels(
            INITIATIVE_LEVELS, INITIATIVE_RANK, condition.level, condition, better=False
        )
        return accepted, condition.min_count

    def result(self, compiled, history):
        initiatives = history.initiatives
        if not initiatives:
            years = ()
        else:
            accepted = compiled.accepted
            applied_only = compiled.condition.applied_only
            found = []
            for level, applied, year, count in initiatives:
                if level in accepted and (applied or not applied_only):
                    found.extend((year,) * count)
            found.sort()
            years = tuple(found)
        return _counted(compiled, years)

    def explain(self, result, values, text):
        condition = result.condition
        values["label"] = condition.label or self._label(
            values["level"], condition.applied_only, text.gettext
        )
        return _count_lines(result, values, text)


class ClassificationCount(ConditionKind):
    """At least ``min_count`` years of the period classified at ``level`` or better. ``have``:
    the years counted; ``years``: those years."""

    key = "classification_count"
    label = "At least N years classified at a level or better"
    parameters = ("min_count", "classification_level")
    label_parameter = "classification_level"
    histories = frozenset({CLASSIFICATION})
    raw_sql_windows = (WINDOW_FIXED, WINDOW_ROLLING)

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("At least %(count)s years classified %(label)s or better") % {
            "count": values.get("min_count"),
            "label": label,
        }

    names = CLASSIFICATION

    def counted(self, compiled, result, counts):
        return _classification_ids(result, counts)

    def compile(self, condition, scope):
        return _classification_levels(condition), condition.min_count

    def result(self, compiled, history):
        levels = history.levels
        cache = compiled.cache
        result = cache.get(levels)
        if result is None:
            accepted = compiled.accepted
            years = tuple(
                year
                for year, level in zip(compiled.period, levels, strict=True)
                if level in accepted
            )
            need = compiled.need
            have = len(years)
            missing = need - have if need > have else 0
            result = cache[levels] = ConditionResult(
                compiled.condition, missing == 0, have, need, missing, years
            )
        return result

    def explain(self, result, values, text):
        _ = text.gettext
        if text.one_year and result.need == 1:
            if result.met:
                return _("Met: in %(period)s classified %(level)s or better") % values
            return _("Missing: in %(period)s not classified %(level)s or better") % values
        if result.met:
            if result.years:
                return (
                    _("Met: %(have)s year(s) classified %(level)s or better (%(years)s)") % values
                )
            return _("Met: %(have)s year(s) classified %(level)s or better") % values
        if result.years:
            return (
                _(
                    "Missing %(missing)s year(s) classified %(level)s or better (has %(have)s of %(need)s: %(years)s)"  # noqa: E501
                )
                % values
            )
        return (
            _(
                "Missing %(missing)s year(s) classified %(level)s or better (has %(have)s of %(need)s)"  # noqa: E501
            )
            % values
        )


class ClassificationEveryYear(ConditionKind):
    """Every year of the period classified at ``level`` or better. ``need``: the years of the
    period; ``missing``: the failing years (``missing_years``, with their level in
    ``missing_levels``, ``None``: no classification)."""

    key = "classification_every_year"
    label = "Every year of the period classified at a level or better"
    parameters = ("classification_level",)
    label_parameter = "classification_level"
    histories = frozenset({CLASSIFICATION})
    raw_sql_windows = (WINDOW_FIXED, WINDOW_ROLLING)

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("Every year classified %(label)s or better") % {"label": label}

    names = CLASSIFICATION

    def counted(self, compiled, result, counts):
        return _classification_ids(result, counts)

    def compile(self, condition, scope):
        return _classification_levels(condition), len(scope.period)

    def result(self, compiled, history):
        levels = history.levels
        cache = compiled.cache
        result = cache.get(levels)
        if result is None:
            accepted = compiled.accepted
            period = compiled.period
            years = tuple(
                year for year, level in zip(period, levels, strict=True) if level in accepted
            )
            failing = [
                (year, level)
                for year, level in zip(period, levels, strict=True)
                if level not in accepted
            ]
            missing_years = tuple(year for year, _level in failing)
            missing_levels = tuple(level for _year, level in failing)
            missing = len(missing_years)
            result = cache[levels] = ConditionResult(
                compiled.condition,
                missing == 0,
                len(years),
                compiled.need,
                missing,
                years,
                missing_years,
                missing_levels,
            )
        return result

    def explain(self, result, values, text):
        _ = text.gettext
        if text.one_year:
            return _one_year_classification(result, values, text)
        if result.met:
            return _("Met: classified %(level)s or better in every year %(period)s") % values
        values["failing"] = text.failing_levels(result)
        return (
            _(
                "Missing: classified %(level)s or better in every year %(period)s; not met in %(failing)s"  # noqa: E501
            )
            % values
        )


# ---------------------------------------------------------------------------- the Law's kinds
class _StreakKind(ConditionKind):
    """At least ``min_count`` (N) consecutive years, each qualifying. In a fixed window the run
    may lie anywhere in the period; in a rolling window it must end at the evaluation year.
    ``have``: the length of the run that counts (fixed: the longest, the latest of equal ones;
    rolling: the run ending at the evaluation year), ``years``: its years; met when ``have >=
    need``. ``missing``: the fewest years still failing in N consecutive years of the period
    (rolling: the N years ending at the evaluation year), i.e. how many years must still
    qualify to complete a run; those years are ``missing_years``. When the period is shorter
    than N the run can never be completed: ``missing`` adds the years that do not fit (the ORM
    refuses such a set: :meth:`check_fits`).

    A discipline of the recipient's own restarts the run (Decree 152/2025/NĐ-CP, art. 4:
    achievements count from the day its term ends, :func:`~.criteria.effect_years`): the years
    of the period up to the last one in which it was in effect do not qualify, and the result
    names that year (``restarted_after``)."""

    origin = LAW

    def check_fits(self, values, collective, years, name="", gettext=None):
        problem = super().check_fits(values, collective, years, name=name, gettext=gettext)
        if problem:
            return problem
        _ = gettext or _identity
        count = values.get("min_count") or 0
        if count > years:
            return _(
                "The condition “%(name)s” asks for %(count)s consecutive years, but the criteria set looks at %(years)s years only: lengthen the window or lower the number."  # noqa: E501
            ) % {"name": name, "count": count, "years": years}
        return None

    def compile(self, condition, scope):
        if condition.min_count < 1:
            raise ValueError(
                "A streak needs at least 1 year, not %r (condition %r)."
                % (condition.min_count, condition.label or condition.key)
            )
        return self._accepted(condition), condition.min_count

    def _accepted(self, condition):
        raise NotImplementedError

    @staticmethod
    def _streak(compiled, flags, levels, restart=0):
        """The result of a streak of ``compiled.need`` consecutive years; ``flags`` says whether
        each year of the period qualifies, ``levels`` (or ``None``) is its classification;
        the first ``restart`` years of the period do not qualify (a discipline was in effect)."""
        condition, need, period = compiled.condition, compiled.need, compiled.period
        size = len(period)
        restarted_after = None
        if restart:
            flags = (False,) * restart + tuple(flags[restart:])
            restarted_after = period[restart - 1]
        rolling = compiled.rolling
        # the run that counts: rolling, the one ending at the evaluation year; fixed, the
        # longest (the latest of equal ones)
        run = run_end = 0
        if rolling:
            run_end = size
            while run < size and flags[size - 1 - run]:
                run += 1
        else:
            current = 0
            for i, qualifies in enumerate(flags):
                current = current + 1 if qualifies else 0
                if current and current >= run:
                    run, run_end = current, i + 1
        years = period[run_end - run : run_end]
        if run >= need:
            return ConditionResult(
                condition, True, run, need, 0, years, restarted_after=restarted_after
            )
        # the fewest failing years of need consecutive years (rolling: ending at the
        # evaluation year); a period shorter than need can never hold the run
        if need > size:
            starts, span = (0,), size
        elif rolling:
            starts, span = (size - need,), need
        else:
            starts, span = range(size - need + 1), need
        best = None
        for start in starts:
            failing = [i for i in range(start, start + span) if not flags[i]]
            if best is None or len(failing) <= len(best):
                best = failing
        missing = len(best) + (need - size if need > size else 0)
        return ConditionResult(
            condition,
            False,
            run,
            need,
            missing,
            years,
            tuple(period[i] for i in best),
            tuple(levels[i] for i in best) if levels is not None else (),
            restarted_after=restarted_after,
        )

    @staticmethod
    def _restarted(result, line, text):
        """``line``, followed by why the years up to a discipline's term do not count."""
        if result.restarted_after is None or result.met:
            return line
        _ = text.gettext
        return line + _(
            " (the years up to %(year)s do not count: a discipline was in effect; achievements count from the end of its term)"  # noqa: E501
        ) % {"year": result.restarted_after}


class AwardStreak(_StreakKind):
    """A streak of years each holding an award of ``award_type_ids`` (see :class:`_StreakKind`;
    several such awards in a year count once)."""

    key = "award_streak"
    label = "At least N consecutive years each with an award of the given types"
    parameters = ("min_count", "award_type_ids", "any_award_method")
    label_parameter = "award_type_ids"
    histories = frozenset({AWARD, DISCIPLINE})
    # the raw-SQL statement counts the years of the N ending at the evaluated year
    raw_sql_windows = (WINDOW_ROLLING,)

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("At least %(count)s consecutive years of %(label)s") % {
            "count": values.get("min_count"),
            "label": label,
        }

    names = AWARD

    def counted(self, compiled, result, counts):
        if not result.years:
            return ()
        return _award_ids(compiled, counts, frozenset(result.years))

    def _accepted(self, condition):
        return award_keys(condition.award_type_ids, condition.any_method)

    def result(self, compiled, history):
        held = set()
        awards = history.awards
        if awards:
            for type_id in compiled.accepted:
                years = awards.get(type_id)
                if years:
                    held.update(years)
        flags = tuple(year in held for year in compiled.period)
        restart = history.restart
        key = (flags, restart)
        cache = compiled.cache
        result = cache.get(key)
        if result is None:
            result = cache[key] = self._streak(compiled, flags, None, restart)
        return result

    def explain(self, result, values, text):
        return self._restarted(result, self._line(result, values, text), text)

    def _line(self, result, values, text):
        _ = text.gettext
        window = text.window
        values["label"] = result.condition.label or _default_award_label(text)
        if result.met:
            return _("Met: %(have)s consecutive years with %(label)s (%(span)s)") % values
        if result.need > window.size:
            return (
                _(
                    "Missing: %(need)s consecutive years with %(label)s, more than the period %(period)s"  # noqa: E501
                )
                % values
            )
        values["failing"] = text.years(result.missing_years)
        if window.rolling:
            return (
                _(
                    "Missing: %(need)s consecutive years with %(label)s up to %(year)s; none in %(failing)s"  # noqa: E501
                )
                % values
            )
        return (
            _(
                "Missing: %(need)s consecutive years with %(label)s within %(period)s; none in %(failing)s"  # noqa: E501
            )
            % values
        )


class ClassificationStreak(_StreakKind):
    """A streak of years each classified at ``level`` or better (see :class:`_StreakKind`); the
    levels of the failing years are ``missing_levels``."""

    key = "classification_streak"
    label = "At least N consecutive years classified at a level or better"
    parameters = ("min_count", "classification_level")
    label_parameter = "classification_level"
    histories = frozenset({CLASSIFICATION, DISCIPLINE})

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("At least %(count)s consecutive years classified %(label)s or better") % {
            "count": values.get("min_count"),
            "label": label,
        }

    names = CLASSIFICATION

    def counted(self, compiled, result, counts):
        return _classification_ids(result, counts)

    def _accepted(self, condition):
        return _classification_levels(condition)

    def result(self, compiled, history):
        levels = history.levels
        restart = history.restart
        key = (levels, restart)
        cache = compiled.cache
        result = cache.get(key)
        if result is None:
            accepted = compiled.accepted
            flags = tuple(level in accepted for level in levels)
            result = cache[key] = self._streak(compiled, flags, levels, restart)
        return result

    def explain(self, result, values, text):
        return self._restarted(result, self._line(result, values, text), text)

    def _line(self, result, values, text):
        _ = text.gettext
        window = text.window
        if result.met:
            return (
                _("Met: %(have)s consecutive years classified %(level)s or better (%(span)s)")
                % values
            )
        if result.need > window.size:
            return (
                _(
                    "Missing: %(need)s consecutive years classified %(level)s or better, more than the period %(period)s"  # noqa: E501
                )
                % values
            )
        values["failing"] = text.failing_levels(result)
        if window.rolling:
            return (
                _(
                    "Missing: %(need)s consecutive years classified %(level)s or better up to %(year)s; not met in %(failing)s"  # noqa: E501
                )
                % values
            )
        return (
            _(
                "Missing: %(need)s consecutive years classified %(level)s or better within %(period)s; not met in %(failing)s"  # noqa: E501
            )
            % values
        )


class _MemberKind(ConditionKind):
    """A condition on a unit's members in the evaluation year; its result is cached by (the
    qualifying members, the members)."""

    origin = LAW
    unit_only = True
    member_statistics = True

    def _have(self, compiled, member_levels, award_sets):
        """The qualifying members."""
        accepted = compiled.accepted
        return sum(count for type_ids, count in award_sets if not accepted.isdisjoint(type_ids))

    def _needed(self, compiled, members):
        return compiled.need

    def result(self, compiled, history):
        total, member_levels, award_sets = history.members
        have = self._have(compiled, member_levels, award_sets)
        key = (have, max(total, have))
        cache = compiled.cache
        result = cache.get(key)
        if result is None:
            have, total = key
            needed = self._needed(compiled, total)
            missing = needed - have if needed > have else 0
            years = (compiled.year,) if have else ()
            result = cache[key] = ConditionResult(
                compiled.condition, missing == 0, have, needed, missing, years, members=total
            )
        return result


class MemberRatio(_MemberKind):
    """At least ``ratio`` % of the unit's members in the evaluation year qualify; with
    ``member_basis="classification"`` a member qualifies when classified at ``level`` or better
    that year, with ``member_basis="award"`` when holding an award of ``award_type_ids`` that
    year. ``members``: the member count (at least the qualifying ones), ``have``: the
    qualifying members, ``need``: ``ceil(ratio × members / 100)``, ``missing``: ``need -
    have``. A unit without members in the evaluation year is not met, with ``need`` 1 and
    ``missing`` 1 (one qualifying member would make 100 %). ``years``: ``(evaluation year,)``
    when a member counted."""

    key = "member_ratio"
    label = "At least P % of the unit's members qualify (units)"
    member_histories = frozenset({CLASSIFICATION, AWARD})
    raw_sql_windows = (WINDOW_FIXED, WINDOW_ROLLING)

    def uses(self, values):
        basis = values.get("member_basis")
        if basis == "award":
            return ("award_type_ids", "ratio", "member_basis", "any_award_method")
        if basis == "classification":
            return ("classification_level", "ratio", "member_basis")
        return ("ratio", "member_basis")

    def describe(self, values, awards="", labels=None, gettext=None):
        if values.get("member_basis") == "award":
            return _awards_label(values, awards, gettext)
        return _value_label(values, "classification_level", labels)

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        ratio = ("%.2f" % (values.get("ratio") or 0)).rstrip("0").rstrip(".")
        if values.get("member_basis") == "classification":
            return _("At least %(ratio)s %% of the members classified %(label)s or better") % {
                "ratio": ratio,
                "label": label,
            }
        return _("At least %(ratio)s %% of the members with %(label)s") % {
            "ratio": ratio,
            "label": label,
        }

    def compile(self, condition, scope):
        name = condition.label or condition.key
        ratio = condition.ratio
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 < ratio <= 100:
            raise ValueError(
                "The ratio %r of condition %r is not valid: expected a percentage above 0 and "
                "at most 100." % (ratio, name)
            )
        if condition.member_basis == "classification":
            accepted = _classification_levels(condition)
        elif condition.member_basis == "award":
            accepted = award_keys(condition.award_type_ids, condition.any_method)
        else:
            raise ValueError(
                "Unknown member basis %r in condition %r: expected one of %s."
                % (condition.member_basis, name, ", ".join(MEMBER_BASES))
            )
        return accepted, ratio

    def _have(self, compiled, member_levels, award_sets):
        if compiled.condition.member_basis == "classification":
            accepted = compiled.accepted
            return sum(count for level, count in member_levels.items() if level in accepted)
        return super()._have(compiled, member_levels, award_sets)

    def _needed(self, compiled, members):
        if members == 0:
            return 1  # no member: one qualifying member would make 100 %
        return _members_needed(compiled.need, members)

    def explain(self, result, values, text):
        _ = text.gettext
        condition = result.condition
        values["label"] = condition.label or _default_award_label(text)
        values["ratio"] = "%g" % condition.ratio
        if condition.member_basis == "classification":
            if result.met:
                return (
                    _(
                        "Met: %(have)s of %(members)s members classified %(level)s or better in %(year)s (at least %(ratio)s%%)"  # noqa: E501
                    )
                    % values
                )
            if not result.members:
                return (
                    _(
                        "Missing: no members in %(year)s, of whom at least %(ratio)s%% must be classified %(level)s or better"  # noqa: E501
                    )
                    % values
                )
            return (
                _(
                    "Missing %(missing)s member(s) classified %(level)s or better in %(year)s: has %(have)s of %(members)s, needs %(need)s (%(ratio)s%%)"  # noqa: E501
                )
                % values
            )
        if result.met:
            return (
                _(
                    "Met: %(have)s of %(members)s members with %(label)s in %(year)s (at least %(ratio)s%%)"  # noqa: E501
                )
                % values
            )
        if not result.members:
            return (
                _(
                    "Missing: no members in %(year)s, of whom at least %(ratio)s%% must have %(label)s"  # noqa: E501
                )
                % values
            )
        return (
            _(
                "Missing %(missing)s member(s) with %(label)s in %(year)s: has %(have)s of %(members)s, needs %(need)s (%(ratio)s%%)"  # noqa: E501
            )
            % values
        )


class MemberCount(_MemberKind):
    """At least ``min_count`` members hold an award of ``award_type_ids`` in the evaluation year
    (a member holding several such awards counts once)."""

    key = "member_count"
    label = "At least N members hold an award of the given types (units)"
    parameters = ("min_count", "award_type_ids", "any_award_method")
    label_parameter = "award_type_ids"
    member_histories = frozenset({AWARD})

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("At least %(count)s members with %(label)s") % {
            "count": values.get("min_count"),
            "label": label,
        }

    def compile(self, condition, scope):
        return award_keys(condition.award_type_ids, condition.any_method), condition.min_count

    def explain(self, result, values, text):
        _ = text.gettext
        values["label"] = result.condition.label or _default_award_label(text)
        if result.met:
            return _("Met: %(have)s member(s) with %(label)s in %(year)s") % values
        return (
            _(
                "Missing %(missing)s member(s) with %(label)s in %(year)s (has %(have)s of %(need)s)"  # noqa: E501
            )
            % values
        )


class NoDiscipline(ConditionKind):
    """No discipline of ``form`` or heavier (:data:`DISCIPLINE_FORMS`, lightest first) in any
    year of the period, a discipline blocking every year from the one it counts for through
    the year its term ends (:func:`~.criteria.effect_years`, Decree 152/2025/NĐ-CP art. 4); for
    a unit, the counts give the heaviest discipline in effect of its members per year.
    ``need``: the years of the period, ``have``: the years without such a discipline
    (``years``), ``missing``: the years with one (``missing_years``, their heaviest form in
    ``missing_levels``): these cannot be made up by recording anything, they block until they
    leave the window."""

    key = "no_discipline"
    label = "No discipline of a form or heavier"
    origin = LAW
    parameters = ("discipline_form",)
    label_parameter = "discipline_form"
    histories = frozenset({DISCIPLINE})
    member_histories = frozenset({DISCIPLINE})

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("No discipline of %(label)s or heavier") % {"label": label}

    names = DISCIPLINE

    def counted(self, compiled, result, counts):
        """The disciplines that blocked: of the form or heavier, in the failing years."""
        if not result.missing_years:
            return ()
        accepted = compiled.accepted
        found = counts.discipline_ids
        return [
            discipline_id
            for year in result.missing_years
            for discipline_id, form in found.get(year, ())
            if form in accepted
        ]

    def compile(self, condition, scope):
        forms = ranked_levels(
            DISCIPLINE_FORMS, DISCIPLINE_RANK, condition.form, condition, better=False
        )
        return forms, len(scope.period)

    def result(self, compiled, history):
        forms = history.forms
        cache = compiled.cache
        result = cache.get(forms)
        if result is None:
            accepted = compiled.accepted
            period = compiled.period
            blocking = [i for i, form in enumerate(forms) if form in accepted]
            result = cache[forms] = ConditionResult(
                compiled.condition,
                not blocking,
                len(period) - len(blocking),
                compiled.need,
                len(blocking),
                tuple(year for i, year in enumerate(period) if forms[i] not in accepted),
                tuple(period[i] for i in blocking),
                tuple(forms[i] for i in blocking),
            )
        return result

    def explain(self, result, values, text):
        _ = text.gettext
        values["form"] = text.level_label(result.condition.form)
        if text.one_year:
            if result.met:
                return _("Met: in %(period)s no discipline of %(form)s or heavier") % values
            values["had"] = text.failing_level(result) or values["form"]
            return _("Missing: in %(period)s disciplined with %(had)s") % values
        if result.met:
            return _("Met: no discipline of %(form)s or heavier in %(period)s") % values
        values["failing"] = text.failing_levels(result)
        return (
            _(
                "Missing: no discipline of %(form)s or heavier in %(period)s; disciplined in %(failing)s"  # noqa: E501
            )
            % values
        )


class LeadsCluster(ConditionKind):
    """The unit leads its emulation cluster or block (cụm, khối thi đua) in the evaluation
    year: the ranking its cluster's meeting decided that year marks it as leading (Law
    06/2022/QH15, art. 26: the provincial emulation flag goes to the collectives leading their
    clusters and blocks). ``need`` 1; ``have`` 1 when it leads (``years``: the evaluation year);
    else ``missing`` 1, ``missing_years`` the evaluation year and ``missing_levels`` its rank
    that year (``None``: not ranked by any cluster or block). Only a ranking recorded as decided
    counts; a unit cannot make it up by recording anything else."""

    key = "cluster_lead"
    label = "Leads its emulation cluster or block in the year (units)"
    origin = LAW
    unit_only = True
    histories = frozenset({CLUSTER})

    def describe(self, values, awards="", labels=None, gettext=None):
        _ = gettext or _identity
        return _("leads its emulation cluster or block")

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("Leads its emulation cluster or block in the evaluated year")

    def compile(self, condition, scope):
        return None, 1

    def result(self, compiled, history):
        standing = history.standing
        cache = compiled.cache
        result = cache.get(standing)
        if result is None:
            year = compiled.year
            if standing and standing[1]:
                result = ConditionResult(compiled.condition, True, 1, 1, 0, (year,))
            else:
                rank = standing[0] if standing and standing[0] else None
                result = ConditionResult(compiled.condition, False, 0, 1, 1, (), (year,), (rank,))
            cache[standing] = result
        return result

    def explain(self, result, values, text):
        _ = text.gettext
        if result.met:
            return _("Met: leads its emulation cluster or block in %(year)s") % values
        rank = result.missing_levels[0] if result.missing_levels else None
        if rank:
            values["rank"] = rank
            return (
                _(
                    "Missing: does not lead its emulation cluster or block in %(year)s (ranked %(rank)s)"  # noqa: E501
                )
                % values
            )
        return _("Missing: not ranked by an emulation cluster or block in %(year)s") % values


def _year_days(year):
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def _months_text(months):
    """7.5, 10 (one decimal, none when whole)."""
    text = "%.1f" % months
    return text[:-2] if text.endswith(".0") else text


class MonthsWorked(ConditionKind):
    """At least ``min_count`` (N, 1 to 12) months worked in each year of the period, for a
    person. A year's months worked are its days less the days not worked that the officer
    recorded (leave, the days before recruitment or after leaving), in months of that year
    (days × 12 / the year's days); maternity leave counts as time worked (Decree
    152/2025/NĐ-CP, art. 4(5)): it is recorded, and never deducted. ``need``: the years of the
    period, ``have``: the years with N months or more (``years``), ``missing``: the others
    (``missing_years``, the months worked of each in ``missing_levels``): like a discipline,
    they cannot be made up, they block until they leave the window."""

    key = "months_worked"
    label = "At least N months worked in each year (maternity leave counts as worked)"
    origin = LAW
    parameters = ("min_count",)
    histories = frozenset({ABSENCE})

    def check(self, values, name="", gettext=None):
        problem = super().check(values, name=name, gettext=gettext)
        if problem:
            return problem
        _ = gettext or _identity
        if (values.get("min_count") or 0) > 12:
            return _(
                "The condition “%(name)s” asks for more than 12 months worked in a year: choose 12 or fewer."  # noqa: E501
            ) % {"name": name}
        return None

    def check_fits(self, values, collective, years, name="", gettext=None):
        _ = gettext or _identity
        if collective:
            return _(
                "The condition “%(name)s” is about a person's time worked: it belongs in a criteria set for individuals."  # noqa: E501
            ) % {"name": name}
        return None

    def sentence(self, values, label, gettext=None):
        _ = gettext or _identity
        return _("At least %(count)s months worked in each year") % {
            "count": values.get("min_count")
        }

    def compile(self, condition, scope):
        if not 1 <= (condition.min_count or 0) <= 12:
            raise ValueError(
                "Months worked in a year must be 1 to 12, not %r (condition %r)."
                % (condition.min_count, condition.label or condition.key)
            )
        return condition.min_count, len(scope.period)

    def result(self, compiled, history):
        days_away = history.days_away or (0,) * len(compiled.period)
        cache = compiled.cache
        result = cache.get(days_away)
        if result is None:
            months = compiled.accepted
            period = compiled.period
            worked = [
                (year, max(0, _year_days(year) - away))
                for year, away in zip(period, days_away, strict=True)
            ]
            short = [(year, days) for year, days in worked if days * 12 < months * _year_days(year)]
            result = cache[days_away] = ConditionResult(
                compiled.condition,
                not short,
                len(period) - len(short),
                compiled.need,
                len(short),
                tuple(year for year, days in worked if (year, days) not in short),
                tuple(year for year, _days in short),
                tuple(_months_text(days * 12 / _year_days(year)) for year, days in short),
            )
        return result

    def explain(self, result, values, text):
        _ = text.gettext
        values["count"] = result.condition.min_count
        if result.met:
            return _("Met: at least %(count)s months worked in each year of %(period)s") % values
        values["failing"] = ", ".join(
            _("%(year)s (%(months)s months)") % {"year": year, "months": months}
            for year, months in zip(result.missing_years, result.missing_levels, strict=False)
        )
        return (
            _(
                "Missing: at least %(count)s months worked in each year of %(period)s; fewer in %(failing)s"  # noqa: E501
            )
            % values
        )


# ---------------------------------------------------------------------------- the registry
def kind_of(key):
    """The :class:`ConditionKind` of ``key``; ``ValueError`` when there is none."""
    kind = KINDS.get(key)
    if kind is None:
        raise ValueError("Unknown condition kind %r: expected one of %s." % (key, ", ".join(KINDS)))
    return kind


def kind_selection():
    """The selection of condition kinds: ``[(key, English label)]``, in registry order."""
    return [(kind.key, kind.label) for kind in KINDS.values()]


def raw_sql_kinds(window):
    """The keys of the kinds the benchmark's raw-SQL limit computes in sets of ``window``."""
    return tuple(key for key, kind in KINDS.items() if window in kind.raw_sql_windows)


AWARD_COUNT = AwardCount.key
INITIATIVE_COUNT = InitiativeCount.key
CLASSIFICATION_COUNT = ClassificationCount.key
CLASSIFICATION_EVERY_YEAR = ClassificationEveryYear.key
AWARD_STREAK = AwardStreak.key
CLASSIFICATION_STREAK = ClassificationStreak.key
MEMBER_RATIO = MemberRatio.key
MEMBER_COUNT = MemberCount.key
NO_DISCIPLINE = NoDiscipline.key
CLUSTER_LEAD = LeadsCluster.key
MONTHS_WORKED = MonthsWorked.key

ALL_CONDITION_KINDS = tuple(KINDS)
# the counting kinds of plan 198
CONDITION_KINDS = tuple(key for key, kind in KINDS.items() if kind.origin == PLAN)
# the kinds the Law's titles add: streaks, unit members, discipline
LAW_CONDITION_KINDS = tuple(key for key, kind in KINDS.items() if kind.origin == LAW)
# the kinds that only make sense for units
UNIT_CONDITION_KINDS = tuple(key for key, kind in KINDS.items() if kind.unit_only)
