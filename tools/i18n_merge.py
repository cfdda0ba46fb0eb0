"""Merge a .pot into a .po: keep existing translations, add new terms empty, drop obsolete ones.

usage: python3 tools/i18n_merge.py MODULE.pot LANG.po
"""

import sys

import polib


def merge(pot_path, po_path):
    pot = polib.pofile(pot_path)
    try:
        po = polib.pofile(po_path)
    except OSError:
        po = polib.POFile()
    old = {(e.msgctxt, e.msgid): e for e in po}
    new = polib.POFile(wrapwidth=78)
    new.metadata = po.metadata or {
        "Project-Id-Version": "Odoo Server 18.0",
        "Language": "vi",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    new.header = pot.header
    for entry in pot:
        previous = old.get((entry.msgctxt, entry.msgid))
        merged = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=previous.msgstr if previous else "",
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=[f for f in entry.flags if f != "fuzzy"],
        )
        new.append(merged)
    new.save(po_path)
    missing = sum(1 for e in new if not e.msgstr)
    sys.stdout.write(f"{po_path}: {len(new)} terms, {missing} untranslated\n")


if __name__ == "__main__":
    merge(sys.argv[1], sys.argv[2])
