"""Dates and times as GOV.UK writes them ("2 December 2026", "2:05pm"), in London time.

Times are stored in UTC; people read them on London's clock (GMT or BST). English follows the
GOV.UK style guide; the other languages get their own month names and clock from Babel, still
day, month, year.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time
from flask import Flask
from flask_babel import get_locale, gettext

from portal.core.clock import in_london, london_today

__all__ = ["govuk_date", "govuk_datetime", "govuk_time", "in_london", "london_today"]

DATE_PATTERN = "d MMMM y"


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return in_london(value).date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def date_text(value: date | datetime | str | None, locale: str = "en") -> str:
    """2 December 2026 (2 grudnia 2026 in Polish); a moment is dated by London's clock."""
    if value is None or value == "":
        return ""
    try:
        day = _as_date(value)
    except ValueError:
        return str(value)  # not a date we can read: show it as it was written
    return format_date(day, DATE_PATTERN, locale=locale)


def time_text(moment: datetime | None, locale: str = "en") -> str:
    """2:05pm, 10am, midday or midnight in English; the language's own clock otherwise."""
    if moment is None:
        return ""
    local = in_london(moment)
    if locale.split("_")[0] != "en":
        return format_time(local, "short", locale=locale)
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def _locale() -> str:
    return str(get_locale() or "en")


def govuk_date(value: date | datetime | str | None) -> str:
    """A date in the page's language (Jinja filter `govuk_date`)."""
    return date_text(value, _locale())


def govuk_time(moment: datetime | None) -> str:
    """A time in the page's language (Jinja filter `govuk_time`)."""
    return time_text(moment, _locale())


def govuk_datetime(moment: datetime | None) -> str:
    """2 December 2026 at 2:05pm, in the page's language (Jinja filter `govuk_datetime`)."""
    if moment is None:
        return ""
    locale = _locale()
    text: str = gettext(
        "%(date)s at %(time)s", date=date_text(moment, locale), time=time_text(moment, locale)
    )
    return text


def init_dates(app: Flask) -> None:
    """The one pair of date and time filters every template uses."""
    app.jinja_env.filters.update(
        govuk_date=govuk_date, govuk_time=govuk_time, govuk_datetime=govuk_datetime
    )
