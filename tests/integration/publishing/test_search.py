"""Site search over HTTP, on SQLite (FTS5) and PostgreSQL (full text) alike."""

import pytest
from flask.testing import FlaskClient

# SQLite (FTS5) and PostgreSQL (full text) search differently.
pytestmark = pytest.mark.both_databases


def test_results_link_to_the_matching_section(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=staying+put"))
    first = soup.select_one(".app-search-results a")
    assert first["href"] == "/care-leavers#staying-put"
    assert "Care Leaver Local Offer: Staying put" in first.get_text()
    assert soup.select_one(".app-search-results mark") is not None


def test_services_are_in_the_results(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=pantry"))
    hrefs = [a["href"] for a in soup.select(".app-search-results a")]
    assert any(h.startswith("/services/") for h in hrefs)


def test_search_in_the_readers_language(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=mieszkanie&lang=pl"), expect_lang="pl")
    hrefs = [a["href"] for a in soup.select(".app-search-results a")]
    assert "/kinship#housing" in hrefs
    english = page_check(client.get("/search?q=mieszkanie&lang=en"))
    assert english.select(".app-search-results a") == []


def test_an_empty_search_asks_for_words(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q="))
    assert "Enter words to search for" in soup.select_one(".govuk-error-summary").get_text()


def test_nothing_found_says_what_to_try(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=zzzzqqq"))
    assert "0 results" in soup.get_text()


def test_the_index_follows_content_changes(client: FlaskClient, page_check, edit_content) -> None:
    before = page_check(client.get("/search?q=flibbertigibbet"))
    assert before.select(".app-search-results a") == []
    edit_content("en/cookies.md", lambda text: text + "\nA flibbertigibbet cookie.\n")
    after = page_check(client.get("/search?q=flibbertigibbet"))
    assert [a["href"] for a in after.select(".app-search-results a")] == ["/cookies#settings"]


def test_the_database_decides_the_index(app) -> None:
    from portal.extensions import db
    from portal.publishing.search import PostgresSearch, SqliteSearch
    from portal.publishing.service import search_index

    with app.test_request_context("/search?q=x"):
        index = search_index()
        if db.engine.dialect.name == "postgresql":
            assert isinstance(index, PostgresSearch)
            assert index.has_signature(app.extensions["publishing"].library.signature)
        else:
            assert isinstance(index, SqliteSearch)


def _result_titles(soup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in soup.select(".app-search-results a")]


def test_a_synonym_finds_what_the_council_calls_it(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=respite"))
    assert "Short Breaks for Disabled Children" in _result_titles(soup)
    # The reader typed a word we know, so nothing says it was changed.
    assert soup.select_one(".app-search-corrected") is None


@pytest.mark.parametrize(
    ("typed", "meant", "expected_title"),
    [
        ("kinsip", "kinship", "Kinship Support Team"),
        ("mony", "money", "Money and Benefits Advice"),
        ("kinsip allowence", "kinship allowance", "Kinship Local Offer: Fostering allowance"),
    ],
)
def test_a_typing_slip_is_corrected_and_the_page_says_so(
    client: FlaskClient, page_check, typed: str, meant: str, expected_title: str
) -> None:
    soup = page_check(client.get(f"/search?q={typed}"))
    assert any(expected_title in title for title in _result_titles(soup))
    corrected = soup.select_one(".app-search-corrected").get_text().strip()
    assert corrected == f"Showing results for “{meant}”"


def test_the_correction_is_said_in_the_readers_language(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=kinsip&lang=pl"), expect_lang="pl")
    assert soup.select(".app-search-results a")
    corrected = soup.select_one(".app-search-corrected")
    assert corrected is not None and "kinship" in corrected.get_text()


def test_nonsense_still_finds_nothing(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/search?q=xqzvbw+kinsip"))
    assert _result_titles(soup) == []
    assert "0 results" in soup.get_text()


def test_the_synonyms_file_is_content(client: FlaskClient, page_check, content_copy) -> None:
    assert _result_titles(page_check(client.get("/search?q=wibblewob"))) == []
    path = content_copy / "search" / "synonyms.yaml"
    text = path.read_text(encoding="utf-8").replace("en:\n", "en:\n  - [wibblewob, pantry]\n", 1)
    path.write_text(text, encoding="utf-8")
    titles = _result_titles(page_check(client.get("/search?q=wibblewob")))
    assert "Northgate Community Pantry" in titles
