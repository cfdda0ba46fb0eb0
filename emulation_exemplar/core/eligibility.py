"""Rule core: who qualifies for an award, a title or as an advanced exemplar (điển hình tiên tiến).

Pure Python, standard library only: no Odoo import. The Odoo layer gathers, per recipient
(employee or unit), the counts of awards, initiatives, annual classifications, disciplines and,
for units, statistics of their members, with batched SQL; builds a :class:`Criteria` from the
configured criteria set, and calls :func:`evaluate_many` (or :func:`evaluate_years`) and
:func:`explain`.

A criteria set is a list of alternatives (any one suffices); an alternative is a list of
conditions (all must hold).

Windows and evaluation years. A :class:`Criteria` is evaluated for one *evaluation year*
(``Criteria.evaluation_year``; ``None`` means ``year_to``), which must lie within
``year_from..year_to``. Its *period*, the years whose history counts (:meth:`Criteria.period`):

- ``window="fixed"`` (the default, plan 198): ``year_from..year_to`` whatever the evaluation
  year; the evaluation year matters only to the member conditions. One result per recipient:
  :meth:`Criteria.evaluation_years` is ``(year_to,)``.
- ``window="rolling"`` (the Law's titles): the ``window_years`` years ending at the evaluation
  year; ``year_from..year_to`` are the evaluation years (one result per recipient and year).
  :meth:`Criteria.for_year` gives the criteria of one evaluation year and
  :meth:`Criteria.history_years` the years the counts must cover for all of them, so the ORM
  gathers the counts once and calls :func:`evaluate_many` per year (:func:`evaluate_years`).

Items outside the period are ignored. The condition kinds (:data:`ALL_CONDITION_KINDS`):

- ``award_count``, ``initiative_count``, ``classification_count``: at least ``min_count`` items
  in the period. ``have``: the items counted, ``missing``: ``need - have``; ``years``: one entry
  per counted item.
- ``classification_every_year``: every year of the period classified at ``level`` or better.
  ``need``: the years of the period; ``missing``: the failing years (``missing_years``, with
  their level in ``missing_levels``, ``None``: no classification).
- ``award_streak`` / ``classification_streak``: at least ``min_count`` (N) consecutive years,
  each holding an award of ``award_type_ids`` / classified at ``level`` or better. In a fixed
  window the run may lie anywhere in the period; in a rolling window it must end at the
  evaluation year. ``have``: the length of the run that counts (fixed: the longest, the latest
  of equal ones; rolling: the run ending at the evaluation year), ``years``: its years; met
  when ``have >= need``. ``missing``: the fewest years still failing in N consecutive years of
  the period (rolling: the N years ending at the evaluation year), i.e. how many years must
  still qualify to complete a run; those years are ``missing_years`` (and for classifications
  their levels in ``missing_levels``). When the period is shorter than N the run can never be
  completed: ``missing`` adds the years that do not fit (the ORM should refuse such a set).
- ``member_ratio`` (units): at least ``ratio`` % of the unit's members in the evaluation year
  qualify; with ``member_basis="classification"`` a member qualifies when classified at
  ``level`` or better that year, with ``member_basis="award"`` when holding an award of
  ``award_type_ids`` that year. ``members``: the member count (at least the qualifying ones),
  ``have``: the qualifying members, ``need``: ``ceil(ratio × members / 100)``, ``missing``:
  ``need - have``. A unit without members in the evaluation year is not met, with ``need`` 1
  and ``missing`` 1 (one qualifying member would make 100 %). ``years``: ``(evaluation
  year,)`` when a member counted.
- ``member_count`` (units): at least ``min_count`` members hold an award of ``award_type_ids``
  in the evaluation year (a member holding several such awards counts once).
- ``no_discipline``: no discipline of ``form`` or heavier (:data:`DISCIPLINE_FORMS`, lightest
  first) in any year of the period; for a unit, the counts give the heaviest discipline of its
  members per year. ``need``: the years of the period, ``have``: the years without such a
  discipline (``years``), ``missing``: the years with one (``missing_years``, their heaviest
  form in ``missing_levels``): these cannot be made up by recording anything, they block until
  they leave the window.

Every English sentence of :func:`explain` is written as a literal ``_("...")`` call so that the
translation extractor finds it; placeholders are named and applied outside the call.
"""

from dataclasses import dataclass, field, replace

# Classification levels, best first (Decree 90/2020/NĐ-CP): "at level X or better" means
# index <= index(X).
CLASSIFICATION_LEVELS = ("excellent", "good", "completed", "not_completed")
# Initiative levels, lowest first: "level X or higher" means index >= index(X).
INITIATIVE_LEVELS = ("grassroots", "provincial", "national")
# Discipline forms of civil servants, lightest first: "form X or heavier" means index >= index(X).
DISCIPLINE_FORMS = (
    "reprimand",
    "warning",
    "salary_reduction",
    "demotion",
    "dismissal_from_post",
    "dismissal",
)
# What qualifies a member for a member_ratio condition.
MEMBER_BASES = ("classification", "award")
# Windows of a criteria set.
WINDOW_FIXED = "fixed"
WINDOW_ROLLING = "rolling"
WINDOWS = (WINDOW_FIXED, WINDOW_ROLLING)

