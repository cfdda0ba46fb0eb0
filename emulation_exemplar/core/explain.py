"""Explanation: what an evaluation means, in sentences, and what a recipient still misses.

Pure Python, standard library only. Each condition's line comes from its kind
(:meth:`~.kinds.ConditionKind.explain`); this module writes the summary, the alternatives and
what every line shares.

Every English sentence is a literal ``_("...")`` call so that the translation extractor finds
it; placeholders are named and applied outside the call.
"""

from .criteria import WINDOW_ROLLING, Criteria, Evaluation
from .kinds import kind_of


def _identity(source):
    return source


def _years_text(years):
    return ", ".join(str(year) for year in years)


def _span_text(first, last):
    return str(first) if first == last else "%s–%s" % (first, last)


class _Window:
    """What the condition lines say about the criteria's period and evaluation year."""

    __slots__ = ("period", "size", "year", "rolling")

    def __init__(self, criteria):
        first, last = criteria.period()
        self.period = _span_text(first, last)
        self.size = last - first + 1
        self.year = criteria.year
        self.rolling = criteria.window == WINDOW_ROLLING


class Text:
    """What a kind's line of explanation is written with: ``gettext`` (the English source
    string to the reader's language), ``level_label`` (a level or form key to its label) and
    the ``window`` (its ``period`` text, ``size``, evaluation ``year``, whether ``rolling``)."""

    __slots__ = ("gettext", "level_label", "window")

    def __init__(self, gettext, level_label, window):
        self.gettext = gettext
        self.level_label = level_label
        self.window = window

    @staticmethod
    def years(years):
        """The years, separated by commas: 2021, 2023."""
        return _years_text(years)

    @property
    def one_year(self):
        """Whether the period is a single year (the Law's yearly titles): its lines then read
        "in 2026 classified ...", not "in every year 2026 ..."."""
        return self.window.size == 1

    def failing_level(self, result):
        """The label of the level (or form) of the first failing year of ``result``, or
        ``None`` when that year has none (no classification)."""
        levels = result.missing_levels
        level = levels[0] if levels else None
        return self.level_label(level) if level else None

    def failing_levels(self, result):
        """The failing years of ``result`` with the level (or form) of each: "2023 (good), 2024
        (no classification)"."""
        _ = self.gettext
        failing = []
        levels = result.missing_levels or (None,) * len(result.missing_years)
        for year, level in zip(result.missing_years, levels, strict=False):
            if level:
                failing.append(
                    _("%(year)s (%(level)s)") % {"year": year, "level": self.level_label(level)}
                )
            else:
                failing.append(_("%(year)s (no classification)") % {"year": year})
        return ", ".join(failing)


def _text(criteria, gettext, level_labels):
    labels = level_labels or {}

    def level_label(level):
        return labels.get(level) or level or ""

    return Text(gettext or _identity, level_label, _Window(criteria))


def condition_text(result, text):
    """One line for one condition result, written by its kind."""
    condition = result.condition
    window = text.window
    values = {
        "have": result.have,
        "need": result.need,
        "missing": result.missing,
        "years": _years_text(result.years),
        "period": window.period,
        "level": text.level_label(condition.level),
        "year": window.year,
        "members": result.members,
    }
    if result.years:
        values["span"] = _span_text(result.years[0], result.years[-1])
    return kind_of(condition.kind).explain(result, values, text)


def explain(
    evaluation: Evaluation, criteria: Criteria, gettext=None, level_labels: dict | None = None
) -> str:
    """A readable explanation of ``evaluation``: a summary line, then one block per alternative
    with one line per condition, naming the years that counted and the years that fail.

    ``gettext`` translates an English source string (default: identity); ``level_labels`` maps
    level keys to display labels (default: the key).
    """
    _ = gettext or _identity
    if not evaluation.alternatives:
        return _("No criteria alternative is defined.")

    text = _text(criteria, gettext, level_labels)
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
            lines.append("  - " + condition_text(result, text))
    return "\n".join(lines)


def missing_summary(
    evaluation: Evaluation, criteria: Criteria, gettext=None, level_labels: dict | None = None
) -> str:
    """What a recipient who is not eligible still misses, short enough for a list column: the
    unmet conditions of the nearest alternative (the first one with the fewest items missing),
    separated by semicolons. Empty when eligible or when no alternative has a condition."""
    if evaluation.eligible:
        return ""
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
    text = _text(criteria, gettext, level_labels)
    return "; ".join(
        condition_text(result, text) for result in nearest.conditions if not result.met
    )
