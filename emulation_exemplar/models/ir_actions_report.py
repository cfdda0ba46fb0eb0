import contextlib
import contextvars
import logging
import os
import threading
import uuid

import lxml.html
import psutil

from odoo import models
from odoo.addons.base.models import ir_actions_report as base_report
from odoo.exceptions import UserError

from ..lib.pdf import number_pages, paper_fonts, wkhtmltopdf_build
from .certificate_layout import CERTIFICATE_PAPERS

_logger = logging.getLogger(__name__)

REPORT_PREFIX = "emulation_exemplar."
# papers printed on pre-printed blanks: no page number, their paper format that of the layout
CERTIFICATE_REPORTS = {
    "emulation_exemplar.report_certificate",
    "emulation_exemplar.report_certificate_test",
}
# the context key by which a certificate print carries its paper to _build_wkhtmltopdf_args
# (set by _render_qweb_pdf from the records printed, whatever the caller sent)
CERTIFICATE_PAPER_KEY = "emulation_certificate_paper"
PAGE_BREAK = '<div style="page-break-before: always; height: 0;"></div>'

# Odoo waits for wkhtmltopdf without a limit: a wkhtmltopdf that hangs (typically waiting for the
# report assets from a server that cannot answer) would block the printing request, or the test,
# for ever. Each run is stopped after this many seconds (the system parameter overrides it).
WKHTMLTOPDF_TIMEOUT = 120
WKHTMLTOPDF_TIMEOUT_PARAM = "emulation_exemplar.wkhtmltopdf_timeout"

# the marker of the wkhtmltopdf run of this thread: a cookie on its command line, which the
# watchdog looks for among this process's children (no other code, thread or database is touched)
MARKER_COOKIE = "emulation_exemplar_run"
_run_marker = contextvars.ContextVar("emulation_exemplar_wkhtmltopdf_run", default=None)


class _Watchdog:
    """Kills the wkhtmltopdf run marked ``marker`` (and what it started) once ``seconds`` have
    passed, unless cancelled first; ``fired`` says whether it did."""

    def __init__(self, seconds, marker):
        self.marker = marker
        self.fired = False
        self.timer = threading.Timer(seconds, self._kill)
        self.timer.daemon = True

    def start(self):
        self.timer.start()

    def cancel(self):
        self.timer.cancel()

    def _kill(self):
        try:
            children = psutil.Process(os.getpid()).children(recursive=True)
        except psutil.Error:
            return
        for process in children:
            try:
                if self.marker not in process.cmdline():
                    continue
                doomed = [process, *process.children(recursive=True)]
            except psutil.Error:
                continue
            self.fired = True
            for victim in doomed:
                try:
                    victim.kill()
                except psutil.Error as error:  # already ended
                    _logger.debug("wkhtmltopdf run: %s not killed: %s", victim.pid, error)
            _logger.info("wkhtmltopdf (pid %s) killed at its time limit", process.pid)


