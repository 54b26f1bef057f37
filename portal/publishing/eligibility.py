"""The "what support could I get?" checkers for the two local offers, with no Flask.

Both read the offer's own section rules (front matter `sections`: who, ages), so the checker and
the published offer cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Answers to "how did the child come to live with you?"
ARRIVALS = ("family-arranged", "council-arranged", "court-decided")
# Answers to "is there a legal order?"
ORDERS = ("none", "special-guardianship", "child-arrangements", "fostering", "not-sure")

_ORDER_TO_TYPE = {
    "special-guardianship": "special-guardian",
    "child-arrangements": "child-arrangements",
    "fostering": "kinship-foster",
}
_UNSURE_BY_ARRIVAL = {
    "family-arranged": ("informal",),
    "council-arranged": ("kinship-foster", "informal"),
    "court-decided": ("special-guardian", "child-arrangements"),
}

# Care leaver checker answers.
TIME_IN_CARE = ("13-weeks-or-more", "less-than-13-weeks", "not-sure")
KNOWN_STATUSES = ("eligible", "relevant", "former-relevant", "qualifying", "not-sure")


@dataclass(frozen=True)
class CheckResult:
    """The groups a person falls in, the offer sections that apply, and notes to show."""

    groups: tuple[str, ...]
    sections: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def _applies(rule: Mapping[str, Any], groups: tuple[str, ...], age: int | None) -> bool:
    if not set(rule.get("who") or ()).intersection(groups):
        return False
    ages: Sequence[int] | None = rule.get("ages")
    if age is not None and ages:
        low, high = ages
        return low <= age <= high
    return True


def matching_sections(
    rules: Mapping[str, Mapping[str, Any]], groups: tuple[str, ...], age: int | None
) -> tuple[str, ...]:
    """Section keys, in offer order, whose rule covers any of the groups at this age."""
    return tuple(key for key, rule in rules.items() if _applies(rule, groups, age))


def kinship_carer_types(arrival: str, order: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which kinship arrangements someone may be in, and notes explaining any doubt."""
    if arrival not in ARRIVALS or order not in ORDERS:
        raise ValueError("unknown answer")
    notes: list[str] = []
    if order in _ORDER_TO_TYPE:
        types: tuple[str, ...] = (_ORDER_TO_TYPE[order],)
    elif order == "none":
        if arrival == "council-arranged":
            # A child placed by the council may be "looked after": the carer should be assessed.
            types = ("informal", "kinship-foster")
            notes.append("ask-if-looked-after")
        elif arrival == "court-decided":
            types = ("special-guardian", "child-arrangements")
            notes.append("check-court-papers")
        else:
            types = ("informal",)
    else:
        types = _UNSURE_BY_ARRIVAL[arrival]
        notes.append("not-sure-order")
    return types, tuple(notes)


def check_kinship(
    rules: Mapping[str, Mapping[str, Any]], arrival: str, order: str, child_age: int
) -> CheckResult:
    """The Kinship Local Offer sections a carer could use."""
    if not 0 <= child_age <= 25:
        raise ValueError("child's age out of range")
    types, notes = kinship_carer_types(arrival, order)
    if child_age >= 18:
        notes = (*notes, "child-is-adult")
    return CheckResult(
        groups=types, sections=matching_sections(rules, types, child_age), notes=notes
    )


def care_leaver_status(
    age: int, time_in_care: str, still_in_care: bool
) -> tuple[str | None, tuple[str, ...]]:
    """Work out a leaving care status from age and time in care; None if not a care leaver."""
    if time_in_care not in TIME_IN_CARE:
        raise ValueError("unknown answer")
    notes: list[str] = []
    if time_in_care == "not-sure":
        notes.append("check-time-in-care")
    long_enough = time_in_care != "less-than-13-weeks"
    if age < 16 or age > 25:
        return None, tuple([*notes, "outside-age-range"])
    if long_enough:
        if age < 18:
            return ("eligible" if still_in_care else "relevant"), tuple(notes)
        return "former-relevant", tuple(notes)
    if still_in_care and age < 18:
        return None, tuple([*notes, "looked-after-child"])
    if age > 21:
        # Qualifying care leavers over 21 keep help only while in education or training.
        notes.append("qualifying-over-21")
    return "qualifying", tuple(notes)


def check_care_leaver(
    rules: Mapping[str, Mapping[str, Any]],
    age: int,
    time_in_care: str,
    still_in_care: bool,
    known_status: str = "not-sure",
) -> CheckResult:
    """The Care Leaver Local Offer sections a young person is entitled to."""
    if known_status not in KNOWN_STATUSES:
        raise ValueError("unknown answer")
    if not 0 <= age <= 120:
        raise ValueError("age out of range")
    status, notes = care_leaver_status(age, time_in_care, still_in_care)
    if known_status != "not-sure":
        if status is not None and known_status != status:
            notes = (*notes, "status-differs")
        status = known_status
    if status is None:
        return CheckResult(groups=(), sections=(), notes=notes)
    return CheckResult(
        groups=(status,), sections=matching_sections(rules, (status,), age), notes=notes
    )
