import io
import unicodedata
from datetime import date
from unittest.mock import patch

from openpyxl import Workbook, load_workbook

from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import DemoCase, EmulationCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": False,
    "keep_matches": False,
    "limit": 2000,
    "skip": 0,
    "sheet": "",
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
}
# the columns of each template and the fields Odoo matches them to by itself
TEMPLATE_FIELDS = {
    "emulation.award": {
        "Employee": "employee_id",
        "Unit": "department_id",
        "Award type": "award_type_id",
        "Year": "year",
        "Decision Number": "decision_number",
        "Decision Date": "decision_date",
        "Issuing authority": "authority",
        "Achievement": "reason",
    },
    "emulation.classification": {
        "Employee": "employee_id",
        "Unit": "department_id",
        "Year": "year",
        "Classification level": "level",
        "Decision reference": "decision_number",
        "Decision Date": "decision_date",
        "Note": "note",
    },
    "emulation.initiative": {
        "Title": "name",
        "Authors": "employee_ids",
        "Level": "level",
        "Year": "year",
        "Decision Number": "decision_number",
        "Decision Date": "decision_date",
        "Applied Effectively": "applied_effectively",
        "Description": "description",
    },
}


class ImportCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.retired = cls.env["hr.employee"].create(
            {"name": "Đỗ Văn Hưu", "department_id": cls.unit_consular.id}
        )
        cls.retired.action_archive()
        cls.env["ir.model.data"].create(
            {
                "module": "__import__",
                "name": "nv_0001",
                "model": "hr.employee",
                "res_id": cls.emp_a.id,
            }
        )

    # ------------------------------------------------------------------ helpers
    def template(self, model):
        templates = self.env[model].get_import_templates()
        self.assertEqual(len(templates), 1)
        url = templates[0]["template"]
        self.assertTrue(url.startswith("/emulation_exemplar/static/xls/"), url)
        with open(file_path(url.lstrip("/")), "rb") as template:
            return template.read()

    def fill(self, model, rows):
        """The model's template with its example rows replaced by ``rows`` (dicts by column)."""
        book = load_workbook(io.BytesIO(self.template(model)))
        sheet = book.worksheets[0]
        header = [cell.value for cell in sheet[1]]
        sheet.delete_rows(2, sheet.max_row)
        for row in rows:
            self.assertLessEqual(set(row), set(header))
            sheet.append([row.get(label) for label in header])
        return self.save(book)

    def sheet(self, header, rows):
        """A plain workbook, as a user may make without the template."""
        book = Workbook()
        book.active.append(header)
        for row in rows:
            book.active.append(row)
        return self.save(book)

    @staticmethod
    def save(book):
        content = io.BytesIO()
        book.save(content)
        return content.getvalue()

    def load(self, model, content):
        """Import ``content`` as the import screen does: columns matched by Odoo from the header,
        then a real (not dry-run) import. Returns (matched fields, result of execute_import)."""
        importer, fields, headers = self.prepare(model, content)
        result = importer.execute_import(fields, headers, dict(OPTIONS))
        return dict(zip(headers, fields, strict=True)), result

    def prepare(self, model, content):
        """The import record of ``content``, with the fields Odoo matched to its columns."""
        importer = self.env["base_import.import"].create(
            {"res_model": model, "file": content, "file_type": XLSX, "file_name": "past.xlsx"}
        )
        preview = importer.parse_preview(dict(OPTIONS))
        self.assertNotIn("error", preview)
        headers = preview["headers"]
        matches = preview["matches"] or {}
        fields = [
            "/".join(matches[index]) if index in matches else False for index in range(len(headers))
        ]
        self.assertTrue(
            all(fields), "every column is matched: %s" % dict(zip(headers, fields, strict=True))
        )
        return importer, fields, headers

    def assertImported(self, result, count):
        errors = [message for message in result["messages"] if message["type"] == "error"]
        self.assertFalse(errors)
        self.assertEqual(len(result["ids"]), count)

    def assertRowRefused(self, result, row, message_regex):
        """The import failed on the data row ``row`` (0 = the first row under the header),
        with a message matching ``message_regex``."""
        self.assertFalse(result["ids"], "nothing is imported")
        errors = [message for message in result["messages"] if message["type"] == "error"]
        self.assertTrue(errors)
        for error in errors:
            # no error is blamed on a good row (e.g. the first one of the batch)
            self.assertEqual(error.get("rows"), {"from": row, "to": row}, errors)
            self.assertEqual(error.get("record"), row)
        self.assertRegex(errors[0]["message"], message_regex)

    def count(self, model):
        return self.env[model].with_context(active_test=False).search_count([])


