"""Rule core: who qualifies as an advanced exemplar (điển hình tiên tiến).

Pure Python, standard library only: no Odoo import. The Odoo layer gathers, per recipient
(employee or unit), the counts of awards, initiatives and annual classifications with batched SQL,
builds a :class:`Criteria` from the configured criteria set, and calls :func:`evaluate_many` and
:func:`explain`.

A criteria set is a list of alternatives (any one suffices); an alternative is a list of
conditions (all must hold). Only items whose year lies within ``year_from..year_to`` (both
included) count.

Every English sentence of :func:`explain` is written as a literal ``_("...")`` call so that the
translation extractor finds it; placeholders are named and applied outside the call.
"""

from dataclasses import dataclass, field

# Classification levels, best first (Decree 90/2020/NĐ-CP): "at level X or better" means
# index <= index(X).
CLASSIFICATION_LEVELS = ("excellent", "good", "completed", "not_completed")
# Initiative levels, lowest first: "level X or higher" means index >= index(X).
INITIATIVE_LEVELS = ("grassroots", "provincial", "national")

AWARD_COUNT = "award_count"
INITIATIVE_COUNT = "initiative_count"
CLASSIFICATION_COUNT = "classification_count"
CLASSIFICATION_EVERY_YEAR = "classification_every_year"
CONDITION_KINDS = (AWARD_COUNT, INITIATIVE_COUNT, CLASSIFICATION_COUNT, CLASSIFICATION_EVERY_YEAR)

_CLASSIFICATION_RANK = {level: index for index, level in enumerate(CLASSIFICATION_LEVELS)}
_INITIATIVE_RANK = {level: index for index, level in enumerate(INITIATIVE_LEVELS)}
_CLASSIFICATION_KEYS = frozenset((*CLASSIFICATION_LEVELS, None))


# ---------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Condition:
    """One condition of an alternative.

    ``award_type_ids`` is used by :data:`AWARD_COUNT`; ``level`` is an initiative level key for
    :data:`INITIATIVE_COUNT` and a classification level key for the classification kinds;
    ``applied_only`` restricts :data:`INITIATIVE_COUNT` to initiatives applied effectively;
    ``min_count`` is ignored by :data:`CLASSIFICATION_EVERY_YEAR`. ``label`` is the already
    translated description of what is counted; ``key`` is an opaque id (the Odoo record id).
    """

    kind: str
    min_count: int = 1
    award_type_ids: frozenset = frozenset()
    level: str | None = None
    applied_only: bool = False
    label: str = ""
    key: object = None


@dataclass(frozen=True)
class Alternative:
    """A way to qualify: every condition must hold. With no condition it is never met."""

    name: str
    conditions: tuple = ()
    key: object = None


@dataclass(frozen=True)
class Criteria:
    """A period and its alternatives: the recipient qualifies when any alternative is met."""

    year_from: int
    year_to: int
    alternatives: tuple = ()


@dataclass
class RecipientCounts:
    """What one recipient has; items outside the criteria's period are ignored."""

    awards: dict = field(default_factory=dict)  # {(award_type_id, year): count}
    initiatives: dict = field(default_factory=dict)  # {(level, applied_effectively, year): count}
    classifications: dict = field(default_factory=dict)  # {year: level}


@dataclass(frozen=True)
class ConditionResult:
    condition: Condition
    met: bool
    have: int
    need: int
    # 0 when met; for counts max(0, need - have); for every-year: the number of failing years
    missing: int
    # sorted years that counted, one entry per counted item
    years: tuple = ()
    # every-year kind: the failing years, sorted
    missing_years: tuple = ()
    # every-year kind: the level of each failing year (None: no classification), in the order
    # of missing_years; lets explain() say why a year fails without the counts
    missing_levels: tuple = ()


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
        "conditions",
        "plan",
        "caches",
        "evaluations",
    )

    def __init__(self, criteria):
        if not isinstance(criteria, Criteria):
            raise TypeError("criteria must be a Criteria, not %r" % type(criteria).__name__)
        year_from, year_to = criteria.year_from, criteria.year_to
        if year_from > year_to:
            raise ValueError(
                "The criteria period is not valid: %s is after %s." % (year_from, year_to)
            )
        self.criteria = criteria
        self.year_from = year_from
        self.year_to = year_to
        self.period = tuple(range(year_from, year_to + 1))
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
        else:
            raise ValueError(
                "Unknown condition kind %r in condition %r: expected one of %s."
                % (kind, condition.label or condition.key, ", ".join(CONDITION_KINDS))
            )
        return (condition, kind, accepted, need)

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

    def evaluate(self, counts):
        awards, initiatives, levels = self._in_period(counts)
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


# ---------------------------------------------------------------------------- explanation
def _identity(source):
    return source


def _years_text(years):
    return ", ".join(str(year) for year in years)


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

    if criteria.year_from == criteria.year_to:
        period = str(criteria.year_from)
    else:
        period = "%s–%s" % (criteria.year_from, criteria.year_to)

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
            lines.append("  - " + _condition_text(result, _, level_label, period))
    return "\n".join(lines)


def _condition_text(result, _, level_label, period):
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

    if kind == CLASSIFICATION_EVERY_YEAR:
        if result.met:
            return _("Met: classified %(level)s or better in every year %(period)s") % values
        failing = []
        levels = result.missing_levels or (None,) * len(result.missing_years)
        for year, level in zip(result.missing_years, levels, strict=False):
            if level:
                failing.append(
                    _("%(year)s (%(level)s)") % {"year": year, "level": level_label(level)}
                )
            else:
                failing.append(_("%(year)s (no classification)") % {"year": year})
        values["failing"] = ", ".join(failing)
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
    if criteria.year_from == criteria.year_to:
        period = str(criteria.year_from)
    else:
        period = "%s–%s" % (criteria.year_from, criteria.year_to)
    return "; ".join(
        _condition_text(result, _, lambda level: labels.get(level) or level or "", period)
        for result in nearest.conditions
        if not result.met
    )
