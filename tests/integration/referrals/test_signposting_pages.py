"""The services a referrer is shown while referring, read from the page."""

import pytest
from bs4 import BeautifulSoup

from portal.core.access import Role
from tests.integration.referrals.journey import start, walk_to_check


def shown_services(html: str) -> list[str]:
    panel = BeautifulSoup(html, "html.parser").select_one("#signposting")
    return [link.get_text(strip=True) for link in panel.select("li a")]


@pytest.mark.parametrize(
    ("needs", "not_shown", "shown"),
    [
        (["neglect", "domestic-abuse"], "Children's Front Door", "Domestic Abuse Outreach"),
        (["housing", "money"], "Eastholme Haven Refuge", "Household Support Scheme"),
    ],
)
def test_check_your_answers_suggests_services_for_the_needs_not_the_front_door_or_a_refuge(
    client, make_account, sign_in, needs, not_shown, shown
):
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    first = start(client).headers["Location"]
    check_url = walk_to_check(client, first, overrides={"needs": {"answer": needs}})
    services = shown_services(client.get(check_url).get_data(as_text=True))
    assert shown in services
    assert not_shown not in services
    assert "Family Help" not in services
