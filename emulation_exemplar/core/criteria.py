"""What the rule core reasons about: the vocabulary (levels, forms, windows), the criteria and the
counts it is given, and the results it returns.

Pure Python, standard library only: no Odoo import. The condition kinds are in :mod:`.kinds`,
the evaluation in :mod:`.evaluation`, the explanation in :mod:`.explain`; :mod:`.eligibility`
gathers the public names of all four.

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
  gathers the counts once and evaluates per year (``evaluate_years``).

Items outside the period are ignored.
"""

from dataclasses import dataclass, field, replace
from typing import NamedTuple

# Classification levels, best first (Decree 90/2020/NĐ-CP): "at level X or better" means
# index <= index(X).
CLASSIFICATION_LEVELS = ("excellent", "good", "completed", "not_completed")
# Initiative levels, lowest first: "level X or higher" means index >= index(X).
INITIATIVE_LEVELS = ("grassroots", "provincial", "national")
# Discipline forms of cadres and civil servants, lightest first: "form X or heavier" means
# index >= index(X). Removal from office (bãi nhiệm, cadres) is the last, after dismissal (buộc
# thôi việc, civil servants): each is the heaviest form of its own people.
DISCIPLINE_FORMS = (
    "reprimand",
    "warning",
    "salary_reduction",
    "demotion",
    "dismissal_from_post",
    "dismissal",
    "removal",
)
# The forms abolished for disciplines decided from this day (Law on Cadres and Civil Servants
# 2025; Decree 172/2025/NĐ-CP, art. 7): they stay on the disciplines decided before it.
ABOLISHED_FORMS = ("salary_reduction", "demotion")
ABOLISHED_FROM = (2025, 7, 1)
# The forms of public employees (viên chức: Law on Public Employees 2010 art. 52 as amended in
# 2019, Decree 112/2020/NĐ-CP art. 15, not changed by Decree 71/2023/NĐ-CP): reprimand, warning,
# dismissal from post (managers only) and forced resignation; they never had salary reduction,
# demotion or removal from office. The model does not record whether a person is a civil servant
# or a public employee, so the form check cannot depend on it (README "The Law as in force").
PUBLIC_EMPLOYEE_FORMS = ("reprimand", "warning", "dismissal_from_post", "dismissal")
# How an award was made (``emulation.award.method``, the statistical forms' methods). Decree
# 152/2025/NĐ-CP, art. 4(3): the results of commendation for sudden achievements and of thematic
# emulation are no basis for merit-based commendation, so an award condition counts only regular
# awards unless it says otherwise (``Condition.any_method``). In the counts, a regular award is
# keyed by its award type id, an award of another method by ``(award type id, method)``.
AWARD_METHODS = (
    "regular",
    "thematic",
    "sudden",
    "external",
    "contribution",
    "seniority",
    "resistance",
)
REGULAR = "regular"
# What qualifies a member for a member_ratio condition.
MEMBER_BASES = ("classification", "award")
# Windows of a criteria set.
WINDOW_FIXED = "fixed"
WINDOW_ROLLING = "rolling"
WINDOWS = (WINDOW_FIXED, WINDOW_ROLLING)

# The histories a condition kind may read (:attr:`ConditionKind.histories`), each feeding one
# field of RecipientCounts: awards, classifications, initiatives, disciplines, and the rankings of
# a unit by its emulation cluster or block (cụm, khối thi đua).
AWARD = "award"
CLASSIFICATION = "classification"
INITIATIVE = "initiative"
DISCIPLINE = "discipline"
CLUSTER = "cluster"
# the days a person did not work (leave, before recruitment), maternity leave not among them
ABSENCE = "absence"
HISTORIES = (AWARD, CLASSIFICATION, INITIATIVE, DISCIPLINE, CLUSTER, ABSENCE)

CLASSIFICATION_RANK = {level: index for index, level in enumerate(CLASSIFICATION_LEVELS)}
INITIATIVE_RANK = {level: index for index, level in enumerate(INITIATIVE_LEVELS)}
DISCIPLINE_RANK = {form: index for index, form in enumerate(DISCIPLINE_FORMS)}


