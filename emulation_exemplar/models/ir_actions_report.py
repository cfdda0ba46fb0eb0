import contextvars
import functools
import logging
import os
import signal
import subprocess

import lxml.html

from odoo import models
from odoo.addons.base.models import ir_actions_report as base_report
from odoo.exceptions import UserError

from ..report.emulation_report_base import number_pages

_logger = logging.getLogger(__name__)

REPORT_PREFIX = "emulation_exemplar."
PAGE_BREAK = '<div style="page-break-before: always; height: 0;"></div>'

# Odoo waits for wkhtmltopdf without a limit: a wkhtmltopdf that hangs (typically waiting for the
# report assets from a server that cannot answer) would block the printing request, or the test,
# for ever. Each run is stopped after this many seconds (the system parameter overrides it).
WKHTMLTOPDF_TIMEOUT = 120
WKHTMLTOPDF_TIMEOUT_PARAM = "emulation_exemplar.wkhtmltopdf_timeout"

_wkhtmltopdf_timeout = contextvars.ContextVar(
    "emulation_exemplar_wkhtmltopdf_timeout", default=None
)


class WkhtmltopdfTimeout(Exception):
    """wkhtmltopdf did not finish within the timeout and was killed."""


class _TimedPopen(subprocess.Popen):
    """``subprocess.Popen`` whose ``communicate()`` without a timeout waits at most the timeout
    set by ``_run_wkhtmltopdf`` below, then kills the process (and anything it started) and
    raises ``WkhtmltopdfTimeout``. Outside that method it is plain ``subprocess.Popen``."""

    def __init__(self, *args, **kwargs):
        self._timeout = _wkhtmltopdf_timeout.get()
        if self._timeout:
            # its own process group, so that a timeout also ends what it started
            kwargs.setdefault("start_new_session", True)
        super().__init__(*args, **kwargs)

    def communicate(self, input=None, timeout=None):  # noqa: A002 (subprocess's own name)
        if timeout is not None or not self._timeout:
            return super().communicate(input, timeout)
        try:
            return super().communicate(input, timeout=self._timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except OSError:
                self.kill()
            try:
                super().communicate(timeout=10)
            except subprocess.TimeoutExpired:
                _logger.warning("wkhtmltopdf (pid %s) did not end after being killed", self.pid)
            raise WkhtmltopdfTimeout(self._timeout) from None


class _SubprocessWithTimeout:
    """The ``subprocess`` module as seen by Odoo's report code, with ``_TimedPopen``."""

    Popen = _TimedPopen

    def __getattr__(self, name):
        return getattr(subprocess, name)


# Odoo's _run_wkhtmltopdf calls subprocess.Popen(...).communicate() with no timeout and offers no
# hook for one: its module sees our subprocess instead, which only differs while one of our
# _run_wkhtmltopdf calls sets the timeout (a context variable, so other threads are unaffected).
if not isinstance(base_report.subprocess, _SubprocessWithTimeout):
    base_report.subprocess = _SubprocessWithTimeout()


@functools.cache
def wkhtmltopdf_patched(binary):
    """Whether ``binary`` is a wkhtmltopdf built with patched Qt (the build Odoo recommends): only
    that build takes several documents, headers and footers in one run."""
    if not binary:
        return False
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in out.lower()


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

    def _wkhtmltopdf_timeout(self):
        """Seconds a wkhtmltopdf run may take: the system parameter
        ``emulation_exemplar.wkhtmltopdf_timeout`` when it is a positive number, else 120."""
        value = self.env["ir.config_parameter"].sudo().get_param(WKHTMLTOPDF_TIMEOUT_PARAM)
        try:
            seconds = float(value) if value else WKHTMLTOPDF_TIMEOUT
        except ValueError:
            seconds = WKHTMLTOPDF_TIMEOUT
        return seconds if seconds > 0 else WKHTMLTOPDF_TIMEOUT

    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        """Our papers of several records print in one wkhtmltopdf run with any wkhtmltopdf:
        with an unpatched build (Debian's), which refuses several documents, the records are put
        in one document, each from a new page. Their pages are then numbered (any build).

        Every run (of any report) is stopped after ``_wkhtmltopdf_timeout()`` seconds with a
        ``UserError`` saying so, instead of waiting for ever."""
        documents = len(bodies)
        ours = report_ref and self._get_report(report_ref).report_name.startswith(REPORT_PREFIX)
        if ours and len(bodies) > 1 and not wkhtmltopdf_patched(base_report._get_wkhtmltopdf_bin()):
            _logger.info("wkhtmltopdf without patched Qt: %s documents printed as one", len(bodies))
            bodies = [merge_bodies(bodies)]
        seconds = self._wkhtmltopdf_timeout()
        token = _wkhtmltopdf_timeout.set(seconds)
        try:
            pdf = super()._run_wkhtmltopdf(bodies, report_ref=report_ref, **kwargs)
        except WkhtmltopdfTimeout:
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
            _wkhtmltopdf_timeout.reset(token)
        if ours:
            paperformat = self._get_report(report_ref).get_paperformat()
            margins = (paperformat.margin_top, paperformat.margin_left, paperformat.margin_right)
            pdf = number_pages(pdf, documents, margins)
        return pdf
