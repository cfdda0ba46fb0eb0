from odoo import models
from odoo.exceptions import ValidationError

MODULE = "emulation_exemplar"
# an Integer field is a PostgreSQL "integer" column (int4)
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1


class Base(models.AbstractModel):
    """The bounds of the numbers this module stores, checked before they reach the database.

    A number past an ``integer`` column's range (a year or a count of 2**31 sent by a JSON-RPC
    client or an import) would otherwise fail in PostgreSQL, with a traceback. Constraints
    cannot catch it: ``create`` inserts the row before it runs them, and ``write`` may flush
    before them. The values are checked where every create (with its defaults) and every write
    passes: the module's stored Integer fields, on any model."""

    _inherit = "base"

    # stays: the one place every create's values (defaults included) pass before the INSERT
    def _prepare_create_values(self, vals_list, *args, **kwargs):
        result = super()._prepare_create_values(vals_list, *args, **kwargs)
        for vals in result:
            self._emulation_check_integers(vals)
        return result

    # stays: the one place every write passes before it may flush
    def write(self, vals, *args, **kwargs):
        self._emulation_check_integers(vals)
        return super().write(vals, *args, **kwargs)

    def _emulation_check_integers(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if (
                field is None
                or field.type != "integer"
                or not field.store
                or MODULE not in (field._modules or ())
                or value is None
                or value is False
            ):
                continue
            label = field._description_string(self.env)
            try:
                number = int(value)
            except (TypeError, ValueError, OverflowError):
                raise ValidationError(
                    self.env._(
                        "%(value)s entered for %(field)s is not a whole number.",
                        value=repr(value),
                        field=label,
                    )
                ) from None
            if not INTEGER_MIN <= number <= INTEGER_MAX:
                raise ValidationError(
                    self.env._(
                        "The number %(value)s entered for %(field)s is out of range. Check it "
                        "and enter it again.",
                        value=number,
                        field=label,
                    )
                )
