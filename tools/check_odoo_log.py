"""Fail when an Odoo log has a WARNING/ERROR/CRITICAL record about this module.

A record is a timestamped log line plus the lines that follow it (tracebacks, view errors).
Any ERROR or CRITICAL record fails; a WARNING fails when it names the module, one of its
models (``emulation.*``) or one of its tables (``emulation_*``).
"""

import re
import sys

HEAD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) "
)


def records(lines):
    current = None
    for line in lines:
        if HEAD.match(line):
            if current:
                yield current
            current = [line]
        elif current is not None:
            current.append(line)
        else:
            current = [line]
    if current:
        yield current


def bad_records(text, module):
    names = re.compile(rf"{re.escape(module)}|emulation[._]\w+")
    for rec in records(text.splitlines()):
        m = HEAD.match(rec[0])
        level = m.group("level") if m else None
        body = "\n".join(rec)
        if level in ("ERROR", "CRITICAL") or (level == "WARNING" and names.search(body)):
            yield body


def main(path, module):
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError as exc:
        sys.stdout.write(f"cannot read the Odoo log {path}: {exc}\n")
        return 1
    bad = list(bad_records(text, module))
    for body in bad:
        sys.stdout.write(body + "\n")
    if bad:
        sys.stdout.write(f"{len(bad)} bad log record(s) in {path}\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
