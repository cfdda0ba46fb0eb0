from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.pdf import print_paper

# the paper of a certificate blank: (paper format's XML id, width mm, height mm)
CERTIFICATE_PAPERS = {
    "a4_landscape": ("paperformat_emulation_certificate_a4_landscape", 297, 210),
    "a4_portrait": ("paperformat_emulation_certificate_a4_portrait", 210, 297),
    "a3_landscape": ("paperformat_emulation_certificate_a3_landscape", 420, 297),
    "a3_portrait": ("paperformat_emulation_certificate_a3_portrait", 297, 420),
    "merit_400x300": ("paperformat_emulation_certificate_merit", 400, 300),
}
CERTIFICATE_PAPER_SELECTION = [
    ("a4_landscape", "A4 landscape (297 × 210 mm)"),
    ("a4_portrait", "A4 portrait (210 × 297 mm)"),
    ("a3_landscape", "A3 landscape (420 × 297 mm)"),
    ("a3_portrait", "A3 portrait (297 × 420 mm)"),
    ("merit_400x300", "Certificate of merit (400 × 300 mm)"),
]


class EmulationCertificateLayout(models.Model):
    """Where the names go on the pre-printed blank of an award type (Bằng khen, Giấy khen): the
    paper and, per field, its position in millimetres from the blank's top left corner. The
    officer adjusts it with a test print laid on a blank against the light."""

    _name = "emulation.certificate.layout"
    _description = "Certificate layout"
    _order = "award_type_id, id"
    _rec_name = "award_type_id"
    _check_company_auto = True

    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Award type",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    paper = fields.Selection(
        CERTIFICATE_PAPER_SELECTION,
        required=True,
        default="a4_landscape",
        help="The size and orientation of the blank, as it goes into the printer.",
    )
    line_ids = fields.One2many(
        "emulation.certificate.layout.line", "layout_id", string="Fields", copy=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "award_type_company_uniq",
            "unique(award_type_id, company_id)",
            "An award type has one certificate layout per company: change the existing one.",
        ),
    ]

    @api.constrains("paper")
    def _check_lines_on_paper(self):
        self.line_ids._check_on_paper()

    def _paper_size(self):
        """(width, height) in mm of the layout's paper."""
        self.ensure_one()
        return CERTIFICATE_PAPERS[self.paper][1:]

    def action_test_print(self):
        """The layout printed with sample values over a grid in millimetres."""
        self.ensure_one()
        return print_paper(self, "emulation_exemplar.action_report_certificate_test")

    @api.model
    def _for_decisions(self, decisions):
        """{decision: layout} of the decisions' award types in their companies; refuses, naming
        the award type, when one has none."""
        layouts = self.search(
            [
                ("award_type_id", "in", decisions.award_type_id.ids),
                ("company_id", "in", decisions.company_id.ids),
            ]
        )
        found = {(lay.award_type_id.id, lay.company_id.id): lay for lay in layouts}
        result = {}
        for decision in decisions:
            layout = found.get((decision.award_type_id.id, decision.company_id.id))
            if not layout:
                raise UserError(
                    self.env._(
                        "No certificate layout for %(type)s: create one in Configuration › "
                        "Certificate layouts, adjust it with a test print, then print again.",
                        type=decision.award_type_id.display_name,
                    )
                )
            result[decision] = layout
        return result
