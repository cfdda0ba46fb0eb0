"""pytest plugin: select Odoo tests by Odoo's own test tags, as ``odoo --test-tags`` does.

    PYTHONPATH=tools pytest -p pytest_odoo_tags --odoo-test-tags demo ...   # the demo's tests
    PYTHONPATH=tools pytest -p pytest_odoo_tags --odoo-test-tags benchmark ...

The specification is Odoo's (``[-][tag][/module][:class][.method]``, comma-separated), read by
Odoo's ``TagsSelector``: a test runs under pytest-odoo exactly when it would run under Odoo's
runner with the same ``--test-tags`` (the at_install / post_install position aside: pytest-odoo
runs every test on the installed database). Without ``--odoo-test-tags`` nothing is deselected.
tools/test uses it so that each runner runs its part of the suite, chosen by tags rather than by
file names: a new test file or class is picked up by the part its tags say.
"""


def pytest_addoption(parser):
    parser.addoption(
        "--odoo-test-tags",
        action="store",
        default=None,
        help="run only the Odoo tests selected by these test tags (Odoo's --test-tags syntax)",
    )


def pytest_collection_modifyitems(config, items):
    spec = config.getoption("--odoo-test-tags")
    if not spec:
        return
    from odoo.tests.tag_selector import TagsSelector  # noqa: PLC0415 (Odoo is set up by now)

    selector = TagsSelector(spec)
    selected, deselected = [], []
    for item in items:
        cls = getattr(item, "cls", None)
        # an Odoo test case knows its tags, module and class; anything else is not selected
        test = cls(item.name) if cls is not None and hasattr(cls, "test_tags") else None
        (selected if test is not None and selector.check(test) else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
