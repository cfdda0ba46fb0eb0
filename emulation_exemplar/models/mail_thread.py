from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # stays: core searches followers as superuser, past the rules that hide them
    @api.model
    def _search_message_partner_ids(self, operator, operand, *args, **kwargs):
        """Search on the followers as the caller reads them (``message_follower_ids``): the
        record rules on ``mail.followers`` apply. Core searches them as superuser, so that the
        followers this module hides (who follows whose classification, discipline or
        nomination: security/emulation_rules.xml) would be found by a search although they
        read empty. For the followers no rule hides, the answer is the same."""
        Followers = self.env["mail.followers"]
        if self.env.su or not Followers.has_access("read"):
            return super()._search_message_partner_ids(operator, operand, *args, **kwargs)
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        followers = Followers._search(
            [("res_model", "=", self._name), ("partner_id", operator, operand)]
        )
        return [
            (
                "id",
                "not in" if negative else "in",
                followers.subselect(SQL.identifier(followers.table, "res_id")),
            )
        ]
