"""Every read and write of plans by staff, and every write by families, goes through here.

Each function that touches family data records an audit event in the same session; the caller
commits once, so the change and its audit entry land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Account, FamilyMember
from portal.core.access import Role
from portal.core.audit import AuditEvent, record_audit, utcnow
from portal.extensions import db
from portal.plans.body import PlanBody, load_body
from portal.plans.changes import Change, changes_between
from portal.plans.models import (
    Family,
    Person,
    Plan,
    PlanComment,
    PlanVersion,
    PublishedVersionImmutable,
)

STAFF_PLAN_ROLES = (Role.LEAD_PRACTITIONER, Role.LCPP, Role.TEAM_MANAGER)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; treat them as the UTC they were stored as."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


# --- who may see what ------------------------------------------------------------------------


def _visible_families_clause(user: Account) -> Any:
    clauses = [Family.lead_practitioner_id == user.id, Family.lcpp_id == user.id]
    if user.has_role(Role.TEAM_MANAGER) and user.team_id is not None:
        clauses.append(Family.team_id == user.team_id)
    return or_(*clauses)


def families_for_staff(user: Account) -> list[Family]:
    """The families this practitioner leads, protects, or manages through their team."""
    query = (
        select(Family)
        .where(_visible_families_clause(user))
        .options(selectinload(Family.plan))
        .order_by(Family.name)
    )
    families = list(db.session.scalars(query))
    record_audit(user, "families.listed", "account", user.public_id, {"count": len(families)})
    return families


def family_for_staff(user: Account, family_public_id: str, *, action: str) -> Family:
    """One family this practitioner may see, or 404; the read is audited as ``action``."""
    family = db.session.scalar(
        select(Family).where(Family.public_id == family_public_id, _visible_families_clause(user))
    )
    if family is None:
        abort(404)
    record_audit(user, action, "family", family.public_id)
    if family.plan is not None and action.startswith("plan."):
        record_audit(user, action, "plan", family.plan.public_id)
    return family


# --- families and plans ----------------------------------------------------------------------


def create_family(
    user: Account,
    *,
    name: str,
    preferred_language: str,
    interpreter_needed: bool,
    people: list[tuple[str, str, date | None]],
) -> Family:
    """Create a family led by ``user``, with an empty plan and a first draft."""
    family = Family(
        name=name,
        preferred_language=preferred_language,
        interpreter_needed=interpreter_needed,
        team_id=user.team_id,
        lead_practitioner_id=user.id,
    )
    family.people = [Person(name=n, kind=k, date_of_birth=born) for n, k, born in people]
    plan = Plan(family=family)
    db.session.add_all([family, plan])
    lead = {"name": user.display_name, "role": "Lead practitioner", "contact": user.email or ""}
    draft = PlanVersion(
        plan=plan,
        number=1,
        body=load_body({"lead_practitioner": lead}).to_dict(),
        created_by_id=user.id,
    )
    db.session.add(draft)
    db.session.flush()
    record_audit(user, "family.created", "family", family.public_id)
    record_audit(user, "plan.created", "plan", plan.public_id)
    return family


def lcpp_accounts() -> list[Account]:
    """Staff who can lead child protection work, by name."""
    staff = db.session.scalars(
        select(Account)
        .where(Account.kind == "staff", Account.active.is_(True))
        .order_by(Account.display_name)
    )
    return [account for account in staff if account.has_role(Role.LCPP)]


def assign_lcpp(user: Account, family: Family, lcpp: Account | None) -> None:
    """Name the family's lead child protection practitioner, who can then open the plan."""
    if family.lcpp_id == (lcpp.id if lcpp else None):
        return
    family.lcpp_id = lcpp.id if lcpp else None
    record_audit(
        user,
        "family.lcpp_assigned",
        "family",
        family.public_id,
        {"lcpp": lcpp.public_id if lcpp else None},
    )


def published_versions(plan: Plan) -> list[PlanVersion]:
    """Published versions, newest first."""
    return list(
        db.session.scalars(
            select(PlanVersion)
            .where(PlanVersion.plan_id == plan.id, PlanVersion.status == "published")
            .order_by(PlanVersion.number.desc())
        )
    )


def current_draft(plan: Plan) -> PlanVersion | None:
    """The draft being written, if there is one."""
    return db.session.scalar(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id, PlanVersion.status == "draft")
    )


def latest_published(plan: Plan) -> PlanVersion | None:
    """The version the family sees now."""
    return db.session.scalar(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan.id, PlanVersion.status == "published")
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )


