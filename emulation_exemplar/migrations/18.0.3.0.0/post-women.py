"""18.0.3.0.0, the collective Bằng khen of the province and Decree 152/2025, art. 4(5)–(7).

The Law's set “Provincial certificate of merit (collectives)” (``noupdate`` data) gets its second
alternative, the title “Tập thể lao động xuất sắc” in the evaluated year: the upgrade creates the
new alternative by itself (a new record of the data file); this script brings the set's notes
up to date, which say how the set reads the Law and the province's regulation, but only while
they are the shipped ones: notes an administrator rewrote are kept, and the log says so. The
notes lose their translations, which the upgrade then loads from the module's ``.po`` files.

The model ``emulation.absence`` (time not worked, maternity leave) is new: nothing to convert.
"""

import logging

from lxml import etree
from openupgradelib import openupgrade

from odoo.tools import file_open

# named after the module (the file's own name is "post-women"), for whoever reads the log
_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")

XMLID = "emulation_exemplar.criteria_law_provincial_merit_collective"
# the end of the notes as shipped before 18.0.3.0.0
OLD_ENDING = (
    "Where the province's regulation asks for more (for instance the title “Tập thể lao động "
    "xuất sắc” in those years), an administrator adds the condition to this set."
)


def shipped_description():
    """The set's notes as the data file ships them now."""
    with file_open("emulation_exemplar/data/criteria_law_data.xml", "rb") as handle:
        tree = etree.parse(handle)
    (field,) = tree.xpath(
        "//record[@id='criteria_law_provincial_merit_collective']/field[@name='description']"
    )
    return field.text


def update_collective_merit_notes(env):
    """Rewrite the notes of the collective Bằng khen's set if they are still the old shipped
    ones; return whether they were rewritten."""
    criteria_set = env.ref(XMLID, raise_if_not_found=False)
    if not criteria_set:
        return False
    current = criteria_set.with_context(lang="en_US").description or ""
    shipped = shipped_description()
    if current.strip() == shipped.strip():
        return False
    if not current.rstrip().endswith(OLD_ENDING):
        _logger.info(
            "The notes of %s were changed by hand: kept. The set now has a second alternative, "
            "the title Tập thể lao động xuất sắc in the evaluated year (Bắc Ninh QĐ "
            "86/2025/QĐ-UBND); say so in its notes if it applies to your province.",
            criteria_set.display_name,
        )
        return False
    openupgrade.logged_query(
        env.cr,
        "UPDATE emulation_criteria_set SET description = jsonb_build_object('en_US', %s) "
        "WHERE id = %s",
        (shipped, criteria_set.id),
    )
    criteria_set.invalidate_recordset(["description"])
    _logger.info(
        "The notes of %s now cite its second alternative, the title Tập thể lao động xuất sắc in "
        "the evaluated year (Bắc Ninh QĐ 86/2025/QĐ-UBND).",
        criteria_set.display_name,
    )
    return True


@openupgrade.migrate()
def migrate(env, version):
    update_collective_merit_notes(env)
