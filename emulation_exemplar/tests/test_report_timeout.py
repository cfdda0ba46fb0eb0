"""A wkhtmltopdf that hangs is stopped after the time limit with a clear error, instead of blocking
the printing request (or the test run) for ever. A fake wkhtmltopdf script stands in for the real
one, so these tests need neither wkhtmltopdf nor the HTTP server."""

import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

from reportlab.pdfgen import canvas

from odoo.addons.base.models import ir_actions_report as base_report
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..models import ir_actions_report as ours

REPORT = "emulation_exemplar.action_report_record_employee"
BODY = "<!DOCTYPE html><html><head></head><body><p>Một</p></body></html>"

# Writes its pid, starts a child that sleeps $FAKE_SLEEP seconds and waits for it, then copies a
# small one-page PDF (fake.pdf beside it) to its last argument (the output file), like wkhtmltopdf.
# A real PDF: the papers' pages are numbered after the run, which reads it.
FAKE = """#!/bin/sh
echo $$ > "{pids}/script"
sleep "{sleep}" &
echo $! > "{pids}/child"
wait
for last in "$@"; do :; done
cat "{pids}/fake.pdf" > "$last"
"""


def one_page_pdf():
    packet = io.BytesIO()
    page = canvas.Canvas(packet)
    page.setTitle("fake wkhtmltopdf")
    page.drawString(100, 700, "fake")
    page.showPage()
    page.save()
    return packet.getvalue()


def alive(pid):
    """Whether process ``pid`` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@tagged("at_install")
class TestWkhtmltopdfTimeout(TransactionCase):
    def setUp(self):
        super().setUp()
        self.tmp = tempfile.mkdtemp(prefix="exemplar-fake-wkhtmltopdf-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.fake_pdf = one_page_pdf()
        Path(self.tmp, "fake.pdf").write_bytes(self.fake_pdf)
        self.Report = self.env["ir.actions.report"]

    def fake_wkhtmltopdf(self, sleep):
        path = os.path.join(self.tmp, "wkhtmltopdf")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(FAKE.format(pids=self.tmp, sleep=sleep))
        os.chmod(path, 0o755)
        return patch.object(base_report, "_get_wkhtmltopdf_bin", return_value=path)

    def pid(self, name):
        return int(Path(self.tmp, name).read_text())

    def set_timeout(self, value):
        self.env["ir.config_parameter"].set_param(ours.WKHTMLTOPDF_TIMEOUT_PARAM, value)

    def test_a_hung_wkhtmltopdf_is_stopped_with_a_clear_error(self):
        self.set_timeout("1")
        start = time.monotonic()
        with (
            self.fake_wkhtmltopdf(sleep=120),
            self.assertLogs(ours.__name__, "WARNING") as logs,
            self.assertRaises(UserError) as caught,
        ):
            self.Report._run_wkhtmltopdf([BODY], report_ref=REPORT)
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, 30, "stopped at the limit, not when the fake ends (120 s)")
        self.assertGreaterEqual(elapsed, 1)
        message = str(caught.exception)
        self.assertIn("within 1 seconds", message)
        self.assertIn(ours.WKHTMLTOPDF_TIMEOUT_PARAM, message)
        self.assertIn("stopped after 1.0 seconds", logs.output[0])
        # the run and what it started are killed, not left behind
        self.assertFalse(alive(self.pid("script")), "the fake wkhtmltopdf is killed")
        self.assertFalse(alive(self.pid("child")), "its child process is killed too")
        self.assertIsNone(ours._run_marker.get(), "no run marked outside a run")

    def test_a_run_within_the_limit_gives_the_pdf(self):
        self.set_timeout("30")
        with self.fake_wkhtmltopdf(sleep=0):
            content = self.Report._run_wkhtmltopdf([BODY], report_ref=REPORT)
        self.assertEqual(content, self.fake_pdf, "the PDF the run wrote (one page: no number)")
        self.assertFalse(alive(self.pid("script")))

    def test_the_limit(self):
        self.assertEqual(self.Report._wkhtmltopdf_timeout(), ours.WKHTMLTOPDF_TIMEOUT)
        for value, expected in (
            ("2.5", 2.5),
            ("300", 300),
            ("0", ours.WKHTMLTOPDF_TIMEOUT),
            ("-5", ours.WKHTMLTOPDF_TIMEOUT),
            ("soon", ours.WKHTMLTOPDF_TIMEOUT),
        ):
            with self.subTest(value=value):
                self.set_timeout(value)
                self.assertEqual(self.Report._wkhtmltopdf_timeout(), expected)

    def test_nothing_of_the_server_is_replaced(self):
        """The limit reaches only the marked runs of a database with this module: Odoo's report
        module keeps the plain subprocess, and the arguments carry the marker only in a run."""
        self.assertIs(base_report.subprocess, subprocess)
        paperformat = self.env.ref("emulation_exemplar.paperformat_emulation_a4_landscape")
        args = self.Report._build_wkhtmltopdf_args(paperformat, False)
        self.assertNotIn(ours.MARKER_COOKIE, args)
        token = ours._run_marker.set("marker")
        try:
            args = self.Report._build_wkhtmltopdf_args(paperformat, False)
        finally:
            ours._run_marker.reset(token)
        self.assertEqual(args[-3:], ["--cookie", ours.MARKER_COOKIE, "marker"])

    def test_a_run_of_another_thread_is_not_killed(self):
        """The watchdog kills only the process its marker names."""
        other = subprocess.Popen(["sleep", "30"])
        self.addCleanup(other.kill)
        watchdog = ours._Watchdog(0.1, "no-such-marker")
        watchdog.start()
        time.sleep(0.5)
        self.assertFalse(watchdog.fired)
        self.assertTrue(alive(other.pid))
