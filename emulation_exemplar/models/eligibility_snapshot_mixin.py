from odoo import api, fields, models
from odoo.tools.misc import format_date

# the fields the snapshot owns: written only by _take_snapshot (a model using the mixin lists
# them as SERVER in its write policy)
SNAPSHOT_FIELDS = (
    "eligibility_id",
    "snapshot_eligible",
    "snapshot_missing",
    "snapshot_criteria_set_id",
    "snapshot_year",
    "snapshot_date",
)


class EmulationEligibilitySnapshotMixin(models.AbstractModel):
    """The eligibility a record rests on, frozen as facts when it is taken (a proposal line when
    its proposal is submitted, a nomination when it is selected): the stored result
    (``emulation.eligibility``) it was taken from, whether it was eligible, how many items were
    missing, by which criteria set and for which year, and when. Later changes of the history do
    not rewrite the facts; they are explained when read, in the reader's language
    (``snapshot_explanation``), and compared with the stored result of today.

    A model using it says which stored result each record rests on: ``_eligibility_rows``
    returns {record id: emulation.eligibility row, or an empty/None value}."""

    _name = "emulation.eligibility.snapshot.mixin"
    _description = "Eligibility frozen as facts"

    eligibility_id = fields.Many2one(
        "emulation.eligibility",
        string="Eligibility result",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The stored eligibility result the snapshot was taken from.",
    )
    snapshot_eligible = fields.Boolean(
        string="Eligible when taken",
        readonly=True,
        copy=False,
        help="Whether the recipient was eligible when the snapshot was taken: later changes to "
        "the history do not rewrite it.",
    )
    snapshot_missing = fields.Integer(
        string="Items missing when taken", readonly=True, copy=False, aggregator=False
    )
    snapshot_criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    snapshot_year = fields.Integer(
        string="Evaluation year", readonly=True, copy=False, aggregator=False
    )
    snapshot_date = fields.Date(string="Snapshot taken on", readonly=True, copy=False)
    snapshot_explanation = fields.Text(
        string="Eligibility snapshot",
        compute="_compute_snapshot_explanation",
        help="The facts of the snapshot in words, and whether the history has changed since.",
    )

    def _eligibility_rows(self):
        """{record id: the stored result (emulation.eligibility) the record rests on}."""
        raise NotImplementedError

    def _snapshot_values(self, row, today):
        """The facts of a snapshot taken from ``row`` (an eligibility result, or nothing)."""
        self.ensure_one()
        return {
            "eligibility_id": row.id if row else False,
            "snapshot_eligible": bool(row and row.eligible),
            "snapshot_missing": row.missing if row else 0,
            "snapshot_criteria_set_id": row.criteria_set_id.id if row else False,
            "snapshot_year": row.year if row else self.year,
            "snapshot_date": today,
        }

    def _take_snapshot(self):
        """Freeze, as facts, the stored result each record rests on (a button's write)."""
        rows = self._eligibility_rows()
        today = fields.Date.context_today(self)
        for record in self:
            record._button_write(record._snapshot_values(rows.get(record.id), today))
        return True

    @api.depends_context("lang")
    @api.depends(
        "snapshot_date",
        "snapshot_eligible",
        "snapshot_missing",
        "snapshot_criteria_set_id",
        "snapshot_year",
        "eligibility_id.eligible",
        "eligibility_id.missing",
    )
    def _compute_snapshot_explanation(self):
        for record in self:
            record.snapshot_explanation = record._explain_snapshot()

    def _explain_snapshot(self):
        """The snapshot in words, in the environment's language; False when none was taken."""
        self.ensure_one()
        if not self.snapshot_date:
            return False
        env = self.env
        date = format_date(env, self.snapshot_date)
        if not self.snapshot_criteria_set_id:
            return env._(
                "On %(date)s no criteria set had a result for the recipient: the set is not "
                "active, or not for this kind of recipient.",
                date=date,
            )
        criteria_set = self.snapshot_criteria_set_id.with_context(lang=env.lang).display_name
        if self.snapshot_eligible:
            text = env._(
                "Eligible on %(date)s by the criteria set %(set)s, evaluation year %(year)s.",
                date=date,
                set=criteria_set,
                year=self.snapshot_year,
            )
        else:
            text = env._(
                "Not eligible on %(date)s by the criteria set %(set)s, evaluation year "
                "%(year)s: items missing, %(missing)s.",
                date=date,
                set=criteria_set,
                year=self.snapshot_year,
                missing=self.snapshot_missing,
            )
        # today's stored result, if the reader may read it
        row = self.eligibility_id
        if not row.has_access("read"):
            return text
        if not row.exists():
            return text
        if (row.eligible, row.missing) != (self.snapshot_eligible, self.snapshot_missing):
            if row.eligible:
                text += "\n" + env._("The history has changed since: eligible today.")
            else:
                text += "\n" + env._(
                    "The history has changed since: not eligible today, items missing, "
                    "%(missing)s.",
                    missing=row.missing,
                )
        return text
