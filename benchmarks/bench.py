"""Eligibility benchmark (issue 9): province scale, against the raw-SQL limit.

Run it with ``benchmarks/run [--n N] [--json PATH]`` (the wrapper creates and drops a throwaway
database). This file is both the driver (``main``) and the reusable part: the Odoo smoke test
``emulation_exemplar/tests/test_benchmark_smoke.py`` loads it by path and calls the same generator
and measurements at a small N.

Steps (see :func:`run`):

1. seeded generation, with batched creates, of N employees over about 50 units, 20 history rows
   each (awards and titles, classifications, initiatives in 2019-2026), grown in stages;
2. at each stage (the scaling sizes, the last being N): the full ORM recompute of every employee
   and unit, through the path a criteria change takes (wall time, SQL queries, max RSS growth);
3. at each stage: the raw-SQL limit, ONE hand-written statement computing the same per-recipient
   counts from the same criteria tables and writing eligible/missing into extra columns;
4. the agreement of ORM and SQL for every employee and unit (the run fails when they differ),
   checked both for the values the ORM computed while the data was loaded (the compute path) and
   after the full recompute (the one-UPDATE path);
5. at N: the peak Python memory of the full recompute (a separate run under tracemalloc), and the
   incremental cases: create one award, write one classification, archive one award;
6. at 1,000 employees: the eligible-list PDF (when the report exists): time and wkhtmltopdf runs.
"""

import argparse
import contextlib
import importlib
import json
import random
import re
import resource
import socket
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from collections import Counter

import odoo

SEED = 198
YEARS = tuple(range(2019, 2027))
UNITS = 50
SIZES = (1000, 5000, 10000)
PDF_POPULATION = 1000
BATCH = 1000
TARGET_RATIO = 3
TARGET_INCREMENTAL_QUERIES = 15
BULK_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
# The eligible-list report (issue 6), looked up by these xml ids first, then by its model.
ELIGIBLE_REPORT_XMLIDS = ("emulation_exemplar.action_report_eligible",)
ELIGIBLE_REPORT_MODELS = ("emulation.criteria.set", "hr.employee")

XMLID = "emulation_exemplar.award_type_%s"
# (award type, weight) of the awards and titles of a person, and of a unit
PERSON_AWARDS = (
    ("advanced_worker", 40),
    ("grassroots_soldier", 8),
    ("certificate_of_commendation", 12),
    ("provincial_merit", 6),
    ("mofa_merit", 5),
    ("central_merit", 3),
    ("provincial_soldier", 3),
    ("commemorative_medal", 2),
    ("labour_order_3", 1),
)
UNIT_AWARDS = (
    ("advanced_collective", 40),
    ("excellent_collective", 25),
    ("provincial_merit", 15),
    ("mofa_merit", 10),
    ("provincial_flag", 7),
    ("government_flag", 3),
)
CLASSIFICATION_LEVELS = ("excellent", "good", "completed", "not_completed")
INITIATIVE_LEVELS = ("grassroots", "provincial", "national")
PERSON_AWARD_ROWS = 9  # + 8 classifications + 3 initiatives = 20 rows per person
PERSON_INITIATIVE_ROWS = 3
UNIT_AWARD_ROWS = 6
# one person in 25 has a discipline, in one year of the history; (form, weight)
DISCIPLINE_SHARE = 0.04
# the discipline forms, lightest first (core/eligibility.py's DISCIPLINE_FORMS: form_rank is the
# 1-based place)
FORMS = ("reprimand", "warning", "salary_reduction", "demotion", "dismissal_from_post", "dismissal")
DISCIPLINE_FORMS = (("reprimand", 60), ("warning", 30), ("salary_reduction", 7), ("demotion", 3))