@tagged("at_install")
class TestImport(ImportCase):
    # ------------------------------------------------------------------ templates
    def test_templates_are_shipped_with_vietnamese_help(self):
        for model, columns in TEMPLATE_FIELDS.items():
            with self.subTest(model=model):
                book = load_workbook(io.BytesIO(self.template(model)))
                self.assertEqual(book.sheetnames, ["Dữ liệu", "Hướng dẫn"], "data sheet first")
                data = book.worksheets[0]
                header = [cell.value for cell in data[1]]
                self.assertEqual(header, list(columns))
                for cell in data[1]:
                    self.assertTrue(cell.comment and cell.comment.text.strip(), cell.value)
                help_text = "\n".join(
                    str(cell.value)
                    for row in book["Hướng dẫn"].iter_rows()
                    for cell in row
                    if cell.value
                )
                self.assertIn("HƯỚNG DẪN", help_text)
                for label in columns:
                    self.assertIn(label, help_text)

    def test_template_columns_are_matched_by_odoo(self):
        """Imported as-is, without touching the mapping: every column finds its field (rows of
        this test's people, so that this holds on a database without demo data)."""
        rows = {
            "emulation.award": {"Employee": "Nguyễn Văn An", "Award type": "BK_UBND", "Year": 2021},
            "emulation.classification": {
                "Unit": "Consular Affairs",
                "Year": 2021,
                "Classification level": "excellent",
            },
            "emulation.initiative": {
                "Title": "Paperless archive",
                "Authors": "Nguyễn Văn An",
                "Level": "grassroots",
                "Year": 2021,
            },
        }
        for model, columns in TEMPLATE_FIELDS.items():
            with self.subTest(model=model):
                matched, result = self.load(model, self.fill(model, [rows[model]]))
                self.assertEqual(matched, columns)
                self.assertImported(result, 1)

    # ------------------------------------------------------------------ good files
    def test_import_awards(self):
        """People by name (archived ones too, and in decomposed Unicode), units by their short
        name, award types by code or by name; the recipient type follows the filled column."""
        parent = self.env["hr.department"].create({"name": "Board"})
        self.unit_office.parent_id = parent
        self.assertEqual(self.unit_office.complete_name, "Board / Office–Inspectorate")
        rows = [
            {"Employee": "Nguyễn Văn An", "Award type": "BK_UBND", "Year": 2021},
            {
                "Employee": unicodedata.normalize("NFD", "Trần Thị Bình"),
                "Award type": "Grassroots emulation soldier",
                "Year": 2022,
                "Decision Number": "15/QĐ-SNgV",
                "Decision Date": date(2023, 1, 10),
                "Achievement": "Hoàn thành xuất sắc nhiệm vụ",
            },
            {
                "Employee": "Đỗ Văn Hưu",
                "Award type": "GK",
                "Year": 2021,
                "Issuing authority": "Giám đốc Sở",
            },
            {"Unit": "Office–Inspectorate", "Award type": "CO_TINH", "Year": 2023},
        ]
        before = self.count("emulation.award")
        _matched, result = self.load("emulation.award", self.fill("emulation.award", rows))
        self.assertImported(result, 4)
        self.assertEqual(self.count("emulation.award"), before + 4)
        awards = self.env["emulation.award"].browse(result["ids"])
        self.assertEqual(awards.mapped("employee_id"), self.emp_a | self.emp_b | self.retired)
        self.assertEqual(
            awards.mapped("award_type_id.code"), ["BK_UBND", "CSTDCS", "GK", "CO_TINH"]
        )
        self.assertEqual(
            awards.mapped("recipient_type"),
            ["individual", "individual", "individual", "collective"],
        )
        self.assertEqual(awards[3].department_id, self.unit_office)
        self.assertEqual(awards[1].decision_date, date(2023, 1, 10))
        self.assertEqual(awards[1].reason, "Hoàn thành xuất sắc nhiệm vụ")
        self.assertEqual(awards[0].authority, self.type_prov.authority, "from the type")
        self.assertEqual(awards[2].authority, "Giám đốc Sở", "as given")
        self.assertEqual(awards.mapped("unit_id"), self.unit_office | self.unit_consular)
        self.assertEqual(
            self.retired.with_context(active_test=False).emulation_award_ids, awards[2]
        )

    def test_import_matches_people_by_external_or_database_id(self):
        content = self.sheet(
            ["Employee/External ID", "Award type", "Year"],
            [["__import__.nv_0001", "BK_UBND", 2022]],
        )
        matched, result = self.load("emulation.award", content)
        self.assertEqual(matched["Employee/External ID"], "employee_id/id")
        self.assertImported(result, 1)
        self.assertEqual(self.env["emulation.award"].browse(result["ids"]).employee_id, self.emp_a)
        content = self.sheet(
            ["Employee/Database ID", "Year", "Classification level"],
            [[self.emp_b.id, 2022, "excellent"], [self.retired.id, 2022, "good"]],
        )
        matched, result = self.load("emulation.classification", content)
        self.assertEqual(matched["Employee/Database ID"], "employee_id/.id")
        self.assertImported(result, 2)
        classifications = self.env["emulation.classification"].browse(result["ids"])
        self.assertEqual(classifications.mapped("employee_id"), self.emp_b | self.retired)

    def test_import_classifications_and_initiatives(self):
        rows = [
            {"Employee": "Nguyễn Văn An", "Year": 2021, "Classification level": "excellent"},
            {"Employee": "Nguyễn Văn An", "Year": 2022, "Classification level": "Good"},
            {"Unit": "Consular Affairs", "Year": 2022, "Classification level": "completed"},
        ]
        model = "emulation.classification"
        _matched, result = self.load(model, self.fill(model, rows))
        self.assertImported(result, 3)
        records = self.env[model].browse(result["ids"])
        self.assertEqual(records.mapped("level"), ["excellent", "good", "completed"])
        self.assertEqual(records[2].recipient_type, "collective")
        self.assertEqual(self.emp_a.emulation_classification_ids, records[:2])
        rows = [
            {
                "Title": "Paperless archive",
                "Authors": "Nguyễn Văn An,Đỗ Văn Hưu",
                "Level": "provincial",
                "Year": 2023,
                "Applied Effectively": 1,
            },
            {
                "Title": "Consular hotline",
                "Authors": "Trần Thị Bình",
                "Level": "Grassroots",
                "Year": 2022,
            },
        ]
        model = "emulation.initiative"
        _matched, result = self.load(model, self.fill(model, rows))
        self.assertImported(result, 2)
        first, second = self.env[model].browse(result["ids"])
        self.assertEqual(first.employee_ids, self.emp_a | self.retired)
        self.assertEqual((first.level, first.applied_effectively), ("provincial", True))
        self.assertEqual((second.employee_ids, second.level), (self.emp_b, "grassroots"))

    # ------------------------------------------------------------------ bad files
    def test_unknown_person_names_the_row_and_imports_nothing(self):
        rows = [
            {"Employee": "Nguyễn Văn An", "Award type": "BK_UBND", "Year": 2021},
            {"Employee": "Người Không Có", "Award type": "BK_UBND", "Year": 2021},
            {"Employee": "Trần Thị Bình", "Award type": "BK_UBND", "Year": 2021},
        ]
        before = self.count("emulation.award")
        _matched, result = self.load("emulation.award", self.fill("emulation.award", rows))
        self.assertRowRefused(result, 1, "No matching record found for name 'Người Không Có'")
        self.assertEqual(self.count("emulation.award"), before)

    def test_unreadable_row_stops_the_creation_of_every_row(self):
        # a row Odoo cannot read (an unknown person) fails the whole import: no row is created
        # any more, not even one by one (minutes on a five-year file, all rolled back); the rows
        # that break a rule are named once the unreadable ones are corrected
        model = "emulation.classification"
        rows = [
            {"Employee": "Nguyễn Văn An", "Year": 2021, "Classification level": "good"},
            {"Employee": "Người Không Có", "Year": 2021, "Classification level": "good"},
            {"Employee": "Trần Thị Bình", "Year": 2021, "Classification level": "good"},
            {"Employee": "Nguyễn Văn An", "Year": 2021, "Classification level": "excellent"},
        ]
        Classification = self.registry[model]
        original = Classification._load_records
        batches = []

        def spy(records, data_list, *args, **kwargs):
            batches.append(len(data_list))
            return original(records, data_list, *args, **kwargs)

        before = self.count(model)
        with patch.object(Classification, "_load_records", spy):
            _matched, result = self.load(model, self.fill(model, rows))
            self.assertRowRefused(result, 1, "No matching record found for name 'Người Không Có'")
            self.assertEqual(batches, [4], "one batch, nothing retried row by row")
            self.assertEqual(self.count(model), before)
            rows[1]["Employee"] = "Trần Thị Bình"
            rows[2]["Year"] = 2022
            batches.clear()
            _matched, result = self.load(model, self.fill(model, rows))
        self.assertRowRefused(result, 3, "Nguyễn Văn An already has a classification for 2021")
        # the refused batch, then Odoo's row-by-row pass, which reports the row found by halving
        self.assertEqual(batches, [4, 1, 1, 1, 1])
        self.assertEqual(self.count(model), before)

    def test_rows_breaking_a_rule_are_found_by_halving_the_batch(self):
        # 120 rows, two of them break a rule: they are named, nothing is imported, and the rows
        # are not created again one by one (a few dozen creates, not 120 more)
        model = "emulation.award"
        rows = [
            {"Employee": "Nguyễn Văn An", "Award type": "BK_UBND", "Year": 1950 + i % 70}
            for i in range(120)
        ]
        rows[30]["Award type"] = "CO_TINH"
        rows[90]["Year"] = 1900
        Award = self.registry[model]
        original = Award.create
        creates = []

        def spy(records, vals_list):
            creates.append(len(vals_list))
            return original(records, vals_list)

        before = self.count(model)
        with patch.object(Award, "create", spy):
            _matched, result = self.load(model, self.fill(model, rows))
        self.assertFalse(result["ids"])
        errors = [message for message in result["messages"] if message["type"] == "error"]
        self.assertEqual([error["record"] for error in errors], [30, 90], errors)
        self.assertIn("awarded to units only", errors[0]["message"])
        self.assertIn("The year 1900 is not valid", errors[1]["message"])
        self.assertEqual(self.count(model), before)
        self.assertEqual(creates[0], 120, "the batch first")
        self.assertLess(len(creates), 40, creates)
        self.assertEqual(creates.count(1), 2, "only the two bad rows are created alone")

    def test_bad_year_names_the_row_and_imports_nothing(self):
        rows = [
            {"Employee": "Nguyễn Văn An", "Award type": "BK_UBND", "Year": 2021},
            {"Employee": "Trần Thị Bình", "Award type": "BK_UBND", "Year": 2021},
            {"Employee": "Trần Thị Bình", "Award type": "GK", "Year": 1900},
        ]
        before = self.count("emulation.award")
        _matched, result = self.load("emulation.award", self.fill("emulation.award", rows))
        self.assertRowRefused(
            result, 2, r"The year 1900 is not valid: enter a year between 1945 and \d{4}\."
        )
        self.assertEqual(self.count("emulation.award"), before)

    def test_bad_rows_of_each_history_are_refused_clearly(self):
        cases = [
            (
                "emulation.award",
                [
                    {"Employee": "Nguyễn Văn An", "Award type": "GK", "Year": 2021},
                    {"Employee": "Nguyễn Văn An", "Award type": "CO_TINH", "Year": 2021},
                ],
                1,
                "Provincial emulation flag is awarded to units only",
            ),
            (
                "emulation.award",
                [
                    {
                        "Employee": "Nguyễn Văn An",
                        "Unit": "Consular Affairs",
                        "Award type": "GK",
                        "Year": 2021,
                    },
                ],
                0,
                "A record for an individual needs the employee, and no unit",
            ),
            (
                "emulation.classification",
                [
                    {"Employee": "Nguyễn Văn An", "Year": 2021, "Classification level": "good"},
                    {"Employee": "Trần Thị Bình", "Year": 2021, "Classification level": "good"},
                    {
                        "Employee": "Nguyễn Văn An",
                        "Year": 2021,
                        "Classification level": "excellent",
                    },
                ],
                2,
                "Nguyễn Văn An already has a classification for 2021",
            ),
            (
                "emulation.classification",
                [
                    {
                        "Employee": "Nguyễn Văn An",
                        "Year": 2022,
                        "Classification level": "good",
                        "Decision Date": date(2021, 12, 20),
                    },
                ],
                0,
                "The decision date 20/12/2021 is earlier than the year 2022",
            ),
            (
                "emulation.initiative",
                [
                    {
                        "Title": "Good one",
                        "Authors": "Nguyễn Văn An",
                        "Level": "grassroots",
                        "Year": 2022,
                    },
                    {"Title": "Orphan", "Level": "grassroots", "Year": 2022},
                ],
                1,
                "The initiative Orphan has no author",
            ),
        ]
        for model, rows, bad_row, message in cases:
            with self.subTest(model=model, message=message):
                before = self.count(model)
                _matched, result = self.load(model, self.fill(model, rows))
                self.assertRowRefused(result, bad_row, message)
                self.assertEqual(self.count(model), before)

    def test_batched_import_is_all_or_nothing(self):
        """The import screen sends a long file in batches ("limit", "skip"), one transaction each.
        For history the first request imports the whole file: a bad row of a later batch imports
        nothing, and is named by its place in the file."""
        model = "emulation.award"
        rows = [
            {"Employee": "Nguyễn Văn An", "Award type": "GK", "Year": 2019 + i} for i in range(5)
        ]
        rows[3] = {"Employee": "Người Không Có", "Award type": "GK", "Year": 2022}
        before = self.count(model)
        importer, fields, headers = self.prepare(model, self.fill(model, rows))
        for dryrun in (True, False):
            with self.subTest(dryrun=dryrun):
                result = importer.execute_import(
                    fields, headers, dict(OPTIONS, limit=2), dryrun=dryrun
                )
                self.assertRowRefused(
                    result, 3, "No matching record found for name 'Người Không Có'"
                )
                self.assertEqual(self.count(model), before, "not even the first batch")
        # a batch further down the file (a resumed import): its rows counted from the top
        result = importer.execute_import(fields, headers, dict(OPTIONS, limit=2, skip=2))
        self.assertRowRefused(result, 3, "Người Không Có")
        self.assertEqual(self.count(model), before)

        rows[3] = {"Employee": "Trần Thị Bình", "Award type": "GK", "Year": 2022}
        importer, fields, headers = self.prepare(model, self.fill(model, rows))
        result = importer.execute_import(fields, headers, dict(OPTIONS, limit=2))
        self.assertImported(result, 5)
        self.assertFalse(result["nextrow"], "nothing left for a second request")
        self.assertEqual(self.count(model), before + 5)
        self.assertEqual(len(self.emp_b.emulation_award_ids), 1)

    def test_import_as_a_plain_user(self):
        """execute_import is an RPC endpoint of every user: for a plain user it imports nothing,
        whatever the batch, and says why without naming anything the user cannot read."""
        model = "emulation.award"
        rows = [
            {"Employee": "Nguyễn Văn An", "Award type": "GK", "Year": 2021 + i} for i in range(3)
        ]
        before = self.count(model)
        importer = (
            self.env["base_import.import"]
            .with_user(self.user_plain)
            .create(
                {
                    "res_model": model,
                    "file": self.fill(model, rows),
                    "file_type": XLSX,
                    "file_name": "past.xlsx",
                }
            )
        )
        fields = ["employee_id", False, "award_type_id", "year"] + [False] * 4
        headers = list(TEMPLATE_FIELDS[model])
        for dryrun in (True, False):
            result = importer.execute_import(fields, headers, dict(OPTIONS, limit=1), dryrun=dryrun)
            self.assertFalse(result["ids"])
            errors = [m for m in result["messages"] if m["type"] == "error"]
            self.assertTrue(errors)
            self.assertNotIn("Nguyễn Văn An", " ".join(m["message"] for m in errors))
            self.assertEqual(self.count(model), before)


