from odoo import models
from odoo.addons.base_import.models.base_import import ImportValidationError

# Up to this many rows, an import of history is one transaction (see execute_import).
ATOMIC_IMPORT_ROWS = 50000


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    # stays: an import of history is all or nothing (core commits it batch by batch)
    def execute_import(self, fields, columns, options, *args, **kwargs):
        """Imports of history (awards, classifications, ...) are all or nothing.

        The import screen sends a file in batches ("limit", 2,000 rows by default), one request
        and one transaction each: a bad row in the fifth batch would leave the first four
        imported, and the screen would then offer to import the file again from its first row,
        doubling them. For history, the first request imports (or tests) the whole file at once
        and answers that nothing is left, so that a bad row anywhere imports nothing. Longer files
        go in batches of ATOMIC_IMPORT_ROWS rows (a request's time limit).

        A batch that starts further down the file (the screen's "skip") gets its error rows
        counted from the top of the file, as the officer sees it, not from the batch's start.
        """
        self.ensure_one()
        model = self.env.get(self.res_model)
        if model is None or not isinstance(model, self.env.registry["emulation.history.mixin"]):
            return super().execute_import(fields, columns, options, *args, **kwargs)
        options = dict(options)
        skip = options.get("skip") or 0
        if options.get("limit"):
            options["limit"] = max(options["limit"], ATOMIC_IMPORT_ROWS)
        result = super().execute_import(fields, columns, options, *args, **kwargs)
        if skip:
            for message in result.get("messages") or ():
                if isinstance(message.get("record"), int):
                    message["record"] += skip
                rows = message.get("rows")
                if isinstance(rows, dict):
                    message["rows"] = {
                        key: value + skip if isinstance(value, int) and value >= 0 else value
                        for key, value in rows.items()
                    }
        return result

    # stays: a file in the wrong encoding is told in words, not as a traceback
    def _read_csv(self, options, *args, **kwargs):
        """A CSV file read in the wrong encoding (e.g. a UTF-16 file as UTF-8, the screen's
        default) fails in Python's decoder, which the import screen shows as a traceback when
        the file is imported (its preview only shows the decoder's words). Say which encoding
        failed and what to do, in the user's language."""
        try:
            return super()._read_csv(options, *args, **kwargs)
        except (UnicodeError, LookupError) as error:
            raise ImportValidationError(
                self.env._(
                    "The file cannot be read as %(encoding)s text. Choose its encoding in the "
                    "import options (e.g. UTF-16 for a file saved as Unicode text), or save it "
                    "again as CSV UTF-8.",
                    encoding=(options.get("encoding") or "").upper() or "UTF-8",
                )
            ) from error
