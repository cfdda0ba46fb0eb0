"""The conventions that split the real-Odoo suite (emulation_exemplar/tests) between the two
runners of tools/test, checked on the source:

- Odoo's runner runs every test but the demo's (tag ``demo``) and the benchmark's (tag
  ``benchmark``, not ``standard``) on a database without demo data: every test module must be
  imported by ``tests/__init__.py`` (Odoo's runner sees no other), and no test of the suite may
  use a record of the demo;
- pytest-odoo runs the ``demo`` tests on the demo database: they derive from ``DemoCase``,
  which skips them where the demo is not installed.
"""

import ast
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "emulation_exemplar"
ODOO_TESTS = ADDON / "tests"
DEFAULT_TAGS = frozenset({"standard", "at_install"})  # odoo.tests.common.MetaCase
XMLID = re.compile(r"\bemulation_exemplar\.(\w+)")


def _record_ids(folder):
    ids = set()
    for path in (ADDON / folder).glob("*.xml"):
        for node in etree.parse(str(path)).iter("record", "template", "menuitem"):
            if node.get("id"):
                ids.add(node.get("id"))
    return ids


def _test_modules():
    return sorted(ODOO_TESTS.glob("test_*.py"))


def _classes():
    """{name: (path, ClassDef)} of every class of the Odoo tests (common.py included)."""
    classes = {}
    for path in [ODOO_TESTS / "common.py", *_test_modules()]:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append((path, node))
    return classes


CLASSES = _classes()


def _lookup(name, path):
    """The class ``name`` as seen from the module ``path``: its own, else common.py's."""
    found = CLASSES.get(name, [])
    for candidate in found:
        if candidate[0] == path:
            return candidate
    for candidate in found:
        if candidate[0].name == "common.py":
            return candidate
    return found[0] if len(found) == 1 else None


def _bases(path, node):
    """The classes of the Odoo tests that ``node`` derives from, nearest first (depth first)."""
    result = []
    for base in node.bases:
        name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
        found = _lookup(name, path) if name else None
        if found:
            result.append(found)
            result.extend(_bases(*found))
    return result


def _decorator_tags(node):
    """(include, exclude) of the class's ``@tagged(...)``, or None without one."""
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and getattr(decorator.func, "id", None) == "tagged"
            and all(isinstance(arg, ast.Constant) for arg in decorator.args)
        ):
            tags = [arg.value for arg in decorator.args]
            return (
                {t for t in tags if not t.startswith("-")},
                {t[1:] for t in tags if t.startswith("-")},
            )
    return None


def _tags(path, node):
    """The class's Odoo test tags, as odoo.tests.tagged and MetaCase compute them."""
    inherited = DEFAULT_TAGS
    for base in node.bases:
        name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
        found = _lookup(name, path) if name else None
        if found and found[1].name != "DemoCase":
            inherited = _tags(*found)
            break
    decorated = _decorator_tags(node)
    if decorated is None:
        return set(inherited)
    include, exclude = decorated
    return (set(inherited) | include) - exclude


def _test_classes():
    for path in _test_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                isinstance(item, ast.FunctionDef) and item.name.startswith("test")
                for item in node.body
            ):
                yield path, node


def test_every_test_module_is_seen_by_odoos_runner():
    init = ast.parse((ODOO_TESTS / "__init__.py").read_text(encoding="utf-8"))
    imported = {
        alias.name for node in init.body if isinstance(node, ast.ImportFrom) for alias in node.names
    }
    modules = {path.stem for path in _test_modules()}
    assert modules <= imported, (
        "Odoo's runner only runs the test modules that emulation_exemplar/tests/__init__.py "
        "imports: add %s" % sorted(modules - imported)
    )


def test_the_convention_is_found():
    classes = list(_test_classes())
    assert len(classes) > 50
    demo = [node.name for path, node in classes if "demo" in _tags(path, node)]
    assert "TestDemo" in demo and "TestTours" in demo
    benchmark = [node.name for path, node in classes if "benchmark" in _tags(path, node)]
    assert benchmark
    assert _tags(*CLASSES["TestTours"][0]) == {"demo", "standard", "post_install"}


@pytest.mark.parametrize(
    "path, node", list(_test_classes()), ids=lambda value: getattr(value, "name", None)
)
def test_demo_tests_are_tagged_and_skip_without_the_demo(path, node):
    tags = _tags(path, node)
    # DemoCase first: the set-up of Odoo's test cases does not hand over to the classes after
    first = node.bases[0] if node.bases else None
    first_name = getattr(first, "id", None) or getattr(first, "attr", None)
    first_class = _lookup(first_name, path) if first_name else None
    demo_case = first_name == "DemoCase" or bool(
        first_class and any(base.name == "DemoCase" for _path, base in _bases(*first_class))
    )
    where = "%s (%s)" % (node.name, path.name)
    assert ("demo" in tags) == demo_case, (
        "%s: a test of the demo data is tagged demo and derives from DemoCase (first), which "
        "skips it on a database without the demo; any other test builds its own records" % where
    )
    demo_only = _record_ids("demo") - _record_ids("data")
    used = {
        match
        for sub in ast.walk(node)
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
        for match in XMLID.findall(sub.value)
    }
    if "demo" not in tags:
        assert not used & demo_only, (
            "%s uses records of the demo (%s): make its own, or tag it demo"
            % (where, ", ".join(sorted(used & demo_only)))
        )
    if "benchmark" in tags:
        assert "standard" not in tags, "%s: a benchmark test is tagged -standard" % where
    assert ("at_install" in tags) != ("post_install" in tags), (
        "%s is either at_install or post_install" % where
    )
