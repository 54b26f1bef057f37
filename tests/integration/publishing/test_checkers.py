"""The eligibility checkers as GET forms over HTTP."""

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient


def test_kinship_checker_starts_empty(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/kinship/checker"))
    assert soup.find("form", method="get")
    assert soup.select_one(".govuk-error-summary") is None
    assert soup.select_one(".app-checker-result") is None


def test_kinship_checker_shows_the_sections_that_apply(client: FlaskClient, page_check) -> None:
    response = client.get(
        "/kinship/checker?arrival=court-decided&order=special-guardianship&child_age=9"
    )
    soup = page_check(response)
    result = soup.select_one(".app-checker-result")
    links = [a["href"] for a in result.select("a[href^='/kinship#']")]
    assert "/kinship#special-guardianship-allowance" in links
    assert "/kinship#therapy-fund" in links
    assert "/kinship#fostering-allowance" not in links
    assert "Special guardians" in result.get_text()
    # The answers stay in the form, so they can be changed.
    assert soup.find("input", attrs={"name": "child_age"})["value"] == "9"
    assert soup.find("input", attrs={"value": "special-guardianship"}).has_attr("checked")


def test_kinship_checker_explains_each_mistake_and_keeps_answers(
    client: FlaskClient, page_check
) -> None:
    soup = page_check(client.get("/kinship/checker?arrival=family-arranged&child_age=forty"))
    assert soup.title.get_text().startswith("Error:")
    summary = soup.select_one(".govuk-error-summary").get_text()
    assert "Select the legal order you have" in summary
    assert "Enter the child's age as a whole number from 0 to 25" in summary
    assert soup.find("input", attrs={"name": "child_age"})["value"] == "forty"
    assert soup.find("input", attrs={"value": "family-arranged"}).has_attr("checked")


def test_kinship_checker_refuses_made_up_answers(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/kinship/checker?arrival=x&order=y&child_age=3"))
    assert "Select how the child came to live with you" in soup.get_text()


def test_care_leaver_checker_shows_entitlements(client: FlaskClient, page_check) -> None:
    soup = page_check(
        client.get(
            "/care-leavers/checker?age=19&time_in_care=13-weeks-or-more&still_in_care=no"
            "&status=not-sure"
        )
    )
    links = [a["href"] for a in soup.select(".app-checker-result a")]
    assert "/care-leavers#staying-put" in links
    assert "/care-leavers#council-tax" in links
    assert "Former relevant" in soup.select_one(".app-checker-result").get_text()


def test_care_leaver_checker_notes_a_status_that_differs(client: FlaskClient, page_check) -> None:
    soup = page_check(
        client.get(
            "/care-leavers/checker?age=17&time_in_care=less-than-13-weeks&still_in_care=no"
            "&status=relevant"
        )
    )
    assert "different from what your answers suggest" in soup.get_text()


def test_care_leaver_checker_errors(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/care-leavers/checker?age=&status=eligible"))
    summary = soup.select_one(".govuk-error-summary").get_text()
    assert "Enter your age" in summary
    assert "Select how long you were in care" in summary
    assert "Select yes if you are still in care" in summary


def _soup(client: FlaskClient, url: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")


@pytest.mark.parametrize(
    ("url", "questions"),
    [
        (
            "/kinship/checker",
            ["How did the child come to live with you?", "Is there a legal order?"],
        ),
        (
            "/care-leavers/checker",
            [
                "How long were you in care after your 14th birthday?",
                "Are you still in care?",
                "Do you know your leaving care status?",
            ],
        ),
    ],
)
def test_checkers_ask_each_question_in_words(client: FlaskClient, url, questions) -> None:
    legends = [legend.get_text(strip=True) for legend in _soup(client, url).select("legend")]
    assert legends == questions


@pytest.mark.parametrize("url", ["/kinship/checker", "/care-leavers/checker"])
@pytest.mark.parametrize("query", ["?lang=pl", "?lang=en", "?utm_source=leaflet"])
def test_checkers_wait_for_answers_before_checking_them(client: FlaskClient, url, query) -> None:
    soup = _soup(client, url + query)
    assert soup.select_one(".govuk-error-summary") is None
    assert soup.select(".govuk-error-message") == []
    assert not soup.title.get_text().strip().startswith(("Error", "Błąd"))
    assert soup.select("input[checked]") == []
    assert all(not field.get("value") for field in soup.select("input[type=text]"))
