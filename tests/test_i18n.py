"""The Vietnamese translation is complete, consistent with the glossary, and keeps placeholders."""

import re
from pathlib import Path

import polib
import pytest

I18N = Path(__file__).resolve().parents[1] / "emulation_exemplar" / "i18n"
POT = I18N / "emulation_exemplar.pot"
VI = I18N / "vi.po"

# English term (as it appears in source strings) -> the Vietnamese words domain.md and the law use.
GLOSSARY = {
    r"\bexemplars?\b": "điển hình",
    r"\bkey cadres?\b": "cán bộ cốt cán",
    r"\bnon-leadership staff\b": "không giữ chức vụ lãnh đạo",
    r"\bcollectives?\b": "tập thể",
    r"\binitiatives?\b": "sáng kiến",
    r"\bcertificates? of merit\b": "bằng khen",
    r"\bgrassroots emulation soldier\b": "chiến sĩ thi đua cơ sở",
    r"\bannual (quality )?classifications?\b": "xếp loại",
    r"\bOffice–Inspectorate\b": "văn phòng – thanh tra",
    r"\bpropagation\b": "tuyên truyền",
    r"\bpreliminary review\b": "sơ kết",
    r"\bfinal review\b": "tổng kết",
    r"^Emulation & Commendation$": "thi đua – khen thưởng",
    r"^Excellent$": "hoàn thành xuất sắc nhiệm vụ",
    r"^Good$": "hoàn thành tốt nhiệm vụ",
    r"^Completed$": "hoàn thành nhiệm vụ",
    r"^Not completed$": "không hoàn thành nhiệm vụ",
    r"\bdecision number\b": "số quyết định",
    r"\bissuing authority\b": "cơ quan ban hành",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


def _entries():
    return [e for e in polib.pofile(str(VI)) if not e.obsolete]


def test_pot_and_po_exist():
    assert POT.is_file(), "export the template: tools/i18n_export"
    assert VI.is_file()


def test_every_term_is_translated():
    pot_terms = {(e.msgctxt, e.msgid) for e in polib.pofile(str(POT))}
    po = {(e.msgctxt, e.msgid): e for e in _entries()}
    missing = sorted(m for _c, m in pot_terms - set(po))
    assert not missing, f"{len(missing)} terms of the .pot are not in vi.po, e.g. {missing[:5]}"
    # a term that reads the same in Vietnamese is left empty (OCA's po-pretty-format), marked
    same = [e for e in po.values() if e.tcomment == "SAME"]
    assert all(not e.msgstr for e in same)
    assert all(
        not re.search(r"[a-z]{3,}", PLACEHOLDER.sub("", e.msgid)) or e.msgid == "ID" for e in same
    ), "only placeholder patterns and 'ID' may read the same"
    empty = [e.msgid for e in po.values() if not e.msgstr.strip() and e.tcomment != "SAME"]
    assert not empty, f"{len(empty)} empty translations, e.g. {empty[:5]}"
    fuzzy = [e.msgid for e in po.values() if "fuzzy" in e.flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy translations, e.g. {fuzzy[:5]}"


def test_placeholders_are_kept():
    bad = []
    for entry in _entries():
        if entry.tcomment == "SAME":  # empty: Odoo shows the source, placeholders and all
            continue
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            bad.append(entry.msgid)
    assert not bad, f"placeholders differ in {len(bad)} translations, e.g. {bad[:3]}"


@pytest.mark.parametrize("pattern,vietnamese", sorted(GLOSSARY.items()))
def test_glossary(pattern, vietnamese):
    regex = re.compile(pattern, re.IGNORECASE)
    checked = 0
    wrong = []
    for entry in _entries():
        if regex.search(entry.msgid):
            checked += 1
            if vietnamese not in entry.msgstr.lower():
                wrong.append((entry.msgid, entry.msgstr))
    if not checked:
        pytest.skip(f"no source string uses {pattern!r} yet")
    assert not wrong, f"{len(wrong)} translations of {pattern!r} lack {vietnamese!r}: {wrong[:3]}"
