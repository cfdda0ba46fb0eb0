"""Concurrent officers (issue 16, part 3): bounded JSON-RPC load on a multi-process Odoo.

Run it with ``benchmarks/load`` (the wrapper starts Odoo with ``--workers`` on a loopback port and
stops it). This script only talks HTTP to ``--url`` (127.0.0.1 only), then checks the database
through Odoo's registry:

* ``--sessions`` officer sessions (users with exactly the officer role, made by the
  administrator), each doing ``--ops`` operations on people of the same units: create an award,
  edit it, archive it, create a classification, edit it, archive it, in turn; every created record
  carries a unique tag (the award's achievement, the classification's note);
* meanwhile the administrator changes a criteria set's numbers twice (a condition's minimum count,
  then back), and an officer prints the eligible list (the PDF route);
* afterwards: every acknowledged write is in the database, once, with its last acknowledged
  values (lost, doubled); the stored eligibility equals a fresh evaluation (when the engine offers
  ``emulation.eligibility._eligibility_disagreements``); no request failed (the server's log tells
  how many serialization conflicts Odoo retried); p50 and p95 latency per operation.
"""

import argparse
import http.cookiejar
import json
import re
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

OPERATIONS = (
    "create_award",
    "edit_award",
    "archive_award",
    "create_classification",
    "edit_classification",
    "archive_classification",
)
OFFICER_GROUP = "emulation_exemplar.group_emulation_officer"
REPORT = "emulation_exemplar.report_eligible"
UNITS = 2  # the officers all work on the people of this many units
CLASSIFICATION_YEARS = range(1946, 2020)  # years before the demo's


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        super().__init__(data.get("message") or error.get("message"))
        self.name = data.get("name", "")


