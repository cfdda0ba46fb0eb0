from odoo import fields, models, tools
from odoo.tools import SQL

from .award import NUMBER_SQL_FROM, NUMBER_SQL_TO
from .award_type import AWARD_LEVELS

REGISTER_DIRECTIONS = [
    ("issued", "Issued by the agency"),
    ("received", "Received from a higher body"),
]
REGISTER_SOURCES = [
    ("decision", "Decision recorded here"),
    ("history", "Awards recorded by hand"),
]


class EmulationDecisionRegister(models.Model):
    """The register of commendation decisions (sổ theo dõi khen thưởng): one row per decision,
    whether recorded here as a decision (emulation.decision) or only known from awards recorded
    by hand with a decision number (mostly decisions of the province or of a ministry received
    by the agency). A view over both, read-only; the facts stay in their own records."""

    _name = "emulation.decision.register"
    _description = "Register of commendation decisions"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "number"
    # flushed before the view is read
    _depends = {
        "emulation.decision": [
            "number",
            "date",
            "authority",
            "award_type_id",
            "year",
            "active",
            "company_id",
            "employee_ids",
            "department_ids",
            "state",
        ],
        "emulation.award": [
            "active",
            "decision_id",
            "decision_number",
            "decision_date",
            "authority",
            "award_type_id",
            "year",
            "company_id",
            "employee_id",
            "department_id",
        ],
        "emulation.award.type": ["level"],
        "hr.employee": ["name"],
        "hr.department": ["name"],
    }

    number = fields.Char(readonly=True)
    date = fields.Date(readonly=True)
    authority = fields.Char(string="Issuing authority", readonly=True)
    award_type_id = fields.Many2one("emulation.award.type", string="Title or form", readonly=True)
    level = fields.Selection(AWARD_LEVELS, readonly=True)
    year = fields.Integer(
        readonly=True,
        aggregator=False,
        help="The year the achievements count for (not necessarily the decision year).",
    )
    direction = fields.Selection(
        REGISTER_DIRECTIONS,
        readonly=True,
        help="Issued by the agency: a title or form of its own head (grassroots level). "
        "Received: a decision of the province, a ministry or the State commending the "
        "agency's people or units.",
    )
    source = fields.Selection(
        REGISTER_SOURCES,
        readonly=True,
        help="Decision recorded here: a decision of this application, with its awards. Awards "
        "recorded by hand: awards recorded one by one (or imported) with the same decision "
        "number, date and title.",
    )
    decision_id = fields.Many2one("emulation.decision", readonly=True)
    state = fields.Selection(
        [("draft", "To record"), ("recorded", "Recorded")],
        string="Status",
        readonly=True,
        help="Recorded: the awards of the decision exist, one per recipient.",
    )
    recipient_count = fields.Integer(string="Number of recipients", readonly=True)
    recipient_names = fields.Text(string="Names of the recipients", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %(table)s AS (
    -- the decisions recorded here (active ones; archived means cancelled): their recipients
    SELECT d.id * 2 AS id,
           d.number AS number,
           d.date AS date,
           d.authority AS authority,
           d.award_type_id AS award_type_id,
           t.level AS level,
           d.year AS year,
           CASE WHEN t.level = 'grassroots' THEN 'issued' ELSE 'received' END AS direction,
           'decision' AS source,
           d.id AS decision_id,
           d.state AS state,
           COALESCE(e.n, 0) + COALESCE(u.n, 0) AS recipient_count,
           concat_ws(', ', e.names, u.names) AS recipient_names,
           d.company_id AS company_id
      FROM emulation_decision d
      JOIN emulation_award_type t ON t.id = d.award_type_id
      LEFT JOIN LATERAL (
            SELECT count(*) AS n, string_agg(emp.name, ', ' ORDER BY emp.name) AS names
              FROM emulation_decision_employee_rel r
              JOIN hr_employee emp ON emp.id = r.employee_id
             WHERE r.decision_id = d.id) e ON TRUE
      LEFT JOIN LATERAL (
            SELECT count(*) AS n, string_agg(%(unit_name)s, ', ' ORDER BY dep.id) AS names
              FROM emulation_decision_department_rel r
              JOIN hr_department dep ON dep.id = r.department_id
             WHERE r.decision_id = d.id) u ON TRUE
     WHERE d.active
    UNION ALL
    -- the decisions known only from awards recorded by hand with a decision number: one row
    -- per number (compared as awards compare them), date, title and year
    SELECT min(a.id) * 2 + 1 AS id,
           min(a.decision_number) AS number,
           a.decision_date AS date,
           (array_agg(a.authority ORDER BY a.id))[1] AS authority,
           a.award_type_id AS award_type_id,
           t.level AS level,
           a.year AS year,
           CASE WHEN t.level = 'grassroots' THEN 'issued' ELSE 'received' END AS direction,
           'history' AS source,
           NULL::integer AS decision_id,
           'recorded' AS state,
           count(*) AS recipient_count,
           string_agg(COALESCE(emp.name, %(unit_name)s), ', ' ORDER BY a.id) AS recipient_names,
           a.company_id AS company_id
      FROM emulation_award a
      JOIN emulation_award_type t ON t.id = a.award_type_id
      LEFT JOIN hr_employee emp ON emp.id = a.employee_id
      LEFT JOIN hr_department dep ON dep.id = a.department_id
     WHERE a.active
       AND a.decision_id IS NULL
       AND translate(COALESCE(a.decision_number, ''), %(sql_from)s, %(sql_to)s) <> ''
     GROUP BY a.company_id,
              translate(a.decision_number, %(sql_from)s, %(sql_to)s),
              a.decision_date, a.award_type_id, t.level, a.year
)
                """,
                table=SQL.identifier(self._table),
                # a unit's name in every language it has (searchable by any of them)
                unit_name=SQL(
                    "(SELECT string_agg(DISTINCT v, ' / ') FROM jsonb_each_text(dep.name) "
                    "AS names(k, v))"
                ),
                sql_from=NUMBER_SQL_FROM,
                sql_to=NUMBER_SQL_TO,
            )
        )

    def action_open(self):
        """The decision, or the awards behind a row of the history."""
        self.ensure_one()
        if self.decision_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "emulation.decision",
                "res_id": self.decision_id.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.number,
            "res_model": "emulation.award",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": self._history_award_domain(),
        }

    def _history_award_domain(self):
        self.ensure_one()
        return [
            ("id", "in", self._history_award_ids()),
        ]

    def _history_award_ids(self):
        """The awards behind rows of the history (one query for all the rows)."""
        rows = self.filtered(lambda r: r.source == "history")
        if not rows:
            return []
        self.env["emulation.award"].flush_model()
        self.env.cr.execute(
            SQL(
                """
SELECT a.id
  FROM emulation_award a
  JOIN emulation_decision_register r
    ON r.company_id = a.company_id
   AND r.award_type_id = a.award_type_id
   AND r.year = a.year
   AND r.date IS NOT DISTINCT FROM a.decision_date
   AND translate(r.number, %(sql_from)s, %(sql_to)s)
       = translate(a.decision_number, %(sql_from)s, %(sql_to)s)
 WHERE a.active AND a.decision_id IS NULL AND r.id = ANY(%(ids)s)
                """,
                sql_from=NUMBER_SQL_FROM,
                sql_to=NUMBER_SQL_TO,
                ids=rows.ids,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
