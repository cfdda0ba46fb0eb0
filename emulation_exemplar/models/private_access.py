"""Guarded copies of the private, stored emulation fields.

Stored computed fields are written as superuser, so their values are protected by ``groups``
(officers only, see ``exemplar_mixin.PRIVATE``). People who may read the personnel data of some
people or units only (themselves; a unit manager: their units) read the guarded copies: computed
per user, they hold the private value where :class:`res.users` scope allows it and nothing
elsewhere, and their searches never look outside that scope.
"""

from odoo import fields
from odoo.osv import expression

SCOPES = {
    "hr.employee": "_emulation_employee_scope",
    "hr.department": "_emulation_department_scope",
}


def scope_domain(env, private_model):
    """Domain of the records of ``private_model`` the current user may read privately."""
    return getattr(env.user, SCOPES[private_model])()


def copy_private(records, private_model, fields_map, flag_field=None):
    """Assign to ``records`` the private values of the records of ``private_model`` with the same
    ids, where the user's scope allows it, and empty values elsewhere. ``fields_map`` maps the
    guarded field of ``records`` to the private field; ``flag_field`` says whether it was allowed.
    One query for the scope and one batched read, whatever the number of records."""
    Private = records.env[private_model].sudo().with_context(active_test=False)
    allowed = Private.search(
        expression.AND([scope_domain(records.env, private_model), [("id", "in", records.ids)]])
    )
    allowed.fetch(list(fields_map.values()))
    allowed_ids = set(allowed.ids)
    for record in records:
        private = Private.browse(record.id) if record.id in allowed_ids else None
        if flag_field:
            record[flag_field] = private is not None
        for guarded, source in fields_map.items():
            if private is None:
                record[guarded] = False
            elif records._fields[guarded].type == "many2one":
                record[guarded] = private[source].id
            else:
                record[guarded] = private[source]


def search_private(env, private_model, domain):
    """Domain ``[('id', 'in', subquery)]`` of the records in the user's scope that match
    ``domain`` on the private fields."""
    Private = env[private_model].sudo().with_context(active_test=False)
    query = Private._search(expression.AND([scope_domain(env, private_model), domain]))
    return [("id", "in", query)]


def private_searcher(field_name):
    """A ``search=`` method for the guarded copy of ``field_name``."""

    def search(self, operator, value):
        return search_private(
            self.env, self._emulation_private_model, [(field_name, operator, value)]
        )

    search.__name__ = "_search_private_%s" % field_name
    return search


def search_private_access(self, operator, value):
    """``search=`` method of the flag saying whether the user may read the private values."""
    if operator not in ("=", "!=") or not isinstance(value, bool):
        raise NotImplementedError(operator)
    domain = search_private(self.env, self._emulation_private_model, [])
    if (operator == "=") != value:
        domain = [("id", "not in", domain[0][2])]
    return domain


def guarded_copy(private_field, compute):
    """A new guarded copy of the private eligibility field ``private_field``: computed by
    ``compute``, searchable within the user's scope where the private field is."""
    labels = {
        "exemplar_eligible": (fields.Boolean, "Eligible exemplar", True),
        "exemplar_missing": (fields.Integer, "Items missing", True),
        "exemplar_path": (fields.Char, "Criteria met", False),
        "exemplar_explanation": (fields.Text, "Eligibility explanation", False),
        "exemplar_criteria_set_id": (fields.Many2one, "Criteria set used", True),
    }
    field_type, string, searchable = labels[private_field]
    args = ("emulation.criteria.set",) if field_type is fields.Many2one else ()
    extra = {"aggregator": False} if field_type is fields.Integer else {}
    if searchable:
        extra["search"] = private_searcher(private_field)
    return field_type(*args, string=string, compute=compute, **extra)
