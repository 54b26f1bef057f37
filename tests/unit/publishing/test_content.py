"""Loading content pages, translations and fallbacks."""

from pathlib import Path

import pytest

from portal.publishing.content import (
    ContentLibrary,
    FrontMatterError,
    content_hash,
    slug_for,
    split_front_matter,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "content"


@pytest.fixture
def library() -> ContentLibrary:
    return ContentLibrary.load(FIXTURES, {"front_door_phone": "01632 960000"})


def test_front_matter_is_split_from_the_body() -> None:
    meta, body = split_front_matter("---\ntitle: Hi\n---\nBody\n")
    assert meta == {"title": "Hi"}
    assert body == "Body\n"


@pytest.mark.parametrize("text", ["No front matter", "---\ntitle: x\nBody", "---\n[: bad\n---\nx"])
def test_bad_front_matter_is_refused(text: str) -> None:
    with pytest.raises(FrontMatterError):
        split_front_matter(text)


@pytest.mark.parametrize(
    ("relative", "slug"),
    [("kinship.md", "kinship"), ("parents/index.md", "parents"), ("parents/a.md", "parents/a")],
)
def test_slugs_follow_the_file_path(relative: str, slug: str) -> None:
    assert slug_for(Path(relative)) == slug


def test_library_loads_languages_and_reports_unreadable_files(library: ContentLibrary) -> None:
    assert library.languages() == ["ar", "en", "pl"]
    assert "good" in library.english()
    assert [p.file.name for p in library.problems] == ["no-front-matter.md"]


def test_tokens_are_substituted_at_load(library: ContentLibrary) -> None:
    assert "01632 960000" in library.english()["good"].rendered.html


def test_missing_translation_falls_back_to_english(library: ContentLibrary) -> None:
    view = library.view("good", "ar")
    assert view is not None
    assert view.is_fallback and not view.is_stale
    assert view.page.lang == "en"


def test_current_translation_is_not_stale(library: ContentLibrary) -> None:
    view = library.view("kinship", "ar")
    assert view is not None and view.page.lang == "ar"
    assert view.page.translation_of == content_hash((FIXTURES / "en" / "kinship.md").read_text())
    assert not view.is_fallback and not view.is_stale


def test_translation_of_changed_english_is_stale(library: ContentLibrary) -> None:
    view = library.view("kinship", "pl")
    assert view is not None and view.page.lang == "pl"
    assert view.is_stale


def test_unknown_page_and_snippets_have_no_view(library: ContentLibrary) -> None:
    assert library.view("nope", "en") is None


def test_hub_children_are_in_order(library: ContentLibrary) -> None:
    assert [v.english.slug for v in library.children("parents", "en")] == ["parents/first"]


def test_reload_if_changed_picks_up_edits(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    page = tmp_path / "en" / "a.md"
    page.write_text("---\ntitle: One\n---\nx\n")
    library = ContentLibrary.load(tmp_path)
    assert library.reload_if_changed() is False
    page.write_text("---\ntitle: Two, longer\n---\nx\n")
    assert library.reload_if_changed() is True
    assert library.english()["a"].title == "Two, longer"


def test_token_values_take_site_settings_over_defaults() -> None:
    from portal.publishing.content import token_values

    values = token_values({"front_door_phone": "01632 960 555", "address": "1 High St", "x": "y"})
    assert values["front_door_phone"] == "01632 960 555"
    assert values["council_address"] == "1 High St"
    assert "x" not in values
    assert values["kinship_phone"] == "01632 960200"
