"""The files a dossier and its decision travel in between two databases (issue 26): a ZIP holding
one JSON document (``dossier.json`` or ``decision.json``) and, for a dossier, its papers as PDF.
The JSON's schema is versioned and documented in the README ("Dossier files"). Plain Python:
``models/`` and ``wizards/`` build and read the files through it."""

import io
import json
import zipfile

SCHEMA_VERSION = 1
DOSSIER_SCHEMA = "emulation_exemplar.dossier"
DECISION_SCHEMA = "emulation_exemplar.decision"
DOCUMENTS = {DOSSIER_SCHEMA: "dossier.json", DECISION_SCHEMA: "decision.json"}
# the keys each document and each of its lines must hold
REQUIRED = {
    DOSSIER_SCHEMA: ("ref", "sender", "award_type_code", "year", "lines"),
    DECISION_SCHEMA: ("dossier_ref", "number", "date", "award_type_code", "year", "lines"),
}
REQUIRED_LINE = {
    DOSSIER_SCHEMA: ("ref", "recipient_type", "name"),
    DECISION_SCHEMA: ("ref", "name", "passed"),
}
# what the values must be, when present: text, a whole number, a number from 0 to 100, a
# yes/no; a value of another type (a list where a name is expected, "90%" for a ratio) is a
# damaged file, said as such, not a crash further on
TEXT, WHOLE, PERCENT, FLAG = "text", "whole", "percent", "flag"
TYPES = {
    DOSSIER_SCHEMA: {
        "ref": TEXT,
        "sender": TEXT,
        "award_type_code": TEXT,
        "year": WHOLE,
        "unit": TEXT,
        "submission_number": TEXT,
    },
    DECISION_SCHEMA: {
        "dossier_ref": TEXT,
        "number": TEXT,
        "date": TEXT,
        "award_type_code": TEXT,
        "year": WHOLE,
        "decided": FLAG,
    },
}
LINE_TYPES = {
    DOSSIER_SCHEMA: {
        "ref": TEXT,
        "recipient_type": TEXT,
        "name": TEXT,
        "job_title": TEXT,
        "unit": TEXT,
        "achievements": TEXT,
        "justification": TEXT,
        "agency_vote_ratio": PERCENT,
        "eligible_at_submission": FLAG,
    },
    DECISION_SCHEMA: {"ref": TEXT, "name": TEXT, "passed": FLAG},
}


def _check_values(document, schema):
    """ExchangeError ``bad_value`` naming the first value of the wrong kind in ``document``.
    An empty value (None, or the False an empty Odoo field gives) is no value."""
    for key, kind in TYPES[schema].items():
        value = document.get(key)
        if value is not None and value is not False and not _valid(value, kind):
            raise ExchangeError("bad_value", key=key)
    for index, line in enumerate(document["lines"], start=1):
        for key, kind in LINE_TYPES[schema].items():
            value = line.get(key)
            if value is not None and value is not False and not _valid(value, kind):
                raise ExchangeError("bad_value", key="lines[%s].%s" % (index, key))


def _valid(value, kind):
    """Whether ``value`` (not None) is of ``kind`` (:data:`TYPES`)."""
    if kind == TEXT:
        return isinstance(value, str)
    if kind == FLAG:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == WHOLE:
        return isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())
    return isinstance(value, int | float) and 0 <= value <= 100


class ExchangeError(ValueError):
    """A file that cannot be read: the message says why, in English (the caller translates
    its own message around ``code``)."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def build(schema, document, papers=()):
    """The ZIP (bytes) of ``document`` (a dict, given its schema and version here) and of
    ``papers``: (file name, bytes) pairs."""
    body = dict(document, schema=schema, version=SCHEMA_VERSION)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENTS[schema], json.dumps(body, ensure_ascii=False, indent=1))
        for name, content in papers:
            archive.writestr("papers/%s" % name, content)
    return out.getvalue()


def read(content, schema):
    """(document, {paper name: bytes}) of a ZIP of ``schema``; ExchangeError when it is not
    one, is of another schema or version, misses a required key or holds a value of the wrong
    kind."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, TypeError) as error:
        raise ExchangeError("not_zip") from error
    if DOCUMENTS[schema] not in names:
        other = [s for s, name in DOCUMENTS.items() if name in names]
        if other:
            raise ExchangeError("other_schema", found=other[0])
        raise ExchangeError("no_document", name=DOCUMENTS[schema])
    try:
        document = json.loads(archive.read(DOCUMENTS[schema]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ExchangeError("bad_json", name=DOCUMENTS[schema]) from error
    if not isinstance(document, dict) or document.get("schema") != schema:
        raise ExchangeError(
            "other_schema", found=str(document.get("schema") if isinstance(document, dict) else "")
        )
    if document.get("version") != SCHEMA_VERSION:
        raise ExchangeError("version", found=str(document.get("version")), expected=SCHEMA_VERSION)
    for key in REQUIRED[schema]:
        if key not in document:
            raise ExchangeError("missing", key=key)
    if not isinstance(document["lines"], list) or not document["lines"]:
        raise ExchangeError("missing", key="lines")
    for index, line in enumerate(document["lines"], start=1):
        for key in REQUIRED_LINE[schema]:
            if not isinstance(line, dict) or key not in line:
                raise ExchangeError("missing", key="lines[%s].%s" % (index, key))
    _check_values(document, schema)
    papers = {
        name.split("/", 1)[1]: archive.read(name)
        for name in names
        if name.startswith("papers/") and not name.endswith("/")
    }
    return document, papers


def download(record, content, name, sudo=False):
    """The client action that downloads ``content`` (a file of this exchange) as ``name``,
    attached to ``record`` (``sudo``: for a dossier, whose attachments follow its own rules)."""
    Attachment = record.env["ir.attachment"]
    attachment = (Attachment.sudo() if sudo else Attachment).create(
        {
            "name": name.replace("/", "-"),
            "raw": content,
            "res_model": record._name,
            "res_id": record.id,
            "mimetype": "application/zip",
        }
    )
    return {
        "type": "ir.actions.act_url",
        "url": "/web/content/%s?download=true" % attachment.id,
        "target": "download",
    }
