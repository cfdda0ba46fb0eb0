"""The statistical report forms of emulation and commendation (biểu mẫu 0601 to 0605.N/BNV-TĐKT of
the statistical reporting regime of the Home Affairs sector, Circular 02/2023/TT-BNV of 23/3/2023),
every row and column, as a paper and as a spreadsheet.

One method builds a form (:meth:`_statistics_form`): its columns (a tree: a group's header spans
its columns), its rows (code, label, unit) and the figure of every cell, read in a few grouped
queries for the whole statistical year. The paper (this model) and the spreadsheet
(``report.emulation_exemplar.report_statistics_form_xlsx``) both print what it returns, so that
they carry the same figures. A cell the records cannot tell is None, printed blank, to be filled
in by hand (the organisation of form 0604, the seniority in the work of form 0605)."""

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import UserError

from ..models.award import COLLECTIVE_CATEGORIES

# the forms, in their order: key, number
FORMS = [
    ("0601", "0601.N/BNV-TĐKT"),
    ("0602", "0602.N/BNV-TĐKT"),
    ("0603", "0603.N/BNV-TĐKT"),
    ("0604", "0604.N/BNV-TĐKT"),
    ("0605", "0605.N/BNV-TĐKT"),
]
# the columns of the awards of the State (form 0602) and of a ministry or province (form 0603)
STATE_COLUMNS = (
    "order",
    "hcm_prize",
    "state_prize",
    "state_honour",
    "government_flag",
    "pm_merit",
    "national_soldier",
    "state_other",
)
PROVINCE_COLUMNS = ("merit", "soldier", "flag", "badge")
# the day of the statistical year's last month the report is due (the forms' "ngày nhận báo
# cáo": 15 December of the reporting year)
DUE_DAY = 15


def column_is(*keys):
    """A test on (award type, recipient type): the type counts in one of the columns ``keys``."""
    return lambda award_type, recipient: award_type.statistics_column in keys


def type_is(award_type):
    """A test on an award type: it is ``award_type``."""
    return lambda other: other == award_type


def leaves(columns):
    """The columns that hold figures, left to right."""
    found = []
    for column in columns:
        if column.get("children"):
            found.extend(leaves(column["children"]))
        else:
            found.append(column)
    return found


def depth(columns):
    return max((1 + depth(c.get("children") or []) for c in columns), default=0)


def header_rows(columns):
    """The header of a form's figures as rows of cells (label, colspan, rowspan): a group spans
    its columns, a column without children spans the rows below it."""
    total = depth(columns)
    rows = [[] for _i in range(total)]

    def walk(nodes, level):
        for node in nodes:
            children = node.get("children") or []
            rows[level].append(
                {
                    "label": node["label"],
                    "colspan": len(leaves([node])),
                    "rowspan": 1 if children else total - level,
                }
            )
            walk(children, level + 1)

    walk(columns, 0)
    return rows


def number_cells(columns):
    """The row of column numbers under the header ("1", "2"...): the nodes that carry a number,
    each spanning its columns."""
    cells = []

    def walk(nodes):
        for node in nodes:
            if "number" in node:
                cells.append({"label": node["number"], "colspan": len(leaves([node]))})
            else:
                walk(node.get("children") or [])

    walk(columns)
    return cells


