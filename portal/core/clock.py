"""London's clock: stored times are UTC, but the portal's "today" is the date in London."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def in_london(moment: datetime) -> datetime:
    """A stored moment on London's clock; a naive one is taken as UTC, as SQLite gives it back."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON)


def london_today(now: datetime | None = None) -> date:
    """Today's date in London (just after midnight in summer, UTC still says yesterday)."""
    return in_london(now or datetime.now(UTC)).date()