AWARD_COUNT = "award_count"
INITIATIVE_COUNT = "initiative_count"
CLASSIFICATION_COUNT = "classification_count"
CLASSIFICATION_EVERY_YEAR = "classification_every_year"
# the counting kinds of plan 198
CONDITION_KINDS = (AWARD_COUNT, INITIATIVE_COUNT, CLASSIFICATION_COUNT, CLASSIFICATION_EVERY_YEAR)
AWARD_STREAK = "award_streak"
CLASSIFICATION_STREAK = "classification_streak"
MEMBER_RATIO = "member_ratio"
MEMBER_COUNT = "member_count"
NO_DISCIPLINE = "no_discipline"
# the kinds the Law's titles add: streaks, unit members, discipline
LAW_CONDITION_KINDS = (
    AWARD_STREAK,
    CLASSIFICATION_STREAK,
    MEMBER_RATIO,
    MEMBER_COUNT,
    NO_DISCIPLINE,
)
ALL_CONDITION_KINDS = CONDITION_KINDS + LAW_CONDITION_KINDS
# the kinds that only make sense for units
UNIT_CONDITION_KINDS = (MEMBER_RATIO, MEMBER_COUNT)

_CLASSIFICATION_RANK = {level: index for index, level in enumerate(CLASSIFICATION_LEVELS)}
_INITIATIVE_RANK = {level: index for index, level in enumerate(INITIATIVE_LEVELS)}
_CLASSIFICATION_KEYS = frozenset((*CLASSIFICATION_LEVELS, None))
_DISCIPLINE_RANK = {form: index for index, form in enumerate(DISCIPLINE_FORMS)}
_DISCIPLINE_KEYS = frozenset((*DISCIPLINE_FORMS, None))
_EXTENDED_KINDS = frozenset(LAW_CONDITION_KINDS)
_MEMBER_KINDS = frozenset(UNIT_CONDITION_KINDS)
_STREAK_KINDS = frozenset((AWARD_STREAK, CLASSIFICATION_STREAK))


# ---------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Condition:
    """One condition of an alternative.

    ``award_type_ids`` is used by :data:`AWARD_COUNT`, :data:`AWARD_STREAK`,
    :data:`MEMBER_COUNT` and :data:`MEMBER_RATIO` on the award basis; ``level`` is an initiative
    level key for :data:`INITIATIVE_COUNT` and a classification level key for the classification
    kinds and :data:`MEMBER_RATIO` on the classification basis; ``applied_only`` restricts
    :data:`INITIATIVE_COUNT` to initiatives applied effectively; ``min_count`` is the N of the
    counts, streaks and :data:`MEMBER_COUNT`, ignored by :data:`CLASSIFICATION_EVERY_YEAR`,
    :data:`MEMBER_RATIO` and :data:`NO_DISCIPLINE`. ``ratio`` is the percentage of members
    (0 < ratio <= 100) and ``member_basis`` one of :data:`MEMBER_BASES`, both for
    :data:`MEMBER_RATIO`; ``form`` is the lightest discipline form that fails
    :data:`NO_DISCIPLINE`. ``label`` is the already translated description of what is counted
    (awards: the award types' names); ``key`` is an opaque id (the Odoo record id).
    """

    kind: str
    min_count: int = 1
    award_type_ids: frozenset = frozenset()
    level: str | None = None
    applied_only: bool = False
    label: str = ""
    key: object = None
    ratio: float = 0.0
    member_basis: str | None = None
    form: str | None = None


@dataclass(frozen=True)
class Alternative:
    """A way to qualify: every condition must hold. With no condition it is never met."""

    name: str
    conditions: tuple = ()
    key: object = None


@dataclass(frozen=True)
class Criteria:
    """A period and its alternatives: the recipient qualifies when any alternative is met.

    ``window`` is :data:`WINDOW_FIXED` (the period is ``year_from..year_to``) or
    :data:`WINDOW_ROLLING` (the period is the ``window_years`` years ending at the evaluation
    year, and ``year_from..year_to`` are the evaluation years); ``evaluation_year`` (``None``:
    ``year_to``) is the year evaluated, see the module's documentation.
    """

    year_from: int
    year_to: int
    alternatives: tuple = ()
    window: str = WINDOW_FIXED
    window_years: int = 1
    evaluation_year: int | None = None

    @property
    def year(self):
        """The evaluation year (``year_to`` when none is set)."""
        return self.year_to if self.evaluation_year is None else self.evaluation_year

    def period(self):
        """(first year, last year) of the history that counts for the evaluation year."""
        if self.window == WINDOW_ROLLING:
            year = self.year
            return year - self.window_years + 1, year
        return self.year_from, self.year_to

    def evaluation_years(self):
        """The years to evaluate: ``(year_to,)`` for a fixed window, every year of
        ``year_from..year_to`` for a rolling one."""
        if self.window == WINDOW_ROLLING:
            return tuple(range(self.year_from, self.year_to + 1))
        return (self.year_to,)

    def history_years(self):
        """(first year, last year) that the counts must cover for every evaluation year."""
        if self.window == WINDOW_ROLLING:
            return self.year_from - self.window_years + 1, self.year_to
        return self.year_from, self.year_to

    def for_year(self, year):
        """These criteria evaluated for ``year``."""
        return replace(self, evaluation_year=year)


