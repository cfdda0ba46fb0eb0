from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EmulationSigner(models.Model):
    """Who signs the agency's decisions (Decree 30/2020/NĐ-CP, art. 13 and Appendix I): the head
    of the agency in their own name, or a deputy on their behalf ("KT. GIÁM ĐỐC" over
    "PHÓ GIÁM ĐỐC"). The first active signer of a company is its decisions' default."""

    _name = "emulation.signer"
    _description = "Signer of decisions"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(
        string="Full name", required=True, help="Printed under the signature, e.g. Thái Phúc Sơn."
    )
    position = fields.Char(
        required=True, help="The signer's own position, e.g. Giám đốc or Phó Giám đốc."
    )
    on_behalf_of = fields.Char(
        string="Signs on behalf of",
        help="The position of the head the signer signs for, e.g. Giám đốc: the paper then "
        "reads KT. GIÁM ĐỐC over the signer's own position. Empty: the signer signs in their "
        "own name.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("name", "position", "on_behalf_of")
    def _compute_display_name(self):
        for signer in self:
            lines = signer._signature_title_lines()
            signer.display_name = "%s (%s)" % (signer.name or "", " – ".join(lines).title())

    @api.constrains("name", "position")
    def _check_texts(self):
        for signer in self:
            if not (signer.name or "").strip() or not (signer.position or "").strip():
                raise ValidationError(
                    self.env._("Enter the signer's full name and position, as printed.")
                )

    def _signature_title_lines(self):
        """The lines above the signature: the position, or "KT. <HEAD>" then the position when
        signing on behalf of the head (Decree 30/2020, art. 13(2))."""
        self.ensure_one()
        position = (self.position or "").strip().upper()
        head = (self.on_behalf_of or "").strip().upper()
        if head and head != position:
            return ["KT. %s" % head, position]
        return [position] if position else []

    def _signature_values(self):
        """{signer_title_lines, signer_name} of the layout's signature block."""
        self.ensure_one()
        return {
            "signer_title_lines": self._signature_title_lines(),
            "signer_name": (self.name or "").strip(),
        }
