"""The audit log: every staff read of family data and every write to it."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model, db


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


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
    action: str,
    subject_type: str,
    subject_id: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the session; the caller commits it with the change it records."""
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


def events_for(subject_type: str, subject_id: str, action: str | None = None) -> list[AuditEvent]:
    """Audit events about one record, newest first."""
    query = select(AuditEvent).where(
        AuditEvent.subject_type == subject_type, AuditEvent.subject_id == subject_id
    )
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())))
