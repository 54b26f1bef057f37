"""The audit log: every staff read of family data and every write to it."""

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model, db


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


class AuditAction(StrEnum):
    """Every action the audit log records, as ``subject.what_happened``.

    The value is what is stored in ``audit_events.action``; the family's "who has looked at your
    plan" page and any council report read these values, so change one only with a migration
    that rewrites the stored rows.
    """

    FAMILIES_LISTED = "family.listed"
    FAMILY_VIEWED = "family.viewed"
    FAMILY_CREATED = "family.created"
    FAMILY_LCPP_ASSIGNED = "family.lcpp_assigned"
    FAMILY_MEMBER_INVITED = "family.member_invited"
    FAMILY_INVITATION_ACCEPTED = "family.invitation_accepted"
    FAMILY_PASSKEY_ADDED = "family.passkey_added"
    FAMILY_MATCHED_AT_FRONT_DOOR = "family.matched_at_front_door"
    PLAN_CREATED = "plan.created"
    PLAN_VIEWED = "plan.viewed"
    PLAN_EDITING = "plan.editing"
    PLAN_PREVIEWED = "plan.previewed"
    PLAN_VERSION_VIEWED = "plan.version_viewed"
    PLAN_PDF_VIEWED = "plan.pdf_viewed"
    PLAN_DRAFT_STARTED = "plan.draft_started"
    PLAN_DRAFT_SAVED = "plan.draft_saved"
    PLAN_PUBLISHED = "plan.published"
    PLAN_COMMENT_ADDED = "plan.comment_added"
    PLAN_COMMENT_ANSWERED = "plan.comment_answered"
    REFERRAL_STARTED = "referral.started"
    REFERRAL_ANSWER_SAVED = "referral.answer_saved"
    REFERRAL_DRAFT_DELETED = "referral.draft_deleted"
    REFERRAL_SUBMITTED = "referral.submitted"
    REFERRAL_SIGNPOSTED = "referral.signposted"
    REFERRAL_READ = "referral.read"
    REFERRAL_MESSAGE_ADDED = "referral.message_added"
    REFERRAL_DECIDED = "referral.decided"
    ACCOUNT_SIGNED_IN = "account.signed_in"
    ACCOUNT_SIGN_IN_CODE_REFUSED = "account.sign_in_code_refused"
    ACCOUNT_SIGN_IN_FAILED = "account.sign_in_failed"
    ACCOUNT_SIGN_IN_THROTTLED = "account.sign_in_throttled"
    ACCOUNT_UNLOCKED = "account.unlocked"
    ACCOUNT_RECOVERY_CODES_CREATED = "account.recovery_codes_created"
    ACCOUNT_RECOVERY_CODE_USED = "account.recovery_code_used"
    PARTNER_REGISTRATION_STARTED = "partner_registration.started"
    PARTNER_REGISTRATION_COMPLETED = "partner_registration.completed"
    SURVEY_CREATED = "survey.created"
    SURVEY_UPDATED = "survey.updated"
    SURVEY_QUESTION_ADDED = "survey.question_added"
    SURVEY_QUESTION_REMOVED = "survey.question_removed"
    SURVEY_TRANSLATED = "survey.translated"
    SURVEY_OPENED = "survey.opened"
    SURVEY_CLOSED = "survey.closed"
    SURVEY_PAPER_RESPONSE_ADDED = "survey.paper_response_added"
    SURVEY_EXPORTED = "survey.exported"
    SURVEY_RESPONSE_TAGGED = "survey.response_tagged"
    SURVEY_THEME_CREATED = "survey.theme_created"
    SURVEY_THEME_RENAMED = "survey.theme_renamed"
    SURVEY_THEMES_MERGED = "survey.themes_merged"
    SAFETY_WORDS_UPDATED = "safety_words.updated"
    YOU_SAID_WE_DID_PUBLISHED = "you_said_we_did.published"
    YOU_SAID_WE_DID_UPDATED = "you_said_we_did.updated"


class AuditEvent(Model):
    """Who did what to which record, and when. Never updated, never deleted by the app."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    actor_roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor_team: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(80), index=True)
    subject_type: Mapped[str] = mapped_column(String(60))
    subject_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    __table_args__ = (db.Index("ix_audit_events_subject", "subject_type", "subject_id"),)


def record_audit(
    actor: Any,
    action: AuditAction,
    subject_type: str,
    subject_id: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the session; the caller commits it with the change it records.

    An action that is not an AuditAction is a ValueError, so a typo never reaches the log.
    """
    action = AuditAction(action)
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    team = getattr(actor, "team", None) if signed_in else None
    event = AuditEvent(
        actor_id=actor.id if signed_in else None,
        actor_roles=sorted(str(role) for role in actor.role_set) if signed_in else [],
        actor_team=team.name if team else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=detail or {},
    )
    db.session.add(event)
    return event


def events_for(
    subject_type: str,
    subject_id: str,
    actions: Iterable[AuditAction] = (),
    limit: int | None = None,
) -> list[AuditEvent]:
    """Audit events about one record, newest first: all of them, or only these actions."""
    query = select(AuditEvent).where(
        AuditEvent.subject_type == subject_type, AuditEvent.subject_id == subject_id
    )
    if wanted := list(actions):
        query = query.where(AuditEvent.action.in_(wanted))
    query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    return list(db.session.scalars(query))