@dataclass
class RecipientCounts:
    """What one recipient has; items outside the criteria's period are ignored.

    ``disciplines`` gives, per year, the heaviest discipline form (a key of
    :data:`DISCIPLINE_FORMS`) of a person, or of any member of a unit. The ``member*`` fields are
    the statistics of a unit's members, per year (used by the member conditions, for the
    evaluation year only; :func:`member_statistics` builds them from one row per member):
    ``members`` the number of members, ``member_levels`` the number of members classified at each
    level, ``member_awards`` the number of members holding exactly a given (frozen) set of award
    types that year (so that a member holding several accepted types counts once).
    """

    awards: dict = field(default_factory=dict)  # {(award_type_id, year): count}
    initiatives: dict = field(default_factory=dict)  # {(level, applied_effectively, year): count}
    classifications: dict = field(default_factory=dict)  # {year: level}
    disciplines: dict = field(default_factory=dict)  # {year: heaviest form}
    members: dict = field(default_factory=dict)  # {year: member count}
    member_levels: dict = field(default_factory=dict)  # {(level, year): member count}
    # {(frozenset of award type ids, year): member count}
    member_awards: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ConditionResult:
    condition: Condition
    met: bool
    have: int
    need: int
    # 0 when met; for counts max(0, need - have); for every-year: the number of failing years;
    # for the other kinds see the module's documentation
    missing: int
    # sorted years that counted, one entry per counted item
    years: tuple = ()
    # every-year, streak and no-discipline kinds: the failing years, sorted
    missing_years: tuple = ()
    # every-year and classification streak kinds: the level of each failing year (None: no
    # classification), in the order of missing_years; lets explain() say why a year fails
    # without the counts; no-discipline kind: the heaviest discipline form of each failing year
    missing_levels: tuple = ()
    # member kinds: the unit's members in the evaluation year
    members: int = 0


@dataclass(frozen=True)
class AlternativeResult:
    alternative: Alternative
    met: bool
    missing: int  # sum of its conditions' missing
    conditions: tuple = ()  # ConditionResult, in condition order


@dataclass(frozen=True)
class Evaluation:
    eligible: bool
    # 0 when eligible, else the least ``missing`` of the alternatives that have conditions
    missing: int
    path: str | None  # name of the first met alternative, else None
    alternatives: tuple = ()


# ---------------------------------------------------------------------------- compilation
def _ranked_levels(levels, rank, level, condition, better):
    """The level keys that satisfy "``level`` or better/higher" for ``condition``."""
    if level not in rank:
        raise ValueError(
            "Unknown level %r in condition %r (kind %r): expected one of %s."
            % (level, condition.label or condition.key, condition.kind, ", ".join(levels))
        )
    threshold = rank[level]
    if better:  # best first: index <= threshold
        return frozenset(levels[: threshold + 1])
    return frozenset(levels[threshold:])  # lowest first: index >= threshold