class ReportStatisticsForm(models.AbstractModel):
    _name = "report.emulation_exemplar.report_statistics_form"
    _inherit = "emulation.report.base"
    _description = "Statistical report form on emulation and commendation"
    _type_code = "BC"

    _docs_model = "emulation.award.statistics.wizard"

    @api.model
    def _paper_values(self, docs):
        return {"forms": {wizard.id: self._statistics_form(wizard) for wizard in docs}}

    # ------------------------------------------------------------------ one form
    @api.model
    def _statistics_form(self, wizard):
        """The form ``wizard.form`` of the wizard's statistical year: number, title, columns,
        header, rows and figures, due date (in the language of the context)."""
        _ = self.env._
        key = wizard.form
        if key not in dict(FORMS):
            # the summary has a paper of its own (a URL may name this one with it)
            raise UserError(_("Choose one of the forms 0601 to 0605 to print this paper."))
        builder = {
            "0601": self._form_0601,
            "0602": self._form_0602,
            "0603": self._form_0603,
            "0604": self._form_0604,
            "0605": self._form_0605,
        }[key]
        form = builder(wizard)
        form.update(
            key=key,
            number=dict(FORMS)[key],
            circular=_("Issued with Circular No. 02/2023/TT-BNV of 23/3/2023"),
            due_date=wizard.due_date,
            year=wizard.year,
            date_from=wizard.date_from,
            date_to=wizard.date_to,
            head=header_rows(form["columns"]),
            numbers=number_cells(form["columns"]),
            width=len(leaves(form["columns"])),
        )
        return form

    @api.model
    def _row(self, code, label, unit=None, values=None, level=1):
        """A row of a form: ``level`` 0 for a heading (no figures), 1 for a row, 2 for a row
        "of which"."""
        return {"code": code, "label": label, "unit": unit, "values": values, "level": level}

    # ------------------------------------------------------------------ 0601: movements
    @api.model
    def _form_0601(self, wizard):
        _ = self.env._
        columns = [
            {"label": _("Total"), "key": "total", "number": "1=(2+3+4)"},
            {
                "label": _("Emulation movements by the level that launched them"),
                "children": [
                    {
                        "label": _("Central level (Central Emulation and Commendation Council)"),
                        "key": "central",
                        "number": "2",
                    },
                    {
                        "label": _(
                            "Ministry, sector, central mass organisation, province or "
                            "centrally-run city"
                        ),
                        "key": "province",
                        "number": "3",
                    },
                    {"label": _("Agency, organisation, unit"), "key": "agency", "number": "4"},
                ],
            },
        ]
        Campaign = self.env["emulation.campaign"]
        # the movements the agency launched in the statistical year (its plans, from their
        # issue date): the agency's own level, its own scope
        groups = Campaign._read_group(
            [
                ("company_id", "=", wizard.company_id.id),
                ("issue_date", ">=", wizard.date_from),
                ("issue_date", "<=", wizard.date_to),
                ("state", "!=", "draft"),
            ],
            ["year_from", "year_to", "organisation"],
            ["__count"],
        )

        def count(test):
            number = sum(
                n for year_from, year_to, kind, n in groups if test(year_from, year_to, kind)
            )
            return [number, 0, 0, number]

        def years(low, high):
            return lambda year_from, year_to, kind: low <= (year_to - year_from + 1) < high

        none = [0, 0, 0, 0]
        rows = [
            self._row("01", _("Total"), values=count(lambda *a: True)),
            self._row("", _("1. By scope of the emulation"), level=0),
            self._row("02", _("- Nationwide"), values=none),
            self._row("03", _("- Ministry, sector, mass organisation, locality"), values=none),
            self._row(
                "04",
                _("- Emulation clusters and blocks organised by the emulation councils"),
                values=none,
            ),
            self._row("05", _("- Agency, organisation, unit"), values=count(lambda *a: True)),
            self._row("", _("2. By duration of the emulation"), level=0),
            # a movement lasts whole years (from its first year to its last)
            self._row("06", _("- Under 1 year"), values=none),
            self._row("07", _("- 1 year"), values=count(years(1, 2))),
            self._row("08", _("- From 1 year to under 3 years"), values=count(years(2, 3))),
            self._row("09", _("- From 3 years to under 5 years"), values=count(years(3, 5))),
            self._row("10", _("- 5 years or more"), values=count(years(5, 10**6))),
            self._row("", _("3. By method of organising the movement"), level=0),
            self._row(
                "11",
                _("- Thematic emulation"),
                values=count(lambda year_from, year_to, kind: kind == "thematic"),
            ),
            self._row(
                "12",
                _("- Regular yearly emulation"),
                values=count(lambda year_from, year_to, kind: kind == "regular"),
            ),
        ]
        return {
            "title": _("NUMBER OF EMULATION MOVEMENTS"),
            "unit_note": _("Unit: movement"),
            "has_unit": False,
            "columns": columns,
            "rows": rows,
        }

    # ------------------------------------------------------------------ 0602, 0603: awards
    @api.model
    def _award_groups(self, wizard):
        """The awards of the statistical year counted by type, recipient, category and method:
        [(award type, recipient type, category, method, count)], one grouped query."""
        return self.env["emulation.award"]._read_group(
            wizard._award_domain() + [("award_type_id.statistics_column", "!=", False)],
            ["award_type_id", "recipient_type", "recipient_category", "method"],
            ["__count"],
        )

    @api.model
    def _award_rows(self, cells, first, headings, code_format="%02d"):
        """The rows by recipient and by method of forms 0602 and 0603, numbered from ``first``
        under the two ``headings``; ``cells(test)`` gives a row's figures from a test on
        (category, method)."""
        _ = self.env._
        individual = lambda category, method: category and category not in COLLECTIVE_CATEGORIES  # noqa: E731

        def category(*keys):
            return lambda cat, method: cat in keys

        def method(key):
            return lambda cat, met: met == key

        specs = [
            (None, headings[0], None, None),
            (
                "collective",
                _("- Collectives"),
                _("Collective"),
                category("collective", "enterprise"),
            ),
            ("enterprise", _("Of which: enterprises"), _("Enterprise"), category("enterprise")),
            ("household", _("- Households"), _("Household"), category("household")),
            ("individual", _("- Individuals"), _("Persons"), individual),
            (
                "leader_central",
                _("+ Leaders of a ministry or province and equivalent, or higher"),
                _("Persons"),
                category("leader_central"),
            ),
            (
                "leader_department",
                _("+ Leaders of a department, agency or sector and equivalent"),
                _("Persons"),
                category("leader_department"),
            ),
            ("business", _("+ Business people"), _("Persons"), category("business")),
            (
                "leader",
                _("+ Other leaders, from deputy head of division up"),
                _("Persons"),
                category("leader"),
            ),
            (
                "worker",
                _(
                    "+ People working, labouring, studying, fighting and serving the fight "
                    "directly (workers, farmers...)"
                ),
                _("Persons"),
                category("worker"),
            ),
            (None, headings[1], None, None),
            ("regular", _("- Regular"), None, method("regular")),
            ("thematic", _("- Thematic"), None, method("thematic")),
            ("sudden", _("- Sudden"), None, method("sudden")),
            ("external", _("- External"), None, method("external")),
            ("contribution", _("- Contribution"), None, method("contribution")),
            ("seniority", _("- Seniority"), None, method("seniority")),
            ("resistance", _("- Resistance"), None, method("resistance")),
        ]
        rows = []
        number = first
        for key, label, unit, test in specs:
            if test is None:
                rows.append(self._row("", label, level=0))
                continue
            level = 2 if key == "enterprise" else 1
            rows.append(self._row(code_format % number, label, unit, cells(test), level))
            rows[-1]["key"] = key
            number += 1
        return rows

    @api.model
    def _award_cells(self, groups, leaf_tests):
        """``cells(row_test)``: the figures of a row, a cell per column test on (award type,
        recipient type), from the grouped counts."""

        def cells(row_test):
            return [
                sum(
                    n
                    for award_type, recipient, category, method, n in groups
                    if row_test(category, method) and test(award_type, recipient)
                )
                for test in leaf_tests
            ]

        return cells

    @api.model
    def _form_0603(self, wizard):
        _ = self.env._
        labels = [
            ("merit", _("Certificate of merit")),
            ("soldier", _("Emulation soldier of a ministry or province")),
            (
                "flag",
                _(
                    "Emulation flag of a ministry, sector, central mass organisation, province "
                    "or centrally-run city"
                ),
            ),
            (
                "badge",
                _(
                    "Badge (commemorative medal) of a ministry, sector, central mass "
                    "organisation, province or centrally-run city"
                ),
            ),
        ]
        columns = [
            {"label": _("Total"), "key": "total", "number": "1"},
            {
                "label": _("Divided into"),
                "children": [
                    {"label": label, "key": key, "number": str(i + 2)}
                    for i, (key, label) in enumerate(labels)
                ],
            },
        ]
        tests = [column_is(*PROVINCE_COLUMNS)] + [column_is(key) for key, _l in labels]
        groups = self._award_groups(wizard)
        cells = self._award_cells(groups, tests)
        rows = [self._row("01", _("Total"), values=cells(lambda c, m: True))]
        rows += self._award_rows(
            cells, 2, (_("1. By recipient"), _("2. By method of commendation"))
        )
        return {
            "title": _(
                "NUMBER OF AWARDS OF MINISTRIES, SECTORS, CENTRAL MASS ORGANISATIONS, PROVINCES "
                "AND CENTRALLY-RUN CITIES"
            ),
            "has_unit": True,
            "columns": columns,
            "rows": rows,
        }

    @api.model
    def _form_0602(self, wizard):
        _ = self.env._
        groups = self._award_groups(wizard)
        Type = self.env["emulation.award.type"]
        counted = {t for t, _r, _c, _m, _n in groups}

        def types_of(column):
            found = Type.search([("statistics_column", "=", column)])
            return sorted(
                set(found) | {t for t in counted if t.statistics_column == column},
                key=lambda t: (t.sequence, t.id),
            )

        def pair(test):
            """The collective and individual columns of a test on the award type."""
            return [
                {"label": _("Collective"), "test": lambda t, r: test(t) and r == "collective"},
                {"label": _("Individual"), "test": lambda t, r: test(t) and r == "individual"},
            ]

        def by_type(column, label, number):
            types = types_of(column)
            if not types:
                children = pair(lambda t: t.statistics_column == column)
            else:
                children = [
                    {
                        "label": award_type.name,
                        "children": pair(type_is(award_type)),
                    }
                    for award_type in types
                ]
            return {"label": label, "number": number, "children": children}

        def single(column, label, number):
            return {"label": label, "number": number, "test": column_is(column)}

        columns = [
            {"label": _("Total"), "number": "1", "test": column_is(*STATE_COLUMNS)},
            {
                "label": _("Divided into"),
                "children": [
                    by_type("order", _("Orders and medals"), "2"),
                    single("hcm_prize", _("Ho Chi Minh Prize"), "3"),
                    single("state_prize", _("State Prize"), "4"),
                    by_type("state_honour", _("Honorary titles of the State"), "5"),
                    single("government_flag", _("Emulation flag of the Government"), "6"),
                    {
                        "label": _("Certificate of merit of the Prime Minister"),
                        "number": "7",
                        "children": pair(lambda t: t.statistics_column == "pm_merit"),
                    },
                    single("national_soldier", _("National emulation soldier"), "8"),
                    by_type("state_other", _("Other forms of commendation"), "9"),
                ],
            },
        ]
        tests = [leaf.pop("test") for leaf in leaves(columns)]
        cells = self._award_cells(groups, tests)
        everything = cells(lambda c, m: True)
        # the State's awards of a provincial agency are proposed by the province
        rows = [
            self._row("1", _("Total"), values=everything),
            self._row("", _("1. By the body that submitted them to the Prime Minister"), level=0),
            self._row(
                "2",
                _("- Ministry, sector, central mass organisation"),
                _("Ministry, sector"),
                [0] * len(everything),
            ),
            self._row(
                "3",
                _("- Province, centrally-run city"),
                _("Province, city"),
                list(everything),
            ),
        ]
        # the form numbers its rows without a leading zero, and jumps from 3 to 6
        rows += self._award_rows(
            cells, 6, (_("2. By recipient"), _("3. By method of commendation")), "%d"
        )
        return {
            "title": _("NUMBER OF AWARDS OF THE STATE"),
            "has_unit": True,
            "columns": columns,
            "rows": rows,
        }

    # ------------------------------------------------------------------ 0604, 0605: the work
    @api.model
    def _form_0604(self, wizard):
        _ = self.env._
        columns = [{"label": _("Quantity"), "key": "quantity", "number": "1"}]
        # the organisation of the emulation work is not recorded: filled in by hand
        rows = [
            self._row("01", _("Total"), _("Organisations"), [None]),
            self._row("", _("By organisational structure"), level=0),
            self._row(
                "02",
                _("- Department level of a ministry, sector, central mass organisation"),
                _("Ministry department"),
                [None],
            ),
            self._row(
                "03", _("- Division, board or section of a department"), _("Division"), [None]
            ),
            self._row("04", _("- Board of the Department of Home Affairs"), _("Board"), [None]),
            self._row(
                "05", _("- Division of the Department of Home Affairs"), _("Division"), [None]
            ),
        ]
        return {
            "title": _(
                "NUMBER OF ORGANISATIONS DOING EMULATION AND COMMENDATION WORK OF MINISTRIES, "
                "SECTORS, CENTRAL MASS ORGANISATIONS, PROVINCES AND CENTRALLY-RUN CITIES"
            ),
            "has_unit": True,
            "columns": columns,
            "rows": rows,
        }

    @api.model
    def _form_0605(self, wizard):
        _ = self.env._
        columns = [
            {
                "label": _("Number (people)"),
                "children": [
                    {"label": _("Total"), "key": "total", "number": "1"},
                    {"label": _("Of which: women"), "key": "women", "number": "2"},
                ],
            }
        ]
        people = self._emulation_staff(wizard)
        at = wizard.date_to

        def count(test):
            if people is None:
                return [None, None]
            chosen = [p for p in people if test(p)]
            return [len(chosen), len([p for p in chosen if p["gender"] == "female"])]

        def age(low, high):
            def test(person):
                if not person["birthday"]:
                    return False
                years = relativedelta(at, person["birthday"]).years
                return low <= years <= high

            return test

        def certificate(*keys):
            return lambda person: person["certificate"] in keys

        unknown = [None, None]
        rows = [
            self._row("01", _("Total"), values=count(lambda p: True)),
            self._row("", _("1. By age"), level=0),
            self._row("02", _("- 30 or under"), values=count(age(0, 30))),
            self._row("03", _("- From 31 to 40"), values=count(age(31, 40))),
            self._row("04", _("- From 41 to 50"), values=count(age(41, 50))),
            self._row("05", _("- From 51 to 55"), values=count(age(51, 55))),
            self._row("06", _("- From 56 to 60"), values=count(age(56, 60))),
            self._row("07", _("- Over 60"), values=count(age(61, 200))),
            self._row("", _("2. By level of training"), level=0),
            # the employee's certificate level tells the university degrees only
            self._row("08", _("- Elementary"), values=unknown),
            self._row("09", _("- Intermediate"), values=unknown),
            self._row("10", _("- College"), values=unknown),
            self._row("11", _("- University"), values=count(certificate("bachelor"))),
            self._row("12", _("- Postgraduate"), values=count(certificate("master", "doctor"))),
            self._row("", _("3. By seniority in emulation and commendation work"), level=0),
            self._row("13", _("- Under 5 years"), values=unknown),
            self._row("14", _("- From 5 to 10 years"), values=unknown),
            self._row("15", _("- 10 years or more"), values=unknown),
        ]
        return {
            "title": _(
                "NUMBER OF CIVIL SERVANTS DOING EMULATION AND COMMENDATION WORK OF MINISTRIES, "
                "SECTORS, CENTRAL MASS ORGANISATIONS, PROVINCES AND CENTRALLY-RUN CITIES"
            ),
            "has_unit": False,
            "columns": columns,
            "rows": rows,
        }

    @api.model
    def _emulation_staff(self, wizard):
        """The people of the company doing the emulation work (the emulation officers with an
        employee record): [{birthday, gender, certificate}]; None when the caller may not read
        people's private data (birthdays are for HR officers), and the figures stay blank."""
        if not self.env.user.has_group("hr.group_hr_user"):
            return None
        group = self.env.ref("emulation_exemplar.group_emulation_officer")
        return self.env["hr.employee"].search_read(
            [("user_id.groups_id", "in", group.ids), ("company_id", "=", wizard.company_id.id)],
            ["birthday", "gender", "certificate"],
        )
