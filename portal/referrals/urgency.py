"""Front-door time limits: red, amber and green, counted in hours or working days (weekends and
England and Wales bank holidays skipped)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from portal.core.working_days import add_working_days


class Urgency(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


URGENCY_FOR_ROUTE = {
    "strategy-discussion": Urgency.RED,
    "family-help": Urgency.AMBER,
    "universal": Urgency.GREEN,
}
RANK = {Urgency.RED: 0, Urgency.AMBER: 1, Urgency.GREEN: 2}


@dataclass(frozen=True)
class Limits:
    """How long the front door has for each urgency (from config)."""

    red_hours: int = 4
    amber_working_days: int = 1
    green_working_days: int = 3


def urgency_for(route: str | None) -> Urgency:
    """The urgency the triage suggestion gives; unknown routes are treated as amber."""
    return URGENCY_FOR_ROUTE.get(route or "", Urgency.AMBER)


def due_at(submitted_at: datetime, urgency: Urgency, limits: Limits) -> datetime:
    """When the front door should have decided."""
    if urgency is Urgency.RED:
        return submitted_at + timedelta(hours=limits.red_hours)
    days = limits.amber_working_days if urgency is Urgency.AMBER else limits.green_working_days
    return add_working_days(submitted_at, days)


@dataclass(frozen=True)
class QueuePlace:
    """Where a referral sits in the queue and whether it is late."""

    urgency: Urgency
    due: datetime
    overdue: bool

    def sort_key(self, submitted_at: datetime) -> tuple[int, datetime]:
        return (RANK[self.urgency], submitted_at)


def place_in_queue(
    route: str | None, submitted_at: datetime, now: datetime, limits: Limits
) -> QueuePlace:
    """The urgency, due time and lateness of one submitted referral."""
    urgency = urgency_for(route)
    due = due_at(submitted_at, urgency, limits)
    return QueuePlace(urgency, due, now > due)
