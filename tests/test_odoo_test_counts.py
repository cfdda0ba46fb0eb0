"""tools/odoo_test_counts.py: the counts of Odoo's own test runner, read from its log."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "odoo_test_counts.py"

spec = importlib.util.spec_from_file_location("odoo_test_counts", TOOL)
counts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(counts)

T = "2026-11-30 01:39:43,050 21978"
MOD = "odoo.addons.emulation_exemplar.tests"


def log(*lines):
    return "\n".join(f"{T} {line}" if not line.startswith(" ") else line for line in lines) + "\n"


def started(*names):
    return [f"INFO db {MOD}.test_x: Starting {name} ..." for name in names]


def summary(failed, errors, run, level="INFO"):
    return (
        f"{level} db odoo.tests.result: "
        f"{failed} failed, {errors} error(s) of {run} tests when loading database 'db'"
    )


def test_a_clean_run():
    text = log(
        "INFO db odoo.modules.loading: loading 1 modules...",
        *started("A.test_1", "A.test_2", "B.test_3"),
        summary(0, 0, 3),
    )
    assert counts.count(text)[:3] == (3, 0, 0)


def test_failures_errors_subtests_and_skips():
    text = log(
        *started("A.test_1", "A.test_2", "A.test_3", "B.test_4", "B.test_5"),
        f"ERROR db {MOD}.test_x: FAIL: A.test_1",
        "Traceback (most recent call last):",
        "AssertionError: 1 != 2",
        f"ERROR db {MOD}.test_x: FAIL: Subtest A.test_2 (value='x')",
        f"ERROR db {MOD}.test_x: FAIL: Subtest A.test_2 (value='y')",
        f"ERROR db {MOD}.test_x: ERROR: B.test_4",
        f"INFO db {MOD}.test_x: skipped B.test_5 : wkhtmltopdf is not installed",
        # a whole class skipped in setUpClass: not among the tests run
        f"INFO db {MOD}.test_y: skipped setUpClass ({MOD}.test_y.C) : no benchmark",
        "ERROR db odoo.modules.loading: Module emulation_exemplar: 3 failures, 1 errors of 5 tests",
        summary(3, 1, 5, level="ERROR"),
    )
    passed, failed, skipped, problems = counts.count(text)
    assert (passed, failed, skipped) == (1, 4, 2)  # only A.test_3 passed
    assert problems


def test_a_class_setup_error_fails_the_run():
    text = log(
        *started("A.test_1"),
        f"ERROR db {MOD}.test_x: ERROR: setUpClass ({MOD}.test_x.B)",
        summary(0, 1, 1, level="ERROR"),
    )
    assert counts.count(text)[:3] == (1, 1, 0)


def test_no_final_line_is_a_failure():
    """Odoo crashed, or the time limit stopped it, before it reported."""
    text = log(*started("A.test_1", "A.test_2"))
    passed, failed, _skipped, problems = counts.count(text)
    assert failed >= 1
    assert "did not report" in problems[0]
    assert passed == 2


def test_no_test_at_all_is_a_failure():
    text = log(summary(0, 0, 0, level="WARNING"))
    passed, failed, _skipped, problems = counts.count(text)
    assert (passed, failed) == (0, 1)
    assert "no test" in problems[0]


def test_command_line(tmp_path):
    good = tmp_path / "good.log"
    good.write_text(log(*started("A.test_1"), summary(0, 0, 1)))
    bad = tmp_path / "bad.log"
    bad.write_text(log(*started("A.test_1")))
    run = [sys.executable, str(TOOL)]
    out = subprocess.run([*run, str(good)], capture_output=True, text=True, check=False)
    assert (out.returncode, out.stdout.splitlines()[-1]) == (0, "1 0 0")
    out = subprocess.run([*run, str(bad)], capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stdout.splitlines()[-1] == "1 1 0"
    out = subprocess.run([*run, str(tmp_path / "missing.log")], capture_output=True, text=True)
    assert (out.returncode, out.stdout.strip()) == (1, "0 1 0")
