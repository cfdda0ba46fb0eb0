"""Rule core: who qualifies for an award, a title or as an advanced exemplar (điển hình tiên tiến).

Pure Python, standard library only: no Odoo import. The Odoo layer gathers, per recipient
(employee or unit), the counts of awards, initiatives, annual classifications, disciplines and,
for units, statistics of their members, with batched SQL; builds a :class:`Criteria` from the
configured criteria set, and calls :func:`evaluate_many` (or :func:`evaluate_years`) and
:func:`explain`.

The core is split by concern, and this module gathers their public names (``from ..core import
eligibility as rules``):

- :mod:`.criteria` — the vocabulary (levels, forms, windows, histories), the criteria, the
  counts and the results, what the windows and evaluation years mean;
- :mod:`.kinds` — one class per condition kind, the registry :data:`KINDS` and everything
  derived from it (the selection, the parameters, the histories read);
- :mod:`.evaluation` — :func:`evaluate`, :func:`evaluate_many`, :func:`evaluate_years`,
  :func:`without_used` (one achievement, one award);
- :mod:`.explain` — :func:`explain` and :func:`missing_summary`.
"""

from .criteria import (
    ABOLISHED_FORMS,
    ABOLISHED_FROM,
    AWARD,
    CLASSIFICATION,
    CLASSIFICATION_LEVELS,
    CLASSIFICATION_RANK,
    DISCIPLINE,
    DISCIPLINE_FORMS,
    DISCIPLINE_RANK,
    HISTORIES,
    INITIATIVE,
    INITIATIVE_LEVELS,
    INITIATIVE_RANK,
    MEMBER_BASES,
    PUBLIC_EMPLOYEE_FORMS,
    WINDOW_FIXED,
    WINDOW_ROLLING,
    WINDOWS,
    Alternative,
    AlternativeResult,
    Condition,
    ConditionResult,
    Criteria,
    Evaluation,
    HistoryItem,
    RecipientCounts,
    add_discipline,
    effect_years,
    heaviest_form,
    member_statistics,
    merge_disciplines,
)
from .evaluation import evaluate, evaluate_many, evaluate_years, without_used
from .explain import explain, missing_summary
from .kinds import (
    ALL_CONDITION_KINDS,
    AWARD_COUNT,
    AWARD_STREAK,
    CLASSIFICATION_COUNT,
    CLASSIFICATION_EVERY_YEAR,
    CLASSIFICATION_STREAK,
    CONDITION_KINDS,
    INITIATIVE_COUNT,
    KINDS,
    LAW_CONDITION_KINDS,
    MEMBER_COUNT,
    MEMBER_RATIO,
    NO_DISCIPLINE,
    PARAMETER_NAMES,
    PARAMETERS,
    UNIT_CONDITION_KINDS,
    ConditionKind,
    Parameter,
    kind_of,
    kind_selection,
    raw_sql_kinds,
)

__all__ = [
    "ALL_CONDITION_KINDS",
    "AWARD",
    "AWARD_COUNT",
    "AWARD_STREAK",
    "CLASSIFICATION",
    "ABOLISHED_FORMS",
    "ABOLISHED_FROM",
    "CLASSIFICATION_COUNT",
    "CLASSIFICATION_EVERY_YEAR",
    "CLASSIFICATION_LEVELS",
    "CLASSIFICATION_RANK",
    "CLASSIFICATION_STREAK",
    "CONDITION_KINDS",
    "DISCIPLINE",
    "DISCIPLINE_FORMS",
    "DISCIPLINE_RANK",
    "HISTORIES",
    "INITIATIVE",
    "INITIATIVE_COUNT",
    "INITIATIVE_LEVELS",
    "INITIATIVE_RANK",
    "KINDS",
    "LAW_CONDITION_KINDS",
    "MEMBER_BASES",
    "PUBLIC_EMPLOYEE_FORMS",
    "MEMBER_COUNT",
    "MEMBER_RATIO",
    "NO_DISCIPLINE",
    "PARAMETERS",
    "PARAMETER_NAMES",
    "UNIT_CONDITION_KINDS",
    "WINDOWS",
    "WINDOW_FIXED",
    "WINDOW_ROLLING",
    "Alternative",
    "AlternativeResult",
    "Condition",
    "ConditionKind",
    "ConditionResult",
    "Criteria",
    "Evaluation",
    "HistoryItem",
    "Parameter",
    "RecipientCounts",
    "evaluate",
    "evaluate_many",
    "evaluate_years",
    "without_used",
    "explain",
    "add_discipline",
    "effect_years",
    "heaviest_form",
    "kind_of",
    "kind_selection",
    "member_statistics",
    "merge_disciplines",
    "missing_summary",
    "raw_sql_kinds",
]
