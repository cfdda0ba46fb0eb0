"""Import benchmark (issue 16, part 2): five years of history through Odoo's standard import.

Run it with ``benchmarks/run --import`` (or ``--import-only``). The Odoo test
``emulation_exemplar/tests/test_benchmark_smoke.py`` loads this file by path and runs the same
steps with 200 rows.

Steps (see :func:`run_import`):

1. seeded people and units, with unique names (the spreadsheets name people as officers do);
2. the shipped import templates (``get_import_templates``), filled with ``awards`` award rows and
   ``classifications`` classification rows of 2021-2025 (one XLSX per template);
3. the plain batched ``create`` of the same rows (same batch size, same context as the import
   screen), measured, then rolled back;
4. the import exactly as the import screen does it: a ``base_import.import`` record with the file,
   ``parse_preview`` (the columns matched by Odoo), then ``execute_import`` batch after batch with
   the screen's options (``limit`` 2,000, ``skip`` = the previous ``nextrow``), each batch in a
   transaction of its own as each of the screen's requests is; the screen's "Test" pass (dry run)
   is measured too;
5. the agreement of the stored eligibility with a fresh evaluation, when the engine offers it;
6. a file with a bad row in the middle: the import names that row (its place in the file) and
   imports nothing, both for the "Test" pass and for a direct "Import".
"""

import datetime
import io
import random
import time

from openpyxl import load_workbook

from odoo.tools.misc import file_path

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEED = 198
YEARS = tuple(range(2021, 2026))
BATCH = 2000  # the import screen's default batch size ("limit")
UNITS = 20
TARGET_RATIO = 3
# the options the import screen sends (base_import/static/src/import_model.js)
UI_OPTIONS = {
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "limit": BATCH,
    "sheets": [],
    "sheet": "",
    "skip": 0,
    "tracking_disable": True,
    "encoding": "",
    "separator": "",
    "quoting": '"',
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
}
UI_CONTEXT = {"tracking_disable": True}
PERSON_AWARD_CODES = ("LDTT", "CSTDCS", "GK", "BK_UBND", "BK_BNG", "CSTD_TINH")
UNIT_AWARD_CODES = ("TTLDTT", "TTLDXS", "BK_UBND", "CO_TINH")
# the emulation titles among them: given once per recipient and year (Law 06/2022/QH15); a title
# drawn twice for a recipient and year becomes a certificate of that year (same random stream)
TITLE_CODES = {"LDTT", "CSTDCS", "CSTD_TINH", "TTLDTT", "TTLDXS", "CO_TINH"}
TITLE_INSTEAD = "BK_UBND"
LEVELS = ("excellent", "good", "good", "good", "completed", "not_completed")
BAD_NAME = "Người Không Có Trong Hồ Sơ"
# a title for units only (Provincial emulation flag): refused to a person
UNIT_ONLY_CODE = "CO_TINH"
MODELS = ("emulation.award", "emulation.classification")


def _rng(*key):
    return random.Random("%s-%s" % (SEED, "-".join(map(str, key))))