# ---------------------------------------------------------------------------- criteria
@dataclass(frozen=True)
class Condition:
    """One condition of an alternative; what its fields mean depends on its ``kind`` (the key
    of a :class:`~.kinds.ConditionKind`, whose parameters say which fields it uses).

    ``award_type_ids``: the award types that count; ``level``: an initiative level key or a
    classification level key; ``applied_only``: only initiatives applied effectively;
    ``min_count``: the N of the counts, streaks and member counts; ``ratio``: the percentage of
    members (0 < ratio <= 100) and ``member_basis`` one of :data:`MEMBER_BASES`; ``form``: the
    lightest discipline form that fails; ``any_method``: awards of every method count (sudden,
    thematic, ...), not only the regular ones (Decree 152/2025/NĐ-CP, art. 4(3)). ``label`` is
    the already translated description of what is counted (awards: the award types' names);
    ``key`` is an opaque id (the Odoo record id).
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
    any_method: bool = False


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


# ---------------------------------------------------------------------------- counts
@dataclass
class RecipientCounts:
    """What one recipient has; items outside the criteria's period are ignored.

    ``disciplines`` gives, per year, the heaviest discipline form (a key of
    :data:`DISCIPLINE_FORMS`) in effect that year for a person (see :func:`effect_years`), and
    ``member_disciplines`` the same for any member of a unit. The ``member*`` fields are
    the statistics of a unit's members, per year (used by the member conditions, for the
    evaluation year only; :func:`member_statistics` builds them from one row per member):
    ``members`` the number of members, ``member_levels`` the number of members classified at each
    level, ``member_awards`` the number of members holding exactly a given (frozen) set of award
    types that year (so that a member holding several accepted types counts once).

    The ``*_ids`` fields give the ids of the history records behind the counts (Odoo's record
    ids; any hashable), so that the evaluation can say which records counted
    (:class:`Counted`); without them nothing is named.

    An award type "id" is the award type id of a regular award, ``(award type id, method)``
    of an award of another method (:data:`AWARD_METHODS`), in ``awards``, ``award_ids`` and
    ``member_awards``.
    """

    awards: dict = field(default_factory=dict)  # {(award_type_id, year): count}
    initiatives: dict = field(default_factory=dict)  # {(level, applied_effectively, year): count}
    classifications: dict = field(default_factory=dict)  # {year: level}
    disciplines: dict = field(default_factory=dict)  # {year: heaviest form in effect}
    # a unit's members' disciplines (the no-discipline kind reads them with the unit's own)
    member_disciplines: dict = field(default_factory=dict)  # {year: heaviest form in effect}
    members: dict = field(default_factory=dict)  # {year: member count}
    member_levels: dict = field(default_factory=dict)  # {(level, year): member count}
    # {(frozenset of award type ids, year): member count}
    member_awards: dict = field(default_factory=dict)
    # the standing of a unit in its emulation cluster or block, per year, as the cluster's
    # meeting ranked it: {year: (rank, leading)} (:func:`best_standing` of its rankings)
    cluster_ranks: dict = field(default_factory=dict)
    # {year: days not worked}: the days of the year away from work that the officer recorded,
    # maternity leave not among them (it counts as time worked: Decree 152/2025, art. 4(5))
    days_away: dict = field(default_factory=dict)
    # the initiatives already the basis of an award (one achievement, one award):
    # ((level, applied_effectively, year, award_type_id, award_year[, initiative id]), ...)
    used_initiatives: tuple = ()
    # the ids of the records behind the counts
    award_ids: dict = field(default_factory=dict)  # {(award_type_id, year): (id, ...)}
    classification_ids: dict = field(default_factory=dict)  # {year: id}
    # {(level, applied_effectively, year): (id, ...)}
    initiative_ids: dict = field(default_factory=dict)
    discipline_ids: dict = field(default_factory=dict)  # {year: ((id, form), ...)}


def award_key(type_id, method=None):
    """The key of an award of ``type_id`` made by ``method`` in the counts: the type id of a
    regular award (``None``: regular, the field's default), ``(type id, method)`` otherwise."""
    if not method or method == REGULAR:
        return type_id
    return (type_id, method)


def award_keys(type_ids, any_method=False):
    """The award keys an award condition accepts: the regular awards of ``type_ids``, and with
    ``any_method`` those of every other method too."""
    keys = set(type_ids or ())
    if any_method:
        keys.update((t, m) for t in type_ids or () for m in AWARD_METHODS if m != REGULAR)
    return frozenset(keys)


def heaviest_form(forms):
    """The heaviest of the discipline ``forms`` (keys of :data:`DISCIPLINE_FORMS`; ``None`` and
    empty values are skipped), or ``None``."""
    heaviest = None
    for form in forms:
        if not form:
            continue
        if form not in DISCIPLINE_RANK:
            raise ValueError(
                "Unknown discipline form %r: expected one of %s."
                % (form, ", ".join(DISCIPLINE_FORMS))
            )
        if heaviest is None or DISCIPLINE_RANK[form] > DISCIPLINE_RANK[heaviest]:
            heaviest = form
    return heaviest


def best_standing(standings):
    """The best of a unit's ``standings`` in a year (``(rank, leading)`` pairs, ``None``
    skipped; a rank of 0 or ``None``: not ranked): a leading one first, then the best rank; or
    ``None``. A unit belongs to one cluster or block a year, but an officer may record it in two."""
    best = None
    for standing in standings:
        if not standing:
            continue
        rank, leading = standing
        key = (not leading, rank or 10**6)
        if best is None or key < (not best[1], best[0] or 10**6):
            best = (rank or 0, bool(leading))
    return best


def effect_years(year, last_day_year=None):
    """The years a discipline blocks: from ``year`` (the year it counts for, that of the
    violation judged) through the year of the last day of its term (``last_day_year``;
    ``None``: a term without a recorded end blocks its own year only).

    Decree 152/2025/NĐ-CP, art. 4: once a discipline's term is served, achievements count from
    the day it ends. A year's achievements therefore count only when the year starts after the
    term's last day: a term ending on 15 March 2026 blocks 2026, and 2027 counts; one ending on
    31 December 2025 leaves 2026 free."""
    last = year if last_day_year is None or last_day_year < year else last_day_year
    return range(year, last + 1)


def add_discipline(disciplines, form, year, last_day_year=None):
    """Put a discipline of ``form`` into ``disciplines`` ({year: heaviest form in effect}) for
    each of its :func:`effect_years`."""
    for blocked in effect_years(year, last_day_year):
        disciplines[blocked] = heaviest_form((disciplines.get(blocked), form))
    return disciplines


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


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ConditionResult:
    condition: Condition
    met: bool
    have: int
    need: int
    # 0 when met; for counts max(0, need - have); for every-year: the number of failing years;
    # for the other kinds see their class
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
    # streak kinds: the last year of the period in which a discipline of the recipient was in
    # effect; the run restarts after it (Decree 152/2025/NĐ-CP, art. 4), None: no such year
    restarted_after: int | None = None


@dataclass(frozen=True)
class AlternativeResult:
    alternative: Alternative
    met: bool
    missing: int  # sum of its conditions' missing
    conditions: tuple = ()  # ConditionResult, in condition order


class Counted(NamedTuple):
    """The ids of the history records that counted for one result (sorted, each once): of the
    alternative met, or else of the nearest one (the one :func:`~.explain.missing_summary`
    names). ``discipline``: the disciplines that blocked. The engine stores them with the
    verdict, and every "what counted" reads them."""

    award: tuple = ()
    classification: tuple = ()
    initiative: tuple = ()
    discipline: tuple = ()

    def __bool__(self):
        return any(self)


NOTHING_COUNTED = Counted()


class Verdict(NamedTuple):
    """An :class:`Evaluation` and what counted for it (:class:`Counted`)."""

    evaluation: object
    counted: Counted


@dataclass(frozen=True)
class Evaluation:
    eligible: bool
    # 0 when eligible, else the least ``missing`` of the alternatives that have conditions
    missing: int
    path: str | None  # name of the first met alternative, else None
    alternatives: tuple = ()


# ---------------------------------------------------------------------------- levels
def ranked_levels(levels, rank, level, condition, better):
    """The level keys that satisfy "``level`` or better/higher" for ``condition`` (``better``:
    ``levels`` are best first, else lowest first); ``ValueError`` on an unknown level."""
    if level not in rank:
        raise ValueError(
            "Unknown level %r in condition %r (kind %r): expected one of %s."
            % (level, condition.label or condition.key, condition.kind, ", ".join(levels))
        )
    threshold = rank[level]
    if better:  # best first: index <= threshold
        return frozenset(levels[: threshold + 1])
    return frozenset(levels[threshold:])  # lowest first: index >= threshold
