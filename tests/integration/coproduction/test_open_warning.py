"""Before a survey can open, the officer reads each thing to fix once."""

from __future__ import annotations

import pytest

from portal.core.access import Role
from tests.integration.coproduction.factories import make_open_survey

HOME = "/practitioners/have-your-say"


@pytest.fixture
def officer(app, make_account, sign_in):
    client = app.test_client()
    sign_in(client, make_account([Role.PARTICIPATION]))
    return client


def test_open_warning_shows_each_line_once(app, officer, page_check) -> None:
    public_id = make_open_survey(app, languages=["pl"], opened=False)
    page = page_check(officer.get(f"{HOME}/{public_id}"))
    warning = page.select_one(".govuk-warning-text")
    assert "Before you can open this survey:" in warning.get_text()
    lines = [li.get_text(" ", strip=True) for li in page.select(".app-problem-list li")]
    # Title and purpose both lack Polish; question 2 lacks Polish in its text and both answers.
    assert lines == [
        "Survey details (Polski): Enter the words in every language the survey uses",
        "Question 1 (Polski): Enter the words in every language the survey uses",
        "Question 2 (Polski): Enter the words in every language the survey uses",
        "Question 3 (Polski): Enter the words in every language the survey uses",
    ]
