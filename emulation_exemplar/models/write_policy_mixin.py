from odoo import _, api, models
from odoo.exceptions import UserError

OFFICER = "emulation_exemplar.group_emulation_officer"
# the roles of a write policy: the emulation officers (and administrators), and everybody else
# the access rights let write (the unit managers, for their unit's papers)
UNIT, OFFICER_ROLE = "unit", "officer"
ROLES = (UNIT, OFFICER_ROLE)
# a policy state that holds in every state of the record
ANY = "*"
# the policy state of a record being created: fields allowed there are set once, at creation
NEW = "new"
# the fields the framework writes itself (chatter, followers, activities, technical columns)
FRAMEWORK_MODELS = ("mail.thread", "mail.activity.mixin", "mail.thread.main.attachment")
MAGIC_FIELDS = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}


class WritePolicyError(UserError):
    """A write the declared policy does not allow the caller (a field, a role, a state)."""


class _ButtonToken:
    """The context value that lets a button write what it owns. Over RPC a context holds only
    JSON values, so no caller can send this object: only server code holds it."""

    __slots__ = ()
    __hash__ = object.__hash__

    def __repr__(self):
        return "<button>"


BUTTON = _ButtonToken()
BUTTON_KEY = "emulation_policy_button"


def policy(unit=(), officer=()):
    """One field's entry of a write policy: the policy states in which each role may write it
    (``NEW``: when creating the record, ``ANY``: in every state)."""
    return {UNIT: frozenset(unit), OFFICER_ROLE: frozenset(officer)}


# written only by the buttons that own it (states, votes, snapshots, links, copies of the parent)
SERVER = policy()


