"""Every `when` operator, driven through a test conversation's routing."""

from datetime import date
from pathlib import Path

import pytest

from portal.referrals.engine import OPERATORS, load_conversation, path
from portal.referrals.engine.rules import RuleContext, age_on, evaluate

FIXTURES = Path(__file__).parents[2] / "fixtures" / "conversations"
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def conversation():
    return load_conversation(FIXTURES / "test_operators.yaml")


def kids(*births: str) -> dict:
    people = [
        {"id": f"k{i}", "first_name": f"K{i}", "date_of_birth": b} for i, b in enumerate(births)
    ]
    return {"people": people, "done": True}


def asked(conversation, answers: dict) -> set[str]:
    return {i.key for i in path(conversation, answers, TODAY)}


@pytest.mark.parametrize(
    ("step", "answers", "expected"),
    [
        ("if_equals", {"pet": "cat"}, True),
        ("if_equals", {"pet": "dog"}, False),
        ("if_equals", {}, False),
        ("if_in", {"pet": "dog"}, True),
        ("if_in", {"pet": "no"}, False),
        ("if_any_in", {"colours": ["green", "blue"]}, True),
        ("if_any_in", {"colours": ["green"]}, False),
        ("if_any_in", {"colours": []}, False),
        ("if_count", {"colours": ["red", "green"]}, True),
        ("if_count", {"colours": ["red", "green", "blue"]}, True),
        ("if_count", {"colours": ["red"]}, False),
        ("if_age_any", {"kids": kids("2010-01-01", "2022-06-02")}, True),
        ("if_age_any", {"kids": kids("2021-06-01")}, False),  # fifth birthday is today
        ("if_age_any", {"kids": kids("2021-06-02")}, True),  # fifth birthday is tomorrow
        ("if_age_any", {"kids": {"people": [{"id": "a", "first_name": "A"}]}}, False),
        ("if_age_all", {"kids": kids("2010-01-01", "2015-06-01")}, True),
        ("if_age_all", {"kids": kids("2010-01-01", "2015-06-02")}, False),
        ("if_age_all", {}, False),
        ("if_answered", {"colours": ["red"]}, True),
        ("if_answered", {"colours": []}, False),
        ("if_not", {"pet": "cat"}, True),
        ("if_not", {"pet": "no"}, False),
        ("if_all", {"pet": "dog", "colours": ["green"]}, True),
        ("if_all", {"pet": "dog", "colours": ["red"]}, False),
        ("if_all", {"pet": "cat", "colours": ["green"]}, False),
        ("if_any", {"pet": "cat", "colours": ["green"]}, True),
        ("if_any", {"pet": "dog", "colours": []}, True),
        ("if_any", {"pet": "cat", "colours": ["red"]}, False),
    ],
)
def test_each_operator_decides_whether_a_step_is_asked(conversation, step, answers, expected):
    assert (step in asked(conversation, answers)) is expected


def test_every_operator_in_the_table_is_exercised_by_the_fixture(conversation):
    used = set()

    def walk(rule):
        used.add(rule.op)
        if rule.op in {"all", "any"}:
            for child in rule.args:
                walk(child)
        elif rule.op == "not":
            walk(rule.args)

    for step in conversation.steps:
        if step.when:
            walk(step.when)
    assert used == set(OPERATORS)


def test_rules_for_repeated_steps_hold_when_any_person_matches(conversation):
    step = conversation.step("if_equals")
    ctx = RuleContext({"pet": "cat"}, {s.id: s for s in conversation.steps}, TODAY)
    assert evaluate(step.when, ctx)


@pytest.mark.parametrize(
    ("born", "expected"),
    [("2020-06-01", 6), ("2020-06-02", 5), ("2024-02-29", 2), ("not a date", None), ("", None)],
)
def test_age_counts_whole_years(born, expected):
    assert age_on(born, TODAY) == expected
