from odoo import api, fields, models
from odoo.exceptions import ValidationError

CERTIFICATE_FIELDS = [
    ("recipient_name", "Recipient name"),
    ("unit", "Unit"),
    ("achievement", "Achievement"),
    ("decision_number", "Decision number"),
    ("decision_date", "Decision date"),
    ("decision_day", "Decision date: day"),
    ("decision_month", "Decision date: month"),
    ("decision_year", "Decision date: year"),
    ("signer_name", "Signer name"),
    ("signer_title", "Signer title"),
    ("place_date", "Place and date"),
]


class EmulationCertificateLayoutLine(models.Model):
    """One field of a certificate layout: what is printed, where (mm from the blank's top left
    corner), in which width, size, alignment and weight."""

    _name = "emulation.certificate.layout.line"
    _description = "Field of a certificate layout"
    _order = "layout_id, y_mm, x_mm, id"

    layout_id = fields.Many2one(
        "emulation.certificate.layout", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="layout_id.company_id", store=True)
    field = fields.Selection(CERTIFICATE_FIELDS, required=True)
    x_mm = fields.Float(
        string="Left (mm)", digits=(5, 1), help="From the left edge of the blank to the text box."
    )
    y_mm = fields.Float(
        string="Top (mm)", digits=(5, 1), help="From the top edge of the blank to the text box."
    )
    width_mm = fields.Float(
        string="Width (mm)",
        digits=(5, 1),
        default=100,
        help="The width of the text box: a longer text wraps within it.",
    )
    font_size = fields.Float(string="Font size (pt)", digits=(4, 1), default=14)
    align = fields.Selection(
        [("left", "Left"), ("center", "Centre"), ("right", "Right")],
        string="Alignment",
        required=True,
        default="center",
    )
    bold = fields.Boolean()
    italic = fields.Boolean()

    @api.constrains("x_mm", "y_mm", "width_mm", "font_size", "layout_id")
    def _check_on_paper(self):
        for line in self:
            width, height = line.layout_id._paper_size()
            if line.x_mm < 0 or line.y_mm < 0 or line.x_mm >= width or line.y_mm >= height:
                raise ValidationError(
                    self.env._(
                        "The field %(field)s starts off the paper: its left must be between 0 "
                        "and %(width)s mm and its top between 0 and %(height)s mm.",
                        field=dict(self._fields["field"]._description_selection(self.env))[
                            line.field
                        ],
                        width=width,
                        height=height,
                    )
                )
            if line.width_mm <= 0 or line.font_size <= 0:
                raise ValidationError(
                    self.env._("The width and the font size of a field must be above zero.")
                )
