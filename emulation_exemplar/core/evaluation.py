"""Evaluation: whether recipients meet criteria, from their counts.

Pure Python, standard library only. The criteria are checked and compiled once per call (each
condition by its kind, :mod:`.kinds`); each recipient's counts are then read once into what the
kinds read (:class:`_History`), and each condition's result comes from its kind, shared between
recipients with the same relevant history. With ``counted=True`` each result also names the
history records that counted (:class:`~.criteria.Counted`, from the ids the counts carry): what
the engine stores with the verdict, so that nothing matches the history a second time.
"""

from dataclasses import replace

from .criteria import (
    ABSENCE,
    CLASSIFICATION_LEVELS,
    CLASSIFICATION_RANK,
    CLUSTER,
    DISCIPLINE,
    DISCIPLINE_FORMS,
    INITIATIVE_LEVELS,
    INITIATIVE_RANK,
    NOTHING_COUNTED,
    WINDOW_ROLLING,
    WINDOWS,
    AlternativeResult,
    Counted,
    Criteria,
    Evaluation,
    RecipientCounts,
    Verdict,
    heaviest_form,
)
from .kinds import KINDS, MEMBERS, CompiledCondition

_CLASSIFICATION_KEYS = frozenset((*CLASSIFICATION_LEVELS, None))
_DISCIPLINE_KEYS = frozenset((*DISCIPLINE_FORMS, None))


# the field of the ids of each history in RecipientCounts, in the order of HISTORIES (Counted)
_ID_FIELDS = ("award_ids", "classification_ids", "initiative_ids", "discipline_ids")


class _History:
    """One recipient's history within the period, as the kinds read it (see
    :meth:`~.kinds.ConditionKind.result`)."""

    __slots__ = (
        "awards",
        "initiatives",
        "levels",
        "forms",
        "members",
        "standing",
        "days_away",
        "restart",
    )

    def __init__(
        self,
        awards,
        initiatives,
        levels,
        forms,
        members,
        standing=None,
        days_away=None,
        restart=0,
    ):
        self.awards = awards
        self.initiatives = initiatives
        self.levels = levels
        self.forms = forms
        self.members = members
        # the unit's (rank, leading) in its emulation cluster or block in the evaluation year
        self.standing = standing
        # the days not worked of each year of the period (0: none recorded), for the kinds
        # that read absences
        self.days_away = days_away
        # the years of the period up to the last one in which the recipient's own discipline
        # was in effect: the streak kinds count only the years after them
        self.restart = restart


