"""Which way each language is written."""

import pytest

from portal.core.i18n import LANGUAGES, text_direction


@pytest.mark.parametrize(
    ("code", "direction"),
    [("en", "ltr"), ("pl", "ltr"), ("ro", "ltr"), ("ur", "rtl"), ("ar", "rtl"), ("bn", "ltr")],
)
def test_direction(code: str, direction: str) -> None:
    assert text_direction(code) == direction


def test_the_six_languages_of_the_brief() -> None:
    assert set(LANGUAGES) == {"en", "pl", "ro", "ur", "ar", "bn"}


def test_unknown_languages_read_left_to_right() -> None:
    assert text_direction("xx") == "ltr"
