"""Content pages over HTTP: every page, both offers, notices, caching and reloading."""

import pytest
from flask.testing import FlaskClient

from portal.publishing.statutory import CARE_LEAVER_SECTIONS, KINSHIP_SECTIONS

PAGES = [
    "/kinship",
    "/care-leavers",
    "/parents",
    "/parents/family-help",
    "/parents/worried-about-a-child",
    "/parents/child-protection",
    "/parents/family-group-decision-making",
    "/parents/pre-proceedings",
    "/parents/your-rights",
    "/parents/domestic-abuse",
    "/accessibility",
    "/privacy",
    "/cookies",
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("lang", ["en", "ar", "pl"])
def test_every_content_page_meets_the_house_rules(
    client: FlaskClient, page_check, url: str, lang: str
) -> None:
    response = client.get(f"{url}?lang={lang}")
    assert response.status_code == 200
    soup = page_check(response, expect_lang=lang)
    assert soup.select_one(".govuk-exit-this-page")
    assert "Last reviewed" in soup.get_text() or lang != "en"
    assert "[[" not in response.get_data(as_text=True), "a site token was left unfilled"


@pytest.mark.parametrize(
    ("url", "sections", "heading_ids"),
    [
        ("/kinship", KINSHIP_SECTIONS, ["money-and-benefits", "legal-advice", "family-time"]),
        (
            "/care-leavers",
            CARE_LEAVER_SECTIONS,
            ["staying-put", "staying-close", "council-tax", "personal-adviser"],
        ),
    ],
)
def test_offers_say_who_can_get_each_section_and_link_services(
    client: FlaskClient, page_check, url: str, sections: dict, heading_ids: list[str]
) -> None:
    soup = page_check(client.get(url))
    for heading_id in heading_ids:
        assert soup.find(id=heading_id) is not None, heading_id
    boxes = soup.select(".app-offer-extra")
    assert len(boxes) >= 5
    assert all("Who can get this help" in box.get_text() for box in boxes)
    service_links = soup.select(".app-offer-extra a[href^='/services/']")
    assert service_links, "offer sections link to matching services"
    assert client.get(service_links[0]["href"]).status_code == 200


def test_kinship_offer_names_every_kind_of_carer(client: FlaskClient) -> None:
    text = client.get("/kinship").get_data(as_text=True)
    for label in (
        "Informal kinship carers",
        "Special guardians",
        "Child arrangements order holders",
        "Kinship foster carers",
    ):
        assert label in text


def test_council_details_come_from_site_settings(client: FlaskClient, app) -> None:
    text = client.get("/parents").get_data(as_text=True)
    site = app.extensions["site"]
    assert site.front_door_phone in text
    assert site.council_name in text


def test_sensitive_pages_show_how_to_cover_your_tracks(client: FlaskClient, page_check) -> None:
    for url in ("/parents/domestic-abuse", "/parents/child-protection"):
        soup = page_check(client.get(url))
        details = soup.select_one("details.govuk-details")
        assert details is not None and "Covering your tracks" in details.get_text()
    soup = page_check(client.get("/parents/family-help"))
    assert soup.select_one("details.govuk-details") is None


def test_parents_hub_lists_its_pages_in_order(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/parents"))
    links = [a["href"] for a in soup.select(".app-child-pages a")]
    assert links[:3] == [
        "/parents/family-help",
        "/parents/worried-about-a-child",
        "/parents/child-protection",
    ]
    assert len(links) == 7


def test_a_translated_offer_is_shown_in_arabic_and_marked_as_a_draft(
    client: FlaskClient, page_check
) -> None:
    soup = page_check(client.get("/kinship?lang=ar"), expect_lang="ar")
    assert soup.find("h1").get_text().strip() == "العرض المحلي لرعاية الأقارب"
    notice = soup.select_one(".govuk-inset-text")
    assert notice is not None and notice.find("a", hreflang="en")
    assert soup.select_one(".app-content[lang]") is None, "Arabic content needs no lang override"


def test_an_untranslated_page_falls_back_to_english_marked_as_english(
    client: FlaskClient, page_check
) -> None:
    soup = page_check(client.get("/parents/family-help?lang=ar"), expect_lang="ar")
    content = soup.select(".app-content")
    assert content and all(c.get("lang") == "en" and c.get("dir") == "ltr" for c in content)
    assert soup.find("h1").get_text().strip() == "What Family Help is"


def test_a_translation_of_changed_english_shows_a_notice(client: FlaskClient, edit_content) -> None:
    before = client.get("/kinship?lang=pl").get_data(as_text=True)
    assert "Angielska strona zmieniła się" not in before
    edit_content("en/kinship.md", lambda text: text.replace("We are open", "We are now open"))
    after = client.get("/kinship?lang=pl").get_data(as_text=True)
    assert "Angielska strona zmieniła się" in after
    assert "We are now open" in client.get("/kinship?lang=en").get_data(as_text=True)


def test_public_pages_can_be_revalidated_with_an_etag(client: FlaskClient) -> None:
    first = client.get("/care-leavers")
    assert first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get("/care-leavers", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


@pytest.mark.parametrize(
    "url", ["/parents/nope", "/parents/..%2Fkinship", "/snippets/cover-your-tracks"]
)
def test_unknown_pages_are_404(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_raw_html_in_content_never_reaches_the_page(client: FlaskClient, edit_content) -> None:
    edit_content(
        "en/cookies.md",
        lambda text: text + '\n<script>alert("x")</script>\n\n[bad](javascript:alert(1))\n',
    )
    html = client.get("/cookies").get_data(as_text=True)
    assert '<script>alert("x")' not in html
    assert 'href="javascript:' not in html


def test_phone_numbers_are_tel_links_isolated_left_to_right(
    client: FlaskClient, page_check
) -> None:
    soup = page_check(client.get("/kinship?lang=ar"), expect_lang="ar")
    kinship = soup.select_one('main a[href="tel:+441632960200"]')
    assert kinship is not None
    assert kinship.select_one('bdi[dir="ltr"]').get_text() == "01632 960200"
    footer = soup.select_one('footer a[href="tel:+441632960123"] bdi[dir="ltr"]')
    assert footer is not None and footer.get_text() == "01632 960 123"


def test_a_services_phone_dials_it(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/services/de516d14-2b44-5e6c-acfa-38c0c1e14915?lang=ur"))
    link = soup.select_one('.govuk-summary-list a[href^="tel:"]')
    assert link["href"].startswith("tel:+44") and " " not in link["href"]
    assert link.select_one('bdi[dir="ltr"]').get_text() == link.get_text()
