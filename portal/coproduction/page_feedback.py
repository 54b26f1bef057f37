"""Page feedback: "Is this page useful?" answers, kept with no personal data."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import case, func, select

from portal.coproduction.models import PageFeedback
from portal.core.clock import london_today
from portal.extensions import db

MISSING_MAX_LENGTH = 1000
PATH_MAX_LENGTH = 300


def clean_page_path(target: str | None) -> str | None:
    """The path of a page on this site (no query, no fragment), or None for anything else."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path[:PATH_MAX_LENGTH]


def record_page_feedback(path: str, *, useful: bool, missing: str, locale: str) -> PageFeedback:
    """Store one answer: the page, yes or no, what was missing, the language and the date.

    Committed at once; answers are anonymous, so nothing is audited.
    """
    feedback = PageFeedback(
        page_path=path,
        useful=useful,
        missing=missing.strip()[:MISSING_MAX_LENGTH] or None,
        locale=locale,
        given_on=london_today(),
    )
    db.session.add(feedback)
    db.session.commit()
    return feedback


@dataclass(frozen=True)
class PageSummary:
    """Answers about one page."""

    path: str
    useful: int
    not_useful: int
    comments: list[PageFeedback]


def page_summaries() -> list[PageSummary]:
    """Yes and no counts per page, least useful first, with what people said was missing."""
    counts = db.session.execute(
        select(
            PageFeedback.page_path,
            func.sum(case((PageFeedback.useful.is_(True), 1), else_=0)),
            func.sum(case((PageFeedback.useful.is_(False), 1), else_=0)),
        ).group_by(PageFeedback.page_path)
    ).all()
    comments: dict[str, list[PageFeedback]] = {}
    for item in db.session.scalars(
        select(PageFeedback)
        .where(PageFeedback.missing.is_not(None))
        .order_by(PageFeedback.given_on.desc(), PageFeedback.id.desc())
    ):
        comments.setdefault(item.page_path, []).append(item)
    summaries = [
        PageSummary(path, int(yes or 0), int(no or 0), comments.get(path, []))
        for path, yes, no in counts
    ]
    return sorted(summaries, key=lambda s: (-s.not_useful, s.path))
