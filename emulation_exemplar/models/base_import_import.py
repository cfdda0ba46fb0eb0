from odoo import models

# Up to this many rows, an import of history is one transaction (see execute_import).
ATOMIC_IMPORT_ROWS = 50000


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
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
            return super().execute_import(fields, columns, options, dryrun=dryrun)
        options = dict(options)
        skip = options.get("skip") or 0
        if options.get("limit"):
            options["limit"] = max(options["limit"], ATOMIC_IMPORT_ROWS)
        result = super().execute_import(fields, columns, options, dryrun=dryrun)
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
