"""18.0.3.0.0, one registration (issue 23): keep what the nominations stored before.

The stage "Registered" and the registration date of a nomination become facts read from the
unit's registration (``emulation.registration.line``), and the eligibility snapshot's text becomes
stored facts. Before the new fields are set up, the old values are copied to legacy columns, read
by ``post-nomination_registration.py``.
"""

from openupgradelib import openupgrade

LEGACY = {
    "emulation_nomination": [
        ("stage", None, None),
        ("registration_date", None, None),
        ("eligibility_snapshot", None, None),
        ("snapshot_date", None, None),
    ]
}


def date_registration_lines(cr):
    """The registration lines of before get their date ("Registered on"): the day they were
    entered (the new column's default would be the day of the upgrade)."""
    openupgrade.logged_query(
        cr, "ALTER TABLE emulation_registration_line ADD COLUMN IF NOT EXISTS date date"
    )
    openupgrade.logged_query(
        cr,
        "UPDATE emulation_registration_line SET date = (create_date AT TIME ZONE 'UTC')::date "
        "WHERE date IS NULL",
    )


@openupgrade.migrate()
def migrate(env, version):
    date_registration_lines(env.cr)
    # the columns of before, copied once (a second run keeps the first copy)
    spec = {
        table: [
            column
            for column in columns
            if openupgrade.column_exists(env.cr, table, column[0])
            and not openupgrade.column_exists(env.cr, table, openupgrade.get_legacy_name(column[0]))
        ]
        for table, columns in LEGACY.items()
    }
    openupgrade.copy_columns(env.cr, spec)
