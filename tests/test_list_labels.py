"""The lists an officer works in during December show whole column headers at 1280 px (issue 25):
every column shown by default in them has a Vietnamese label of at most ``MAX_LABEL``
characters, and no two of their columns have the same label.

A column's label is the list's ``string`` attribute, else the field's label; its Vietnamese comes
from ``i18n/vi.po`` (the view's term, or the field's ``field_description`` entry), else the English
(``test_i18n.py`` requires the translation).
"""

from pathlib import Path

import polib
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "emulation_exemplar"

# Vietnamese characters a header of about 160 px shows whole at the list's font
MAX_LABEL = 22

# (view file, view xml id, path of the list in its arch, model of the list)
LISTS = [
    (
        "registration_views.xml",
        "emulation_registration_view_list",
        "/list",
        "emulation.registration",
    ),
    (
        "council_session_views.xml",
        "emulation_council_session_view_list",
        "/list",
        "emulation.council.session",
    ),
    (
        "council_session_views.xml",
        "emulation_council_session_view_form",
        "//field[@name='line_ids']/list",
        "emulation.proposal.line",
    ),
    (
        "proposal_views.xml",
        "emulation_proposal_view_form",
        "//field[@name='line_ids']/list",
        "emulation.proposal.line",
    ),
    ("discipline_views.xml", "emulation_discipline_view_list", "/list", "emulation.discipline"),
    ("eligibility_views.xml", "emulation_eligibility_view_list", "/list", "emulation.eligibility"),
    ("award_views.xml", "emulation_award_view_list", "/list", "emulation.award"),
    (
        "classification_views.xml",
        "emulation_classification_view_list",
        "/list",
        "emulation.classification",
    ),
]


def _po():
    return polib.pofile(str(ADDON / "i18n" / "vi.po"))


def _translations():
    """(field labels {(model, field): (msgid, msgstr)}, terms {msgid: msgstr})."""
    fields, terms = {}, {}
    for entry in _po():
        terms[entry.msgid] = entry.msgstr or entry.msgid
        for occurrence, _line in entry.occurrences:
            prefix = "model:ir.model.fields,field_description:emulation_exemplar.field_"
            if occurrence.startswith(prefix):
                model, _sep, field = occurrence[len(prefix) :].partition("__")
                fields[(model, field)] = (entry.msgid, entry.msgstr or entry.msgid)
    return fields, terms


def _shown_columns(view_file, xmlid, path):
    tree = etree.parse(str(ADDON / "views" / view_file))
    (record,) = tree.xpath("//record[@id='%s']" % xmlid)
    (arch,) = record.xpath("field[@name='arch']")
    (tree_list,) = arch.xpath("." + path if path.startswith("//") else "./list")
    for node in tree_list.xpath("field"):
        if node.get("column_invisible") in ("True", "1") or node.get("optional") == "hide":
            continue
        if node.get("groups") == "base.group_multi_company":
            continue
        yield node


def _labels(row):
    """(field name, English label, Vietnamese label) of the columns ``row`` of LISTS shows."""
    fields, terms = _translations()
    view_file, xmlid, path, model = row
    for node in _shown_columns(view_file, xmlid, path):
        name = node.get("name")
        if node.get("string"):
            english = node.get("string")
            vietnamese = terms.get(english, english)
        else:
            english, vietnamese = fields.get((model.replace(".", "_"), name), (name, name))
        yield name, english, vietnamese


def _id(row):
    return "%s:%s" % (row[1], row[3])


@pytest.mark.parametrize("row", LISTS, ids=_id)
def test_list_headers_are_short_in_vietnamese(row):
    too_long = [
        "%s: %r (%r, %s characters)" % (name, vietnamese, english, len(vietnamese))
        for name, english, vietnamese in _labels(row)
        if len(vietnamese) > MAX_LABEL
    ]
    assert not too_long, "cut at 1280 px: %s" % too_long


@pytest.mark.parametrize("row", LISTS, ids=_id)
def test_list_headers_are_distinct(row):
    """Two columns of a list never begin alike (the council's two "Số thành viên…", cut to
    their first 13 characters)."""
    starts = [vietnamese[:13].lower() for _name, _english, vietnamese in _labels(row)]
    duplicates = {start for start in starts if starts.count(start) > 1}
    assert not duplicates, "columns that begin alike: %s" % duplicates


def test_the_named_lists_exist():
    """The test reads what it should: each list has columns, the field labels are found."""
    fields, _terms = _translations()
    assert fields[("emulation_council_session", "member_count")][0] == "Council members"
    for row in LISTS:
        assert list(_shown_columns(*row[:3])), row[1]
