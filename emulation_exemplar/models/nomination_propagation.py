import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PROPAGATION_KINDS = [
    ("article", "Article"),
    ("meeting", "Meeting"),
    ("broadcast", "Broadcast"),
    ("social_media", "Social media"),
    ("conference_talk", "Conference talk"),
]


class EmulationNominationPropagation(models.Model):
    _name = "emulation.nomination.propagation"
    _inherit = ["emulation.list.mixin"]
    _description = "Propagation of an exemplar (article, meeting, broadcast…)"
    _order = "date desc, id desc"

    nomination_id = fields.Many2one(
        "emulation.nomination",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="nomination_id.company_id", store=True, index=True)
    campaign_id = fields.Many2one(related="nomination_id.campaign_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(PROPAGATION_KINDS, required=True, default="article")
    channel = fields.Char(help="Where: the newspaper, the meeting, the station, the page…")
    url = fields.Char(string="Link")
    document = fields.Binary(attachment=True)
    document_name = fields.Char()
    note = fields.Text()

    @api.constrains("url")
    def _check_url(self):
        for line in self:
            if line.url and not re.match(r"^https?://\S+$", line.url.strip()):
                raise ValidationError(
                    _(
                        "The link %(url)s is not a web address: it must start with http:// or "
                        "https://.",
                        url=line.url,
                    )
                )
