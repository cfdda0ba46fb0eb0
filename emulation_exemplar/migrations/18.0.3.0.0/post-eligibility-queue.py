"""18.0.3.0.0: the deferred re-evaluation is a queue, not a stored field.

``emulation_eligibility_token`` was a technical stored boolean of people and units whose
computation re-evaluated them; it held no data (always true). The re-evaluation is now the
queue of ``emulation.eligibility._queue``: the two columns are dropped.
"""

from openupgradelib import openupgrade

TOKEN_COLUMNS = [
    ("hr_employee", "emulation_eligibility_token"),
    ("hr_department", "emulation_eligibility_token"),
]


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.drop_columns(
        env.cr,
        [
            (table, column)
            for table, column in TOKEN_COLUMNS
            if openupgrade.column_exists(env.cr, table, column)
        ],
    )
