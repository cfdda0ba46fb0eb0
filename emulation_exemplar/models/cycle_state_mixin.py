from odoo import _, api, models
from odoo.exceptions import UserError

OFFICER = "emulation_exemplar.group_emulation_officer"


class EmulationCycleStateMixin(models.AbstractModel):
    """A paper of the annual cycle that a unit drafts and an officer moves on.

    Its ``state`` only changes through the buttons (``_set_state``): a create starts at draft
    whatever the values or the context (``default_state``) say, and a write of ``state`` from
    outside is refused, so that a unit cannot skip the officers' steps through RPC. Units edit
    their papers only while they are drafts or returned to them."""

    _name = "emulation.cycle.state.mixin"
    _description = "Paper of the annual commendation cycle"

    # the states in which the unit that drafted the paper may still edit it
    _unit_editable_states = ("draft", "returned")

    def _is_officer(self):
        return self.env.su or self.env.user.has_group(OFFICER)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                # the first state, whatever the values or a default_state of the context say
                vals["state"] = "draft"
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.su:
            raise UserError(
                _("The status changes only through the buttons of the form (Submit, Approve…).")
            )
        self._check_unit_may_edit()
        return super().write(vals)

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
        return super().write(vals)

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
