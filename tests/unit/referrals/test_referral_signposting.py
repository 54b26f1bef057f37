"""Signposting suggests services for the needs chosen, never the referral's own destination."""

from pathlib import Path

import pytest

from portal.publishing.directory import default_directory
from portal.referrals.engine import load_conversation
from portal.referrals.signposting import signposting_services

ROOT = Path(__file__).parents[3]
CONVERSATION = load_conversation(ROOT / "content" / "conversations" / "referral.yaml")
FRONT_DOOR = "Children's Front Door"
REFUGE = "Eastholme Haven Refuge"


def suggested(*needs: str) -> list[str]:
    answers = {"needs": list(needs)}
    return [s.name for s in signposting_services(answers, CONVERSATION.not_signposted)]


def test_the_conversation_names_the_front_door_and_family_help_as_not_signposted() -> None:
    directory = default_directory()
    names = {directory.service(i)["name"] for i in CONVERSATION.not_signposted}
    assert names == {FRONT_DOOR, "Family Help"}


@pytest.mark.parametrize(
    "needs",
    [("neglect",), ("domestic-abuse",), ("exploitation",), ("neglect", "exploitation")],
)
def test_the_front_door_and_family_help_are_never_suggested(needs: tuple[str, ...]) -> None:
    found = suggested(*needs)
    assert found  # something useful is still suggested
    assert FRONT_DOOR not in found and "Family Help" not in found


@pytest.mark.parametrize("needs", [("money",), ("money", "housing"), ("housing", "money")])
def test_money_and_housing_needs_get_money_and_housing_services_not_a_refuge(
    needs: tuple[str, ...],
) -> None:
    found = suggested(*needs)
    assert REFUGE not in found
    directory = default_directory()
    by_name = {s["name"]: s for s in directory.services}
    for name in found:
        assert directory.need_codes(by_name[name])[0] in needs, name


def test_money_alone_suggests_the_three_money_services() -> None:
    assert suggested("money") == [
        "Household Support Scheme",
        "Money and Benefits Advice",
        "Northgate Community Pantry",
    ]


def test_each_need_gets_a_suggestion_before_any_gets_a_second() -> None:
    found = suggested("money", "domestic-abuse")
    assert found[:2] == ["Household Support Scheme", "Children's Recovery Groups"]
    assert len(found) == 3 and len(set(found)) == 3


def test_a_refuge_is_still_suggested_for_domestic_abuse() -> None:
    assert REFUGE in suggested("domestic-abuse")


def test_something_else_alone_suggests_nothing() -> None:
    assert suggested("other") == []