@tagged("demo", "at_install")
class TestImportDemo(DemoCase, ImportCase):
    def test_template_examples_import_cleanly(self):
        """The example rows point at the demo data and the catalogue: they import as shipped."""
        nhung = self.env.ref("emulation_exemplar.emp_office_1")
        office = self.env.ref("emulation_exemplar.dep_office_inspectorate")
        before = {model: self.count(model) for model in TEMPLATE_FIELDS}
        imported = {}
        for model in TEMPLATE_FIELDS:
            with self.subTest(model=model):
                _matched, result = self.load(model, self.template(model))
                self.assertFalse(
                    [m for m in result["messages"] if m["type"] == "error"], result["messages"]
                )
                self.assertTrue(result["ids"])
                self.assertEqual(self.count(model), before[model] + len(result["ids"]))
                imported[model] = self.env[model].browse(result["ids"])
        awards = imported["emulation.award"]
        self.assertEqual(awards.mapped("recipient_type"), ["individual", "collective"])
        self.assertEqual(awards[0].employee_id, nhung)
        self.assertEqual(awards[0].award_type_id.code, "CSTDCS")
        self.assertEqual(awards[0].decision_date, date(2021, 1, 15))
        self.assertEqual(awards[1].department_id, office)
        classifications = imported["emulation.classification"]
        self.assertEqual(classifications.mapped("level"), ["excellent", "good"])
        self.assertEqual(classifications[1].department_id, office)
        initiative = imported["emulation.initiative"]
        self.assertEqual(
            initiative.employee_ids.mapped("name"), ["Võ Thị Hồng Nhung", "Đặng Văn Hùng"]
        )
        self.assertTrue(initiative.applied_effectively)
