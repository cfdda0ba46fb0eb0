import functools
import logging
import subprocess

import lxml.html

from odoo import models
from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from .report_helpers import number_pages

_logger = logging.getLogger(__name__)

REPORT_PREFIX = "emulation_exemplar."
PAGE_BREAK = '<div style="page-break-before: always; height: 0;"></div>'


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

    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        """Our papers of several records print in one wkhtmltopdf run with any wkhtmltopdf:
        with an unpatched build (Debian's), which refuses several documents, the records are put
        in one document, each from a new page. Their pages are then numbered (any build)."""
        documents = len(bodies)
        ours = report_ref and self._get_report(report_ref).report_name.startswith(REPORT_PREFIX)
        if ours and len(bodies) > 1 and not wkhtmltopdf_patched(_get_wkhtmltopdf_bin()):
            _logger.info("wkhtmltopdf without patched Qt: %s documents printed as one", len(bodies))
            bodies = [merge_bodies(bodies)]
        pdf = super()._run_wkhtmltopdf(bodies, report_ref=report_ref, **kwargs)
        if ours:
            paperformat = self._get_report(report_ref).get_paperformat()
            margins = (paperformat.margin_top, paperformat.margin_left, paperformat.margin_right)
            pdf = number_pages(pdf, documents, margins)
        return pdf
