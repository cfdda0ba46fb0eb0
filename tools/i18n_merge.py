"""Merge a .pot into a .po: keep existing translations, add new terms empty, drop obsolete ones.

Both files are written as OCA's ``oca-checks-po`` wants them (po-pretty-format): entries sorted
by msgid, lines wrapped at 78 columns, and no msgstr equal to its msgid. A term that reads the
same in Vietnamese (a placeholder pattern, "ID") keeps an empty msgstr with the translator
comment ``SAME``, so that it is not taken for a forgotten one.

usage: python3 tools/i18n_merge.py MODULE.pot LANG.po
"""

import sys

import polib

# translator comment of a term that reads the same in Vietnamese (its msgstr stays empty)
SAME = "SAME"


def pretty_format(path):
    """Rewrite ``path`` exactly as oca-checks-po's po-pretty-format wants it: parsed again,
    sorted by msgid, no msgstr equal to its msgid, written back by polib (78 columns)."""
    with open(path, encoding="utf-8") as fh:
        po = polib.pofile(fh.read())
    po.sort(key=lambda entry: entry.msgid)
    for entry in po:
        if entry.msgid == entry.msgstr:
            entry.msgstr = ""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(str(po))


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
    for entry in sorted(pot, key=lambda e: e.msgid):
        previous = old.get((entry.msgctxt, entry.msgid))
        msgstr = previous.msgstr if previous else ""
        tcomment = previous.tcomment if previous else ""
        if msgstr == entry.msgid:
            msgstr, tcomment = "", SAME
        merged = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=msgstr,
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=tcomment,
            flags=[f for f in entry.flags if f != "fuzzy"],
        )
        new.append(merged)
    new.save(po_path)
    pot.save(pot_path)
    for path in (po_path, pot_path):
        pretty_format(path)
    missing = sum(1 for e in new if not e.msgstr and e.tcomment != SAME)
    sys.stdout.write(f"{po_path}: {len(new)} terms, {missing} untranslated\n")


if __name__ == "__main__":
    merge(sys.argv[1], sys.argv[2])
