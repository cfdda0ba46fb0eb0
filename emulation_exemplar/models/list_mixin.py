from lxml import html

from odoo import api, fields, models
from odoo.tools import SQL

# classes of the paragraphs of an action's help meant for one role only: a paragraph carrying
# one or more of them shows to the users whose highest emulation role is one of those
ROLE_HELP_PREFIX = "o_emulation_for_"
ROLE_GROUPS = [
    ("admin", "emulation_exemplar.group_emulation_admin"),
    ("officer", "emulation_exemplar.group_emulation_officer"),
    ("manager", "emulation_exemplar.group_emulation_manager"),
]


class EmulationListMixin(models.AbstractModel):
    """Lists and statistics a person can read.

    - Selections sort and group in the order they are declared (a pipeline's stages in order,
      levels best first), not alphabetically by their technical key: in pivots, graphs, grouped
      lists and when a list is sorted on the column.
    - Pivots and graphs count with ``record_count`` ("Quantity"), the number of records summed in
      SQL although the field is not stored.
    - The help of an empty list tells each role what it can do: paragraphs of the action's help
      with the class ``o_emulation_for_<role>`` (user, manager, officer, admin) show only to the
      users whose highest emulation role is that one.
    """

    _name = "emulation.list.mixin"
    _description = "Natural order of selections, help per role"

    # the measure of the pivots and graphs: core's "Count" (__count) reads "Số tập dữ liệu" in
    # Vietnamese; this one is the number of records, named as an officer counts ("Số lượng")
    record_count = fields.Integer(
        string="Quantity",
        compute="_compute_record_count",
        aggregator="sum",
        help="The number of records.",
    )

    def _compute_record_count(self):
        for record in self:
            record.record_count = 1

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == "record_count:sum":
            return SQL("COUNT(*)")
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------ natural order
    def _natural_selection_order(self, field, sql_field):
        """An SQL expression that sorts the values of a selection field in declaration order
        (values that are not declared, and NULL, last)."""
        whens = [
            SQL("WHEN %s THEN %s", value, index)
            for index, value in enumerate(field.get_values(self.env))
        ]
        return SQL("(CASE %s %s END)", sql_field, SQL(" ").join(whens))

    def _is_natural_selection(self, fname):
        field = self._fields.get(fname)
        return bool(field and field.type == "selection" and field.store and field.column_type)

    # stays: selections sort in their declared order (core sorts their keys alphabetically)
    def _order_field_to_sql(self, alias, field_name, direction, nulls, query, *args, **kwargs):
        if "." in field_name or not self._is_natural_selection(field_name):
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query, *args, **kwargs
            )
        sql_field = self._field_to_sql(alias, field_name, query)
        if query.groupby:
            query.groupby = SQL("%s, %s", query.groupby, sql_field)
        natural = self._natural_selection_order(self._fields[field_name], sql_field)
        return SQL("%s %s %s", natural, direction, nulls)

    # stays: groups of a selection come in its declared order too
    def _read_group_orderby(self, order, groupby_terms, *args, **kwargs):
        # only the ORDER BY changes: the groups stay those of the raw values
        terms = {
            spec: (
                self._natural_selection_order(self._fields[spec], sql_expr)
                if self._is_natural_selection(spec)
                else sql_expr
            )
            for spec, sql_expr in groupby_terms.items()
        }
        return super()._read_group_orderby(order, terms, *args, **kwargs)

    # ------------------------------------------------------------------ help per role
    @api.model
    def _emulation_role(self):
        """The user's highest emulation role: admin, officer, manager or user."""
        for role, xmlid in ROLE_GROUPS:
            if self.env.user.has_group(xmlid):
                return role
        return "user"

    # stays: the empty list's help tells each role what it can do
    @api.model
    def get_empty_list_help(self, help_message, *args, **kwargs):
        if help_message and ROLE_HELP_PREFIX in help_message:
            role_class = ROLE_HELP_PREFIX + self._emulation_role()
            parts = html.fragments_fromstring(str(help_message))
            kept = []
            for part in parts:
                if isinstance(part, str):
                    kept.append(part)
                    continue
                for element in [part, *part.iterdescendants()]:
                    classes = (element.get("class") or "").split()
                    roles = [c for c in classes if c.startswith(ROLE_HELP_PREFIX)]
                    if roles and role_class not in roles:
                        if element is part:
                            part = None
                            break
                        element.drop_tree()
                if part is not None:
                    kept.append(html.tostring(part, encoding="unicode"))
            help_message = "".join(kept)
        return super().get_empty_list_help(help_message, *args, **kwargs)
