"""Build emulation_exemplar/README.rst from the readme/*.md fragments (OCA style).

Usage: python3 tools/gen_readme.py [--check]
"""

import ast
import re
import sys
from pathlib import Path

ADDON = Path(__file__).resolve().parents[1] / "emulation_exemplar"
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def md_to_rst(text):
    text = re.sub(r"(?<!`)`([^`\n]+)`(?!`)", r"``\1``", text)
    text = re.sub(r"\*\*([^*\n]+)\*\*", r"**\1**", text)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)
    return text.strip() + "\n"


def build():
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out.append(f"|license| ``{manifest['license']}`` · version ``{manifest['version']}``")
    out += ["", ".. |license| replace:: License", ""]
    for name, heading in SECTIONS:
        path = ADDON / "readme" / name
        if not path.is_file():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out.append(md_to_rst(path.read_text(encoding="utf-8")))
    return "\n".join(out)


def main(argv):
    target = ADDON / "README.rst"
    text = build()
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            sys.stderr.write("README.rst is out of date: run python3 tools/gen_readme.py\n")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
