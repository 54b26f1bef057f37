"""Front-door time limits: red in hours, amber and green in working days."""

from datetime import UTC, datetime

import pytest

from portal.referrals.urgency import Limits, Urgency, add_working_days, due_at, place_in_queue

FRIDAY_3PM = datetime(2026, 6, 5, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (FRIDAY_3PM, 1, datetime(2026, 6, 8, 15, 0, tzinfo=UTC)),  # Monday
        (FRIDAY_3PM, 3, datetime(2026, 6, 10, 15, 0, tzinfo=UTC)),  # Wednesday
        (datetime(2026, 6, 6, 10, 0, tzinfo=UTC), 1, datetime(2026, 6, 8, 10, 0, tzinfo=UTC)),
        (datetime(2026, 6, 2, 9, 0, tzinfo=UTC), 1, datetime(2026, 6, 3, 9, 0, tzinfo=UTC)),
    ],
)
def test_working_days_skip_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_each_urgency_has_its_own_limit_from_settings():
    limits = Limits(red_hours=2, amber_working_days=2, green_working_days=5)
    assert due_at(FRIDAY_3PM, Urgency.RED, limits) == datetime(2026, 6, 5, 17, 0, tzinfo=UTC)
    assert due_at(FRIDAY_3PM, Urgency.AMBER, limits) == datetime(2026, 6, 9, 15, 0, tzinfo=UTC)
    assert due_at(FRIDAY_3PM, Urgency.GREEN, limits) == datetime(2026, 6, 12, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("route", "hours_later", "urgency", "overdue"),
    [
        ("strategy-discussion", 3, Urgency.RED, False),
        ("strategy-discussion", 5, Urgency.RED, True),
        ("family-help", 24 * 3 - 1, Urgency.AMBER, False),  # Monday 2pm: due Monday 3pm
        ("family-help", 24 * 3 + 1, Urgency.AMBER, True),
        ("universal", 24 * 5, Urgency.GREEN, False),
        ("universal", 24 * 5 + 1, Urgency.GREEN, True),
        (None, 1, Urgency.AMBER, False),
    ],
)
def test_place_in_queue_marks_late_referrals(route, hours_later, urgency, overdue):
    from datetime import timedelta

    place = place_in_queue(route, FRIDAY_3PM, FRIDAY_3PM + timedelta(hours=hours_later), Limits())
    assert place.urgency is urgency
    assert place.overdue is overdue


def test_front_door_deadlines_skip_bank_holidays():
    thursday_before_christmas = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)
    limits = Limits(amber_working_days=1, green_working_days=3)
    assert due_at(thursday_before_christmas, Urgency.AMBER, limits) == datetime(
        2026, 12, 29, 10, 0, tzinfo=UTC
    )
    assert due_at(thursday_before_christmas, Urgency.GREEN, limits) == datetime(
        2026, 12, 31, 10, 0, tzinfo=UTC
    )
