"""A plan's versions: drafts, publishing, what changed, and who has opened the plan.

Each function that writes records its audit event in the same transaction. Functions a view
calls commit that transaction themselves; the few building blocks that are one part of a larger
change (`save_draft`, `publish_version`) say so and leave the commit to their caller.
Families, staff reads of them and comments live in `portal.plans.families` and
`portal.plans.comments`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import overload

from flask import abort, url_for
from flask_babel import gettext
from sqlalchemy import select

from portal.accounts.models import Account, FamilyMember
from portal.core.audit import AuditAction, events_for, record_audit, utcnow
from portal.core.notify import message_locale, queue_email, queue_sms
from portal.extensions import db
from portal.plans.body import PlanBody, load_body
from portal.plans.changes import Change, changes_between
from portal.plans.models import (
    Family,
    Plan,
    PlanVersion,
    PlanVersionStatus,
    PublishedVersionImmutable,
)


@overload
def aware(moment: datetime) -> datetime: ...


@overload
def aware(moment: None) -> None: ...


def aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; treat them as the UTC they were stored as."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


# --- reading versions ------------------------------------------------------------------------


def published_versions(plan: Plan) -> list[PlanVersion]:
    """Published versions, newest first."""
    return list(
        db.session.scalars(
            select(PlanVersion)
            .where(
                PlanVersion.plan_id == plan.id,
                PlanVersion.status == PlanVersionStatus.PUBLISHED,
            )
            .order_by(PlanVersion.number.desc())
        )
    )


def current_draft(plan: Plan) -> PlanVersion | None:
    """The draft being written, if there is one."""
    return db.session.scalar(
        select(PlanVersion).where(
            PlanVersion.plan_id == plan.id, PlanVersion.status == PlanVersionStatus.DRAFT
        )
    )


def latest_published(plan: Plan) -> PlanVersion | None:
    """The version the family sees now."""
    return db.session.scalar(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan.id, PlanVersion.status == PlanVersionStatus.PUBLISHED)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )


def version_of(plan: Plan, version_public_id: str, *, published_only: bool) -> PlanVersion:
    """One version of this plan, or 404 (and 404 for drafts when only published will do)."""
    query = select(PlanVersion).where(
        PlanVersion.plan_id == plan.id, PlanVersion.public_id == version_public_id
    )
    if published_only:
        query = query.where(PlanVersion.status == PlanVersionStatus.PUBLISHED)
    version: PlanVersion | None = db.session.scalar(query)
    if version is None:
        abort(404)
    return version


def previous_published(version: PlanVersion) -> PlanVersion | None:
    """The published version before this one."""
    return db.session.scalar(
        select(PlanVersion)
        .where(
            PlanVersion.plan_id == version.plan_id,
            PlanVersion.status == PlanVersionStatus.PUBLISHED,
            PlanVersion.number < version.number,
        )
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )


def changes_in(version: PlanVersion) -> list[Change]:
    """What changed in this version compared with the published one before it."""
    before = previous_published(version)
    return changes_between(load_body(before.body) if before else None, load_body(version.body))


def changes_since(member: FamilyMember, current: PlanVersion) -> list[Change]:
    """What changed between the version this member last saw and ``current``."""
    if member.last_seen_version >= current.number:
        return []
    seen = None
    if member.last_seen_version:
        seen = db.session.scalar(
            select(PlanVersion).where(
                PlanVersion.plan_id == current.plan_id,
                PlanVersion.number == member.last_seen_version,
            )
        )
    return changes_between(load_body(seen.body) if seen else None, load_body(current.body))


def mark_seen(member: FamilyMember, version: PlanVersion) -> None:
    """Remember the newest version this member has been shown: next time says what is new."""
    member.last_seen_version = version.number
    db.session.commit()


# --- writing drafts --------------------------------------------------------------------------


def start_draft(user: Account, plan: Plan) -> PlanVersion:
    """A new draft copied from the latest published version (or the existing draft).

    The plan's row is locked first (FOR UPDATE), so of two "start a new version" clicks at once
    the second waits, then finds and returns the first one's draft instead of making another.
    """
    db.session.execute(select(Plan.id).where(Plan.id == plan.id).with_for_update())
    existing = current_draft(plan)
    if existing is not None:
        return existing
    latest = latest_published(plan)
    draft = PlanVersion(
        plan=plan,
        number=(latest.number + 1) if latest else 1,
        body=dict(latest.body) if latest else {},
        created_by_id=user.id,
    )
    db.session.add(draft)
    db.session.flush()
    record_audit(
        user, AuditAction.PLAN_DRAFT_STARTED, "plan", plan.public_id, {"number": draft.number}
    )
    db.session.commit()
    return draft


def save_draft(user: Account, version: PlanVersion, body: PlanBody) -> None:
    """Store a new body on a draft; published versions are refused. The caller commits."""
    if version.is_published:
        raise PublishedVersionImmutable(version.public_id)
    version.body = body.to_dict()
    record_audit(
        user,
        AuditAction.PLAN_DRAFT_SAVED,
        "plan",
        version.plan.public_id,
        {"number": version.number},
    )


def update_draft(user: Account, version: PlanVersion, body: PlanBody) -> None:
    """Save one change to a draft, with its audit entry."""
    save_draft(user, version, body)
    db.session.commit()


# --- publishing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Where to tell a family member about a new version."""

    channel: str
    address: str
    locale: str | None = None