class Session:
    """One logged-in browser session: a cookie jar and JSON-RPC calls."""

    def __init__(self, url, db, login, password):
        host = urllib.parse.urlparse(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("benchmarks/load talks to a loopback address only, not %s" % host)
        self.url = url.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.uid = self.rpc(
            "/web/session/authenticate", {"db": db, "login": login, "password": password}
        )["uid"]
        if not self.uid:
            raise SystemExit("cannot log in as %s" % login)

    def rpc(self, path, params):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params, "id": uuid.uuid4().hex}
        ).encode()
        request = urllib.request.Request(
            self.url + path, data=body, headers={"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.loads(response.read())
        if answer.get("error"):
            raise RpcError(answer["error"])
        return answer.get("result")  # absent when the method returned None

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get(self, path):
        with self.opener.open(self.url + path, timeout=300) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()


class Recorder:
    """Latencies and outcomes of every operation, from all threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.failed = []
        self.acknowledged = 0

    def timed(self, name, function, *args):
        """Run one operation: (True, its result) when acknowledged, (False, None) when not."""
        start = time.perf_counter()
        try:
            result = function(*args)
        except Exception as error:  # noqa: BLE001 - every failure is counted and reported
            with self.lock:
                self.failed.append(
                    {"operation": name, "error": "%s: %s" % (type(error).__name__, error)}
                )
            return False, None
        elapsed = 1000 * (time.perf_counter() - start)
        with self.lock:
            self.latencies.setdefault(name, []).append(elapsed)
            self.acknowledged += 1
        return True, result


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def setup(admin, sessions, run_id):
    """Officer users, the people of the same units, the award types, a condition to change."""
    officers = []
    group = admin.call("ir.model.data", "check_object_reference", *OFFICER_GROUP.split("."))[1]
    user_group = admin.call("ir.model.data", "check_object_reference", "base", "group_user")[1]
    for k in range(sessions):
        login = "load_officer_%s" % (k + 1)
        password = "load-%s-%s" % (run_id, k + 1)
        found = admin.call(
            "res.users", "search", [("login", "=", login)], context={"active_test": False}
        )
        values = {
            "name": "Load officer %s" % (k + 1),
            "login": login,
            "password": password,
            "active": True,
            "groups_id": [(6, 0, [user_group, group])],
        }
        if found:
            admin.call("res.users", "write", found, values)
        else:
            admin.call("res.users", "create", values, context={"no_reset_password": True})
        officers.append((login, password))
    units = admin.call(
        "hr.department",
        "search",
        [("member_ids", "!=", False)],
        order="id",
        limit=UNITS,
    )
    people = admin.call("hr.employee", "search", [("department_id", "in", units)], order="id")
    if not people:
        raise SystemExit("no people in the units %s: use a database with demo data" % units)
    types = admin.call(
        "emulation.award.type",
        "search_read",
        # forms of commendation: each award below has a decision of its own, so that none
        # doubles an honour (an emulation title is given once per person and year)
        [("recipient_scope", "!=", "collective"), ("kind", "=", "commendation")],
        ["id"],
        limit=5,
    )
    conditions = admin.call(
        "emulation.criteria.condition",
        "search_read",
        [("min_count", ">=", 2), ("set_id.active", "=", True)],
        ["id", "min_count", "alternative_id"],
        limit=1,
    )
    # (person, year) pairs without a classification (one per person and year): the demo's years
    # and those of earlier runs are left alone
    taken = {
        (row["employee_id"][0], row["year"])
        for row in admin.call(
            "emulation.classification",
            "search_read",
            [("employee_id", "in", people)],
            ["employee_id", "year"],
            context={"active_test": False},
        )
    }
    free = [(p, y) for y in CLASSIFICATION_YEARS for p in people if (p, y) not in taken]
    criteria_sets = admin.call("emulation.criteria.set", "search", [("active", "=", True)], limit=1)
    return {
        "officers": officers,
        "people": people,
        "types": [t["id"] for t in types],
        "condition": conditions[0] if conditions else None,
        "criteria_set": criteria_sets[0] if criteria_sets else None,
        "free_classifications": free,
    }


def officer_work(session, index, ops, plan, recorder, ledger, run_id):
    """``ops`` operations in turn; ledger[tag] = the last acknowledged state of each record."""
    people = plan["people"]
    award = classification = None
    for i in range(ops):
        operation = OPERATIONS[i % len(OPERATIONS)]
        person = people[(index * 7 + i) % len(people)]
        tag = "load %s s%s op%s" % (run_id, index, i)
        if operation == "create_award":
            values = {
                "recipient_type": "individual",
                "employee_id": person,
                "award_type_id": plan["types"][i % len(plan["types"])],
                "year": 2024,
                "reason": tag,
                # a user's award rests on a decision: its number and date are required
                "decision_number": "%s/QĐ-LOAD-%s-%s" % (i, run_id, index),
                "decision_date": "2025-01-15",
            }
            ok, new_id = recorder.timed(
                operation, session.call, "emulation.award", "create", values
            )
            award = None
            if ok:
                award = (tag, new_id)
                ledger[tag] = {"model": "emulation.award", "id": new_id, "active": True}
        elif operation == "edit_award" and award:
            number = "%s/QĐ-LOAD-%s-%s-E" % (i, run_id, index)
            if recorder.timed(
                operation,
                session.call,
                "emulation.award",
                "write",
                [award[1]],
                {"decision_number": number},
            )[0]:
                ledger[award[0]]["decision_number"] = number
        elif operation == "archive_award" and award:
            if recorder.timed(
                operation, session.call, "emulation.award", "action_archive", [award[1]]
            )[0]:
                ledger[award[0]]["active"] = False
        elif operation == "create_classification":
            free = plan["free_classifications"]
            person, year = free[(index + plan["sessions"] * i) % len(free)]
            values = {
                "recipient_type": "individual",
                "employee_id": person,
                "year": year,
                "level": "good",
                "note": tag,
            }
            ok, new_id = recorder.timed(
                operation, session.call, "emulation.classification", "create", values
            )
            classification = None
            if ok:
                classification = (tag, new_id)
                ledger[tag] = {"model": "emulation.classification", "id": new_id, "active": True}
        elif operation == "edit_classification" and classification:
            if recorder.timed(
                operation,
                session.call,
                "emulation.classification",
                "write",
                [classification[1]],
                {"level": "excellent"},
            )[0]:
                ledger[classification[0]]["level"] = "excellent"
        elif operation == "archive_classification" and classification:
            if recorder.timed(
                operation,
                session.call,
                "emulation.classification",
                "action_archive",
                [classification[1]],
            )[0]:
                ledger[classification[0]]["active"] = False


def admin_work(admin, plan, recorder, pause):
    """The administrator changes a criteria set's numbers twice (a minimum count, then back)."""
    condition = plan["condition"]
    if not condition:
        recorder.failed.append({"operation": "change_criteria", "error": "no condition to change"})
        return
    for value in (condition["min_count"] - 1, condition["min_count"]):
        time.sleep(pause)
        recorder.timed(
            "change_criteria",
            admin.call,
            "emulation.criteria.condition",
            "write",
            [condition["id"]],
            {"min_count": value},
        )


def print_work(session, plan, recorder, pause):
    """An officer prints the eligible list (the report's PDF route, as the Print menu does)."""
    time.sleep(pause)

    def fetch():
        status, kind, body = session.get("/report/pdf/%s/%s" % (REPORT, plan["criteria_set"]))
        if status != 200 or "pdf" not in kind or not body.startswith(b"%PDF"):
            raise RuntimeError("no PDF: %s %s %r" % (status, kind, body[:200]))
        return len(body)

    recorder.timed("print_eligible_list", fetch)


def run(url, db, admin_password, sessions, ops, log):
    run_id = uuid.uuid4().hex[:8]
    admin = Session(url, db, "admin", admin_password)
    log("setting up %s officers..." % sessions)
    plan = setup(admin, sessions, run_id)
    plan["sessions"] = sessions
    officer_sessions = [Session(url, db, login, password) for login, password in plan["officers"]]
    admin_session = Session(url, db, "admin", admin_password)
    printer = Session(url, db, *plan["officers"][0])
    recorder = Recorder()
    ledgers = [{} for _s in officer_sessions]
    threads = [
        threading.Thread(target=officer_work, args=(s, k, ops, plan, recorder, ledgers[k], run_id))
        for k, s in enumerate(officer_sessions)
    ]
    threads.append(threading.Thread(target=admin_work, args=(admin_session, plan, recorder, 0.5)))
    threads.append(threading.Thread(target=print_work, args=(printer, plan, recorder, 1.0)))
    log("%s sessions x %s operations, the administrator and a print, at once..." % (sessions, ops))
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    seconds = time.perf_counter() - start
    ledger = {}
    for part in ledgers:
        ledger.update(part)
    return {
        "run_id": run_id,
        "seconds": seconds,
        "recorder": recorder,
        "ledger": ledger,
        "plan": plan,
    }


def check_database(conf, db, run_id, ledger):
    """Through Odoo's registry: every acknowledged record once, with its acknowledged values;
    the eligibility agreement."""
    import odoo  # noqa: PLC0415 - only for the check, after the load

    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    lost, doubled, wrong = [], [], []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
        found = {}
        for model, field in (("emulation.award", "reason"), ("emulation.classification", "note")):
            for record in env[model].search([(field, "=like", "load %s %%" % run_id)]):
                found.setdefault(record[field], []).append(record)
        for tag, expected in ledger.items():
            records = found.get(tag, [])
            if not records:
                lost.append(tag)
                continue
            if len(records) > 1:
                doubled.append(tag)
            record = records[0]
            for key, value in expected.items():
                if key in ("model",):
                    continue
                if record[key] != value:
                    wrong.append(
                        {"tag": tag, "field": key, "expected": value, "found": record[key]}
                    )
        unacknowledged = sorted(set(found) - set(ledger))
        model = env.get("emulation.eligibility")
        if model is not None and hasattr(model, "_eligibility_disagreements"):
            disagreements = model._eligibility_disagreements()
            agree, detail = disagreements == [], disagreements[:5]
        else:
            agree, detail = (
                None,
                "emulation.eligibility._eligibility_disagreements() is not available",
            )
        cr.rollback()
    return {
        "lost": lost,
        "doubled": doubled,
        "wrong": wrong,
        "unacknowledged": unacknowledged,
        "agree": agree,
        "agree_detail": detail,
    }


def count_retries(logfile):
    """Serialization conflicts Odoo retried (odoo.service.model logs each retry)."""
    if not logfile:
        return 0
    try:
        with open(logfile, encoding="utf-8", errors="replace") as fh:
            return sum(1 for line in fh if re.search(r"tries left, try again in", line))
    except OSError:
        return 0


def summarize(outcome, check, retried):
    recorder = outcome["recorder"]
    p50 = {name: percentile(v, 50) for name, v in sorted(recorder.latencies.items())}
    p95 = {name: percentile(v, 95) for name, v in sorted(recorder.latencies.items())}
    every = [x for values in recorder.latencies.values() for x in values]
    p50["all"], p95["all"] = percentile(every, 50), percentile(every, 95)
    return {
        "operations": recorder.acknowledged + len(recorder.failed),
        "acknowledged": recorder.acknowledged,
        "lost": len(check["lost"]),
        "doubled": len(check["doubled"]),
        "wrong": len(check["wrong"]),
        "agree": check["agree"],
        "failed": len(recorder.failed),
        "retried": retried,
        "p50_ms": p50,
        "p95_ms": p95,
        "counts": {name: len(v) for name, v in sorted(recorder.latencies.items())},
        "seconds": outcome["seconds"],
        "records": len(outcome["ledger"]),
        "details": {
            "failures": recorder.failed[:10],
            "lost": check["lost"][:10],
            "doubled": check["doubled"][:10],
            "wrong": check["wrong"][:10],
            "unacknowledged": check["unacknowledged"][:10],
            "agree": check["agree_detail"],
        },
    }


def format_summary(result, sessions, ops, workers):
    lines = [
        "Load: %s officer sessions x %s operations, an administrator changing criteria twice, "
        "a print of the eligible list; Odoo with --workers %s; %.1f s"
        % (sessions, ops, workers, result["seconds"]),
        "-" * 78,
        "%-28s %8s %10s %10s" % ("operation", "count", "p50 ms", "p95 ms"),
        "-" * 78,
    ]
    for name in list(result["counts"]) + ["all"]:
        count = result["counts"].get(name, sum(result["counts"].values()))
        lines.append(
            "%-28s %8s %10.0f %10.0f"
            % (name, count, result["p50_ms"][name], result["p95_ms"][name])
        )
    lines.append("-" * 78)
    agree_note = "" if result["agree"] is not None else " (%s)" % result["details"]["agree"]
    checks = [
        (
            result["failed"] == 0,
            "no request failed (%s failed; %s serialization conflicts retried by Odoo)"
            % (result["failed"], result["retried"]),
        ),
        (
            result["lost"] == 0 and result["wrong"] == 0,
            "every acknowledged write is in the database (%s lost, %s with other values)"
            % (result["lost"], result["wrong"]),
        ),
        (result["doubled"] == 0, "nothing doubled (%s)" % result["doubled"]),
        (result["agree"], "stored eligibility = a fresh evaluation" + agree_note),
    ]
    for met, text in checks:
        lines.append("%-8s %s" % ({True: "MET", False: "MISSED", None: "n/a"}[met], text))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--db", required=True)
    parser.add_argument("--conf", required=True, help="Odoo configuration (for the checks)")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--ops", type=int, default=30, help="operations per officer session")
    parser.add_argument("--workers", type=int, default=0, help="(for the report)")
    parser.add_argument("--server-log", help="the server's log (to count retried conflicts)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)

    def log(message):
        print("[%s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)

    outcome = run(args.url, args.db, args.admin_password, args.sessions, args.ops, log)
    log("checking the database...")
    check = check_database(args.conf, args.db, outcome["run_id"], outcome["ledger"])
    result = summarize(outcome, check, count_retries(args.server_log))
    print(format_summary(result, args.sessions, args.ops, args.workers))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    ok = not (result["failed"] or result["lost"] or result["doubled"] or result["wrong"])
    return 0 if ok and result["agree"] is not False else 1


if __name__ == "__main__":
    sys.exit(main())
