from odoo import api, fields, models

from ..core import priority


class EmulationWomenPriorityMixin(models.AbstractModel):
    """Women first on a tie (Decree 152/2025/NĐ-CP, art. 4(6)) for the records that name a
    person (``employee_id``) or a unit (``department_id``) among candidates: proposal lines and
    the council's ballot, nominations, eligibility results.

    The facts are read when shown, never stored: the person's gender (on the employee), and
    for a unit the share of women among its active members (the people of the unit and of the
    units below it, as the engine counts a unit's members). :meth:`_women_first_ranked` is the
    one place that ranks candidates: a better standing first, and on the same standing those
    who come first by the Decree."""

    _name = "emulation.women.priority.mixin"
    _description = "Women first on a tie"

    women_first = fields.Boolean(
        string="Women first",
        compute="_compute_women_first",
        help="Comes first among candidates of equal standing (the same share of yes votes; "
        "before the ballot, the same eligibility result): a woman, or a collective whose "
        "active members are at least 70 % women (Decree 152/2025/NĐ-CP, art. 4(6)).",
    )
    women_first_reason = fields.Char(
        string="Priority on a tie",
        compute="_compute_women_first",
        help="Why the recipient comes first on a tie, if it does.",
    )

    def _women_first_recipient(self):
        """(the person, the unit) whose standing this record ranks: a unit only when the
        record names no person."""
        self.ensure_one()
        if self.employee_id:
            return self.employee_id, self.env["hr.department"]
        return self.env["hr.employee"], self.department_id

    @api.depends("employee_id", "department_id")
    def _compute_women_first(self):
        pairs = {record: record._women_first_recipient() for record in self}
        people = self.env["hr.employee"].union(*(person for person, _unit in pairs.values()))
        units = self.env["hr.department"].union(*(unit for _person, unit in pairs.values()))
        # the gender is an HR field: the caller sees the rule's verdict on a recipient it
        # already sees, not the employee's record
        genders = {person.id: person.gender for person in people.sudo()}
        shares = units._emulation_women_members()
        for record, (person, unit) in pairs.items():
            if person:
                reason = priority.priority_reason(genders.get(person.id))
                share = None
            elif unit:
                women, members = shares.get(unit.id, (0, 0))
                reason = priority.priority_reason(women=women, members=members, collective=True)
                share = priority.women_share_percent(women, members)
            else:
                reason = share = None
            record.women_first = bool(reason)
            record.women_first_reason = record._women_first_sentence(reason, share)

    def _women_first_sentence(self, reason, share):
        if reason == priority.WOMAN:
            return self.env._("Woman: comes first on a tie (Decree 152/2025, art. 4(6))")
        if reason == priority.WOMEN_COLLECTIVE:
            return self.env._(
                "%(share)s %% women among its members: comes first on a tie "
                "(Decree 152/2025, art. 4(6))",
                share=round(share),
            )
        return False

    def _women_first_ranked(self, standing):
        """These records ranked: a higher ``standing(record)`` (a tuple; the same tuple is a
        tie) first; on a tie, those who come first by the Decree; then their present order."""
        position = {record_id: index for index, record_id in enumerate(self.ids)}
        return self.sorted(
            lambda record: priority.rank_key(
                standing(record), record.women_first, (position[record.id],)
            )
        )
