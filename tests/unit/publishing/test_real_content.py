"""The portal's own content passes every content check, in every language."""

import datetime as dt

import pytest

from portal.publishing import checks
from portal.publishing.content import ContentLibrary, token_values
from portal.publishing.statutory import OFFERS


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return ContentLibrary.load(values=token_values())


def test_content_passes_every_check(library: ContentLibrary) -> None:
    problems = checks.check_library(library, today=dt.date.today())
    assert [str(p) for p in problems] == []


def test_every_required_page_exists(library: ContentLibrary) -> None:
    expected = {
        "kinship",
        "care-leavers",
        "parents",
        "parents/family-help",
        "parents/worried-about-a-child",
        "parents/child-protection",
        "parents/family-group-decision-making",
        "parents/pre-proceedings",
        "parents/your-rights",
        "parents/domestic-abuse",
        "accessibility",
        "privacy",
        "cookies",
    }
    assert expected <= set(library.english())


@pytest.mark.parametrize("offer", sorted(OFFERS))
def test_each_offer_is_published_in_english_arabic_and_polish(library, offer: str) -> None:
    for lang in ("en", "ar", "pl"):
        page = library.pages[lang][offer]
        assert page.offer == offer
        assert checks.check_statutory(page) == []


def test_sensitive_pages_are_marked(library: ContentLibrary) -> None:
    english = library.english()
    for slug in ("parents/child-protection", "parents/domestic-abuse"):
        assert english[slug].sensitive
    assert library.snippet("cover-your-tracks", "en") is not None


def test_no_token_is_left_unfilled(library: ContentLibrary) -> None:
    for pages in library.pages.values():
        for page in pages.values():
            assert "[[" not in page.rendered.html, page.file


def test_kinship_checker_on_the_published_rules(library: ContentLibrary) -> None:
    from portal.publishing.eligibility import check_kinship

    rules = library.english()["kinship"].sections
    informal = check_kinship(rules, "family-arranged", "none", 1)
    assert "help-for-informal-carers" in [rules[k]["heading"] for k in informal.sections]
    assert "fostering-allowance" not in informal.sections
    assert "free-childcare" in informal.sections
    guardian = check_kinship(rules, "court-decided", "special-guardianship", 10)
    assert {"special-guardianship-allowance", "therapy-fund", "school-places"} <= set(
        guardian.sections
    )
    assert "free-childcare" not in guardian.sections


def test_care_leaver_checker_on_the_published_rules(library: ContentLibrary) -> None:
    from portal.publishing.eligibility import check_care_leaver

    rules = library.english()["care-leavers"].sections
    at_nineteen = check_care_leaver(rules, 19, "13-weeks-or-more", False)
    assert {"staying-put", "council-tax", "personal-adviser", "university-bursary"} <= set(
        at_nineteen.sections
    )
    at_sixteen = check_care_leaver(rules, 16, "13-weeks-or-more", True)
    assert "council-tax" not in at_sixteen.sections
    assert "personal-adviser" in at_sixteen.sections


def test_translations_keep_the_english_heading_ids(library: ContentLibrary) -> None:
    for lang in ("ar", "pl"):
        for slug in ("kinship", "care-leavers"):
            assert library.pages[lang][slug].heading_ids() == library.english()[slug].heading_ids()