class _Compiled:
    """What depends only on the criteria, computed once per :func:`evaluate_many` call.

    ``conditions`` is a tuple of (condition, kind, accepted keys, need), for every condition of
    every alternative; ``plan`` a tuple of (alternative, indexes in ``conditions``, cache).
    """

    __slots__ = (
        "criteria",
        "year_from",
        "year_to",
        "period",
        "year",
        "conditions",
        "plan",
        "caches",
        "evaluations",
        "extended",
        "needs_disciplines",
        "needs_members",
    )

    def __init__(self, criteria):
        if not isinstance(criteria, Criteria):
            raise TypeError("criteria must be a Criteria, not %r" % type(criteria).__name__)
        if criteria.year_from > criteria.year_to:
            raise ValueError(
                "The criteria period is not valid: %s is after %s."
                % (criteria.year_from, criteria.year_to)
            )
        if criteria.window not in WINDOWS:
            raise ValueError(
                "Unknown criteria window %r: expected one of %s."
                % (criteria.window, ", ".join(WINDOWS))
            )
        if criteria.window == WINDOW_ROLLING and not (
            isinstance(criteria.window_years, int) and criteria.window_years >= 1
        ):
            raise ValueError(
                "A rolling window needs at least 1 year, not %r." % (criteria.window_years,)
            )
        year = criteria.year
        if not criteria.year_from <= year <= criteria.year_to:
            raise ValueError(
                "The evaluation year %s is outside the criteria period %s–%s."
                % (year, criteria.year_from, criteria.year_to)
            )
        # (first, last) year of the history that counts: the window of the evaluation year
        year_from, year_to = criteria.period()
        self.criteria = criteria
        self.year_from = year_from
        self.year_to = year_to
        self.period = tuple(range(year_from, year_to + 1))
        self.year = year
        conditions = []
        plan = []
        for alternative in criteria.alternatives:
            indexes = []
            for condition in alternative.conditions:
                indexes.append(len(conditions))
                conditions.append(self._compile(condition))
            plan.append((alternative, tuple(indexes), {}))
        self.conditions = tuple(conditions)
        self.plan = tuple(plan)
        # results shared between recipients with the same relevant history: fewer objects,
        # much less work for the garbage collector on large populations
        self.caches = tuple({} for _condition in conditions)
        self.evaluations = {}
        kinds = {compiled[1] for compiled in conditions}
        self.extended = bool(kinds & _EXTENDED_KINDS)
        self.needs_disciplines = NO_DISCIPLINE in kinds
        self.needs_members = bool(kinds & _MEMBER_KINDS)

    def _compile(self, condition):
        kind = condition.kind
        if kind == AWARD_COUNT:
            accepted = frozenset(condition.award_type_ids or ())
            need = condition.min_count
        elif kind == INITIATIVE_COUNT:
            accepted = _ranked_levels(
                INITIATIVE_LEVELS, _INITIATIVE_RANK, condition.level, condition, better=False
            )
            need = condition.min_count
        elif kind == CLASSIFICATION_COUNT:
            accepted = _ranked_levels(
                CLASSIFICATION_LEVELS, _CLASSIFICATION_RANK, condition.level, condition, True
            )
            need = condition.min_count
        elif kind == CLASSIFICATION_EVERY_YEAR:
            accepted = _ranked_levels(
                CLASSIFICATION_LEVELS, _CLASSIFICATION_RANK, condition.level, condition, True
            )
            need = len(self.period)
        elif kind in _EXTENDED_KINDS:
            accepted, need = self._compile_extended(condition)
        else:
            raise ValueError(
                "Unknown condition kind %r in condition %r: expected one of %s."
                % (kind, condition.label or condition.key, ", ".join(ALL_CONDITION_KINDS))
            )
        return (condition, kind, accepted, need)

    def _compile_extended(self, condition):
        """(accepted keys, need) of a condition of a kind of :data:`LAW_CONDITION_KINDS`.

        Accepted keys: the award type ids, the classification levels that qualify, or (no
        discipline) the forms that fail; need: N, the years of the period (no discipline), or
        the ratio (member ratio: the members needed depend on the unit's size)."""
        kind = condition.kind
        name = condition.label or condition.key
        if kind == NO_DISCIPLINE:
            forms = _ranked_levels(
                DISCIPLINE_FORMS, _DISCIPLINE_RANK, condition.form, condition, better=False
            )
            return forms, len(self.period)
        if kind in _STREAK_KINDS and condition.min_count < 1:
            raise ValueError(
                "A streak needs at least 1 year, not %r (condition %r)."
                % (condition.min_count, name)
            )
        if kind == AWARD_STREAK or kind == MEMBER_COUNT:
            return frozenset(condition.award_type_ids or ()), condition.min_count
        if kind == CLASSIFICATION_STREAK:
            levels = _ranked_levels(
                CLASSIFICATION_LEVELS, _CLASSIFICATION_RANK, condition.level, condition, True
            )
            return levels, condition.min_count
        # MEMBER_RATIO
        ratio = condition.ratio
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 < ratio <= 100:
            raise ValueError(
                "The ratio %r of condition %r is not valid: expected a percentage above 0 and "
                "at most 100." % (ratio, name)
            )
        if condition.member_basis == "classification":
            accepted = _ranked_levels(
                CLASSIFICATION_LEVELS, _CLASSIFICATION_RANK, condition.level, condition, True
            )
        elif condition.member_basis == "award":
            accepted = frozenset(condition.award_type_ids or ())
        else:
            raise ValueError(
                "Unknown member basis %r in condition %r: expected one of %s."
                % (condition.member_basis, name, ", ".join(MEMBER_BASES))
            )
        return accepted, ratio

    # ------------------------------------------------------------------ per recipient
    def _in_period(self, counts):
        """The recipient's items within the period.

        Returns (awards, initiatives, levels): ``{award type id: sorted [year, ...]}`` with one
        entry per award, ``[(level, applied, year, count)]``, and the classification level of each
        year of the period (``None``: no classification).
        """
        year_from, year_to = self.year_from, self.year_to
        awards = {}
        for (type_id, year), count in counts.awards.items():
            if count > 0 and year_from <= year <= year_to:
                years = awards.get(type_id)
                if years is None:
                    awards[type_id] = years = []
                years.extend((year,) * count)
        for years in awards.values():
            years.sort()
        initiatives = []
        for (level, applied, year), count in counts.initiatives.items():
            if count > 0 and year_from <= year <= year_to:
                if level not in _INITIATIVE_RANK:
                    raise ValueError(
                        "Unknown initiative level %r in the counts of %s: expected one of %s."
                        % (level, year, ", ".join(INITIATIVE_LEVELS))
                    )
                initiatives.append((level, applied, year, count))
        get = counts.classifications.get
        levels = tuple(get(year) or None for year in self.period)
        if not _CLASSIFICATION_KEYS.issuperset(levels):
            unknown = sorted({level for level in levels if level not in _CLASSIFICATION_KEYS})
            raise ValueError(
                "Unknown classification level(s) %s: expected one of %s."
                % (", ".join(map(repr, unknown)), ", ".join(CLASSIFICATION_LEVELS))
            )
        return awards, initiatives, levels

    def _condition_result(self, index, awards, initiatives, levels):
        """The result of condition ``index``; equal results are shared (cached by their key)."""
        condition, kind, accepted, need = self.conditions[index]
        cache = self.caches[index]
        if kind == CLASSIFICATION_COUNT or kind == CLASSIFICATION_EVERY_YEAR:
            result = cache.get(levels)
            if result is not None:
                return result
            period = self.period
            years = tuple(
                year for year, level in zip(period, levels, strict=True) if level in accepted
            )
            have = len(years)
            if kind == CLASSIFICATION_COUNT:
                missing = need - have if need > have else 0
                result = ConditionResult(condition, missing == 0, have, need, missing, years)
            else:
                failing = [
                    (y, level)
                    for y, level in zip(period, levels, strict=True)
                    if level not in accepted
                ]
                missing_years = tuple(year for year, _level in failing)
                missing_levels = tuple(level for _year, level in failing)
                missing = len(missing_years)
                result = ConditionResult(
                    condition,
                    missing == 0,
                    have,
                    need,
                    missing,
                    years,
                    missing_years,
                    missing_levels,
                )
            cache[levels] = result
            return result
        if kind == AWARD_COUNT:
            if not awards:
                years = ()
            else:
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
        else:  # INITIATIVE_COUNT
            if not initiatives:
                years = ()
            else:
                applied_only = condition.applied_only
                found = []
                for level, applied, year, count in initiatives:
                    if level in accepted and (applied or not applied_only):
                        found.extend((year,) * count)
                found.sort()
                years = tuple(found)
        result = cache.get(years)
        if result is None:
            have = len(years)
            missing = need - have if need > have else 0
            result = cache[years] = ConditionResult(
                condition, missing == 0, have, need, missing, years
            )
        return result

    # -------------------------------------------------------------- streaks, members, discipline
    def _extra(self, counts):
        """What the kinds of :data:`LAW_CONDITION_KINDS` read beside :meth:`_in_period`.

        Returns (forms, members): the heaviest discipline form of each year of the period
        (``None``: none), or ``None`` when no condition needs them; and (member count,
        ``{level: members}``, ``((award type set, members), ...)``) of the evaluation year, or
        ``None`` when no condition needs them.
        """
        forms = None
        if self.needs_disciplines:
            get = counts.disciplines.get
            forms = tuple(get(year) or None for year in self.period)
            if not _DISCIPLINE_KEYS.issuperset(forms):
                unknown = sorted({form for form in forms if form not in _DISCIPLINE_KEYS})
                raise ValueError(
                    "Unknown discipline form(s) %s: expected one of %s."
                    % (", ".join(map(repr, unknown)), ", ".join(DISCIPLINE_FORMS))
                )
        members = None
        if self.needs_members:
            year = self.year
            levels = {}
            for (level, level_year), count in counts.member_levels.items():
                if level_year == year and count > 0:
                    if level not in _CLASSIFICATION_RANK:
                        raise ValueError(
                            "Unknown classification level %r in the member counts of %s: "
                            "expected one of %s." % (level, year, ", ".join(CLASSIFICATION_LEVELS))
                        )
                    levels[level] = levels.get(level, 0) + count
            award_sets = tuple(
                (type_ids, count)
                for (type_ids, award_year), count in counts.member_awards.items()
                if award_year == year and count > 0
            )
            members = (counts.members.get(year, 0), levels, award_sets)
        return forms, members

    def _extended_result(self, index, awards, levels, forms, members):
        """The result of condition ``index`` of a kind of :data:`LAW_CONDITION_KINDS`."""
        condition, kind, accepted, need = self.conditions[index]
        cache = self.caches[index]
        if kind == CLASSIFICATION_STREAK:
            key = levels
        elif kind == AWARD_STREAK:
            held = set()
            if awards:
                for type_id in accepted:
                    years = awards.get(type_id)
                    if years:
                        held.update(years)
            key = tuple(year in held for year in self.period)
        elif kind == NO_DISCIPLINE:
            key = forms
        else:  # member kinds
            total, member_levels, award_sets = members
            if kind == MEMBER_RATIO and condition.member_basis == "classification":
                have = sum(count for level, count in member_levels.items() if level in accepted)
            else:
                have = sum(
                    count for type_ids, count in award_sets if not accepted.isdisjoint(type_ids)
                )
            key = (have, max(total, have))
        result = cache.get(key)
        if result is not None:
            return result
        if kind == CLASSIFICATION_STREAK:
            result = self._streak(condition, need, tuple(lv in accepted for lv in levels), levels)
        elif kind == AWARD_STREAK:
            result = self._streak(condition, need, key, None)
        elif kind == NO_DISCIPLINE:
            period = self.period
            blocking = [i for i, form in enumerate(forms) if form in accepted]
            result = ConditionResult(
                condition,
                not blocking,
                len(period) - len(blocking),
                need,
                len(blocking),
                tuple(year for i, year in enumerate(period) if forms[i] not in accepted),
                tuple(period[i] for i in blocking),
                tuple(forms[i] for i in blocking),
            )
        else:
            have, total = key
            if kind == MEMBER_COUNT:
                needed = need
            elif total == 0:
                needed = 1  # no member: one qualifying member would make 100 %
            else:
                needed = _members_needed(need, total)
            missing = needed - have if needed > have else 0
            years = (self.year,) if have else ()
            result = ConditionResult(
                condition, missing == 0, have, needed, missing, years, members=total
            )
        cache[key] = result
        return result

    def _streak(self, condition, need, flags, levels):
        """The result of a streak of ``need`` consecutive years; ``flags`` says whether each
        year of the period qualifies, ``levels`` (or ``None``) is its classification."""
        period = self.period
        size = len(period)
        rolling = self.criteria.window == WINDOW_ROLLING
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
            return ConditionResult(condition, True, run, need, 0, years)
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
        )

    def evaluate(self, counts):
        awards, initiatives, levels = self._in_period(counts)
        if self.extended:
            forms, members = self._extra(counts)
            condition_results = [
                self._extended_result(index, awards, levels, forms, members)
                if compiled[1] in _EXTENDED_KINDS
                else self._condition_result(index, awards, initiatives, levels)
                for index, compiled in enumerate(self.conditions)
            ]
        else:
            condition_results = [
                self._condition_result(index, awards, initiatives, levels)
                for index in range(len(self.conditions))
            ]
        alternative_results = []
        for alternative, indexes, cache in self.plan:
            results = tuple(condition_results[index] for index in indexes)
            key = tuple(map(id, results))  # cached results live as long as self: ids are stable
            result = cache.get(key)
            if result is None:
                missing = sum(r.missing for r in results)
                met = bool(results) and missing == 0 and all(r.met for r in results)
                result = cache[key] = AlternativeResult(alternative, met, missing, results)
            alternative_results.append(result)
        key = tuple(map(id, alternative_results))
        evaluation = self.evaluations.get(key)
        if evaluation is None:
            eligible = False
            path = None
            best_missing = None
            for result in alternative_results:
                if result.met:
                    eligible = True
                    path = result.alternative.name
                    break
                if result.conditions and (best_missing is None or result.missing < best_missing):
                    best_missing = result.missing
            missing = 0 if eligible or best_missing is None else best_missing
            evaluation = Evaluation(eligible, missing, path, tuple(alternative_results))
            self.evaluations[key] = evaluation
        return evaluation


