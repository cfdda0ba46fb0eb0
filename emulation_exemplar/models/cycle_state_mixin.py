from odoo import _, models
from odoo.exceptions import UserError

from .write_policy_mixin import ANY, NEW, policy

OFFICER = "emulation_exemplar.group_emulation_officer"
# the states in which the unit that drafted a paper may still edit it
UNIT_EDITABLE = ("draft", "returned")
# a field of the paper that its unit and the officers fill in while it is a draft
DRAFTED = policy(unit=(NEW, *UNIT_EDITABLE), officer=(NEW, *UNIT_EDITABLE))
# set when the paper is created, never moved afterwards (its company)
AT_CREATION = policy(unit=(NEW,), officer=(NEW,))
# lines and documents: their own policy decides
CHILDREN = policy(unit=(NEW, ANY), officer=(NEW, ANY))


class EmulationCycleStateMixin(models.AbstractModel):
    """A paper of the annual cycle that a unit drafts and an officer moves on.

    Its ``state`` only changes through the buttons (``_set_state``): the write policy (see
    ``emulation.write.policy.mixin``) leaves it to them, so that a unit cannot skip the officers'
    steps through RPC or a ``default_state``. Units edit their papers only while they are
    drafts or returned to them."""

    _name = "emulation.cycle.state.mixin"
    _inherit = ["emulation.write.policy.mixin"]
    _description = "Paper of the annual commendation cycle"

    # the states in which the unit that drafted the paper may still edit it
    _unit_editable_states = UNIT_EDITABLE

    def _is_officer(self):
        return self.env.su or self.env.user.has_group(OFFICER)

    def _check_unit_may_edit(self):
        if self._is_officer():
            return
        locked = self.filtered(lambda r: r.state not in self._unit_editable_states)
        if locked:
            raise UserError(
                _(
                    "%(paper)s is submitted: the unit can no longer change it. Ask the "
                    "emulation officers to return it if it needs a correction.",
                    paper=locked[0].display_name,
                )
            )

    def _set_state(self, state, **vals):
        """The only way the status changes (the buttons call it after their checks)."""
        self.check_access("write")
        vals["state"] = state
        return self._button_write(vals)

    def _policy_bound(self):
        if self.line_ids:
            return {
                "department_id": _(
                    "it has lines. Create the paper of the other unit instead, or remove the "
                    "lines first."
                )
            }
        return {}

    def _check_officer(self):
        if not self._is_officer():
            raise UserError(_("Only the emulation officers do this."))

    def _check_return(self, states):
        """Before the papers go back to their unit (the officers' Return button): each must be
        in one of ``states`` and say why, so that the unit knows what to correct."""
        self._check_officer()
        for paper in self:
            if paper.state not in states:
                raise UserError(_("%(paper)s cannot be returned now.", paper=paper.display_name))
            if not (paper.return_reason or "").strip():
                raise UserError(
                    _(
                        "Write the reason for returning %(paper)s first: the unit needs to know "
                        "what to correct.",
                        paper=paper.display_name,
                    )
                )

    def _return_to_unit(self, states):
        self._check_return(states)
        self._set_state("returned")
        return True

    def action_reset_draft(self):
        """A returned paper goes back to draft, for its unit to correct it."""
        for paper in self:
            if paper.state != "returned":
                raise UserError(
                    _(
                        "%(paper)s was not returned: only a returned paper goes back to draft.",
                        paper=paper.display_name,
                    )
                )
        self._set_state("draft")
        return True