class NothingToPublish(ValueError):
    """Raised when a draft has nothing written in it: a family must never get an empty plan."""


def publish_version(user: Account, version: PlanVersion, note: str) -> list[Recipient]:
    """Publish a draft with its "what changed" note; return who should be told.

    One part of `publish_and_tell`: the caller commits. The version's row is locked and read
    again first, so of two publishes at once the second waits and then finds it published.
    """
    db.session.flush()  # keep a body saved in this transaction: the refresh reads the row again
    db.session.refresh(version, with_for_update=True)
    if version.is_published:
        raise PublishedVersionImmutable(version.public_id)
    # load_body also refuses a body that does not validate.
    if load_body(version.body).says_nothing():
        raise NothingToPublish(version.public_id)
    version.change_note = note
    version.published_by_id = user.id
    version.published_at = utcnow()
    # Last: reading user.id may flush, and once a flushed row says "published" it cannot change.
    version.status = PlanVersionStatus.PUBLISHED
    record_audit(
        user, AuditAction.PLAN_PUBLISHED, "plan", version.plan.public_id, {"number": version.number}
    )
    members = db.session.scalars(
        select(Account)
        .join(FamilyMember, FamilyMember.account_id == Account.id)
        .where(FamilyMember.family_id == version.plan.family_id, Account.active.is_(True))
    )
    recipients = []
    for account in members:
        if account.mobile:
            recipients.append(Recipient("sms", account.mobile, account.locale))
        elif account.email:
            recipients.append(Recipient("email", account.email, account.locale))
    return recipients


def publish_and_tell(user: Account, family: Family, version: PlanVersion, note: str) -> bool:
    """Publish a draft and queue a message to each family member, all in one transaction.

    False when someone (or the same click, twice) published it a moment ago: nothing more is
    stored and the family is not told twice.
    """
    try:
        recipients = publish_version(user, version, note)
    except PublishedVersionImmutable:
        db.session.rollback()
        return False
    link = url_for("plans.my_plan", _external=True)

    def text() -> str:
        return str(
            gettext(
                "Your family's plan has been updated. Sign in to see what changed: %(link)s",
                link=link,
            )
        )

    for recipient in recipients:
        # Each family member's own language, else the family's preferred one.
        locale = message_locale(recipient.locale, family.preferred_language)
        if recipient.channel == "sms":
            queue_sms(recipient.address, text, locale=locale, reference="plan-published")
        else:
            queue_email(
                recipient.address,
                lambda: gettext("Your family's plan has been updated"),
                text,
                locale=locale,
                reference="plan-published",
            )
    db.session.commit()
    return True


# --- transparency ----------------------------------------------------------------------------

STAFF_READ_ACTIONS = (
    AuditAction.PLAN_VIEWED,
    AuditAction.PLAN_EDITING,
    AuditAction.PLAN_PREVIEWED,
    AuditAction.PLAN_VERSION_VIEWED,
    AuditAction.PLAN_PDF_VIEWED,
)


@dataclass(frozen=True)
class Opening:
    """One time a member of staff opened the plan: their role, team and when."""

    roles: tuple[str, ...]
    team: str | None
    at: datetime


def who_opened(plan: Plan, limit: int = 100) -> list[Opening]:
    """Staff who opened this plan, newest first."""
    events = events_for("plan", plan.public_id, STAFF_READ_ACTIONS, limit=limit)
    return [Opening(tuple(e.actor_roles), e.actor_team, aware(e.at)) for e in events]