class EmulationWritePolicyMixin(models.AbstractModel):
    """A record whose writable fields are declared: ``_write_policy`` maps each field to the
    policy states in which each role may write it (see ``policy``). A field that the policy
    does not name, or names with no state, is written only by the buttons that own it
    (``_button_write``, ``_button_create``); nobody writes it by hand, through the form, an
    import or RPC, and no ``default_*`` key of a caller's context sets it. The superuser is not
    checked. ``_policy_state`` says which policy state a record is in (its status, or "sealed"
    for a closed ballot or an issued decision); ``_policy_bound`` names the fields that can no
    longer change once the record has children or history bound to them."""

    _name = "emulation.write.policy.mixin"
    _description = "Fields each role may write in each state"

    # {field name: policy(unit=states, officer=states)}
    _write_policy = {}

    # ------------------------------------------------------------------ declaration
    def _policy_state(self):
        """The policy state of one record (by default its ``state``)."""
        self.ensure_one()
        return self.state

    def _policy_state_label(self, state):
        field = self._fields.get("state")
        if field and field.type == "selection":
            labels = dict(field._description_selection(self.env))
            if state in labels:
                return labels[state]
        return state

    def _policy_bound(self):
        """{field: why} of the fields of one record that can no longer change because children
        or history are bound to them (moving a paper to another unit with its lines…)."""
        return {}

    @api.model
    def _policy_exempt_fields(self):
        """The fields the framework writes itself (chatter, followers, activities)."""
        exempt = set(MAGIC_FIELDS)
        for name in FRAMEWORK_MODELS:
            if name in self.env and name in self._inherit_module_names():
                exempt |= set(self.env[name]._fields)
        return exempt

    @api.model
    def _inherit_module_names(self):
        return {
            parent
            for cls in type(self).__mro__
            for parent in [getattr(cls, "_name", None)]
            if isinstance(parent, str)
        }

    @api.model
    def _policy_role(self):
        return OFFICER_ROLE if self.env.user.has_group(OFFICER) else UNIT

    @api.model
    def _policy_allowed(self, role, state):
        """The fields ``role`` may write in the policy state ``state``."""
        return {
            fname
            for fname, entry in self._write_policy.items()
            if state in entry.get(role, ()) or ANY in entry.get(role, ())
        }

    def _policy_skip(self):
        return self.env.su or self.env.context.get(BUTTON_KEY) is BUTTON

    # ------------------------------------------------------------------ buttons
    def _button_write(self, vals):
        """A button writes what it owns (its checks are done)."""
        return self.with_context(**{BUTTON_KEY: BUTTON}).write(vals)

    @api.model
    def _button_create(self, vals_list):
        records = self.with_context(**{BUTTON_KEY: BUTTON}).create(vals_list)
        return records.with_env(self.env)

    # ------------------------------------------------------------------ enforcement
    def _check_write_policy(self, fnames, creating=False):
        """Refuse, naming the first field, a write of ``fnames`` that the policy does not allow
        the caller on any of the records."""
        if self._policy_skip() or not fnames:
            return
        exempt = self._policy_exempt_fields()
        fnames = set(fnames) - exempt
        role = self._policy_role()
        server = sorted(f for f in fnames if not any(self._write_policy.get(f, SERVER).values()))
        if server:
            raise WritePolicyError(self[:1]._policy_refusal(server[0], role, None))
        by_state = {}
        for record in self:
            by_state.setdefault(record._policy_state(), []).append(record.id)
        for state, ids in by_state.items():
            records = self.browse(ids)
            allowed = self._policy_allowed(role, state)
            if creating:
                # the fields set once, at creation (a child created into a paper the caller may
                # no longer change gets nothing more)
                allowed |= {
                    fname for fname, entry in self._write_policy.items() if entry.get(role) == {NEW}
                }
            refused = sorted(fnames - allowed)
            if refused:
                raise WritePolicyError(records[:1]._policy_refusal(refused[0], role, state))
            if not creating:
                for record in records:
                    bound = record._policy_bound()
                    for fname in sorted(fnames & set(bound)):
                        raise UserError(
                            _(
                                "%(field)s of %(record)s can no longer change: %(why)s",
                                field=self._policy_field_label(fname),
                                record=record.display_name,
                                why=bound[fname],
                            )
                        )

    def _policy_field_label(self, fname):
        field = self._fields.get(fname)
        return field._description_string(self.env) if field else fname

    def _policy_refusal(self, fname, role, state):
        """The message that refuses writing ``fname`` on this record, for the officer or unit."""
        label = self._policy_field_label(fname)
        entry = self._write_policy.get(fname, SERVER)
        if not (entry[UNIT] or entry[OFFICER_ROLE]):
            return _(
                "%(field)s is written only through the buttons of the form (Submit, Close, "
                "Issue…), not by hand.",
                field=label,
            )
        if entry[role] and not entry[role] - {NEW}:
            return _(
                "%(field)s is set when the record is created: it cannot change afterwards.",
                field=label,
            )
        if not entry[role]:
            return _(
                "%(field)s of %(record)s is recorded by the officers.",
                field=label,
                record=self.display_name,
            )
        if role == UNIT:
            return _(
                "%(record)s is %(state)s: the unit can no longer change it. Ask the emulation "
                "officers to return it if it needs a correction.",
                record=self.display_name,
                state=self._policy_state_label(state),
            )
        return _(
            "%(field)s of %(record)s cannot change while it is %(state)s.",
            field=label,
            record=self.display_name,
            state=self._policy_state_label(state),
        )

    @api.model
    def _policy_strip_defaults(self):
        """The caller's context without the ``default_*`` keys of fields they may not set."""
        context = self.env.context
        role = self._policy_role()
        settable = {fname for fname, entry in self._write_policy.items() if entry.get(role)}
        exempt = self._policy_exempt_fields()
        return {
            key: value
            for key, value in context.items()
            if not (
                key.startswith("default_")
                and key[8:] in self._fields
                and key[8:] not in settable
                and key[8:] not in exempt
            )
        }

    # stays: the declared write policy (_write_policy) is enforced here
    @api.model_create_multi
    def create(self, vals_list):
        if self._policy_skip():
            return super().create(vals_list)
        context = self._policy_strip_defaults()
        records = super(
            EmulationWritePolicyMixin,
            self.with_env(self.env(context=context)),
        ).create(vals_list)
        # the default_* keys left are checked as given values: a field the caller may set in
        # some state only is refused in the others, whether sent as a value or as a default
        defaults = {
            key[8:]
            for key, value in context.items()
            if key.startswith("default_") and key[8:] in self._fields and not _is_empty(value)
        }
        for record, vals in zip(records, vals_list, strict=True):
            given = {fname for fname, value in vals.items() if not _is_empty(value)}
            record._check_write_policy(given | (defaults - set(vals)), creating=True)
        return records.with_env(self.env)

    # stays: the declared write policy (_write_policy) is enforced here
    def write(self, vals):
        if not self._policy_skip():
            # who may not write the records at all learns that first (access rights, rules)
            self.check_access("write")
            self._check_write_policy(set(vals))
        return super().write(vals)


def _is_empty(value):
    """Whether a create value sets nothing (the form sends every field it shows)."""
    if isinstance(value, (list, tuple)):
        return all(
            isinstance(command, (list, tuple))
            and (command[0] == 5 or (command[0] == 6 and not command[2]))
            for command in value
        )
    return value in (False, None, "", 0)
