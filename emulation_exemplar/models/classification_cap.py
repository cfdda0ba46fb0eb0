from odoo import fields, models
from odoo.tools import SQL

from .classification import DECREE_335_FROM, EXCELLENT_CAP_PERCENT


class EmulationClassificationCap(models.Model):
    """The people classified excellent and good per unit and year, from 2026, against the cap
    of Decree 335/2025/NĐ-CP: those classified excellent are at most 20 % of those classified
    good in the same agency or unit. A read-only list for the officers (Reporting › Excellent
    cap): the units over the cap are a warning, not a refusal."""

    _name = "emulation.classification.cap"
    _description = "Excellent classifications against the 20 % cap"
    _auto = False
    _order = "year desc, unit_id"
    _rec_name = "unit_id"
    # the ORM flushes these before it reads the view
    _depends = {
        "emulation.classification": [
            "active",
            "employee_id",
            "unit_id",
            "year",
            "level",
            "company_id",
        ]
    }

    unit_id = fields.Many2one("hr.department", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    company_id = fields.Many2one("res.company", readonly=True)
    excellent_count = fields.Integer(string="Excellent", readonly=True)
    good_count = fields.Integer(string="Good", readonly=True)
    cap_count = fields.Integer(
        string="Excellent allowed",
        readonly=True,
        help="20 % of those classified good, rounded down.",
    )
    over_cap = fields.Boolean(
        string="Over the cap",
        readonly=True,
        help="More people classified excellent than 20 % of those classified good.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT min(c.id) AS id, c.unit_id, c.year, c.company_id,
                   count(*) FILTER (WHERE c.level = 'excellent') AS excellent_count,
                   count(*) FILTER (WHERE c.level = 'good') AS good_count,
                   (count(*) FILTER (WHERE c.level = 'good') * %(cap)s / 100) AS cap_count,
                   count(*) FILTER (WHERE c.level = 'excellent') * 100
                       > %(cap)s * count(*) FILTER (WHERE c.level = 'good') AS over_cap
              FROM emulation_classification c
             WHERE c.active AND c.employee_id IS NOT NULL AND c.unit_id IS NOT NULL
               AND c.year >= %(first)s AND c.level IN ('excellent', 'good')
          GROUP BY c.unit_id, c.year, c.company_id
            """,
            cap=EXCELLENT_CAP_PERCENT,
            first=DECREE_335_FROM,
        )
