"""Shared set-up of the plain pytest suite (run without Odoo).

The addon's package imports Odoo, so the pure-Python rule core is loaded by file path and
registered as ``exemplar_rules_core``; tests then simply ``import exemplar_rules_core``.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES_CORE_PATH = ROOT / "emulation_exemplar" / "core" / "eligibility.py"
RULES_CORE_NAME = "exemplar_rules_core"


def load_rules_core():
    """The rule core module, loaded once by file path (dataclasses need it in sys.modules)."""
    module = sys.modules.get(RULES_CORE_NAME)
    if module is None:
        spec = importlib.util.spec_from_file_location(RULES_CORE_NAME, RULES_CORE_PATH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[RULES_CORE_NAME] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[RULES_CORE_NAME]
            raise
    return module


load_rules_core()


@pytest.fixture(scope="session")
def rules_core():
    return load_rules_core()
