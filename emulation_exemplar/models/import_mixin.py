import unicodedata

from odoo import models

# context of an import (load): archived records match too
IMPORT_CONTEXT = {"active_test": False}


class ImportErrors:
    """What one import (load) found wrong so far: whether a row could not be read (an unknown
    person, a year that is not a number), and the errors of the rows of the last batch that
    broke a rule, by row. Hashed by identity: it travels in the context, which Odoo may hash."""

    __slots__ = ("failed", "refused")
    __hash__ = object.__hash__

    def __init__(self):
        self.failed = False
        # {row: the exception its creation raised} of the batch Odoo is retrying row by row
        self.refused = None


class EmulationImportMixin(models.AbstractModel):
    """History that officers import from spreadsheets (awards, classifications, initiatives,
    disciplines) through Odoo's import screen.

    An import is all or nothing (see ``base_import.import.execute_import``): Odoo's ``load()``
    rolls everything back as soon as it reported one error. Odoo creates a batch of rows
    together and, when that fails, once more one by one (a savepoint, a flush and the
    eligibility of each row) to name every bad row, only to roll them all back: minutes on a
    five-year file. Here:

    - once a row could not be read, no row is created any more (the officer gets the rows that
      could not be read at once; once they are corrected, the rows that break a rule);
    - rows a model knows to refuse before creating anything (``_import_known_refusals``: an
      honour the history already holds, a row repeating a row above it) are refused at once;
    - when a batch breaks a rule (a duplicate, a year out of range), its bad rows are found by
      halving it (creating the good halves, in file order, so that a row is judged after the
      rows above it, as one by one); Odoo's row-by-row pass then only reports their errors,
      without creating any row again.
    """

    _name = "emulation.import.mixin"
    _description = "History imported from spreadsheets"

    def _import_context(self):
        """The context of ``load()``: archived people and units match too (past years name
        people who have left since, and retired award types)."""
        return dict(IMPORT_CONTEXT, emulation_import_errors=ImportErrors())

    # stays: an import matches archived people and composed Vietnamese text
    def load(self, fields, data, *args, **kwargs):
        records = self.with_context(**self._import_context())
        return super(EmulationImportMixin, records).load(
            fields, composed_text(data), *args, **kwargs
        )

    # stays: a row that could not be read stops the creation of the others
    def _convert_records(self, records, log=lambda a: None, *args, **kwargs):
        errors = self.env.context.get("emulation_import_errors")
        if not isinstance(errors, ImportErrors):
            return super()._convert_records(records, log, *args, **kwargs)

        def log_and_note(message):
            if message.get("type") == "error":
                errors.failed = True
            log(message)

        return super()._convert_records(records, log_and_note, *args, **kwargs)

    # stays: the import's bad-row search (halving a refused batch instead of row by row)
    def _load_records(self, data_list, *args, **kwargs):
        errors = self.env.context.get("emulation_import_errors")
        if not isinstance(errors, ImportErrors):  # not an import (data files)
            return super()._load_records(data_list, *args, **kwargs)
        if errors.failed:
            # load() reported a row it could not read: it rolls everything back anyway
            return self.browse()
        if errors.refused is not None and len(data_list) == 1:
            # Odoo's row-by-row pass after a refused batch: report the errors found by halving
            # it; the other rows need not be created again, load() rolls them back anyway
            refused = errors.refused.get(data_list[0]["info"].get("record"))
            if refused is not None:
                raise refused
            return self.browse()
        errors.refused = None
        known = self._import_known_refusals(data_list) if len(data_list) > 1 else {}
        if known:
            # rows refused on sight (an honour already in the history): the others are still
            # looked at, to name every bad row at once
            rest = [data for data in data_list if data["info"].get("record") not in known]
            refused = dict(known)
            if rest:
                refused.update(self._import_refused_rows(rest, *args, **kwargs))
            errors.refused = refused
            raise ImportBatchRefused(str(next(iter(known.values()))))
        try:
            with self.env.cr.savepoint():
                return super()._load_records(data_list, *args, **kwargs)
        except Exception as error:
            if len(data_list) == 1:
                raise
            errors.refused = self._import_refused_rows(data_list, *args, **kwargs)
            if not errors.refused:
                # the batch fails but no part of it does: let Odoo try its rows one by one
                errors.refused = None
            raise ImportBatchRefused(str(error)) from error

    def _import_known_refusals(self, data_list):
        """{row: exception} of the rows of ``data_list`` (a batch of converted rows) that are
        known to be refused before anything is created: e.g. a row recording what the history
        already holds. Without this, a file imported twice would be halved down to each of its
        rows, each created alone. One query per batch, not one per row. None by default."""
        return {}

    def _import_refused_rows(self, data_list, *args, **kwargs):
        """{row: exception} of the rows of ``data_list`` that cannot be created, found by
        halving: each half is created in a savepoint and kept when it passes (so a row meets the
        rows above it, as when Odoo creates them one by one), halved again when it fails. The
        caller's savepoint undoes it all."""
        refused = {}
        pending = [data_list]
        while pending:
            rows = pending.pop(0)
            try:
                with self.env.cr.savepoint():
                    super()._load_records(rows, *args, **kwargs)
            except Exception as error:  # noqa: BLE001 - any failure of a row is reported by load()
                if len(rows) == 1:
                    refused[rows[0]["info"].get("record")] = error
                else:
                    middle = len(rows) // 2
                    pending[:0] = [rows[:middle], rows[middle:]]
        return refused


def composed_text(data):
    """Import rows with their text in composed Unicode (NFC). Vietnamese typed with some
    keyboards or old spreadsheets is decomposed (NFD): "Nguyễn" would then not match the name
    of the employee."""
    return [
        [unicodedata.normalize("NFC", cell) if isinstance(cell, str) else cell for cell in row]
        for row in data
    ]


class ImportBatchRefused(Exception):
    """A batch of imported rows was refused. Not a UserError, which load() would report on the
    batch's first row (a good one, most often), "at multiple rows": left unreported, load()
    retries the batch row by row, and each bad row is named alone."""
