"""The minutes of a meeting of the Emulation and Commendation Council (biên bản họp Hội đồng
Thi đua – Khen thưởng), with the result of the secret ballot for each person and unit."""

from odoo import api, models


class ReportCouncilMinutes(models.AbstractModel):
    _name = "report.emulation_exemplar.report_council_minutes"
    _inherit = "emulation.report.base"
    _description = "Minutes of the Emulation and Commendation Council"
    _type_code = "BB"

    _docs_model = "emulation.council.session"

    @api.model
    def _paper_values(self, docs):
        groups = {}
        for session in docs:
            by_type = {}
            for line in session.line_ids.sorted(
                lambda line: (line.award_type_id.sequence, line.proposal_id.id, line.id)
            ):
                by_type.setdefault(line.award_type_id, line.browse())
                by_type[line.award_type_id] |= line
            # within a title, the ballot's order: the larger share of yes votes first; on the
            # same share, women first (Decree 152/2025/NĐ-CP, art. 4(6))
            groups[session.id] = [
                (award_type, list(lines._women_first_ranked(lambda line: (line.vote_ratio,))))
                for award_type, lines in by_type.items()
            ]
        return {
            "ballots": groups,
            "meetings": {session.id: self._meeting_values(session) for session in docs},
        }

    @api.model
    def _format_time(self, value):
        """An hour of the day (a float, 8.5) as the paper writes it: 08:30, "08 giờ 30"."""
        hours, minutes = divmod(round((value or 0.0) * 60), 60)
        return self.env._("%(hours)02d:%(minutes)02d", hours=hours, minutes=minutes)

    @api.model
    def _meeting_values(self, session):
        """When and where the council met, and who attended (Decree 30/2020, Appendix I: the
        minutes' time, place, participants, chair and secretary)."""
        date = self._format_date(session.date)
        if session.time_start:
            when = self.env._(
                "%(time)s on %(date)s", time=self._format_time(session.time_start), date=date
            )
        else:
            when = date
        _ = self.env._
        if session.time_end:
            closed = _(
                "The meeting closed at %(time)s on the same day. These minutes were read to the "
                "council, which agreed with them.",
                time=self._format_time(session.time_end),
            )
        else:
            closed = _(
                "The meeting closed on the same day. These minutes were read to the council, "
                "which agreed with them."
            )
        return {
            "when": when,
            "purpose": _(
                "The Emulation and Commendation Council met to review the proposals for "
                "commendation of the year %(year)s.",
                year=session.year,
            ),
            "closed": closed,
            "place": (session.place or "").strip(),
            "present": session._members_present_lines(),
        }
