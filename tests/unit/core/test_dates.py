"""Dates and times in GOV.UK style, on London's clock, in each language."""

from datetime import UTC, date, datetime

import pytest

from portal.core.dates import date_text, london_today, time_text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 6, 2, 13, 5, tzinfo=UTC), "2:05pm"),  # BST: 14:05 in London
        (datetime(2026, 12, 2, 14, 5, tzinfo=UTC), "2:05pm"),  # GMT
        (datetime(2026, 12, 2, 9, 0, tzinfo=UTC), "9am"),
        (datetime(2026, 6, 2, 11, 0, tzinfo=UTC), "midday"),
        (datetime(2026, 12, 2, 0, 0, tzinfo=UTC), "midnight"),
        (datetime(2026, 6, 2, 23, 0, tzinfo=UTC), "midnight"),  # BST
        (datetime(2026, 12, 2, 0, 30, tzinfo=UTC), "12:30am"),
        (datetime(2026, 6, 2, 13, 5), "2:05pm"),  # naive, as SQLite returns it: UTC
    ],
)
def test_english_times_in_govuk_style(moment, expected):
    assert time_text(moment, "en") == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (date(2026, 12, 2), "en", "2 December 2026"),
        ("2026-12-02", "en", "2 December 2026"),
        (date(2026, 12, 2), "pl", "2 grudnia 2026"),
        (date(2026, 12, 2), "ro", "2 decembrie 2026"),
        (date(2026, 12, 2), "ar", "2 ديسمبر 2026"),
        # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (BST).
        (datetime(2026, 3, 31, 23, 30, tzinfo=UTC), "en", "1 April 2026"),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "en", "31 December 2026"),  # GMT
        (None, "en", ""),
    ],
)
def test_dates_day_month_year(value, locale, expected):
    assert date_text(value, locale) == expected


def test_polish_time_uses_the_polish_clock():
    assert time_text(datetime(2026, 6, 2, 13, 5, tzinfo=UTC), "pl") == "14:05"


def test_today_is_decided_in_london():
    assert london_today(datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == date(2026, 4, 1)
    assert london_today(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == date(2026, 1, 31)
