import unicodedata
from contextlib import contextmanager

from odoo import models
from odoo.exceptions import UserError

# context of an import (load): archived records match too; see rows_named_on_error
IMPORT_CONTEXT = {"active_test": False, "emulation_history_load": True}


class ImportErrors:
    """Whether a row of one import (load) could not be read (an unknown person, a bad year…).
    Hashed by identity: it travels in the context, which Odoo may hash."""

    __slots__ = ("failed",)
    __hash__ = object.__hash__

    def __init__(self):
        self.failed = False


class EmulationImportMixin(models.AbstractModel):
    """History that officers import from spreadsheets (awards, classifications, initiatives,
    disciplines) through Odoo's import screen.

    An import is all or nothing (see ``base_import.import.execute_import``): Odoo's ``load()``
    rolls everything back as soon as it reported one error. So once a row could not be read, no
    row is created any more: Odoo would otherwise create the rows once together, then, as that
    fails, one by one to name every bad one, which takes minutes on a five-year file, only to
    roll them back. The officer gets the rows that could not be read at once; once they are
    corrected, the rows that break a rule (a duplicate, a year out of range) are named.
    """

    _name = "emulation.import.mixin"
    _description = "History imported from spreadsheets"

    def _import_context(self):
        """The context of ``load()``: archived people and units match too (past years name
        people who have left since, and retired award types)."""
        return dict(IMPORT_CONTEXT, emulation_import_errors=ImportErrors())

    def load(self, fields, data):
        records = self.with_context(**self._import_context())
        return super(EmulationImportMixin, records).load(fields, composed_text(data))

    def _convert_records(self, records, log=lambda a: None):
        errors = self.env.context.get("emulation_import_errors")
        if not isinstance(errors, ImportErrors):
            return super()._convert_records(records, log=log)

        def log_and_note(message):
            if message.get("type") == "error":
                errors.failed = True
            log(message)

        return super()._convert_records(records, log=log_and_note)

    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        errors = self.env.context.get("emulation_import_errors")
        if isinstance(errors, ImportErrors) and errors.failed:
            # load() reported a row it could not read: it rolls everything back anyway
            return self.browse()
        with rows_named_on_error(self, data_list):
            return super()._load_records(
                data_list, update=update, ignore_duplicates=ignore_duplicates
            )


def composed_text(data):
    """Import rows with their text in composed Unicode (NFC). Vietnamese typed with some
    keyboards or old spreadsheets is decomposed (NFD): "Nguyễn" would then not match the name
    of the employee."""
    return [
        [unicodedata.normalize("NFC", cell) if isinstance(cell, str) else cell for cell in row]
        for row in data
    ]


class ImportBatchRefused(Exception):
    """A batch of imported rows was refused: load() then retries row by row."""


@contextmanager
def rows_named_on_error(records, data_list):
    """While importing, a refused batch of rows must not be reported: load() would blame its
    first row (a good one, most often) with the message of the bad row, and the import screen
    would show it "at multiple rows". Left unreported, load() retries row by row and names the
    bad row alone."""
    try:
        yield
    except UserError as error:
        if len(data_list) > 1 and records.env.context.get("emulation_history_load"):
            raise ImportBatchRefused(str(error)) from error
        raise
