"""The content checks, each shown failing on a deliberately broken fixture."""

import datetime as dt
from pathlib import Path

import pytest

from portal.publishing import checks
from portal.publishing.content import ContentLibrary

FIXTURES = Path(__file__).parents[2] / "fixtures" / "content"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def problems() -> list[checks.Problem]:
    library = ContentLibrary.load(FIXTURES, {"front_door_phone": "01632 960000"})
    return checks.check_library(library, today=TODAY)


def found(problems: list[checks.Problem], where: str, check: str) -> list[str]:
    return [p.message for p in problems if p.where == where and p.check == check]


@pytest.mark.parametrize(
    "where", ["en/good", "en/parents", "en/parents/first", "en/kinship", "pl/kinship"]
)
def test_valid_pages_have_no_problems(problems, where: str) -> None:
    assert [str(p) for p in problems if p.where == where] == []


def test_a_file_without_front_matter_fails(problems) -> None:
    assert found(problems, "en/no-front-matter.md", "front-matter")


def test_missing_front_matter_fields_fail(problems) -> None:
    assert found(problems, "en/missing-fields", "front-matter") == [
        "missing 'owner'",
        "missing 'next_review_due'",
    ]


def test_a_page_past_its_review_date_fails(problems) -> None:
    assert found(problems, "en/past-review", "review-date") == ["review was due on 2020-01-10"]


def test_broken_internal_links_fail_and_outside_links_are_left_alone(problems) -> None:
    assert found(problems, "en/broken-links", "links") == [
        "broken link /no-such-page",
        "no heading #no-such-heading on /good",
    ]


def test_hard_reading_fails_the_reading_age(problems) -> None:
    messages = found(problems, "en/hard-reading", "reading-age")
    assert len(messages) == 1 and "above 6.0" in messages[0]


def test_plain_words_pass_the_reading_age() -> None:
    assert checks.reading_grade("We can help you. Call us today. We are kind.") < 3


def test_unknown_tokens_fail(problems) -> None:
    assert found(problems, "en/unknown-token", "tokens") == ["unknown token [[made_up_number]]"]


def test_an_incomplete_offer_fails_completeness(problems) -> None:
    messages = found(problems, "en/incomplete-offer", "statutory")
    assert "missing section 'legal-advice'" in messages
    assert "'practical-support' has no heading #practical-help-that-is-not-there" in messages
    assert any(m.startswith("'emotional-support' must say who") for m in messages)
    assert any(m.startswith("'peer-support' must say who") for m in messages)


def test_completeness_runs_for_translations_too(problems) -> None:
    assert found(problems, "ar/kinship", "statutory") == ["missing section 'legal-advice'"]


def test_review_date_check_uses_today() -> None:
    library = ContentLibrary.load(FIXTURES)
    page = library.english()["good"]
    assert checks.check_review_date(page, dt.date(2027, 1, 10)) == []
    assert checks.check_review_date(page, dt.date(2027, 1, 11))
