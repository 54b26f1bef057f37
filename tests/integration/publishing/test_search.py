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