# ---------------------------------------------------------------------------- generation
class Generator:
    """Seeded, batched generation of people, units and their history, through the ORM.

    Person ``i`` is generated from its own seeded random stream, so growing the population in
    stages (1,000, then 5,000, then 10,000) gives the same data as generating it at once; and
    :class:`BulkGenerator` writes the very same data with bulk SQL.

    The units form a tree: the first fifth are top-level (departments of the province), each of
    the others lies under one of them (offices); the first person of each unit is its manager.
    """

    bulk = False

    def __init__(self, env, seed=SEED, units=UNITS, batch=BATCH, commit=False):
        self.env = env(context=dict(env.context, **BULK_CONTEXT))
        self.seed = seed
        self.n_units = units
        self.batch = batch
        self.commit = commit
        self.unit_ids = None  # by index
        self.unit_weights = None
        self.employee_ids = []  # by index
        self.rows = Counter()  # history rows created, by model
        self.seconds = 0.0
        self.types = {}

    @property
    def units(self):
        return self.env["hr.department"].browse(self.unit_ids or ())

    def _rng(self, *key):
        return random.Random("%s-%s" % (self.seed, "-".join(map(str, key))))

    def _type(self, code):
        if code not in self.types:
            self.types[code] = self.env.ref(XMLID % code).id
        return self.types[code]

    def _unit_specs(self):
        """[(name, parent index or None)] of the units."""
        top = max(1, self.n_units // 5)
        return [
            ("Bench unit %02d" % (k + 1), None if k < top else (k - top) % top)
            for k in range(self.n_units)
        ]

    def _unit_history(self, index, awards, classifications):
        urng = self._rng("unit", index)
        unit_id = self.unit_ids[index]
        quality = urng.random()
        for year in YEARS:
            classifications.append(
                {
                    "recipient_type": "collective",
                    "department_id": unit_id,
                    "year": year,
                    "level": _level(urng, quality),
                }
            )
        for _i in range(UNIT_AWARD_ROWS):
            awards.append(
                {
                    "recipient_type": "collective",
                    "department_id": unit_id,
                    "award_type_id": self._type(_weighted(urng, UNIT_AWARDS)),
                    "year": urng.choice(YEARS),
                }
            )

    def setup(self):
        """The units and their own history (awards, classifications)."""
        start = time.perf_counter()
        rng = self._rng("units")
        # uneven unit sizes, as in a province: a few large departments, many small offices
        self.unit_weights = [rng.choice((1, 1, 2, 3, 5, 8)) for _k in range(self.n_units)]
        self._create_units(self._unit_specs())
        awards, classifications = [], []
        for index in range(self.n_units):
            self._unit_history(index, awards, classifications)
        self._create("emulation.award", awards)
        self._create("emulation.classification", classifications)
        self.env.flush_all()
        self._done(start)

    def _create_units(self, specs):
        self.unit_ids = []
        Department = self.env["hr.department"]
        for name, parent in specs:  # parents first: a parent's index is below its children's
            vals = {"name": name}
            if parent is not None:
                vals["parent_id"] = self.unit_ids[parent]
            self.unit_ids.append(Department.create(vals).id)

    def grow(self, size):
        """Grow the population to ``size`` people (with history), in batches."""
        start = time.perf_counter()
        if self.unit_ids is None:
            self.setup()
        while len(self.employee_ids) < size:
            first = len(self.employee_ids)
            self._batch(range(first, min(first + self.batch, size)))
        self._done(start)

    def _done(self, start):
        self.env.flush_all()
        if self.commit:
            self.env.cr.commit()
        self.seconds += time.perf_counter() - start

    def _batch(self, indexes):
        Employee = self.env["hr.employee"]
        # the first person of each unit is its manager (a key cadre): create them first, so that
        # the others get their manager
        managers = [i for i in indexes if i < self.n_units]
        others = [i for i in indexes if i >= self.n_units]
        if managers:
            people = Employee.create([self._person(i) for i in managers])
            self.employee_ids.extend(people.ids)
            for i, person in zip(managers, people, strict=True):
                self.units[i].manager_id = person
        if others:
            people = Employee.create([self._person(i) for i in others])
            self.employee_ids.extend(people.ids)
        history = self._histories(indexes)
        for model, vals_list in history.items():
            self._create(model, vals_list)
        self.env.flush_all()
        if self.commit:
            self.env.cr.commit()

    def _histories(self, indexes):
        """{model: [values]} of the history of the people ``indexes``."""
        awards, classifications, initiatives, disciplines = [], [], [], []
        for i in indexes:
            self._history(i, awards, classifications, initiatives, disciplines)
        return {
            "emulation.award": awards,
            "emulation.classification": classifications,
            "emulation.initiative": initiatives,
            "emulation.discipline": disciplines,
        }

    def _unit_index_of(self, index):
        if index < self.n_units:
            return index
        rng = self._rng("unit-of", index)
        return rng.choices(range(self.n_units), weights=self.unit_weights)[0]

    def _person(self, index):
        rng = self._rng("person", index)
        values = {
            "name": "Bench person %05d" % (index + 1),
            "department_id": self.unit_ids[self._unit_index_of(index)],
        }
        if index >= self.n_units and rng.random() < 0.05:
            values["emulation_category_manual"] = "key_cadre"  # deputies, set by an officer
        return values

    def _history(self, index, awards, classifications, initiatives, disciplines):
        rng = self._rng("history", index)
        employee_id = self.employee_ids[index]
        quality = rng.random()
        for year in YEARS:
            classifications.append(
                {
                    "recipient_type": "individual",
                    "employee_id": employee_id,
                    "year": year,
                    "level": _level(rng, quality),
                }
            )
        for _i in range(PERSON_AWARD_ROWS):
            awards.append(
                {
                    "recipient_type": "individual",
                    "employee_id": employee_id,
                    "award_type_id": self._type(_weighted(rng, PERSON_AWARDS)),
                    "year": rng.choice(YEARS),
                }
            )
        for k in range(PERSON_INITIATIVE_ROWS):
            authors = [employee_id]
            if index > 0 and rng.random() < 0.25:
                authors.append(self.employee_ids[index - 1])  # a co-author
            initiatives.append(
                {
                    "name": "Initiative %s-%s" % (index + 1, k + 1),
                    "employee_ids": [(6, 0, authors)],
                    "year": rng.choice(YEARS),
                    "level": rng.choices(INITIATIVE_LEVELS, weights=(70, 25, 5))[0],
                    "applied_effectively": rng.random() < 0.5,
                }
            )
        # a few disciplines, from their own stream (the rows above stay those of issue 9)
        drng = self._rng("discipline", index)
        if drng.random() < DISCIPLINE_SHARE:
            disciplines.append(
                {
                    "employee_id": employee_id,
                    "form": _weighted(drng, DISCIPLINE_FORMS),
                    "year": drng.choice(YEARS),
                }
            )

    def _create(self, model, vals_list):
        for start in range(0, len(vals_list), self.batch * 5):
            self.env[model].create(vals_list[start : start + self.batch * 5])
        self.rows[model] += len(vals_list)


class BulkGenerator(Generator):
    """The same people, units and history as :class:`Generator`, written with bulk SQL
    (``INSERT … SELECT … FROM unnest(arrays)``: one statement per table and batch of 5,000
    people), not the ORM: generation is not what is measured, and the ORM needs about 4 minutes
    per 10,000 people. It writes the columns the ORM fills for these records, stored computed
    fields included (department paths and full names, manager and coach, emulation category,
    the award's kind and level, the unit of each history row, form ranks); it leaves out what
    nothing here reads (the chatter's messages and followers, the people's work contacts).
    Nothing is evaluated while loading: :func:`run` then calls
    ``emulation.eligibility._eligibility_recompute_all()`` once (the loaded state)."""

    bulk = True

    def __init__(self, env, seed=SEED, units=UNITS, batch=5000, commit=False):
        super().__init__(env, seed=seed, units=units, batch=batch, commit=commit)
        if units > batch:
            raise ValueError("the managers (the first %s people) must fit in one batch" % units)
        self._department_of = {}

    def _ids(self, sequence, count):
        self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
        return [row[0] for row in self.env.cr.fetchall()]

    def _insert(self, table, values, computed=(), joins=""):
        """INSERT INTO ``table`` the rows of ``values`` ({column: (SQL type, [value])}), with
        the ``computed`` columns ((column, SQL expression over v.*)) and the create/write
        columns, in one statement (a column named ``_x`` is only read by the computed ones)."""
        names = list(values)
        inserted = [n for n in names if not n.startswith("_")]  # "_x": only read by computed
        columns = inserted + [c for c, _e in computed]
        columns += ["create_uid", "write_uid", "create_date", "write_date"]
        select = ["v.%s" % n for n in inserted] + [e for _c, e in computed]
        select += ["%s", "%s", "now() AT TIME ZONE 'UTC'", "now() AT TIME ZONE 'UTC'"]
        unnest = ", ".join("%%s::%s[]" % sql_type for sql_type, _list in values.values())
        self.env.cr.execute(
            "INSERT INTO %s (%s) SELECT %s FROM unnest(%s) AS v(%s) %s"
            % (table, ", ".join(columns), ", ".join(select), unnest, ", ".join(names), joins),
            [self.env.uid, self.env.uid, *(array for _type, array in values.values())],
        )

    def _create_units(self, specs):
        ids = self._ids("hr_department_id_seq", len(specs))
        paths, full_names = [], []
        for k, (name, parent) in enumerate(specs):
            paths.append("%s%s/" % ("" if parent is None else paths[parent], ids[k]))
            full_names.append(name if parent is None else "%s / %s" % (full_names[parent], name))
        self._insert(
            "hr_department",
            {
                "id": ("int", ids),
                "complete_name": ("varchar", full_names),
                "parent_id": ("int", [None if p is None else ids[p] for _n, p in specs]),
                "parent_path": ("varchar", paths),
                "_name": ("varchar", [name for name, _p in specs]),
            },
            computed=[
                ("name", "jsonb_build_object('en_US', v._name)"),
                ("company_id", str(self.env.company.id)),
                ("active", "true"),
                ("emulation_eligibility_token", "true"),
            ],
        )
        self.unit_ids = ids
        self.env["hr.department"].invalidate_model()

    def _batch(self, indexes):
        env, cr = self.env, self.env.cr
        company = env.company.id
        calendar = env.company.resource_calendar_id
        people = [self._person(i) for i in indexes]
        resource_ids = self._ids("resource_resource_id_seq", len(people))
        employee_ids = self._ids("hr_employee_id_seq", len(people))
        self.employee_ids.extend(employee_ids)
        for employee_id, person in zip(employee_ids, people, strict=True):
            self._department_of[employee_id] = person["department_id"]
        names = ("varchar", [p["name"] for p in people])
        self._insert(
            "resource_resource",
            {"id": ("int", resource_ids), "name": names},
            computed=[
                ("company_id", str(company)),
                ("calendar_id", str(calendar.id or "NULL")),
                ("resource_type", "'user'"),
                ("tz", "%s" % _sql_text(calendar.tz or "UTC")),
                ("active", "true"),
                ("time_efficiency", "100"),
            ],
        )
        # the manager of each unit is its first person: the others' manager and coach
        managers = {
            self.unit_ids[k]: self.employee_ids[k]
            for k in range(min(self.n_units, len(self.employee_ids)))
        }
        parents, categories, manual = [], [], []
        for i, person in zip(indexes, people, strict=True):
            is_manager = i < self.n_units
            parents.append(None if is_manager else managers[person["department_id"]])
            own = person.get("emulation_category_manual")
            manual.append(own)
            categories.append(own or ("key_cadre" if is_manager else "staff"))
        self._insert(
            "hr_employee",
            {
                "id": ("int", employee_ids),
                "resource_id": ("int", resource_ids),
                "name": names,
                "department_id": ("int", [p["department_id"] for p in people]),
                "parent_id": ("int", parents),
                "coach_id": ("int", parents),
                "emulation_category": ("varchar", categories),
                "emulation_category_manual": ("varchar", manual),
            },
            computed=[
                ("company_id", str(company)),
                ("resource_calendar_id", str(calendar.id or "NULL")),
                ("marital", "'single'"),
                ("distance_home_work_unit", "'kilometers'"),
                ("employee_type", "'employee'"),
                ("active", "true"),
                ("emulation_eligibility_token", "true"),
            ],
        )
        managed = [
            (self.unit_ids[i], e)
            for i, e in zip(indexes, employee_ids, strict=True)
            if i < self.n_units
        ]
        if managed:
            cr.execute(
                "UPDATE hr_department d SET manager_id = v.manager "
                "FROM unnest(%s::int[], %s::int[]) AS v(unit, manager) WHERE d.id = v.unit",
                [[u for u, _m in managed], [m for _u, m in managed]],
            )
        for model, vals_list in self._histories(indexes).items():
            self._create(model, vals_list)
        env.invalidate_all()
        if self.commit:
            cr.commit()

    def _create(self, model, vals_list):
        if vals_list:
            getattr(self, "_insert_" + model.split(".")[1])(vals_list)
        self.rows[model] += len(vals_list)

    def _unit_of_row(self, vals):
        """The unit of a history row: the unit itself, or the person's department."""
        return vals.get("department_id") or self._department_of[vals["employee_id"]]

    def _recipients(self, rows):
        return {
            "employee_id": ("int", [r.get("employee_id") for r in rows]),
            "department_id": ("int", [r.get("department_id") for r in rows]),
            "unit_id": ("int", [self._unit_of_row(r) for r in rows]),
            "recipient_type": ("varchar", [r["recipient_type"] for r in rows]),
            "year": ("int", [r["year"] for r in rows]),
        }

    def _insert_award(self, rows):
        self._insert(
            "emulation_award",
            {
                **self._recipients(rows),
                "award_type_id": ("int", [r["award_type_id"] for r in rows]),
            },
            computed=[
                ("kind", "t.kind"),
                ("level", "t.level"),
                ("company_id", str(self.env.company.id)),
                ("active", "true"),
            ],
            joins="JOIN emulation_award_type t ON t.id = v.award_type_id",
        )

    def _insert_classification(self, rows):
        self._insert(
            "emulation_classification",
            {**self._recipients(rows), "level": ("varchar", [r["level"] for r in rows])},
            computed=[
                ("excellent_count", "(v.level = 'excellent')::int"),
                ("company_id", str(self.env.company.id)),
                ("active", "true"),
            ],
        )

    def _insert_initiative(self, rows):
        ids = self._ids("emulation_initiative_id_seq", len(rows))
        self._insert(
            "emulation_initiative",
            {
                "id": ("int", ids),
                "name": ("varchar", [r["name"] for r in rows]),
                "year": ("int", [r["year"] for r in rows]),
                "level": ("varchar", [r["level"] for r in rows]),
                "applied_effectively": ("bool", [r["applied_effectively"] for r in rows]),
            },
            computed=[("company_id", str(self.env.company.id)), ("active", "true")],
        )
        pairs = [
            (initiative_id, author)
            for initiative_id, r in zip(ids, rows, strict=True)
            for author in r["employee_ids"][0][2]
        ]
        self.env.cr.execute(
            "INSERT INTO emulation_initiative_employee_rel (initiative_id, employee_id) "
            "SELECT * FROM unnest(%s::int[], %s::int[])",
            [[p[0] for p in pairs], [p[1] for p in pairs]],
        )

    def _insert_discipline(self, rows):
        self._insert(
            "emulation_discipline",
            {
                "employee_id": ("int", [r["employee_id"] for r in rows]),
                "unit_id": ("int", [self._unit_of_row(r) for r in rows]),
                "form": ("varchar", [r["form"] for r in rows]),
                "year": ("int", [r["year"] for r in rows]),
            },
            computed=[
                ("form_rank", "array_position(%s::varchar[], v.form)" % _sql_array(FORMS)),
                ("company_id", str(self.env.company.id)),
                ("active", "true"),
            ],
        )


def _sql_text(text):
    return "'%s'" % text.replace("'", "''")


def _sql_array(texts):
    return "ARRAY[%s]" % ", ".join(_sql_text(t) for t in texts)


def generation_signature(env, generator):
    """What the generated population is, independent of its ids: {key: value} for each unit and
    person (by index) of ``generator``, their stored columns, history and eligibility results.
    :class:`Generator` and :class:`BulkGenerator` must give the same (the smoke test checks)."""
    env.flush_all()
    cr = env.cr
    units = {unit_id: k for k, unit_id in enumerate(generator.unit_ids)}
    people = {employee_id: i for i, employee_id in enumerate(generator.employee_ids)}

    def owner(employee_id, department_id):
        return ("p", people[employee_id]) if employee_id else ("u", units[department_id])

    signature = {}
    cr.execute(
        """SELECT d.id, d.name->>'en_US', d.complete_name, d.parent_id, d.manager_id,
                  d.company_id, d.active, d.parent_path
             FROM hr_department d WHERE d.id = ANY(%s)""",
        [list(units)],
    )
    for row in cr.fetchall():
        path = tuple(units[int(u)] for u in row[7].strip("/").split("/"))
        signature[("u", units[row[0]])] = (
            row[1:3],
            units.get(row[3]),
            people.get(row[4]),
            row[5],
            row[6],
            path,
        )
    cr.execute(
        """SELECT e.id, e.name, e.department_id, e.parent_id, e.coach_id, e.emulation_category,
                  e.emulation_category_manual, e.company_id, e.resource_calendar_id, e.active,
                  e.employee_type, r.name, r.company_id, r.calendar_id, r.tz, r.active
             FROM hr_employee e JOIN resource_resource r ON r.id = e.resource_id
            WHERE e.id = ANY(%s)""",
        [list(people)],
    )
    for row in cr.fetchall():
        signature[("p", people[row[0]])] = (
            row[1],
            units[row[2]],
            people.get(row[3]),
            people.get(row[4]),
            *row[5:],
        )
    history = {}
    queries = {
        "award": """SELECT employee_id, department_id, unit_id, award_type_id, year,
                           recipient_type, kind, level, company_id, active FROM emulation_award""",
        "classification": """SELECT employee_id, department_id, unit_id, year, level,
                                    recipient_type, excellent_count, company_id, active
                               FROM emulation_classification""",
        "discipline": """SELECT employee_id, NULL::int AS department_id, unit_id, form, form_rank, year, company_id,
                                active FROM emulation_discipline""",
        "initiative": """SELECT r.employee_id, NULL::int AS department_id, i.name, i.year, i.level,
                                i.applied_effectively, i.company_id, i.active
                           FROM emulation_initiative i
                           JOIN emulation_initiative_employee_rel r ON r.initiative_id = i.id""",
        "eligibility": """SELECT employee_id, department_id, criteria_set_id, year, eligible,
                                 missing, alternative_id, unit_id, company_id, recipient_type
                            FROM emulation_eligibility""",
    }
    for name, query in queries.items():
        cr.execute(
            "SELECT * FROM (%s) x WHERE employee_id = ANY(%%s) OR department_id = ANY(%%s)"
            % query,
            [list(people), list(units)],
        )
        for row in cr.fetchall():
            values = list(row[2:])
            if name != "initiative":  # the unit column, by index
                position = 5 if name == "eligibility" else 0
                values[position] = units.get(values[position])
            history.setdefault((*owner(row[0], row[1]), name), []).append(tuple(values))
    for key, rows in history.items():
        signature[key] = sorted(rows, key=repr)
    return signature


def compare_generations(env, first, second):
    """The differences between the populations of two generators: [(key, first, second)]."""
    a, b = generation_signature(env, first), generation_signature(env, second)
    return [(key, a.get(key), b.get(key)) for key in sorted(a.keys() | b.keys(), key=repr)
            if a.get(key) != b.get(key)]


def _level(rng, quality):
    excellent = 0.05 + 0.35 * quality
    good = 0.55
    completed = 1 - excellent - good - 0.03
    return rng.choices(CLASSIFICATION_LEVELS, weights=(excellent, good, completed, 0.03))[0]


def _weighted(rng, choices):
    return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


# ---------------------------------------------------------------------------- measurement
class Measure:
    """Wall time and SQL queries of a block: ``with Measure(cr) as m: ...; m.seconds``."""

    def __init__(self, cr):
        self.cr = cr
        self.seconds = self.queries = 0
        self.rss_kib = 0

    def __enter__(self):
        self._queries = self.cr.sql_log_count
        self._rss = _maxrss_kib()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._start
        self.queries = self.cr.sql_log_count - self._queries
        self.rss_kib = _maxrss_kib() - self._rss
        return False


def _maxrss_kib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@contextlib.contextmanager
def count_recomputed(env):
    """Count the people and units whose eligibility is evaluated (every path, the ORM compute
    of marked owners and the full recompute, goes through ``_eligibility_evaluate_many``)."""
    counter = Counter()
    cls = env.registry["emulation.eligibility"]
    original = cls._eligibility_evaluate_many

    def wrapper(self, owner_sets, _original=original):
        for owners in owner_sets:
            counter[owners._name] += len(owners)
        return _original(self, owner_sets)

    own = cls.__dict__.get("_eligibility_evaluate_many")
    cls._eligibility_evaluate_many = wrapper
    try:
        yield counter
    finally:
        if own is None:
            del cls._eligibility_evaluate_many
        else:
            cls._eligibility_evaluate_many = own


def full_recompute(env):
    """The full recompute of every person and unit, as when a criteria set changes."""
    env["emulation.eligibility"]._eligibility_recompute_all()
    env.flush_all()


def fresh_transaction(env, commit):
    """Start the measured work in a transaction of its own (command line): a row updated twice
    in one transaction makes PostgreSQL check all its foreign keys again, which a real request,
    updating rows that earlier transactions wrote, does not pay."""
    env.flush_all()
    if commit:
        env.cr.commit()
    env.invalidate_all()


def vacuum(env):
    """VACUUM ANALYZE the tables involved, as autovacuum does after an import (command line)."""
    env.cr.commit()
    env.cr._cnx.autocommit = True
    try:
        env.cr.execute(
            "VACUUM (ANALYZE) hr_employee, hr_department, emulation_award, "
            "emulation_classification, emulation_initiative, emulation_initiative_employee_rel"
        )
    finally:
        env.cr._cnx.autocommit = False


def measure_full(env, memory=False, commit=False, repeat=3):
    """Full ORM recompute: {seconds, queries, rss_mib, recomputed[, peak_mib]}, the best of
    ``repeat`` runs, each from a cold record cache in a fresh transaction."""
    best = None
    for _i in range(repeat):
        fresh_transaction(env, commit)
        with count_recomputed(env) as counter, Measure(env.cr) as m:
            full_recompute(env)
        if best is None or m.seconds < best[0].seconds:
            best = (m, sum(counter.values()))
    m, recomputed = best
    result = {
        "seconds": m.seconds,
        "queries": m.queries,
        "rss_mib": m.rss_kib / 1024,
        "recomputed": recomputed,
    }
    if memory:
        fresh_transaction(env, commit)
        tracemalloc.start()
        try:
            full_recompute(env)
            result["peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
    fresh_transaction(env, commit)
    return result


# ---------------------------------------------------------------------------- raw-SQL limit
SQL_COLUMNS = ("bench_sql_eligible", "bench_sql_missing")

# ONE statement: the per-recipient counts of the items that count (same tables, same criteria
# rows), the rule (every condition of an alternative; any alternative; the fewest missing) and the
# write of the result columns of every person and unit. Only the relation table of the condition's
# award types is named from the ORM's metadata.
SQL_LIMIT = """
WITH active_set AS (
    SELECT id, recipient_kind, company_id, year_from, year_to
      FROM emulation_criteria_set
     WHERE active AND award_type_id IS NULL
), recipient AS (
    SELECT 'e' AS model, id, company_id, emulation_category::text AS kind FROM hr_employee
     WHERE active
     UNION ALL
    SELECT 'd', id, company_id, 'collective' FROM hr_department WHERE active
), assigned AS (
    SELECT r.model, r.id, (
        SELECT s.id FROM active_set s
         WHERE s.recipient_kind = r.kind
           AND (s.company_id = r.company_id OR s.company_id IS NULL)
         ORDER BY s.company_id IS NULL
         LIMIT 1) AS set_id
      FROM recipient r
), cond AS (
    SELECT c.id, c.alternative_id, s.id AS set_id, c.kind, s.year_from, s.year_to,
           CASE WHEN c.kind = 'classification_every_year' THEN s.year_to - s.year_from + 1
                ELSE c.min_count END AS need,
           COALESCE(c.applied_only, false) AS applied_only,
           array_position(ARRAY['grassroots', 'provincial', 'national']::varchar[],
                          c.initiative_level) AS initiative_rank,
           array_position(ARRAY['excellent', 'good', 'completed', 'not_completed']::varchar[],
                          c.classification_level) AS classification_rank
      FROM emulation_criteria_condition c
      JOIN emulation_criteria_alternative a ON a.id = c.alternative_id
      JOIN active_set s ON s.id = a.set_id
), award AS (
    SELECT 'e' AS model, employee_id AS owner, award_type_id, year
      FROM emulation_award WHERE active AND employee_id IS NOT NULL
     UNION ALL
    SELECT 'd', department_id, award_type_id, year
      FROM emulation_award WHERE active AND department_id IS NOT NULL
), classification AS (
    SELECT 'e' AS model, employee_id AS owner, year, level
      FROM emulation_classification WHERE active AND employee_id IS NOT NULL
     UNION ALL
    SELECT 'd', department_id, year, level
      FROM emulation_classification WHERE active AND department_id IS NOT NULL
), have AS (
    SELECT x.model, x.owner, c.id AS condition_id, count(*) AS have
      FROM award x
      JOIN assigned r ON r.model = x.model AND r.id = x.owner
      JOIN cond c ON c.set_id = r.set_id AND c.kind = 'award_count'
      JOIN {type_rel} t ON t.{type_rel_condition} = c.id AND t.{type_rel_type} = x.award_type_id
     WHERE x.year BETWEEN c.year_from AND c.year_to
     GROUP BY 1, 2, 3
     UNION ALL
    SELECT 'e', ie.employee_id, c.id, count(*)
      FROM emulation_initiative i
      JOIN emulation_initiative_employee_rel ie ON ie.initiative_id = i.id
      JOIN assigned r ON r.model = 'e' AND r.id = ie.employee_id
      JOIN cond c ON c.set_id = r.set_id AND c.kind = 'initiative_count'
     WHERE i.active AND i.year BETWEEN c.year_from AND c.year_to
       AND array_position(ARRAY['grassroots', 'provincial', 'national']::varchar[], i.level)
           >= c.initiative_rank
       AND (COALESCE(i.applied_effectively, false) OR NOT c.applied_only)
     GROUP BY 1, 2, 3
     UNION ALL
    SELECT x.model, x.owner, c.id, count(*)
      FROM classification x
      JOIN assigned r ON r.model = x.model AND r.id = x.owner
      JOIN cond c ON c.set_id = r.set_id
       AND c.kind IN ('classification_count', 'classification_every_year')
     WHERE x.year BETWEEN c.year_from AND c.year_to
       AND array_position(ARRAY['excellent', 'good', 'completed', 'not_completed']::varchar[],
                          x.level) <= c.classification_rank
     GROUP BY 1, 2, 3
), alternative_missing AS (
    SELECT r.model, r.id, c.alternative_id,
           sum(GREATEST(c.need - COALESCE(h.have, 0), 0)) AS missing
      FROM assigned r
      JOIN cond c ON c.set_id = r.set_id
      LEFT JOIN have h ON h.model = r.model AND h.owner = r.id AND h.condition_id = c.id
     GROUP BY 1, 2, 3
), result AS (
    SELECT r.model, r.id, COALESCE(bool_or(a.missing = 0), false) AS eligible,
           CASE WHEN bool_or(a.missing = 0) THEN 0 ELSE COALESCE(min(a.missing), 0) END AS missing
      FROM assigned r
      LEFT JOIN alternative_missing a ON a.model = r.model AND a.id = r.id
     GROUP BY 1, 2
), employee_update AS (
    UPDATE hr_employee t SET bench_sql_eligible = x.eligible, bench_sql_missing = x.missing
      FROM result x
     WHERE x.model = 'e' AND t.id = x.id
    RETURNING t.id
), department_update AS (
    UPDATE hr_department t SET bench_sql_eligible = x.eligible, bench_sql_missing = x.missing
      FROM result x
     WHERE x.model = 'd' AND t.id = x.id
    RETURNING t.id
)
SELECT (SELECT count(*) FROM employee_update), (SELECT count(*) FROM department_update)
"""


def sql_prepare(env):
    """Add the result columns the raw-SQL statement writes (not part of the measurement)."""
    for table in ("hr_employee", "hr_department"):
        env.cr.execute(
            "ALTER TABLE %s ADD COLUMN IF NOT EXISTS bench_sql_eligible boolean, "
            "ADD COLUMN IF NOT EXISTS bench_sql_missing integer" % table
        )


def sql_statement(env):
    field = env["emulation.criteria.condition"]._fields["award_type_ids"]
    return SQL_LIMIT.format(
        type_rel=field.relation, type_rel_condition=field.column1, type_rel_type=field.column2
    )


def measure_sql(env, repeat=3, commit=False):
    """The raw-SQL limit: the best of ``repeat`` runs of the one statement, each in a fresh
    transaction."""
    statement = sql_statement(env)
    best = None
    for _i in range(repeat):
        fresh_transaction(env, commit)
        with Measure(env.cr) as m:
            env.cr.execute(statement)
            counts = env.cr.fetchone()
        best = m if best is None or m.seconds < best.seconds else best
    fresh_transaction(env, commit)
    return {"seconds": best.seconds, "queries": best.queries, "rows": sum(counts)}


# the ORM's results: the rows of the exemplar sets (the plan's, without a title)
AGREE_SQL = """
SELECT %(model)s, t.id, COALESCE(r.eligible, false), COALESCE(r.missing, 0),
       t.bench_sql_eligible, t.bench_sql_missing
  FROM %(table)s t
  LEFT JOIN emulation_eligibility r ON r.%(owner)s = t.id AND r.award_type_id IS NULL
 WHERE t.active
   AND (COALESCE(r.eligible, false) IS DISTINCT FROM t.bench_sql_eligible
        OR COALESCE(r.missing, 0) IS DISTINCT FROM t.bench_sql_missing)
"""


def agreement(env):
    """Compare the stored ORM results with the SQL results of every person and unit."""
    env.flush_all()
    differences = []
    compared = 0
    for model, table, owner in (
        ("hr.employee", "hr_employee", "employee_id"),
        ("hr.department", "hr_department", "department_id"),
    ):
        env.cr.execute(AGREE_SQL % {"model": "%s", "table": table, "owner": owner}, [model])
        differences += env.cr.fetchall()
        env.cr.execute("SELECT count(*) FROM %s WHERE active" % table)
        compared += env.cr.fetchone()[0]
    return {
        "agree": not differences,
        "compared": compared,
        "differences": len(differences),
        "examples": [
            {"model": d[0], "id": d[1], "orm": [d[2], d[3]], "sql": [d[4], d[5]]}
            for d in differences[:10]
        ],
    }


def eligible_counts(env):
    env.flush_all()
    counts = {}
    for table, owner in (("hr_employee", "employee_id"), ("hr_department", "department_id")):
        env.cr.execute(
            "SELECT count(*) FILTER (WHERE eligible), count(*) FROM emulation_eligibility "
            "WHERE award_type_id IS NULL AND %s IS NOT NULL" % owner
        )
        counts[table] = env.cr.fetchone()
    return counts


# ---------------------------------------------------------------------------- incremental
def measure_incremental(env, chatter=True, commit=False):
    """The three incremental cases on one person each: [{case, queries, seconds, recomputed}].

    Each runs as the administrator, like a request: the registry's caches are warm (a first,
    unmeasured run of the same case on another person), the record cache is cold. The queries
    include the chatter (creation message, tracking) unless ``chatter`` is False.
    """
    user = env.ref("base.user_admin")
    ctx = {"tracking_disable": True} if not chatter else {}
    uenv = env(user=user.id, context=dict(env.context, **ctx), su=False)
    soldier = env.ref(XMLID % "grassroots_soldier").id
    Award = uenv["emulation.award"]
    Classification = uenv["emulation.classification"]
    people = env["hr.employee"].search([], order="id desc", limit=4)

    # each case prepares its values (unmeasured), then returns the operation to measure
    def create_award(person):
        vals = {
            "recipient_type": "individual",
            "employee_id": person.id,
            "award_type_id": soldier,
            "year": 2024,
        }
        return lambda: Award.create(vals)

    def write_classification(person):
        record = Classification.search([("employee_id", "=", person.id)], limit=1, order="year")
        level = "not_completed" if record.level != "not_completed" else "excellent"
        return lambda: record.write({"level": level})

    def archive_award(person):
        record = Award.search([("employee_id", "=", person.id)], limit=1)
        return lambda: record.action_archive()

    cases = [
        ("create one award", create_award),
        ("write one classification", write_classification),
        ("archive one award", archive_award),
    ]
    results = []
    for name, case in cases:
        # warm-up on another person (registry caches: access rights, rules, criteria)
        case(people[1 if chatter else 3])()
        uenv.flush_all()
        operation = case(uenv["hr.employee"].browse(people[0 if chatter else 2].id))
        fresh_transaction(uenv, commit)
        with count_recomputed(uenv) as counter, Measure(uenv.cr) as m:
            operation()
            uenv.flush_all()
        results.append(
            {
                "case": name,
                "queries": m.queries,
                "seconds": m.seconds,
                "recomputed": counter["hr.employee"],
                "recomputed_units": counter["hr.department"],
            }
        )
    return results


# ---------------------------------------------------------------------------- report
def find_eligible_report(env):
    """The eligible-list report action, or None (it is written on another branch)."""
    for xmlid in ELIGIBLE_REPORT_XMLIDS:
        report = env.ref(xmlid, raise_if_not_found=False)
        if report:
            return report
    reports = env["ir.actions.report"].search(
        [
            ("model", "in", ELIGIBLE_REPORT_MODELS),
            ("report_name", "=like", "emulation_exemplar.%"),
            ("report_name", "ilike", "eligible"),
        ]
    )
    return reports[:1] or None


def eligible_report_docs(env, report, rows):
    """The records to print and how many rows of people and units the list has."""
    if report.model == "emulation.criteria.set":
        sets = env["emulation.criteria.set"].search([])
        rows = 0
        for model in ("hr.employee", "hr.department"):
            rows += env[model].search_count(
                [("exemplar_criteria_set_id", "in", sets.ids), ("exemplar_eligible", "=", True)]
            )
        return sets, rows
    people = env["hr.employee"].search([("exemplar_eligible", "=", True)], limit=rows)
    return people, len(people)


def measure_pdf(env, population, report_server=None):
    """Render the eligible-list PDF: {rows, seconds, wkhtmltopdf_runs} or {skipped: reason}.

    ``report_server`` is a context manager factory yielding the URL of a running Odoo, from which
    wkhtmltopdf loads the report's style sheets (without it they are missing: faster, less real).
    """
    report = find_eligible_report(env)
    if not report:
        return {
            "skipped": "no eligible-list report: neither %s nor an ir.actions.report of %s "
            "named *eligible* exists (issue 6 is not merged yet)"
            % (", ".join(ELIGIBLE_REPORT_XMLIDS), " or ".join(ELIGIBLE_REPORT_MODELS))
        }
    ir_actions_report = importlib.import_module("odoo.addons.base.models.ir_actions_report")
    state = env["ir.actions.report"].get_wkhtmltopdf_state()
    if state != "ok":
        return {"skipped": "wkhtmltopdf is not usable (state %r)" % state}
    docs, rows = eligible_report_docs(env, report, population)
    runs = []
    original = subprocess.Popen

    def popen(args, *a, **kw):
        if args and "wkhtmltopdf" in str(args[0]):
            runs.append(args)
        return original(args, *a, **kw)

    env.flush_all()
    env.invalidate_all()
    user = env.ref("base.user_admin")
    try:
        with contextlib.ExitStack() as stack:
            if report_server:
                url = stack.enter_context(report_server())
                env["ir.config_parameter"].sudo().set_param("report.url", url)
                env.flush_all()
            stack.enter_context(_patched(ir_actions_report.subprocess, "Popen", popen))
            m = stack.enter_context(Measure(env.cr))
            pdf, kind = (
                env(user=user.id, su=False)["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report.id, res_ids=docs.ids)
            )
    except Exception as error:  # noqa: BLE001 - reported as a missed target, not a crash
        env.cr.rollback()
        return {
            "report": report.report_name,
            "error": "%s: %s" % (type(error).__name__, error),
            "wkhtmltopdf_runs": len(runs),
        }
    return {
        "report": report.report_name,
        "population": population,
        "rows": rows,
        "seconds": m.seconds,
        "queries": m.queries,
        "wkhtmltopdf_runs": len(runs),
        "pages": len(re.findall(rb"/Type\s*/Page\b", pdf)) if kind == "pdf" else 0,
        "bytes": len(pdf),
    }


@contextlib.contextmanager
def _patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


# ---------------------------------------------------------------------------- the run
def scaling_sizes(n, sizes=SIZES):
    return sorted({s for s in sizes if s < n} | {n})


def run(
    env,
    n=10000,
    sizes=SIZES,
    seed=SEED,
    units=UNITS,
    commit=False,
    memory=True,
    incremental=True,
    pdf=True,
    pdf_population=PDF_POPULATION,
    report_server=None,
    log=None,
):
    """The whole benchmark in ``env`` (a database with the module and no demo data).

    Returns the figures (see :func:`format_table`). ``commit`` commits after each step (the
    command line); the smoke test runs without it, inside its test transaction.
    """
    log = log or (lambda message: None)
    result = {
        "n": n,
        "units": units,
        "seed": seed,
        "langs": [code for code, _name in env["res.lang"].get_installed()],
    }
    generator = Generator(env, seed=seed, units=units, commit=commit)
    sql_prepare(env)
    # the measurements run as the administrator (access rules and all), like a request
    user_env = env(user=env.ref("base.user_admin").id, su=False)
    scaling = []
    agree = True
    for size in scaling_sizes(n, sizes):
        log("generating %s people..." % size)
        generator.grow(size)
        if commit:
            vacuum(env)
        log("raw SQL...")
        sql = measure_sql(user_env, commit=commit)
        # the values the ORM computed while the data was loaded (compute path)
        loaded = agreement(env)
        log("full ORM recompute...")
        last = size == n
        if not scaling:
            # warm the registry's caches (access rights, rules, criteria) once, as a running
            # server has them: the query counts of all sizes are then comparable
            full_recompute(user_env)
        full = measure_full(user_env, memory=memory and last, commit=commit)
        recomputed = agreement(env)
        agree = agree and loaded["agree"] and recomputed["agree"]
        scaling.append(
            {
                "n": size,
                "seconds": full["seconds"],
                "queries": full["queries"],
                "ms_per_employee": 1000 * full["seconds"] / size,
                "sql_seconds": sql["seconds"],
                "ratio_orm_sql": full["seconds"] / sql["seconds"],
                "agree": loaded["agree"] and recomputed["agree"],
            }
        )
        if commit:
            env.cr.commit()
        if pdf and "pdf" not in result and (size >= pdf_population or last):
            log("eligible-list PDF...")
            result["pdf"] = measure_pdf(env, size, report_server=report_server)
            if commit:
                env.cr.commit()
        if last:
            counts = eligible_counts(env)
            result.update(
                records=full["recomputed"],
                full_seconds=full["seconds"],
                full_queries=full["queries"],
                full_rss_mib=full["rss_mib"],
                full_peak_mib=full.get("peak_mib"),
                sql_seconds=sql["seconds"],
                sql_queries=sql["queries"],
                ratio_orm_sql=full["seconds"] / sql["seconds"],
                agree_loaded=loaded,
                agree_recomputed=recomputed,
                eligible_employees=counts["hr_employee"][0],
                eligible_units=counts["hr_department"][0],
                employees=counts["hr_employee"][1],
                departments=counts["hr_department"][1],
            )
    result["agree"] = agree
    result["history_rows"] = sum(generator.rows.values())
    result["history_rows_by_model"] = dict(generator.rows)
    result["generation_seconds"] = generator.seconds
    result["scaling"] = scaling
    if incremental:
        log("incremental cases...")
        result["incremental"] = measure_incremental(env, commit=commit)
        without = {r["case"]: r for r in measure_incremental(env, chatter=False, commit=commit)}
        for row in result["incremental"]:
            row["queries_without_chatter"] = without[row["case"]]["queries"]
            row["seconds_without_chatter"] = without[row["case"]]["seconds"]
        if commit:
            env.cr.commit()
    if not pdf:
        result["pdf"] = {"skipped": "not requested"}
    result["targets"] = targets(result)
    return result


def targets(result):
    """{target: (met, text)} of the issue's targets."""
    out = {}
    ratio = result.get("ratio_orm_sql")
    if ratio is not None:
        out["ratio"] = (ratio <= TARGET_RATIO, "ORM / raw SQL %.2f <= %s" % (ratio, TARGET_RATIO))
    queries = {row["queries"] for row in result["scaling"]}
    out["constant_queries"] = (
        len(queries) == 1,
        "full-recompute queries per N: %s"
        % ", ".join(str(r["queries"]) for r in result["scaling"]),
    )
    if result.get("incremental"):
        worst = max(row["queries"] for row in result["incremental"])
        owners = {row["recomputed"] for row in result["incremental"]}
        out["incremental"] = (
            worst <= TARGET_INCREMENTAL_QUERIES and owners == {1},
            "incremental: at most %s queries (<= %s), recomputed %s"
            % (worst, TARGET_INCREMENTAL_QUERIES, "/".join(map(str, sorted(owners)))),
        )
    pdf = result.get("pdf") or {}
    if "wkhtmltopdf_runs" in pdf:
        out["pdf"] = (
            pdf["wkhtmltopdf_runs"] == 1,
            "wkhtmltopdf runs: %s" % pdf["wkhtmltopdf_runs"],
        )
    else:
        out["pdf"] = (None, "PDF skipped: %s" % pdf.get("skipped"))
    out["agree"] = (result["agree"], "ORM and SQL agree for every employee and unit")
    return out


# ---------------------------------------------------------------------------- output
def format_table(result):
    lines = []
    add = lines.append
    add(
        "Eligibility benchmark: N = {n:,} employees over {units} units, {rows:,} history rows, "
        "seed {seed}, languages {langs}".format(
            n=result["n"],
            units=result["units"],
            rows=result["history_rows"],
            seed=result["seed"],
            langs=", ".join(result["langs"]),
        )
    )
    rule = "-" * 100
    add(rule)
    add("%-44s %10s %9s  %s" % ("measure", "seconds", "queries", "notes"))
    add(rule)
    row = "%-44s %10.3f %9s  %s"
    add(
        row
        % (
            "generation (batched ORM creates)",
            result["generation_seconds"],
            "",
            "%s; the load computes eligibility too" % _by_model(result["history_rows_by_model"]),
        )
    )
    peak = result.get("full_peak_mib")
    add(
        row
        % (
            "full recompute, ORM (%s records)" % format(result["records"], ","),
            result["full_seconds"],
            result["full_queries"],
            "best of 3; peak Python memory %s (tracemalloc, a separate run)"
            % ("%.1f MiB" % peak if peak is not None else "n/a"),
        )
    )
    add(
        row
        % (
            "raw-SQL limit (one statement)",
            result["sql_seconds"],
            result["sql_queries"],
            "best of 3 (as the ORM); writes eligible/missing of every employee and unit",
        )
    )
    add("%-44s %10.2f %9s  %s" % ("ratio ORM / raw SQL", result["ratio_orm_sql"], "", ""))
    loaded, recomputed = result["agree_loaded"], result["agree_recomputed"]
    add(
        "%-44s %10s %9s  %s"
        % (
            "agreement ORM = SQL, every record",
            "yes" if result["agree"] else "NO",
            "",
            "%s compared; differences: %s after the load, %s after the recompute; "
            "eligible: %s of %s employees, %s of %s units"
            % (
                format(recomputed["compared"], ","),
                loaded["differences"],
                recomputed["differences"],
                format(result["eligible_employees"], ","),
                format(result["employees"], ","),
                result["eligible_units"],
                result["departments"],
            ),
        )
    )
    for inc in result.get("incremental") or ():
        add(
            row
            % (
                "incremental: %s" % inc["case"],
                inc["seconds"],
                inc["queries"],
                "recomputed %s; chatter included (without it: %s queries)"
                % (inc["recomputed"], inc["queries_without_chatter"]),
            )
        )
    pdf = result.get("pdf") or {}
    if "skipped" in pdf or "error" in pdf:
        state = "skipped" if "skipped" in pdf else "FAILED"
        add(
            "%-44s %10s %9s  %s"
            % ("eligible-list PDF", state, "", pdf.get("skipped") or pdf["error"])
        )
    else:
        add(
            row
            % (
                "eligible-list PDF, %s employees" % format(pdf["population"], ","),
                pdf["seconds"],
                pdf["queries"],
                "%s rows, %s pages, wkhtmltopdf runs: %s"
                % (pdf["rows"], pdf["pages"], pdf["wkhtmltopdf_runs"]),
            )
        )
    add(rule)
    add(
        "%-10s %10s %14s %9s %12s %10s %6s"
        % ("scaling N", "seconds", "ms / employee", "queries", "SQL seconds", "ORM / SQL", "agree")
    )
    for s in result["scaling"]:
        add(
            "%-10s %10.3f %14.3f %9s %12.3f %10.2f %6s"
            % (
                format(s["n"], ","),
                s["seconds"],
                s["ms_per_employee"],
                s["queries"],
                s["sql_seconds"],
                s["ratio_orm_sql"],
                "yes" if s["agree"] else "NO",
            )
        )
    add(rule)
    for met, text in result["targets"].values():
        add("%-8s %s" % ({True: "MET", False: "MISSED", None: "n/a"}[met], text))
    return "\n".join(line.rstrip() for line in lines)


def _by_model(rows):
    short = {
        "emulation.award": "awards",
        "emulation.classification": "classifications",
        "emulation.initiative": "initiatives",
    }
    return ", ".join("%s %s" % (format(v, ","), short.get(k, k)) for k, v in sorted(rows.items()))


def _json_default(value):
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(repr(value))


# ---------------------------------------------------------------------------- command line
@contextlib.contextmanager
def _serve(conf, db, log):
    """Serve the database over HTTP on a free local port while the PDF is rendered."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [
        sys.executable,
        "-c",
        "import sys, odoo; sys.argv[0] = 'odoo'; odoo.cli.main()",
        "-c",
        conf,
        "-d",
        db,
        "--http-interface=127.0.0.1",
        "--http-port=%s" % port,
        "--gevent-port=%s" % (port + 1),
        "--max-cron-threads=0",
        "--log-level=warn",
    ]
    url = "http://127.0.0.1:%s" % port
    log("serving %s for wkhtmltopdf..." % url)
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    try:
        for _i in range(120):
            try:
                with urllib.request.urlopen(url + "/web/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(30)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conf", required=True, help="Odoo configuration file")
    parser.add_argument("--db", required=True, help="database with the module, without demo")
    parser.add_argument("--n", type=int, default=10000, help="employees (default 10000)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--import",
        dest="with_import",
        action="store_true",
        help="also the import benchmark (benchmarks/bench_import.py)",
    )
    parser.add_argument("--import-only", action="store_true", help="only the import benchmark")
    parser.add_argument("--import-rows", type=int, default=10000, help="rows per file (10000)")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("--n must be at least 10")

    odoo.tools.config.parse_config(["-c", args.conf, "-d", args.db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)

    def log(message):
        print("[%s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)

    result = {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not args.import_only:
            result = run(
                env,
                n=args.n,
                seed=args.seed,
                commit=True,
                report_server=lambda: _serve(args.conf, args.db, log),
                log=log,
            )
            print(format_table(result))
        if args.with_import or args.import_only:
            bench_import = importlib.import_module("bench_import")
            result["import"] = bench_import.run_import(
                env,
                awards=args.import_rows,
                classifications=args.import_rows,
                user=bench_import.bench_officer(env),
                commit=True,
                log=log,
            )
            print(bench_import.format_import(result["import"]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2, default=_json_default)
            fh.write("\n")
    ok = result.get("agree", True) is not False
    if "import" in result:
        ok = ok and all(met is not False for met, _text in result["import"]["targets"].values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
