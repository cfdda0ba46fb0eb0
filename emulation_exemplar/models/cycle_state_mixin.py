from odoo import _, models
from odoo.exceptions import UserError

from .write_policy_mixin import ANY, NEW, policy

OFFICER = "emulation_exemplar.group_emulation_officer"
TODO = "mail.mail_activity_data_todo"
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
        self._todo_returned()
        return True

    def _todo_returned(self):
        for paper in self:
            paper._todo_for_unit(
                _("Correct and submit again: %(paper)s", paper=paper.display_name),
                paper.return_reason or "",
            )

    def action_return_dialog(self):
        """Return to the unit: the dialog asks for the reason."""
        self.ensure_one()
        self._check_officer()
        return self.env["emulation.return.wizard"]._open(self, "return")

    # ------------------------------------------------------------------ to-dos
    def _officer_users(self):
        """The emulation officers of the paper's company (who gets the to-do when a unit
        submits). Read as superuser: only their ids, to assign the to-do."""
        self.ensure_one()
        users = self.env.ref(OFFICER).sudo().users
        return users.filtered(
            lambda user: (
                user.active
                and not user.share
                and user.id != self.env.ref("base.user_root").id
                and self.company_id in user.company_ids
            )
        )

    def _unit_head_user(self):
        """The unit head to tell: who drafted the paper when they are not an officer, else the
        user of the unit's manager."""
        self.ensure_one()
        creator = self.create_uid
        if (
            creator
            and not creator.share
            and not creator._is_superuser()
            and not creator.has_group(OFFICER)
        ):
            return creator
        return self.department_id.sudo().manager_id.user_id

    def _todo(self, users, summary, note=""):
        """A to-do (Odoo activity) on the paper for each of ``users`` (no e-mail sent: the to-do
        is in their activities)."""
        self.ensure_one()
        for user in users:
            self.with_context(mail_activity_quick_update=True).activity_schedule(
                TODO, summary=summary, note=note, user_id=user.id
            )

    def _todos_done(self):
        """The paper's open to-dos are done: its step was taken."""
        self.activity_feedback([TODO])

    def _todo_for_officers(self, summary):
        for paper in self:
            paper._todos_done()
            paper._todo(paper._officer_users(), summary)

    def _todo_for_unit(self, summary, note=""):
        for paper in self:
            paper._todos_done()
            paper._todo(paper._unit_head_user(), summary, note)

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
