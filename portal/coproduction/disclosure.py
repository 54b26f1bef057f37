"""The small-group rule: no group of fewer than five people is ever shown on a public page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALL_GROUP_MINIMUM = 5


@dataclass(frozen=True)
class PublicCount:
    """One row as a public page may show it; count is None when it must be hidden."""

    label: str
    count: int | None

    @property
    def hidden(self) -> bool:
        """Whether the page shows "fewer than five" instead of a number."""
        return self.count is None


def public_counts(
    rows: Sequence[tuple[str, int]], *, total: int | None = None, minimum: int = SMALL_GROUP_MINIMUM
) -> list[PublicCount]:
    """Hide every count from 1 to minimum-1, and one more when a total would give it away.

    Zero is shown: nobody is identified by an empty group. When a total is published and only
    one count is hidden, that count could be worked out by subtraction, so the next smallest
    count is hidden too.
    """
    hidden = {index for index, (_, count) in enumerate(rows) if 0 < count < minimum}
    if total is not None and len(hidden) == 1:
        shown = [(count, index) for index, (_, count) in enumerate(rows) if index not in hidden]
        shown = [(count, index) for count, index in shown if count > 0]
        if shown:
            hidden.add(min(shown)[1])
    return [
        PublicCount(label, None if index in hidden else count)
        for index, (label, count) in enumerate(rows)
    ]


def may_publish_total(total: int, *, minimum: int = SMALL_GROUP_MINIMUM) -> bool:
    """Whether a survey has enough respondents for any result to appear publicly."""
    return total >= minimum


def publishable_rows(
    rows: Sequence[tuple[str, int]], *, total: int, minimum: int = SMALL_GROUP_MINIMUM
) -> list[PublicCount]:
    """The rows a public page shows: nothing at all when the whole group is too small."""
    if not may_publish_total(total, minimum=minimum):
        return []
    return public_counts(rows, total=total, minimum=minimum)
