"""18.0.3.0.0, one registration, one snapshot (issue 23).

A nomination of the plan no longer keeps its own "Registered" stage and date: it is registered
while a line of its unit's registration of the year (``emulation.registration.line``) names it.
This script gives every nomination that was registered (at the stage Registered or after, or
dropped after its registration) a line in its unit's registration of its year, with its
registration date: in the registration that exists (of its unit, or of the nearest unit above),
or in a new one of its unit, approved (the provincial board received it). The eligibility
snapshot's text becomes stored facts (``snapshot_eligible``, ``snapshot_missing``, the criteria
set, year and date, and the stored result they come from) where its verdict can be read; every
text is kept in the nomination's chatter. What could not be converted is logged, as a warning, for
an officer to look at.

Reads the columns that ``pre-nomination_registration.py`` copied (openupgradelib's legacy names).
"""

import logging
import re

from openupgradelib import openupgrade

from odoo.tools import plaintext2html
from odoo.tools.misc import format_date

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")

TABLE = "emulation_nomination"
AFTER_REGISTRATION = ("registered", "fostering", "replicated", "honoured")
# the first words of the explanation the snapshots held, in the languages shipped
ELIGIBLE = re.compile(r"^\s*(Eligible|Đủ tiêu chuẩn)\s*:", re.MULTILINE)
NOT_ELIGIBLE = re.compile(r"^\s*(Not eligible|Chưa đủ tiêu chuẩn)\s*:(?P<rest>.*)$", re.MULTILINE)


def legacy(column):
    return openupgrade.get_legacy_name(column)


def _legacy_rows(env, *columns):
    cr = env.cr
    present = [c for c in columns if openupgrade.column_exists(cr, TABLE, legacy(c))]
    if len(present) != len(columns):
        return []
    cr.execute(
        "SELECT id, {} FROM {} ORDER BY id".format(", ".join(legacy(c) for c in columns), TABLE)
    )
    return cr.fetchall()


def _unit_registration(env, nomination):
    """The registration of the year the nomination goes in: the nearest one of its unit or of a
    unit above; else a new one of its unit, approved."""
    Registration = env["emulation.registration"].with_context(tracking_disable=True)
    found = Registration.search(
        [
            ("year", "=", nomination.year),
            ("company_id", "=", nomination.company_id.id),
            ("department_id", "parent_of", nomination.unit_id.id),
        ]
    )
    if found:
        return found.sorted(lambda r: len(r.department_id.parent_path or ""))[-1]
    registration = Registration.create(
        {
            "year": nomination.year,
            "department_id": nomination.unit_id.id,
            "company_id": nomination.company_id.id,
        }
    )
    registration.write({"state": "approved"})
    return registration


