"""Decree 152/2025/NĐ-CP, art. 4(5)–(7): what the rules owe to women (no Odoo import).

- **Women first on a tie** (art. 4(6)): when candidates stand equal for a title or a form, a
  woman comes before a man, and a collective whose active members are at least
  :data:`WOMEN_SHARE` percent women before one that is not. *Equal standing* is exactly the
  same result: the same share of yes votes on the council's ballot; before the ballot, the same
  eligibility result (eligible or not, and the same number of items missing). The rule breaks
  a tie and nothing else: a better standing always comes first.
- **A third less time for women leaders** (art. 4(7)): a condition on time (years of service,
  years holding a post) of a contribution award needs a third less of it from a woman in a
  leadership post: :func:`time_needed`.
- **Maternity leave counts as time worked** (art. 4(5)): the condition kind ``months_worked``
  (:mod:`.kinds`) reads the days not worked of each year, which never include maternity leave
  (``models/eligibility.py`` leaves it out when it reads ``emulation.absence``).

The exact wording of the article could not be read in the sources at hand (see the README's
legal summary): the rules follow the summary of the domain notes, and are marked unverified
there.
"""

# percent of women among a collective's active members from which it comes first on a tie
WOMEN_SHARE = 70

# why a recipient comes first on a tie (the reason's key; the ORM gives its sentence)
WOMAN = "woman"
WOMEN_COLLECTIVE = "women_collective"


def women_share_percent(women, members):
    """The share of women among ``members`` active members, in percent (0 for no member)."""
    if not members:
        return 0.0
    return 100.0 * women / members


def collective_women_first(women, members):
    """Whether a collective with ``women`` women among ``members`` active members comes first
    on a tie: at least :data:`WOMEN_SHARE` percent, compared in integers (7 of 10 qualifies,
    69 of 100 does not); a unit without members never does."""
    return bool(members) and women * 100 >= WOMEN_SHARE * members


def priority_reason(gender=None, women=0, members=0, collective=False):
    """:data:`WOMAN`, :data:`WOMEN_COLLECTIVE` or ``None``: why the recipient comes first on a
    tie (a person of ``gender``; a collective of ``women`` women among ``members``)."""
    if collective:
        return WOMEN_COLLECTIVE if collective_women_first(women, members) else None
    return WOMAN if gender == "female" else None


def rank_key(standing, women_first, tiebreak=()):
    """The sort key that ranks candidates: a higher ``standing`` (a tuple compared as a
    whole: the same tuple is a tie) first; on a tie, those ``women_first`` first; then
    ``tiebreak`` (a stable order: name, id). Sort ascending with this key."""
    return (tuple(_descending(value) for value in standing), not women_first, tuple(tiebreak))


def _descending(value):
    if isinstance(value, bool):
        value = int(value)
    return -value


def time_needed(months, woman_leader):
    """The months of service or of holding a post a time condition of ``months`` needs: a
    third less for a woman in a leadership post (art. 4(7)), rounded up to the month so that
    it is never less than two thirds (120 → 80, 100 → 67, 36 → 24)."""
    if not woman_leader or months <= 0:
        return months
    return months - months // 3
