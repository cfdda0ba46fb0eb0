"""Static checks of the addon's files: they parse, and the manifest is coherent."""

import ast
import csv
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "emulation_exemplar"


def _files(*patterns):
    found = []
    for pattern in patterns:
        found += sorted(p for p in ADDON.rglob(pattern) if ".venv" not in p.parts)
    return found


def manifest():
    return ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", _files("*.xml"), ids=lambda p: str(p.relative_to(ROOT)))
def test_xml_parses(path):
    tree = etree.parse(str(path))
    assert tree.getroot().tag == "odoo", f"{path} is not an Odoo data file"


def test_there_are_data_files():
    assert len(_files("*.xml")) >= 5
    assert _files("*.csv")


@pytest.mark.parametrize("path", _files("*.csv"), ids=lambda p: str(p.relative_to(ROOT)))
def test_csv_parses(path):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows, f"{path} is empty"
    width = len(rows[0])
    bad = [i + 1 for i, row in enumerate(rows) if len(row) != width]
    assert not bad, f"{path}: rows {bad} do not have {width} columns"
    ids = [row[0] for row in rows[1:]]
    assert len(ids) == len(set(ids)), f"{path}: duplicate ids"


@pytest.mark.parametrize("path", _files("*.po", "*.pot"), ids=lambda p: str(p.relative_to(ROOT)))
def test_po_parses(path):
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 0


def test_manifest():
    data = manifest()
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["license"] in ("LGPL-3", "AGPL-3")
    assert data["depends"][0] == "hr"
    assert data["application"] is True
    for key in ("author", "website", "summary", "category"):
        assert data.get(key), key
    listed = data.get("data", []) + data.get("demo", [])
    for name in listed:
        assert (ADDON / name).is_file(), f"manifest lists a missing file: {name}"
    on_disk = {
        str(p.relative_to(ADDON))
        for p in _files("*.xml", "*.csv")
        if p.parts[len(ADDON.parts)] in ("views", "data", "security", "reports", "wizards", "demo")
    }
    assert on_disk <= set(listed), f"files not loaded by the manifest: {on_disk - set(listed)}"


def test_no_deprecated_view_syntax():
    for path in _files("*.xml"):
        text = path.read_text(encoding="utf-8")
        assert "<tree" not in text, f"{path}: use <list>, not <tree>"
        assert "attrs=" not in text and " states=" not in text, (
            f"{path}: attrs/states are gone in 17+"
        )
        assert "t-raw" not in text, f"{path}: use t-out, not t-raw"


def test_addon_layout():
    for folder in (
        "models",
        "views",
        "data",
        "security",
        "reports",
        "tests",
        "i18n",
        "static/description",
        "readme",
    ):
        assert (ADDON / folder).is_dir(), folder
    assert (ADDON / "static/description/icon.png").is_file()
    assert (ADDON / "readme/DESCRIPTION.md").is_file()


def test_readme_rst_is_generated_from_fragments():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_readme.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
