"""Working days skip weekends and England and Wales bank holidays, counted on London's calendar."""

from datetime import UTC, date, datetime

import pytest

from portal.core.working_days import add_working_days, is_bank_holiday, is_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),  # Thursday
        (date(2026, 12, 25), False),  # Christmas Day, Friday
        (date(2026, 12, 28), False),  # Boxing Day falls on Saturday: Monday instead
        (date(2026, 12, 29), True),
        (date(2027, 3, 26), False),  # Good Friday 2027
        (date(2027, 3, 29), False),  # Easter Monday 2027
        (date(2027, 3, 30), True),
        (date(2026, 6, 6), False),  # a Saturday
        (date(2026, 11, 30), True),  # St Andrew's Day is a Scottish holiday only
    ],
)
def test_working_days_in_england_and_wales(day, working):
    assert is_working_day(day) is working


def test_bank_holidays_are_known():
    assert is_bank_holiday(date(2026, 12, 25)) and not is_bank_holiday(date(2026, 12, 24))


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Thursday 24 December 2026, 10am: Christmas, the weekend and Boxing Day (observed) skipped.
        (datetime(2026, 12, 24, 10, 0, tzinfo=UTC), 1, datetime(2026, 12, 29, 10, 0, tzinfo=UTC)),
        (datetime(2026, 12, 24, 10, 0, tzinfo=UTC), 3, datetime(2026, 12, 31, 10, 0, tzinfo=UTC)),
        # Thursday before Easter 2027: Good Friday, the weekend and Easter Monday skipped.
        (datetime(2027, 3, 25, 14, 0, tzinfo=UTC), 1, datetime(2027, 3, 30, 13, 0, tzinfo=UTC)),
        # Friday 5 June 2026, 3pm: an ordinary weekend.
        (datetime(2026, 6, 5, 15, 0, tzinfo=UTC), 1, datetime(2026, 6, 8, 15, 0, tzinfo=UTC)),
        # 23:30 UTC on Friday 5 June is 00:30 on Saturday in London: due Monday 00:30 in London,
        # which is 23:30 UTC on Sunday (counted in UTC it would have been Monday 23:30).
        (datetime(2026, 6, 5, 23, 30, tzinfo=UTC), 1, datetime(2026, 6, 7, 23, 30, tzinfo=UTC)),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_naive_times_are_taken_as_utc_and_stay_naive():
    assert add_working_days(datetime(2026, 12, 24, 10, 0), 1) == datetime(2026, 12, 29, 10, 0)