class _Compiled:
    """What depends only on the criteria, computed once per :func:`evaluate_many` call.

    ``conditions`` is a tuple of :class:`~.kinds.CompiledCondition`, for every condition of
    every alternative; ``plan`` a tuple of (alternative, indexes in ``conditions``, cache).
    """

    __slots__ = (
        "criteria",
        "year_from",
        "year_to",
        "period",
        "year",
        "rolling",
        "conditions",
        "steps",
        "plan",
        "evaluations",
        "counted_steps",
        "reads_disciplines",
        "reads_members",
        "reads_clusters",
        "reads_absences",
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
        self.rolling = criteria.window == WINDOW_ROLLING
        conditions = []
        plan = []
        for alternative in criteria.alternatives:
            indexes = []
            for condition in alternative.conditions:
                indexes.append(len(conditions))
                conditions.append(self._compile(condition))
            # results shared between recipients with the same relevant history: fewer objects,
            # much less work for the garbage collector on large populations
            plan.append((alternative, tuple(indexes), {}))
        self.conditions = tuple(conditions)
        self.steps = tuple((compiled.kind.result, compiled) for compiled in conditions)
        self.plan = tuple(plan)
        self.evaluations = {}
        self.counted_steps = {}
        reads = set()
        for compiled in conditions:
            reads |= compiled.kind.reads
        self.reads_disciplines = DISCIPLINE in reads
        self.reads_absences = ABSENCE in reads
        self.reads_members = MEMBERS in reads
        self.reads_clusters = CLUSTER in reads

    def _compile(self, condition):
        kind = KINDS.get(condition.kind)
        if kind is None:
            raise ValueError(
                "Unknown condition kind %r in condition %r: expected one of %s."
                % (condition.kind, condition.label or condition.key, ", ".join(KINDS))
            )
        accepted, need = kind.compile(condition, self)
        return CompiledCondition(condition, kind, accepted, need, self)

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
                if level not in INITIATIVE_RANK:
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

    def _forms(self, counts):
        """The heaviest discipline form in effect in each year of the period (``None``: none),
        the recipient's own or, for a unit, any member's."""
        get = counts.disciplines.get
        forms = tuple(get(year) or None for year in self.period)
        if counts.member_disciplines:
            member = counts.member_disciplines.get
            forms = tuple(
                heaviest_form((form, member(year)))
                for form, year in zip(forms, self.period, strict=True)
            )
        if not _DISCIPLINE_KEYS.issuperset(forms):
            unknown = sorted({form for form in forms if form not in _DISCIPLINE_KEYS})
            raise ValueError(
                "Unknown discipline form(s) %s: expected one of %s."
                % (", ".join(map(repr, unknown)), ", ".join(DISCIPLINE_FORMS))
            )
        return forms

    def _days_away(self, counts):
        """The days not worked of each year of the period (maternity leave not among them)."""
        get = counts.days_away.get
        return tuple(max(0, int(get(year) or 0)) for year in self.period)

    def _restart(self, counts):
        """How many years of the period, from its first, end with the last year in which a
        discipline of the recipient's own was in effect (0: none in the period)."""
        disciplines = counts.disciplines
        if not disciplines:
            return 0
        restart = 0
        for index, year in enumerate(self.period, start=1):
            if disciplines.get(year):
                restart = index
        return restart

    def _members(self, counts):
        """(member count, ``{level: members}``, ``((award type set, members), ...)``) of the
        evaluation year."""
        year = self.year
        levels = {}
        for (level, level_year), count in counts.member_levels.items():
            if level_year == year and count > 0:
                if level not in CLASSIFICATION_RANK:
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
        return counts.members.get(year, 0), levels, award_sets

    def evaluate(self, counts):
        awards, initiatives, levels = self._in_period(counts)
        history = _History(
            awards,
            initiatives,
            levels,
            self._forms(counts) if self.reads_disciplines else None,
            self._members(counts) if self.reads_members else None,
            counts.cluster_ranks.get(self.year) if self.reads_clusters else None,
            self._days_away(counts) if self.reads_absences else None,
            self._restart(counts) if self.reads_disciplines else 0,
        )
        condition_results = [result(compiled, history) for result, compiled in self.steps]
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

    def _counted_steps(self, evaluation):
        """((kind's counted, compiled condition, result, position in :class:`Counted`, field of
        the ids in the counts), ...) of the conditions of the alternative met by ``evaluation``,
        or else of the nearest one (the first with the fewest items missing, as
        :func:`~.explain.missing_summary` chooses), whose kind names records."""
        chosen = None
        for index, result in enumerate(evaluation.alternatives):
            if result.met:
                chosen = index
                break
            if chosen is None and result.conditions and result.missing == evaluation.missing:
                chosen = index
        if chosen is None:
            return ()
        _alternative, indexes, _cache = self.plan[chosen]
        steps = []
        for index, result in zip(indexes, evaluation.alternatives[chosen].conditions, strict=True):
            compiled = self.conditions[index]
            history = compiled.kind.names
            if history:
                slot = Counted._fields.index(history)
                steps.append((compiled.kind.counted, compiled, result, slot, _ID_FIELDS[slot]))
            if getattr(result, "restarted_after", None) is not None:
                # the person's own discipline that restarted a streak decided it too
                slot = Counted._fields.index(DISCIPLINE)
                steps.append((_restart_ids, compiled, result, slot, _ID_FIELDS[slot]))
        return tuple(steps)

    def counted(self, evaluation, counts):
        """The :class:`Counted` of ``evaluation`` (of ``counts``): the records its kinds name for
        the conditions of the alternative met, or else of the nearest one."""
        # evaluations are shared and live as long as self: their ids are stable keys
        steps = self.counted_steps.get(id(evaluation))
        if steps is None:
            steps = self.counted_steps[id(evaluation)] = self._counted_steps(evaluation)
        parts = None
        for counted, compiled, result, slot, field in steps:
            if getattr(counts, field):
                ids = counted(compiled, result, counts)
                if ids:
                    if parts is None:
                        parts = [(), (), (), ()]
                    parts[slot] = (*parts[slot], *ids) if parts[slot] else ids
        if parts is None:
            return NOTHING_COUNTED
        return Counted._make(
            () if not ids else (ids[0],) if len(ids) == 1 else tuple(sorted(set(ids)))
            for ids in parts
        )


def _restart_ids(compiled, result, counts):
    """The disciplines in effect in the year after which a streak restarted (its last year
    of effect: ``result.restarted_after``)."""
    return tuple(
        discipline_id
        for discipline_id, _form in counts.discipline_ids.get(result.restarted_after, ())
    )


# ---------------------------------------------------------------------------- evaluation
def evaluate(criteria: Criteria, counts: RecipientCounts | None = None, counted=False):
    """Evaluate ``criteria`` on one recipient's ``counts`` (``None``: an empty history): its
    :class:`Evaluation`, or with ``counted`` its :class:`Verdict` (the evaluation and the
    records that counted).

    Raises ``ValueError`` on an unknown condition kind or level, or an invalid period.
    """
    counts = counts if counts is not None else RecipientCounts()
    compiled = _Compiled(criteria)
    evaluation = compiled.evaluate(counts)
    if counted:
        return Verdict(evaluation, compiled.counted(evaluation, counts))
    return evaluation


def evaluate_many(criteria: Criteria, counts_by_recipient: dict, keys=None, counted=False) -> dict:
    """Evaluate ``criteria`` on many recipients: ``{key: Evaluation}``, or with ``counted``
    ``{key: Verdict}`` (each evaluation with the records that counted for it).

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
    if not counted:
        return {key: evaluate_one(get(key) or empty) for key in keys}
    counted_of = compiled.counted
    verdicts = {}
    for key in keys:
        counts = get(key) or empty
        evaluation = evaluate_one(counts)
        verdicts[key] = Verdict(evaluation, counted_of(evaluation, counts))
    return verdicts


def evaluate_years(criteria: Criteria, counts_by_recipient: dict, keys=None, counted=False):
    """Evaluate ``criteria`` for each of its :meth:`Criteria.evaluation_years`:
    ``{year: {key: Evaluation or Verdict}}``, ``keys`` and ``counted`` as in
    :func:`evaluate_many`. The counts must cover :meth:`Criteria.history_years`."""
    if keys is not None:
        keys = tuple(keys)
    return {
        year: evaluate_many(
            criteria.for_year(year), counts_by_recipient, keys=keys, counted=counted
        )
        for year in criteria.evaluation_years()
    }


def without_used(counts_by_recipient: dict, award_type_id, year) -> dict:
    """{recipient: RecipientCounts} of the recipients whose counts change for a title's result
    of ``year`` because some of their initiatives are the basis of another award (Law
    06/2022/QH15 art. 5: one achievement, one award): an initiative used for an award counts
    only for that award's title and year, and for the plan's exemplar (no title:
    ``award_type_id`` empty, nothing changes). A used initiative that carries its id (the sixth
    item of ``used_initiatives``) leaves ``initiative_ids`` too: it is not named as counted."""
    adjusted = {}
    if not award_type_id:
        return adjusted
    for key, recipient in counts_by_recipient.items():
        dropped = [u for u in recipient.used_initiatives if (u[3], u[4]) != (award_type_id, year)]
        if not dropped:
            continue
        initiatives = dict(recipient.initiatives)
        initiative_ids = dict(recipient.initiative_ids)
        for used in dropped:
            item = tuple(used[:3])
            initiatives[item] -= 1
            if not initiatives[item]:
                del initiatives[item]
            if len(used) > 5 and item in initiative_ids:
                ids = tuple(i for i in initiative_ids[item] if i != used[5])
                if ids:
                    initiative_ids[item] = ids
                else:
                    del initiative_ids[item]
        adjusted[key] = replace(recipient, initiatives=initiatives, initiative_ids=initiative_ids)
    return adjusted