class ImportData:
    """The people, units and rows of the benchmark (values by column label and for create)."""

    def __init__(self, env, awards, classifications, units=UNITS):
        self.env = env
        self.n_awards = awards
        self.n_classifications = classifications
        self.n_people = max(1, -(-classifications // len(YEARS)))
        self.n_units = units
        self.units = self.people = None
        self.rows = {}  # model -> [{column label: value}]
        self.vals = {}  # model -> [create values]

    def setup(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        self.units = env["hr.department"].create(
            [{"name": "Import unit %02d" % (i + 1)} for i in range(self.n_units)]
        )
        self.people = env["hr.employee"].create(
            [
                {
                    "name": "Import person %05d" % (i + 1),
                    "department_id": self.units[i % self.n_units].id,
                }
                for i in range(self.n_people)
            ]
        )
        types = env["emulation.award.type"].with_context(active_test=False).search([])
        type_by_code = {t.code: t.id for t in types if t.code}
        self._awards(type_by_code)
        self._classifications()
        env.cr.flush()

    def _awards(self, type_by_code):
        rows, vals = [], []
        rng = _rng("awards")
        titles = set()
        for i in range(self.n_awards):
            year = YEARS[i % len(YEARS)]
            collective = i % 10 == 9  # one row in ten is a unit's
            if collective:
                recipient = self.units[rng.randrange(self.n_units)]
                code = rng.choice(UNIT_AWARD_CODES)
            else:
                recipient = self.people[rng.randrange(self.n_people)]
                code = rng.choice(PERSON_AWARD_CODES)
            if code in TITLE_CODES:
                if (recipient, code, year) in titles:
                    code = TITLE_INSTEAD
                titles.add((recipient, code, year))
            number = "%s/QĐ-SNgV" % (i + 1)
            decision_date = _date(year + 1, 1 + i % 12, 1 + i % 28)
            row = {
                "Award type": code,
                "Year": year,
                "Decision Number": number,
                "Decision Date": decision_date,
            }
            value = {
                "award_type_id": type_by_code[code],
                "year": year,
                "decision_number": number,
                "decision_date": decision_date,
            }
            if collective:
                row["Unit"] = recipient.name
                value["department_id"] = recipient.id
            else:
                row["Employee"] = recipient.name
                value["employee_id"] = recipient.id
            rows.append(row)
            vals.append(value)
        self.rows["emulation.award"], self.vals["emulation.award"] = rows, vals

    def _classifications(self):
        rows, vals = [], []
        rng = _rng("classifications")
        for i in range(self.n_classifications):
            person = self.people[i // len(YEARS)]
            year = YEARS[i % len(YEARS)]
            level = rng.choice(LEVELS)
            number = "%s/QĐ-SNgV-XL" % year
            rows.append(
                {
                    "Employee": person.name,
                    "Year": year,
                    "Classification level": level,
                    "Decision reference": number,
                }
            )
            vals.append(
                {"employee_id": person.id, "year": year, "level": level, "decision_number": number}
            )
        self.rows["emulation.classification"] = rows
        self.vals["emulation.classification"] = vals


def _date(year, month, day):
    return datetime.date(year, month, day)


def _years_earlier(row, years):
    """An award row ``years`` earlier: its year and its decision's date."""
    row = dict(row, Year=row["Year"] - years)
    if row.get("Decision Date"):
        row["Decision Date"] = row["Decision Date"].replace(year=row["Decision Date"].year - years)
    return row


def template_bytes(env, model):
    """The shipped template of ``model`` (the file the import screen offers)."""
    (template,) = env[model].get_import_templates()
    with open(file_path(template["template"].lstrip("/")), "rb") as fh:
        return fh.read()


def fill_template(env, model, rows):
    """The template with its example rows replaced by ``rows`` (dicts by column label)."""
    book = load_workbook(io.BytesIO(template_bytes(env, model)))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        unknown = set(row) - set(header)
        if unknown:
            raise ValueError("columns not in the template of %s: %s" % (model, unknown))
        sheet.append([row.get(label) for label in header])
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


# ---------------------------------------------------------------------------- the screen
class ImportScreen:
    """What the import screen (base_import's ImportModel) sends, for one file."""

    def __init__(self, env, model, content, commit=False, batch=BATCH):
        self.env = env(context=dict(env.context, **UI_CONTEXT))
        self.commit = commit
        self.batch = batch
        self.importer = self.env["base_import.import"].create(
            {"res_model": model, "file": content, "file_type": XLSX, "file_name": "past.xlsx"}
        )
        preview = self.importer.parse_preview(dict(UI_OPTIONS))
        if preview.get("error"):
            raise ValueError("the preview failed: %s" % preview["error"])
        self.file_length = preview["file_length"]
        matches = preview["matches"] or {}
        self.headers = preview["headers"]
        self.fields = [
            "/".join(matches[i]) if i in matches else False for i in range(len(self.headers))
        ]
        if not all(self.fields):
            raise ValueError(
                "columns not matched by Odoo: %s"
                % [h for h, f in zip(self.headers, self.fields, strict=True) if not f]
            )
        # the screen sends the column names trimmed and in lower case
        self.columns = [h.strip().lower() for h in self.headers]
        self._end()

    def _end(self):
        if self.commit:
            self.env.cr.commit()
        self.env.invalidate_all()

    def run(self, dryrun=False):
        """Test (``dryrun``) or Import: batch after batch as the screen loops (one request, one
        transaction each), stopping at the first batch with messages. Returns
        {ids, messages, batches}."""
        options = dict(UI_OPTIONS, limit=self.batch)
        ids, messages, batches = [], [], 0
        # the screen runs ceil(rows / limit) steps when the file has more than 100 rows
        steps = -(-self.file_length // options["limit"]) if self.file_length > 100 else 1
        for _step in range(steps):
            batches += 1
            result = self.importer.execute_import(
                self.fields, self.columns, dict(options), dryrun=dryrun
            )
            self._end()
            ids += result.get("ids") or []
            if result.get("messages"):
                messages = result["messages"]
                break
            if not result.get("nextrow"):
                break
            options["skip"] = result["nextrow"]
        return {"ids": ids, "messages": messages, "batches": batches}


def plain_create(env, model, vals_list, batch=BATCH):
    """The plain batched create of the same rows, in the screen's context."""
    records = env[model].with_context(**UI_CONTEXT)
    created = 0
    for start in range(0, len(vals_list), batch):
        created += len(records.create([dict(v) for v in vals_list[start : start + batch]]))
        env.cr.flush()
    return created


def bench_officer(env):
    """An emulation officer (the role that imports history; no Odoo HR right), created once."""
    users = env["res.users"].with_context(active_test=False)
    officer = users.search([("login", "=", "bench_import_officer")], limit=1)
    if not officer:
        officer = users.with_context(no_reset_password=True).create(
            {
                "name": "Bench import officer",
                "login": "bench_import_officer",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_user").id,
                            env.ref("emulation_exemplar.group_emulation_officer").id,
                        ],
                    )
                ],
            }
        )
    return officer


def eligibility_agreement(env):
    """True/False: the stored eligibility equals a fresh evaluation; None when the engine does
    not offer the check (``emulation.eligibility._eligibility_disagreements``)."""
    model = env.get("emulation.eligibility")
    if model is None or not hasattr(model, "_eligibility_disagreements"):
        return None, "emulation.eligibility._eligibility_disagreements() is not available"
    disagreements = model._eligibility_disagreements()
    return disagreements == [], disagreements[:5]


def count(env, model):
    return env[model].with_context(active_test=False).search_count([])


def run_import(
    env,
    awards=10000,
    classifications=10000,
    units=UNITS,
    user=None,
    commit=False,
    bad_row=True,
    batch=BATCH,
    log=None,
):
    """The import benchmark in ``env`` (a database with the module). ``user``: the importing
    user (default: the administrator). Returns the figures (see :func:`format_import`)."""
    log = log or (lambda message: None)
    data = ImportData(env, awards, classifications, units=units)
    log("people and units...")
    data.setup()
    files = {}
    log("filling the shipped templates...")
    for model in MODELS:
        files[model] = fill_template(env, model, data.rows[model])
    if commit:
        env.cr.commit()
    user = user or env.ref("base.user_admin")
    user_env = env(user=user.id, su=False)
    before = {model: count(env, model) for model in MODELS}

    # the plain batched create, then undone
    log("plain batched create...")
    env.invalidate_all()
    savepoint = env.cr.savepoint()
    start = time.perf_counter()
    created = sum(plain_create(user_env, model, data.vals[model], batch) for model in MODELS)
    create_seconds = time.perf_counter() - start
    savepoint.rollback()
    savepoint.close(rollback=False)
    env.invalidate_all()
    env.registry.clear_cache()

    # the screen: Test, then Import
    per_model = {}
    test_seconds = seconds = 0.0
    imported = 0
    for model in MODELS:
        log("import of %s: test, then import..." % model)
        screen = ImportScreen(user_env, model, files[model], commit=commit, batch=batch)
        start = time.perf_counter()
        test = screen.run(dryrun=True)
        model_test = time.perf_counter() - start
        start = time.perf_counter()
        real = screen.run()
        model_seconds = time.perf_counter() - start
        test_seconds += model_test
        seconds += model_seconds
        imported += len(real["ids"])
        per_model[model] = {
            "rows": len(data.rows[model]),
            "imported": len(real["ids"]),
            "batches": real["batches"],
            "seconds": model_seconds,
            "test_seconds": model_test,
            "errors": [m["message"] for m in test["messages"] + real["messages"]][:3],
        }
    after = {model: count(env, model) for model in MODELS}
    rows = awards + classifications
    complete = imported == rows and all(after[m] - before[m] == len(data.rows[m]) for m in MODELS)
    log("eligibility agreement...")
    agree, detail = eligibility_agreement(env)
    result = {
        "rows": rows,
        "imported": imported,
        "complete": complete,
        "seconds": seconds,
        "test_seconds": test_seconds,
        "create_seconds": create_seconds,
        "created": created,
        "rows_per_second": rows / seconds if seconds else None,
        "create_rows_per_second": rows / create_seconds if create_seconds else None,
        "ratio_to_create": seconds / create_seconds if create_seconds else None,
        "agree": agree,
        "agree_detail": detail,
        "batch": batch,
        "by_model": per_model,
        "user": user.login,
    }
    if bad_row:
        log("a bad row in the middle...")
        result["bad_row"] = check_bad_row(env, user_env, data, commit=commit, batch=batch)
        log("a row breaking a rule in the middle...")
        result["rule_row"] = check_bad_row(
            env, user_env, data, commit=commit, batch=batch, rule=True
        )
    result["targets"] = import_targets(result)
    return result


def check_bad_row(env, user_env, data, commit=False, batch=BATCH, rule=False):
    """The award file with a bad middle row: Test and Import must both name that row (0 = the
    first row under the header, as load() counts) and import nothing. The row names an unknown
    person (a row that cannot be read), or with ``rule`` gives a person a title for units only
    (a row that breaks a rule)."""
    model = "emulation.award"
    # the file was imported above: its rows ten years earlier, which the history does not hold
    # (the same rows again would each be refused as a doubled honour)
    rows = [_years_earlier(row, 10) for row in data.rows[model]]
    bad = len(rows) // 2
    while rule and not rows[bad].get("Employee"):
        bad += 1
    if rule:
        rows[bad] = dict(rows[bad], **{"Award type": UNIT_ONLY_CODE})
        # the message is in the officer's language: any message will do, on that row alone
        expected = ""
    else:
        rows[bad] = dict(rows[bad], Employee=BAD_NAME)
        rows[bad].pop("Unit", None)
        expected = BAD_NAME
    content = fill_template(env, model, rows)
    screen = ImportScreen(user_env, model, content, commit=commit, batch=batch)
    before = count(env, model)
    out = {"row": bad, "rows": len(rows)}
    for name, dryrun in (("test", True), ("import", False)):
        start = time.perf_counter()
        result = screen.run(dryrun=dryrun)
        seconds = time.perf_counter() - start
        errors = [m for m in result["messages"] if m["type"] == "error"]
        out[name] = {
            "seconds": seconds,
            "imported": count(env, model) - before,
            "ids": len(result["ids"]),
            "rows_named": sorted({m.get("record") for m in errors}, key=str),
            "message": errors[0]["message"] if errors else None,
            "batches": result["batches"],
        }
    out["ok"] = all(
        out[name]["imported"] == 0
        and out[name]["ids"] == 0
        and out[name]["rows_named"] == [bad]
        and out[name]["message"]
        and expected in out[name]["message"]
        for name in ("test", "import")
    )
    return out


def import_targets(result):
    out = {}
    ratio = result["ratio_to_create"]
    if ratio is not None:
        out["import_ratio"] = (
            ratio <= TARGET_RATIO,
            "import / plain create %.2f <= %s" % (ratio, TARGET_RATIO),
        )
    out["import_complete"] = (result["complete"], "every row imported once")
    agree = result["agree"]
    out["import_agree"] = (
        agree,
        "eligibility agrees after the import"
        + ("" if agree is not None else " (%s)" % result["agree_detail"]),
    )
    for key, what in (("bad_row", "bad row"), ("rule_row", "row breaking a rule")):
        bad = result.get(key)
        if bad:
            out["import_" + key] = (
                bad["ok"],
                "%s %s of %s: named %s (test) / %s (import), imported %s / %s, answered in "
                "%.1f s / %.1f s"
                % (
                    what,
                    bad["row"],
                    bad["rows"],
                    bad["test"]["rows_named"],
                    bad["import"]["rows_named"],
                    bad["test"]["imported"],
                    bad["import"]["imported"],
                    bad["test"]["seconds"],
                    bad["import"]["seconds"],
                ),
            )
    return out


def format_import(result):
    lines = []
    add = lines.append
    rule = "-" * 100
    add(
        "Import benchmark: %s rows through base_import (batches of %s, as %s), from the shipped "
        "templates" % (format(result["rows"], ","), result["batch"], result["user"])
    )
    add(rule)
    add("%-44s %10s %12s  %s" % ("measure", "seconds", "rows / s", "notes"))
    add(rule)
    add(
        "%-44s %10.3f %12.0f  %s"
        % (
            "plain batched create",
            result["create_seconds"],
            result["create_rows_per_second"],
            "same rows, same batch size and context",
        )
    )
    for model, figures in result["by_model"].items():
        add(
            "%-44s %10.3f %12.0f  %s"
            % (
                "import %s" % model,
                figures["seconds"],
                figures["rows"] / figures["seconds"],
                "%s request(s); the Test pass before it: %.3f s"
                % (figures["batches"], figures["test_seconds"]),
            )
        )
    add(
        "%-44s %10.3f %12.0f  %s"
        % (
            "import, both files",
            result["seconds"],
            result["rows_per_second"],
            "Test pass: %.3f s" % result["test_seconds"],
        )
    )
    add("%-44s %10.2f" % ("ratio import / plain create", result["ratio_to_create"]))
    add(rule)
    for met, text in result["targets"].values():
        add("%-8s %s" % ({True: "MET", False: "MISSED", None: "n/a"}[met], text))
    return "\n".join(line.rstrip() for line in lines)
