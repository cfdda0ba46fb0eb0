"""Count the results of Odoo's own test runner (``--test-enable``) from its log.

Prints "PASSED FAILED SKIPPED" on the last line of stdout (what tools/test reads); explanations go
to stderr. Exit status 0 when the run passed, 1 otherwise.

What Odoo logs (odoo/tests/result.py, odoo/service/server.py):
- "Starting Class.method ..." (INFO) when a test starts: each one counts in "of N tests";
- "FAIL: Class.method" / "ERROR: Class.method" (ERROR) for each failure or error, also of a
  subtest ("Subtest Class.method (...)") or of a class set-up ("setUpClass (module.Class)"),
  which does not count as a test;
- "skipped Class.method : reason" (INFO) for each skip, also of a whole class (not counted as a
  test either);
- at the end, "F failed, E error(s) of N tests when loading database 'db'" (odoo.tests.result).

Passed = the tests that started, less those skipped and those with a failure or an error.
Failed = Odoo's own count of failures and errors (at least the FAIL/ERROR records found).
A log without the final line (Odoo crashed, or was stopped by the time limit) or with no test
at all (wrong tags) is a failure.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_odoo_log import records  # noqa: E402

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): "
    r"(?P<message>.*)$"
)
SUMMARY = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
STARTING = re.compile(r"^Starting (?P<test>\S+) \.\.\.")
PROBLEM = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+?)\s*$")
SKIPPED = re.compile(r"^skipped (?P<test>.+?) : ")
SUBTEST = re.compile(r"^Subtest (?P<test>\S+)")


def test_id(description):
    """The test a FAIL/ERROR description is about: 'Subtest C.m (x=1)' -> 'C.m'."""
    match = SUBTEST.match(description)
    return match.group("test") if match else description.split()[0]


def count(text):
    """(passed, failed, skipped, problems) of an Odoo log; problems explain a failed run."""
    started, skipped, failing = set(), set(), set()
    problem_records = 0
    summaries = []
    for record in records(text.splitlines()):
        match = LINE.match(record[0])
        if not match:
            continue
        level, logger, message = match.group("level", "logger", "message")
        if logger == "odoo.tests.result" and (summary := SUMMARY.match(message)):
            summaries.append(tuple(int(summary.group(k)) for k in ("failed", "errors", "run")))
        elif level == "INFO" and (start := STARTING.match(message)):
            started.add(start.group("test"))
        elif level == "INFO" and (skip := SKIPPED.match(message)):
            skipped.add(skip.group("test"))
        elif level == "ERROR" and (problem := PROBLEM.match(message)):
            problem_records += 1
            failing.add(test_id(problem.group("test")))
    problems = []
    if not summaries:
        problems.append(
            "Odoo's test runner did not report its results (no 'N failed, N error(s) of N tests' "
            "line): it crashed or was stopped"
        )
        run = len(started)
        failed = max(problem_records, 1)
    else:
        run = sum(s[2] for s in summaries)
        failed = max(sum(s[0] + s[1] for s in summaries), problem_records)
        if run == 0:
            problems.append("Odoo's test runner ran no test: check the test tags")
            failed = max(failed, 1)
    passed = max(run - len(skipped & started) - len(failing & started), 0)
    if failed and not problems:
        problems.append(f"{failed} failure(s) or error(s) in Odoo's test runner")
    return passed, failed, len(skipped), problems


def main(path):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        sys.stderr.write(f"cannot read the Odoo log {path}: {exc}\n")
        print(0, 1, 0)
        return 1
    passed, failed, skipped, problems = count(text)
    for problem in problems:
        sys.stderr.write(problem + "\n")
    print(passed, failed, skipped)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