def _members_needed(ratio, members):
    """The fewest of ``members`` that make at least ``ratio`` percent: ceil(ratio × members /
    100), without the float noise of a ratio such as 70.00000000000001."""
    exact = ratio * members
    needed = int(exact // 100)
    if exact - needed * 100 > 1e-9 * max(1.0, exact):
        needed += 1
    return needed


# ---------------------------------------------------------------------------- evaluation
def evaluate(criteria: Criteria, counts: RecipientCounts | None = None) -> Evaluation:
    """Evaluate ``criteria`` on one recipient's ``counts`` (``None``: an empty history).

    Raises ``ValueError`` on an unknown condition kind or level, or an invalid period.
    """
    return _Compiled(criteria).evaluate(counts if counts is not None else RecipientCounts())


def evaluate_many(criteria: Criteria, counts_by_recipient: dict, keys=None) -> dict:
    """Evaluate ``criteria`` on many recipients: ``{key: Evaluation}``.

    Without ``keys``, the result has the keys of ``counts_by_recipient``. With ``keys`` (any
    iterable), it has exactly those keys; those absent from ``counts_by_recipient`` are evaluated
    on an empty history. The criteria are checked and compiled once; recipients with the same
    relevant history share the same (immutable) result objects.
    """
    compiled = _Compiled(criteria)
    counts_by_recipient = counts_by_recipient or {}
    if keys is None:
        keys = counts_by_recipient.keys()
    empty = RecipientCounts()
    get = counts_by_recipient.get  # never [key]: a defaultdict must not grow
    evaluate_one = compiled.evaluate
    return {key: evaluate_one(get(key) or empty) for key in keys}


def evaluate_years(criteria: Criteria, counts_by_recipient: dict, keys=None) -> dict:
    """Evaluate ``criteria`` for each of its :meth:`Criteria.evaluation_years`:
    ``{year: {key: Evaluation}}``, ``keys`` as in :func:`evaluate_many`. The counts must cover
    :meth:`Criteria.history_years`."""
    if keys is not None:
        keys = tuple(keys)
    return {
        year: evaluate_many(criteria.for_year(year), counts_by_recipient, keys=keys)
        for year in criteria.evaluation_years()
    }


# ---------------------------------------------------------------------------- building counts
def heaviest_form(forms):
    """The heaviest of the discipline ``forms`` (keys of :data:`DISCIPLINE_FORMS`; ``None`` and
    empty values are skipped), or ``None``."""
    heaviest = None
    for form in forms:
        if not form:
            continue
        if form not in _DISCIPLINE_RANK:
            raise ValueError(
                "Unknown discipline form %r: expected one of %s."
                % (form, ", ".join(DISCIPLINE_FORMS))
            )
        if heaviest is None or _DISCIPLINE_RANK[form] > _DISCIPLINE_RANK[heaviest]:
            heaviest = form
    return heaviest


def merge_disciplines(per_member):
    """``{year: heaviest form}`` of a unit from its members' ``{year: heaviest form}`` dicts."""
    merged = {}
    for disciplines in per_member:
        for year, form in disciplines.items():
            merged[year] = heaviest_form((merged.get(year), form))
    return merged


def member_statistics(rows, counts=None):
    """Fill the member fields of ``counts`` (a new :class:`RecipientCounts` by default) from one
    row per member and year: ``(year, level or None, award type ids held that year)``; returns
    ``counts``. Give every member of the year, classified or not, with or without awards: the
    rows make the member count."""
    if counts is None:
        counts = RecipientCounts()
    members, levels, award_sets = counts.members, counts.member_levels, counts.member_awards
    for year, level, type_ids in rows:
        members[year] = members.get(year, 0) + 1
        if level:
            levels[(level, year)] = levels.get((level, year), 0) + 1
        if type_ids:
            key = (frozenset(type_ids), year)
            award_sets[key] = award_sets.get(key, 0) + 1
    return counts


# ---------------------------------------------------------------------------- explanation
def _identity(source):
    return source


def _years_text(years):
    return ", ".join(str(year) for year in years)


def _span_text(first, last):
    return str(first) if first == last else "%s–%s" % (first, last)


def _ratio_text(ratio):
    return "%g" % ratio


class _Window:
    """What the condition lines say about the criteria's period and evaluation year."""

    __slots__ = ("period", "size", "year", "rolling")

    def __init__(self, criteria):
        first, last = criteria.period()
        self.period = _span_text(first, last)
        self.size = last - first + 1
        self.year = criteria.year
        self.rolling = criteria.window == WINDOW_ROLLING


def explain(
    evaluation: Evaluation, criteria: Criteria, gettext=None, level_labels: dict | None = None
) -> str:
    """A readable explanation of ``evaluation``: a summary line, then one block per alternative
    with one line per condition, naming the years that counted and the years that fail.

    ``gettext`` translates an English source string (default: identity); ``level_labels`` maps
    level keys to display labels (default: the key).
    """
    _ = gettext or _identity
    labels = level_labels or {}

    def level_label(level):
        return labels.get(level) or level or ""

    if not evaluation.alternatives:
        return _("No criteria alternative is defined.")

    window = _Window(criteria)
    period = window.period

    lines = []
    if evaluation.eligible:
        lines.append(_("Eligible: “%(path)s” is met.") % {"path": evaluation.path})
    elif not any(result.conditions for result in evaluation.alternatives):
        lines.append(_("Not eligible: no alternative has any condition."))
    else:
        lines.append(
            _("Not eligible: at best %(missing)s item(s) missing.")
            % {"missing": evaluation.missing}
        )

    for alternative_result in evaluation.alternatives:
        name = alternative_result.alternative.name
        if not alternative_result.conditions:
            lines.append(_("%(name)s — not met (no condition defined)") % {"name": name})
            continue
        if alternative_result.met:
            lines.append(_("%(name)s — met") % {"name": name})
        else:
            lines.append(
                _("%(name)s — not met (missing %(missing)s)")
                % {"name": name, "missing": alternative_result.missing}
            )
        for result in alternative_result.conditions:
            lines.append("  - " + _condition_text(result, _, level_label, period, window))
    return "\n".join(lines)


def _condition_text(result, _, level_label, period, window):
    """One line for one condition result."""
    condition = result.condition
    kind = condition.kind
    values = {
        "have": result.have,
        "need": result.need,
        "missing": result.missing,
        "years": _years_text(result.years),
        "period": period,
        "level": level_label(condition.level),
    }
    if kind in _EXTENDED_KINDS:
        return _extended_condition_text(result, _, level_label, values, window)

    if kind == CLASSIFICATION_EVERY_YEAR:
        if result.met:
            return _("Met: classified %(level)s or better in every year %(period)s") % values
        values["failing"] = _failing_levels_text(result, _, level_label)
        return (
            _(
                "Missing: classified %(level)s or better in every year %(period)s; not met in %(failing)s"  # noqa: E501
            )
            % values
        )

    if kind == CLASSIFICATION_COUNT:
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

    # award and initiative counts
    label = condition.label
    if not label:
        if kind == INITIATIVE_COUNT:
            if condition.applied_only:
                label = _("initiative of %(level)s level or higher, applied effectively") % values
            else:
                label = _("initiative of %(level)s level or higher") % values
        else:
            label = _("award of the chosen types")
    values["label"] = label
    if result.met:
        if result.years:
            return _("Met: %(have)s × %(label)s (%(years)s)") % values
        return _("Met: %(have)s × %(label)s") % values
    if result.years:
        return _("Missing %(missing)s × %(label)s (has %(have)s of %(need)s: %(years)s)") % values
    return _("Missing %(missing)s × %(label)s (has %(have)s of %(need)s)") % values


def _failing_levels_text(result, _, level_label):
    """The failing years of ``result`` with the level (or form) of each: "2023 (good), 2024 (no
    classification)"."""
    failing = []
    levels = result.missing_levels or (None,) * len(result.missing_years)
    for year, level in zip(result.missing_years, levels, strict=False):
        if level:
            failing.append(_("%(year)s (%(level)s)") % {"year": year, "level": level_label(level)})
        else:
            failing.append(_("%(year)s (no classification)") % {"year": year})
    return ", ".join(failing)


def _extended_condition_text(result, _, level_label, values, window):
    """One line for one result of a kind of :data:`LAW_CONDITION_KINDS`."""
    condition = result.condition
    values["year"] = window.year
    values["label"] = condition.label or _("award of the chosen types")
    values["members"] = result.members
    if result.years:
        values["span"] = _span_text(result.years[0], result.years[-1])
    texts = {
        CLASSIFICATION_STREAK: _classification_streak_text,
        AWARD_STREAK: _award_streak_text,
        NO_DISCIPLINE: _no_discipline_text,
        MEMBER_COUNT: _member_count_text,
        MEMBER_RATIO: _member_ratio_text,
    }
    return texts[condition.kind](result, _, level_label, values, window)


def _classification_streak_text(result, _, level_label, values, window):
    """The line of a :data:`CLASSIFICATION_STREAK` result."""
    if result.met:
        return (
            _("Met: %(have)s consecutive years classified %(level)s or better (%(span)s)") % values
        )
    if result.need > window.size:
        return (
            _(
                "Missing: %(need)s consecutive years classified %(level)s or better, more than the period %(period)s"  # noqa: E501
            )
            % values
        )
    values["failing"] = _failing_levels_text(result, _, level_label)
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


def _award_streak_text(result, _, level_label, values, window):
    """The line of an :data:`AWARD_STREAK` result."""
    if result.met:
        return _("Met: %(have)s consecutive years with %(label)s (%(span)s)") % values
    if result.need > window.size:
        return (
            _(
                "Missing: %(need)s consecutive years with %(label)s, more than the period %(period)s"  # noqa: E501
            )
            % values
        )
    values["failing"] = _years_text(result.missing_years)
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


def _no_discipline_text(result, _, level_label, values, window):
    """The line of a :data:`NO_DISCIPLINE` result."""
    condition = result.condition
    values["form"] = level_label(condition.form)
    if result.met:
        return _("Met: no discipline of %(form)s or heavier in %(period)s") % values
    values["failing"] = _failing_levels_text(result, _, level_label)
    return (
        _(
            "Missing: no discipline of %(form)s or heavier in %(period)s; disciplined in %(failing)s"  # noqa: E501
        )
        % values
    )


def _member_count_text(result, _, level_label, values, window):
    """The line of a :data:`MEMBER_COUNT` result."""
    if result.met:
        return _("Met: %(have)s member(s) with %(label)s in %(year)s") % values
    return (
        _("Missing %(missing)s member(s) with %(label)s in %(year)s (has %(have)s of %(need)s)")
        % values
    )


def _member_ratio_text(result, _, level_label, values, window):
    """The line of a :data:`MEMBER_RATIO` result."""
    condition = result.condition

    values["ratio"] = _ratio_text(condition.ratio)
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


def missing_summary(
    evaluation: Evaluation, criteria: Criteria, gettext=None, level_labels: dict | None = None
) -> str:
    """What a recipient who is not eligible still misses, short enough for a list column: the
    unmet conditions of the nearest alternative (the first one with the fewest items missing),
    separated by semicolons. Empty when eligible or when no alternative has a condition."""
    if evaluation.eligible:
        return ""
    _ = gettext or _identity
    labels = level_labels or {}
    nearest = next(
        (
            result
            for result in evaluation.alternatives
            if result.conditions and result.missing == evaluation.missing
        ),
        None,
    )
    if nearest is None:
        return ""
    window = _Window(criteria)
    return "; ".join(
        _condition_text(
            result, _, lambda level: labels.get(level) or level or "", window.period, window
        )
        for result in nearest.conditions
        if not result.met
    )
