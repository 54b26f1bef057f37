"""Working days in England and Wales: Monday to Friday, except bank holidays. No Flask here."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache

import holidays

from portal.core.clock import LONDON


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share their bank holidays (Scotland and Northern Ireland differ).
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    """True on a bank holiday in England and Wales (substitute days included)."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """True Monday to Friday, unless it is a bank holiday in England and Wales."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: datetime, days: int) -> datetime:
    """The same London clock time `days` working days later (weekends and bank holidays skipped).

    A naive `start` is taken as UTC, as SQLite gives it back; the answer has the same kind.
    """
    aware = start if start.tzinfo else start.replace(tzinfo=UTC)
    local = aware.astimezone(LONDON)
    day = local.date()
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    moment = datetime.combine(day, local.time(), tzinfo=LONDON).astimezone(start.tzinfo or UTC)
    return moment if start.tzinfo else moment.replace(tzinfo=None)