def merge_bodies(bodies):
    """One HTML document holding ``bodies`` one after the other, each from a new page."""
    root = lxml.html.document_fromstring(bodies[0])
    body = root.find("body")
    for html in bodies[1:]:
        body.append(lxml.html.fragment_fromstring(PAGE_BREAK))
        for node in lxml.html.document_fromstring(html).find("body"):
            body.append(node)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    # stays: a certificate prints on the paper of its award type's layout
    def _render_qweb_pdf(self, report_ref, res_ids=None, *args, **kwargs):
        """Certificates print on the paper of the layout of what is printed (chosen here from the
        records, never taken from the caller's context)."""
        report = self._get_report(report_ref)
        paper = False
        if report.report_name in CERTIFICATE_REPORTS and res_ids:
            Paper = self.env["report.%s" % report.report_name]
            ids = [res_ids] if isinstance(res_ids, int) else res_ids
            docs = Paper._browse_readable(Paper._docs_model, ids)
            paper = Paper._paper_key(docs)
        this = self.with_context(**{CERTIFICATE_PAPER_KEY: paper})
        return super(IrActionsReport, this)._render_qweb_pdf(report_ref, res_ids, *args, **kwargs)

    def _wkhtmltopdf_timeout(self):
        """Seconds a wkhtmltopdf run may take: the system parameter
        ``emulation_exemplar.wkhtmltopdf_timeout`` when it is a positive number, else 120."""
        value = self.env["ir.config_parameter"].sudo().get_param(WKHTMLTOPDF_TIMEOUT_PARAM)
        try:
            seconds = float(value) if value else WKHTMLTOPDF_TIMEOUT
        except ValueError:
            seconds = WKHTMLTOPDF_TIMEOUT
        return seconds if seconds > 0 else WKHTMLTOPDF_TIMEOUT

    # stays: marks our timed runs (a cookie) so that the watchdog stops only its own process;
    # a certificate prints on the paper of its award type's layout
    def _build_wkhtmltopdf_args(self, paperformat_id, *args, **kwargs):
        """The arguments of Odoo's, and during one of our timed runs the cookie that marks it.
        A certificate print (the context key set by _render_qweb_pdf) takes its layout's paper."""
        key = self.env.context.get(CERTIFICATE_PAPER_KEY)
        if key in CERTIFICATE_PAPERS:
            paperformat_id = self.env.ref("emulation_exemplar.%s" % CERTIFICATE_PAPERS[key][0])
        command_args = super()._build_wkhtmltopdf_args(paperformat_id, *args, **kwargs)
        marker = _run_marker.get()
        if marker:
            command_args = [*command_args, "--cookie", MARKER_COOKIE, marker]
        return command_args

    # stays: one run for several records with any build, the page stamping, and the timeout
    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        """Our papers of several records print in one wkhtmltopdf run with any wkhtmltopdf:
        with an unpatched build (Debian's), which refuses several documents, the records are put
        in one document, each from a new page. Their pages are then numbered (any build).

        Every run (of any report of a database with this module) is stopped after
        ``_wkhtmltopdf_timeout()`` seconds with a ``UserError`` saying so, instead of waiting for
        ever: a watchdog kills the process its cookie marks (Odoo offers no timeout of its own)."""
        documents = len(bodies)
        ours = report_ref and self._get_report(report_ref).report_name.startswith(REPORT_PREFIX)
        if (
            ours
            and len(bodies) > 1
            and not wkhtmltopdf_build(base_report._get_wkhtmltopdf_bin())[1]
        ):
            _logger.info("wkhtmltopdf without patched Qt: %s documents printed as one", len(bodies))
            bodies = [merge_bodies(bodies)]
        seconds = self._wkhtmltopdf_timeout()
        marker = uuid.uuid4().hex
        token = _run_marker.set(marker)
        watchdog = _Watchdog(seconds, marker)
        watchdog.start()
        try:
            # our papers: in a font with every Vietnamese letter (lib/pdf.fontconfig_file)
            with paper_fonts() if ours else contextlib.nullcontext():
                pdf = super()._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)
        except UserError:
            if not watchdog.fired:
                raise
            _logger.warning("wkhtmltopdf stopped after %s seconds (%s)", seconds, report_ref)
            limit = "%g" % seconds  # (no f-string inside _(): the term extractor evaluates them)
            raise UserError(
                self.env._(
                    "The PDF could not be made: wkhtmltopdf did not finish within %(seconds)s "
                    "seconds and was stopped. Print fewer records at once, or ask the "
                    "administrator to check wkhtmltopdf (the time limit is the system parameter "
                    "%(parameter)s).",
                    seconds=limit,
                    parameter=WKHTMLTOPDF_TIMEOUT_PARAM,
                )
            ) from None
        finally:
            watchdog.cancel()
            _run_marker.reset(token)
        if ours and self._get_report(report_ref).report_name not in CERTIFICATE_REPORTS:
            paperformat = self._get_report(report_ref).get_paperformat()
            margins = (paperformat.margin_top, paperformat.margin_left, paperformat.margin_right)
            pdf = number_pages(pdf, documents, margins)
        return pdf