def register_nominations(env):
    """Give each nomination registered before a line in its unit's registration of its year;
    return (the nominations registered, the ids of those that could not be)."""
    Nomination = env["emulation.nomination"].with_context(active_test=False)
    Line = env["emulation.registration.line"]
    registered = Nomination.browse()
    failed = []
    for nomination_id, stage, registration_date in _legacy_rows(env, "stage", "registration_date"):
        nomination = Nomination.browse(nomination_id)
        was_registered = stage in AFTER_REGISTRATION or (stage == "dropped" and registration_date)
        if not was_registered:
            if registration_date:
                # a date without the stage: not a registration; the date is kept in the chatter
                nomination._message_log(
                    body=plaintext2html(
                        f"Before 18.0.3.0.0 this nomination, at the stage {stage}, held the "
                        f"registration date {registration_date}; it was not registered."
                    )
                )
                _logger.warning(
                    "Nomination %s (%s) held a registration date, %s, at the stage %s: not "
                    "registered; the date is kept in its chatter.",
                    nomination.id,
                    nomination.name,
                    registration_date,
                    stage,
                )
            continue
        if nomination.sudo().registration_line_ids:
            registered |= nomination
            continue
        if not nomination.unit_id or not nomination.nominee_key:
            failed.append(nomination.id)
            _logger.warning(
                "Nomination %s (%s) was registered but names no unit: no registration line; "
                "register it by hand.",
                nomination.id,
                nomination.name,
            )
            continue
        existing = Line.search(
            [
                ("nominee_key", "=", nomination.nominee_key),
                ("year", "=", nomination.year),
                ("company_id", "=", nomination.company_id.id),
                ("exemplar", "=", True),
            ]
        )
        if not existing:
            registration = _unit_registration(env, nomination)
            collective = nomination.nominee_kind != "individual"
            Line.create(
                {
                    "registration_id": registration.id,
                    "recipient_type": "collective" if collective else "individual",
                    "employee_id": False if collective else nomination.employee_id.id,
                    "department_id": nomination.department_id.id if collective else False,
                    "model_name": nomination.model_name
                    if nomination.nominee_kind == "model"
                    else False,
                    "exemplar": True,
                    "award_type_id": nomination.criteria_set_id.award_type_id.id or False,
                    "date": registration_date or nomination.create_date.date(),
                    "note": "18.0.3.0.0",
                }
            )
        else:
            existing._link_nominations()
        if not registration_date:
            _logger.warning(
                "Nomination %s (%s) was registered without a date: its line is dated the day "
                "the nomination was entered.",
                nomination.id,
                nomination.name,
            )
        registered |= nomination
    all_nominations = Nomination.search([])
    all_nominations._match_registrations()
    # the stored stage and date now follow the lines; the stage of those registered stays
    for nomination_id, stage, _date in _legacy_rows(env, "stage", "registration_date"):
        nomination = Nomination.browse(nomination_id)
        if (
            stage in AFTER_REGISTRATION
            and nomination.stage != stage
            and nomination.sudo().registration_line_ids
        ):
            nomination.with_context(tracking_disable=True).write({"stage": stage})
    env.flush_all()
    return registered, failed


def _verdict(text):
    """(eligible, missing) read from an eligibility snapshot's text, or None."""
    negative = NOT_ELIGIBLE.search(text or "")
    if negative:
        numbers = re.findall(r"\d+", negative.group("rest"))
        return False, int(numbers[0]) if numbers else 0
    if ELIGIBLE.search(text or ""):
        return True, 0
    return None


def convert_snapshots(env):
    """Turn the snapshots' text into stored facts where the verdict can be read; keep every text
    in the chatter. Return the ids of the nominations whose text could not be converted."""
    Nomination = env["emulation.nomination"].with_context(active_test=False)
    failed = []
    for nomination_id, text, snapshot_date in _legacy_rows(
        env, "eligibility_snapshot", "snapshot_date"
    ):
        if not (text or "").strip():
            continue
        nomination = Nomination.browse(nomination_id)
        nomination._message_log(
            body=plaintext2html(
                "Eligibility snapshot of %s, as the text kept before 18.0.3.0.0:\n%s"
                % (format_date(env, snapshot_date) if snapshot_date else "-", text)
            )
        )
        verdict = _verdict(text)
        if verdict is None:
            # no facts: no date of a snapshot that says nothing (the officer takes it again)
            nomination._button_write({"snapshot_date": False})
            failed.append(nomination.id)
            _logger.warning(
                "The eligibility snapshot of nomination %s (%s) could not be read as a verdict: "
                "kept as text in its chatter; take the snapshot again if it is needed.",
                nomination.id,
                nomination.name,
            )
            continue
        eligible, missing = verdict
        row = nomination._eligibility_rows().get(nomination.id)
        values = nomination._snapshot_values(row, snapshot_date or nomination.create_date.date())
        values.update(snapshot_eligible=eligible, snapshot_missing=0 if eligible else missing)
        if not row:
            values.update(
                snapshot_criteria_set_id=nomination.criteria_set_id.id or False,
                snapshot_year=nomination.year,
            )
        nomination._button_write(values)
    return failed


@openupgrade.migrate()
def migrate(env, version):
    # the snapshots first: registering takes the missing ones of today
    unconverted = convert_snapshots(env)
    registered, failed = register_nominations(env)
    _logger.info(
        "Nominations: %s registered in their unit's registration, %s could not be; %s "
        "snapshots not converted (kept as text in the chatter).",
        len(registered),
        len(failed),
        len(unconverted),
    )
