"""The home page in every language, and how the language is chosen and remembered."""

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from portal.core.i18n import LANGUAGES


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_home_page_in_each_language(client: FlaskClient, page_check, code: str) -> None:
    response = client.get(f"/?lang={code}")
    assert response.status_code == 200
    soup = page_check(response, expect_lang=code)
    assert soup.find("html")["dir"] == LANGUAGES[code].direction
    assert soup.select_one(".govuk-exit-this-page"), "public pages carry Exit this page"
    assert soup.select_one("a.govuk-skip-link[href='#main-content']")


def test_chosen_language_is_remembered_in_a_cookie(client: FlaskClient) -> None:
    client.get("/?lang=ar")
    cookie = client.get_cookie("lang")
    assert cookie is not None and cookie.value == "ar"
    assert cookie.http_only
    assert 'lang="ar"' in client.get("/").get_data(as_text=True)


def test_accept_language_is_used_when_nothing_was_chosen(client: FlaskClient) -> None:
    html = client.get("/", headers={"Accept-Language": "ro-RO,ro;q=0.9,en;q=0.5"}).get_data(
        as_text=True
    )
    assert '<html lang="ro" dir="ltr"' in html


def test_english_when_we_do_not_speak_the_language(client: FlaskClient) -> None:
    html = client.get("/", headers={"Accept-Language": "ja"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in html


def test_an_unknown_lang_parameter_is_ignored(client: FlaskClient) -> None:
    response = client.get("/?lang=xx")
    assert '<html lang="en"' in response.get_data(as_text=True)
    assert client.get_cookie("lang") is None


def test_language_switcher_links_keep_the_page(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/languages?lang=pl"))
    links = {a["hreflang"]: a["href"] for a in soup.select(".app-language-switcher a")}
    assert links["ar"].startswith("/languages?") and "lang=ar" in links["ar"]
    assert "pl" not in links, "the current language is not a link"


def test_translations_page_counts_drafted_entries(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/languages"))
    rows = soup.select("tbody tr")
    assert len(rows) == 5
    polish = next(r for r in rows if "Polski" in r.get_text())
    cells = [c.get_text(strip=True) for c in polish.find_all(["th", "td"])]
    translated, total = (int(n) for n in cells[1].split(" / "))
    assert translated == total > 50


def test_site_css_carries_the_councils_colours(client: FlaskClient) -> None:
    css = client.get("/site.css").get_data(as_text=True)
    assert "--govuk-brand-colour: #00625e" in css


def test_static_files_are_cached_for_a_year(client: FlaskClient) -> None:
    response = client.get("/static/app.css?v=abc")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_translations_page_lists_drafted_content(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/languages"))
    items = [li.get_text(" ", strip=True) for li in soup.select("main ul.govuk-list li")]
    arabic_offers = [text for text in items if "(العربية)" in text]
    assert arabic_offers, "the Arabic local offers are listed"
    assert all("not yet checked by a qualified translator" in text for text in arabic_offers)


def test_translations_page_names_each_language_in_its_own_words(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/languages").get_data(as_text=True), "html.parser")
    first_cells = [row.find(["th", "td"]) for row in soup.select("tbody tr")]
    assert [cell.get_text(strip=True) for cell in first_cells] == [
        "Polski",
        "Română",
        "اردو",
        "العربية",
        "বাংলা",
    ]
    assert first_cells[0].find("span", lang="pl").get_text() == "Polski"
