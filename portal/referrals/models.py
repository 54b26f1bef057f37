"""Referrals, their human references, the people they name and the front-door message thread."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.core.audit import utcnow
from portal.core.enums import stored_as_text
from portal.core.ids import new_public_id
from portal.extensions import Model, db


class Status(StrEnum):
    """Where a referral is. A submitted referral's answers never change."""

    DRAFT = "draft"
    SIGNPOSTED = "signposted"  # the referrer signposted the family instead of referring
    SUBMITTED = "submitted"
    IN_REVIEW = "in-review"
    DECIDED = "decided"


class Decision(StrEnum):
    """What the front door decided."""

    ADVICE = "advice-and-signposting"
    FAMILY_HELP = "family-help"
    STRATEGY_DISCUSSION = "strategy-discussion"
    NO_FURTHER_ACTION = "no-further-action"


class Referral(Model):
    """One referral: the answers as given, and what happened to it."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    schema_id: Mapped[str] = mapped_column(String(60))
    schema_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[Status] = mapped_column(
        stored_as_text(Status, 20), default=Status.DRAFT, index=True
    )
    referrer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    triage_route: Mapped[str | None] = mapped_column(String(40))
    triage_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    decision: Mapped[Decision | None] = mapped_column(stored_as_text(Decision, 40))
    decision_reasons: Mapped[str | None] = mapped_column(Text)
    decision_note: Mapped[str | None] = mapped_column(Text)  # for the referrer, if consent allows
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    signposted_services: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    referrer: Mapped[Account] = relationship(foreign_keys=[referrer_id])
    decided_by: Mapped[Account | None] = relationship(foreign_keys=[decided_by_id])
    messages: Mapped[list[ReferralMessage]] = relationship(
        back_populates="referral", order_by="ReferralMessage.id"
    )

    @property
    def consent_given(self) -> bool:
        """True when the family knows about the referral and agreed to it."""
        return self.answers.get("consent") == "yes"


class ReferralMessage(Model):
    """A question from the front door or an answer from the referrer."""

    __tablename__ = "referral_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    from_front_door: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="messages")
    author: Mapped[Account] = relationship()


class ReferralChild(Model):
    """A child named in a submitted referral, kept for "tell it once" matching."""

    __tablename__ = "referral_children"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    first_name_key: Mapped[str] = mapped_column(String(100))
    last_name_key: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[str] = mapped_column(String(10))

    referral: Mapped[Referral] = relationship()

    __table_args__ = (db.Index("ix_referral_children_match", "last_name_key", "date_of_birth"),)


class ReferenceCounter(Model):
    """The last reference number used in each year (one row per year, updated under a lock)."""

    __tablename__ = "referral_reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
