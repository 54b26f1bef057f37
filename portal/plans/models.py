"""Families, their one plan, its versions and comments.

Which accounts belong to a family, and how they get in, is in portal.accounts.models.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.audit import utcnow
from portal.core.enums import stored_as_text
from portal.core.ids import new_public_id
from portal.extensions import Model

if TYPE_CHECKING:
    from portal.accounts.models import Account, Team

PERSON_KINDS = ("child", "parent", "carer", "network")
COMMENT_KINDS = ("view", "disagree")


class Family(Model):
    """A family with a plan: who leads their help, their language, the team that holds them."""

    __tablename__ = "families"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    name: Mapped[str] = mapped_column(String(200))
    preferred_language: Mapped[str] = mapped_column(String(10), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    lead_practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    lcpp_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    people: Mapped[list[Person]] = relationship(
        back_populates="family", order_by="Person.id", cascade="all, delete-orphan"
    )
    plan: Mapped[Plan | None] = relationship(back_populates="family", uselist=False)
    lead_practitioner: Mapped[Account | None] = relationship(
        "Account", foreign_keys=[lead_practitioner_id]
    )
    lcpp: Mapped[Account | None] = relationship("Account", foreign_keys=[lcpp_id])
    team: Mapped[Team | None] = relationship("Team")


class Person(Model):
    """Someone in the family: a child, parent, carer or family network member."""

    __tablename__ = "family_people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    date_of_birth: Mapped[date | None] = mapped_column(Date)

    family: Mapped[Family] = relationship(back_populates="people")


class Plan(Model):
    """The family's one plan; it stays the same plan as its versions and level change."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    family: Mapped[Family] = relationship(back_populates="plan")
    versions: Mapped[list[PlanVersion]] = relationship(
        back_populates="plan", order_by="PlanVersion.number"
    )


class PlanVersionStatus(StrEnum):
    """Where a plan version is: written by staff, or shown to the family and never changed.

    The values are the strings stored in ``plan_versions.status``.
    """

    DRAFT = "draft"
    PUBLISHED = "published"


class PlanVersion(Model):
    """One numbered version of a plan: a draft until published, then never changed."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number", name="uq_plan_versions_plan_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[PlanVersionStatus] = mapped_column(
        stored_as_text(PlanVersionStatus, 12), default=PlanVersionStatus.DRAFT
    )
    body: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change_note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    plan: Mapped[Plan] = relationship(back_populates="versions")
    published_by: Mapped[Account | None] = relationship("Account", foreign_keys=[published_by_id])

    @property
    def is_published(self) -> bool:
        """True once the family can see it; from then on it cannot change."""
        return self.status == PlanVersionStatus.PUBLISHED


class PublishedVersionImmutable(RuntimeError):
    """Raised when code tries to change a version that has been published."""


@event.listens_for(PlanVersion, "before_update")
def _refuse_changes_to_published(mapper: Any, connection: Any, target: PlanVersion) -> None:
    # The service refuses first; this guard makes sure no other path can slip through.
    status = inspect(target).attrs.status.history
    published = PlanVersionStatus.PUBLISHED
    was_published = (status.deleted and status.deleted[0] == published) or (
        not status.has_changes() and target.status == published
    )
    if was_published:
        raise PublishedVersionImmutable(f"plan version {target.public_id} is published")


class PlanComment(Model):
    """A family member's view on the plan, or "I don't agree", and the practitioner's answer."""

    __tablename__ = "plan_comments"
    __table_args__ = (
        UniqueConstraint(
            "author_id", "submission_key", name="uq_plan_comments_author_id_submission_key"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    kind: Mapped[str] = mapped_column(String(12), default="view")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The one-time key of the form it came from: the same form sent twice stores one comment.
    submission_key: Mapped[str | None] = mapped_column(String(64))

    author: Mapped[Account] = relationship("Account", foreign_keys=[author_id])
    replied_by: Mapped[Account | None] = relationship("Account", foreign_keys=[replied_by_id])
    version: Mapped[PlanVersion | None] = relationship("PlanVersion")
