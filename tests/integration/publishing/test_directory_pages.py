"""The service directory pages: search by need, age and area; one page per service."""

from flask.testing import FlaskClient

from portal.publishing.directory import default_directory


def names(soup) -> list[str]:
    return [a.get_text().strip() for a in soup.select(".app-service-list h2 a")]


def test_all_services_are_listed_ten_a_page(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/services"))
    total = len(default_directory().services)
    assert f"{total} services found" in soup.get_text()
    assert len(names(soup)) == 10
    page_links = soup.select(".govuk-pagination__item a")
    assert len(page_links) == (total + 9) // 10
    second = page_check(client.get(page_links[1]["href"]))
    assert set(names(second)).isdisjoint(names(soup))


def test_search_by_need_age_and_area(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/services?need=youth&age=15&area=Harbourside"))
    found = names(soup)
    assert "Youth Clubs" in found
    assert "The Beacon Drop-in" not in found  # for ages 16 to 25


def test_search_by_words(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/services?q=refuge"))
    assert names(soup) == ["Eastholme Haven Refuge"]


def test_bad_filters_get_a_message_and_keep_what_was_typed(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/services?need=nonsense&age=old&q=food"))
    summary = soup.select_one(".govuk-error-summary").get_text()
    assert "Select a need from the list" in summary
    assert "Enter an age as a whole number from 0 to 120" in summary
    assert soup.find("input", attrs={"name": "q"})["value"] == "food"
    assert soup.find("input", attrs={"name": "age"})["value"] == "old"


def test_a_service_page_shows_contacts_cost_and_places(client: FlaskClient, page_check) -> None:
    data = default_directory()
    service = next(s for s in data.services if s["name"] == "Northgate Community Pantry")
    soup = page_check(client.get(f"/services/{service['id']}"))
    text = soup.get_text()
    assert "01632 960140" in text
    assert "£4" in text
    assert "Northgate Family Hub" in text
    assert soup.find("a", href="tel:+441632960140")


def test_an_unknown_service_is_404(client: FlaskClient) -> None:
    assert client.get("/services/00000000-0000-0000-0000-000000000000").status_code == 404
