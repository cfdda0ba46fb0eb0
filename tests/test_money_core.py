"""The reward money's arithmetic (lib/money.py, plain Python): coefficient × base salary in force
on the decision's date, rounded up to the ten thousand đồng."""

import ast
import datetime
import importlib.util
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "emulation_exemplar" / "lib" / "money.py"
_spec = importlib.util.spec_from_file_location("exemplar_money", PATH)
money = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(money)

D = datetime.date
SALARIES = money.BaseSalaries([(D(2024, 7, 1), 2340000, 10000), (D(2023, 7, 1), 1800000, 10000)])


def test_rounded_up_to_the_ten_thousand():
    assert money.reward_amount(1.0, 2340000) == 2340000
    # 0.3 × 2,340,000 = 702,000 exactly: up to 710,000 (not 700,000, not 702,000)
    assert money.reward_amount(0.3, 2340000) == 710000
    # 0.8 × 2,340,000 = 1,872,000: up to 1,880,000
    assert money.reward_amount(0.8, 2340000) == 1880000
    assert money.reward_amount(1.5, 2340000) == 3510000
    assert money.reward_amount(4.5, 2340000) == 10530000
    # exact multiples stay as they are; a step of 1 đồng does not round
    assert money.reward_amount(0.3, 2340000, rounding=1000) == 702000
    assert money.reward_amount(0.3, 2340001, rounding=1) == 702001
    assert money.reward_amount(0, 2340000) == 0
    assert money.reward_amount(1.0, 0) == 0


def test_the_base_salary_in_force_on_the_date():
    assert SALARIES.in_force(D(2023, 6, 30)) is None
    assert SALARIES.in_force(D(2023, 7, 1))[1] == 1800000
    assert SALARIES.in_force(D(2024, 6, 30))[1] == 1800000
    assert SALARIES.in_force(D(2024, 7, 1))[1] == 2340000
    assert SALARIES.in_force(datetime.datetime(2030, 1, 1, 8))[1] == 2340000
    assert SALARIES.in_force(None) is None


def test_award_reward_says_why_there_is_no_amount():
    date = D(2025, 12, 1)
    assert money.award_reward(date, 0.3, D(2025, 7, 1), SALARIES) == (0.3, 2340000, 710000, None)
    assert money.award_reward(None, 0.3, None, SALARIES)[3] == money.NO_DATE
    assert money.award_reward(date, 0.0, None, SALARIES)[3] == money.NO_COEFFICIENT
    before = money.award_reward(D(2025, 6, 30), 1.5, D(2025, 7, 1), SALARIES)
    assert before == (0.0, 0.0, 0, money.BEFORE_COEFFICIENT)
    assert money.award_reward(D(2023, 6, 30), 1.0, None, SALARIES) == (
        1.0,
        0.0,
        0,
        money.NO_BASE_SALARY,
    )


def test_standard_library_only():
    tree = ast.parse(PATH.read_text(encoding="utf-8"))
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"bisect", "datetime", "decimal"}, imported
