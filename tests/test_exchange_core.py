"""The files of a dossier and of its decision between two databases (lib/exchange.py, plain
Python): one JSON document of a versioned schema in a ZIP, with the papers; anything else is
refused with the reason's code."""

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[1] / "emulation_exemplar" / "lib" / "exchange.py"
_spec = importlib.util.spec_from_file_location("exemplar_exchange", PATH)
exchange = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(exchange)

DOSSIER = {
    "ref": "uuid/proposal/7",
    "sender": "Sở Ngoại vụ Hà Tĩnh",
    "award_type_code": "BK_UBND",
    "year": 2025,
    "lines": [{"ref": "uuid/line/9", "recipient_type": "individual", "name": "Nguyễn Văn An"}],
}


def zip_of(name, text):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, text)
    return out.getvalue()


def refused(content, schema=exchange.DOSSIER_SCHEMA):
    with pytest.raises(exchange.ExchangeError) as caught:
        exchange.read(content, schema)
    return caught.value.code, caught.value.params


def test_round_trip_with_papers():
    content = exchange.build(exchange.DOSSIER_SCHEMA, DOSSIER, [("list.pdf", b"%PDF-1.4")])
    document, papers = exchange.read(content, exchange.DOSSIER_SCHEMA)
    assert document["version"] == exchange.SCHEMA_VERSION == 1
    assert document["schema"] == exchange.DOSSIER_SCHEMA
    assert document["lines"][0]["name"] == "Nguyễn Văn An"
    assert papers == {"list.pdf": b"%PDF-1.4"}


def test_not_a_zip():
    assert refused(b"not a zip")[0] == "not_zip"


def test_the_other_kind_of_file():
    decision = exchange.build(
        exchange.DECISION_SCHEMA,
        {
            "dossier_ref": "x",
            "number": "1",
            "date": "2026-01-01",
            "award_type_code": "X",
            "year": 2025,
            "lines": [{"ref": "r", "name": "n", "passed": True}],
        },
    )
    assert refused(decision) == ("other_schema", {"found": exchange.DECISION_SCHEMA})


def test_another_version():
    body = dict(DOSSIER, schema=exchange.DOSSIER_SCHEMA, version=2)
    assert refused(zip_of("dossier.json", json.dumps(body))) == (
        "version",
        {"found": "2", "expected": 1},
    )


def test_damaged_json_and_missing_keys():
    assert refused(zip_of("dossier.json", "{not json"))[0] == "bad_json"
    assert refused(zip_of("other.json", "{}"))[0] == "no_document"
    body = {k: v for k, v in DOSSIER.items() if k != "sender"}
    content = exchange.build(exchange.DOSSIER_SCHEMA, body)
    assert refused(content) == ("missing", {"key": "sender"})
    body = dict(DOSSIER, lines=[{"ref": "r", "recipient_type": "individual"}])
    content = exchange.build(exchange.DOSSIER_SCHEMA, body)
    assert refused(content) == ("missing", {"key": "lines[1].name"})
    content = exchange.build(exchange.DOSSIER_SCHEMA, dict(DOSSIER, lines=[]))
    assert refused(content) == ("missing", {"key": "lines"})
