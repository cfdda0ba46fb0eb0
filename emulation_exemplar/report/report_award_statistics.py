"""The statistical report on commendation (báo cáo thống kê thi đua, khen thưởng), its summary: the
number of awards of a statistical year by title or form, by recipient category and by method of
commendation, as the forms 0602 and 0603.N/BNV-TĐKT of Circular 02/2023/TT-BNV count them (the
forms themselves, every row and column: report_statistics_form.py)."""

from odoo import api, models

from ..models.award import LEADER_CATEGORIES

# the columns of the recipient categories: (key, the categories it counts); the totals count
# the categories "of which" some are detailed (collectives with enterprises among them,
# individuals with leaders, business people, workers and farmers among them)
COLLECTIVES = ("collective", "enterprise")
INDIVIDUALS = ("leader_central", "leader_department", "leader", "business", "worker", "individual")
CATEGORY_COLUMNS = [
    ("collectives", COLLECTIVES),
    ("enterprise", ("enterprise",)),
    ("household", ("household",)),
    ("individuals", INDIVIDUALS),
    ("leader", LEADER_CATEGORIES),
    ("business", ("business",)),
    ("worker", ("worker",)),
]


class ReportAwardStatistics(models.AbstractModel):
    _name = "report.emulation_exemplar.report_award_statistics"
    _inherit = "emulation.report.base"
    _description = "Statistical report on commendation"
    _type_code = "BC"

    _docs_model = "emulation.award.statistics.wizard"

    @api.model
    def _paper_values(self, docs):
        Award = self.env["emulation.award"]
        methods = [key for key, _label in Award._fields["method"]._description_selection(self.env)]
        tables = {}
        for wizard in docs:
            domain = wizard._award_domain()
            by_category = Award._read_group(
                domain, ["award_type_id", "recipient_category"], ["__count"]
            )
            by_method = Award._read_group(domain, ["award_type_id", "method"], ["__count"])
            types = sorted({t for t, _c, _n in by_category}, key=lambda t: (t.sequence, t.id))
            rows = {t: {"type": t, "total": 0, "category": {}, "method": {}} for t in types}
            for award_type, category, count in by_category:
                row = rows[award_type]
                row["total"] += count
                row["category"][category] = row["category"].get(category, 0) + count
            for award_type, method, count in by_method:
                row = rows[award_type]
                row["method"][method] = row["method"].get(method, 0) + count
            total = {"type": None, "total": 0, "category": {}, "method": {}}
            for row in rows.values():
                total["total"] += row["total"]
                for part in ("category", "method"):
                    for key, count in row[part].items():
                        total[part][key] = total[part].get(key, 0) + count
            lines = list(rows.values())
            for row in [*lines, total]:
                row["categories"] = [
                    sum(row["category"].get(key, 0) for key in keys)
                    for _column, keys in CATEGORY_COLUMNS
                ]
                row["methods"] = [row["method"].get(key, 0) for key in methods]
            tables[wizard.id] = {"rows": lines, "total": total}
        return {
            "tables": tables,
            "method_labels": [
                label for _key, label in Award._fields["method"]._description_selection(self.env)
            ],
        }