def version_of(plan: Plan, version_public_id: str, *, published_only: bool) -> PlanVersion:
    """One version of this plan, or 404 (and 404 for drafts when only published will do)."""
    query = select(PlanVersion).where(
        PlanVersion.plan_id == plan.id, PlanVersion.public_id == version_public_id
    )
    if published_only:
        query = query.where(PlanVersion.status == "published")
    version = db.session.scalar(query)
    if version is None:
        abort(404)
    return version


def previous_published(version: PlanVersion) -> PlanVersion | None:
    """The published version before this one."""
    return db.session.scalar(
        select(PlanVersion)
        .where(
            PlanVersion.plan_id == version.plan_id,
            PlanVersion.status == "published",
            PlanVersion.number < version.number,
        )
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )


def start_draft(user: Account, plan: Plan) -> PlanVersion:
    """A new draft copied from the latest published version (or the existing draft)."""
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
    record_audit(user, "plan.draft_started", "plan", plan.public_id, {"number": draft.number})
    return draft


def save_draft(user: Account, version: PlanVersion, body: PlanBody) -> None:
    """Store a new body on a draft; published versions are refused."""
    if version.is_published:
        raise PublishedVersionImmutable(version.public_id)
    version.body = body.to_dict()
    record_audit(
        user, "plan.draft_saved", "plan", version.plan.public_id, {"number": version.number}
    )


@dataclass(frozen=True)
class Recipient:
    """Where to tell a family member about a new version."""

    channel: str
    address: str
    locale: str | None = None


class NothingToPublish(ValueError):
    """Raised when a draft has nothing written in it: a family must never get an empty plan."""


def publish_version(user: Account, version: PlanVersion, note: str) -> list[Recipient]:
    """Publish a draft with its "what changed" note; return who should be told."""
    if version.is_published:
        raise PublishedVersionImmutable(version.public_id)
    # load_body also refuses a body that does not validate.
    if load_body(version.body).says_nothing():
        raise NothingToPublish(version.public_id)
    version.status = "published"
    version.change_note = note
    version.published_by_id = user.id
    version.published_at = utcnow()
    record_audit(user, "plan.published", "plan", version.plan.public_id, {"number": version.number})
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


# --- comments --------------------------------------------------------------------------------


def add_comment(account: Account, plan: Plan, version: PlanVersion | None, kind: str, text: str):
    """A family member adds their view or says they don't agree."""
    comment = PlanComment(
        plan_id=plan.id,
        version_id=version.id if version else None,
        author_id=account.id,
        kind=kind,
        text=text,
    )
    db.session.add(comment)
    db.session.flush()
    record_audit(account, "plan.comment_added", "plan", plan.public_id, {"kind": kind})
    return comment


def comments_on(plan: Plan) -> list[PlanComment]:
    """Every comment on the plan, newest first, with authors and repliers loaded."""
    return list(
        db.session.scalars(
            select(PlanComment)
            .where(PlanComment.plan_id == plan.id)
            .options(
                selectinload(PlanComment.author),
                selectinload(PlanComment.replied_by),
                selectinload(PlanComment.version),
            )
            .order_by(PlanComment.created_at.desc(), PlanComment.id.desc())
        )
    )


def reply_to_comment(user: Account, plan: Plan, comment_public_id: str, text: str) -> PlanComment:
    """The practitioner answers a family comment."""
    comment = db.session.scalar(
        select(PlanComment).where(
            PlanComment.plan_id == plan.id, PlanComment.public_id == comment_public_id
        )
    )
    if comment is None:
        abort(404)
    comment.reply = text
    comment.replied_by_id = user.id
    comment.replied_at = utcnow()
    record_audit(user, "plan.comment_answered", "plan", plan.public_id)
    return comment


# --- transparency ----------------------------------------------------------------------------

STAFF_READ_ACTIONS = (
    "plan.viewed",
    "plan.editing",
    "plan.previewed",
    "plan.version_viewed",
    "plan.pdf_viewed",
)


@dataclass(frozen=True)
class Opening:
    """One time a member of staff opened the plan: their role, team and when."""

    roles: tuple[str, ...]
    team: str | None
    at: datetime


def who_opened(plan: Plan, limit: int = 100) -> list[Opening]:
    """Staff who opened this plan, newest first."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.subject_type == "plan",
            AuditEvent.subject_id == plan.public_id,
            AuditEvent.action.in_(STAFF_READ_ACTIONS),
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [Opening(tuple(e.actor_roles), e.actor_team, aware(e.at)) for e in events]
