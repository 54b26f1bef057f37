"""Searching content sections and services with the SQLite FTS5 index."""

import pytest

from portal.publishing.content import ContentLibrary, token_values
from portal.publishing.directory import load_directory
from portal.publishing.search import SearchHit, SqliteSearch, documents, query_words


@pytest.fixture(scope="module")
def index() -> SqliteSearch:
    library = ContentLibrary.load(values=token_values())
    search = SqliteSearch()
    search.rebuild(documents(library, load_directory(), ["en", "ar", "pl"]))
    return search


def test_results_point_at_the_matching_section(index: SqliteSearch) -> None:
    hits = index.search("en", "staying put")
    assert hits[0].path == "/care-leavers"
    assert hits[0].section_id == "staying-put"
    assert hits[0].url == "/care-leavers#staying-put"
    assert any(matched for _, matched in hits[0].snippet_parts())


def test_words_match_as_prefixes(index: SqliteSearch) -> None:
    paths = {h.url for h in index.search("en", "guardians")}
    assert "/kinship#special-guardianship-allowance" in paths


def test_services_are_found(index: SqliteSearch) -> None:
    hits = index.search("en", "refuge")
    assert any(h.kind == "service" and h.title == "Eastholme Haven Refuge" for h in hits)


def test_search_uses_the_current_language(index: SqliteSearch) -> None:
    polish = index.search("pl", "mieszkanie")
    assert polish and polish[0].path in {"/kinship", "/care-leavers"}
    assert index.search("en", "mieszkanie") == []


def test_untranslated_pages_are_searched_in_english(index: SqliteSearch) -> None:
    hits = index.search("ar", "strategy discussion")
    assert any(h.url == "/parents/child-protection#strategy-discussion" for h in hits)


@pytest.mark.parametrize("query", ["", "   ", '"', "AND OR NOT", "*", "NEAR("])
def test_odd_queries_never_break_the_index(index: SqliteSearch, query: str) -> None:
    assert isinstance(index.search("en", query), list)


def test_query_words_drops_operators_and_punctuation() -> None:
    assert query_words('"staying" put*') == ["staying", "put"]


def test_snippet_parts_split_matches() -> None:
    hit = SearchHit("page", "/x", "", "T", "", "a \x02b\x03 c")
    assert hit.snippet_parts() == [("a ", False), ("b", True), (" c", False)]


def test_synonyms_and_corrections_reach_the_index(index: SqliteSearch) -> None:
    from portal.publishing.search_words import SearchQuery

    query = SearchQuery(typed=("respite",), used=("respite",), terms=(("respite", "short breaks"),))
    assert [h.title for h in index.search("en", query)] == ["Short Breaks for Disabled Children"]
    assert index.search("en", "respite") == []
