"""Organisations, teams and accounts."""

import contextlib
import functools
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.access import Role
from portal.core.audit import utcnow
from portal.core.ids import new_public_id
from portal.extensions import db


def password_hasher() -> PasswordHasher:
    """The argon2 hasher with this app's ARGON2_* costs (strong by default; tests make it cheap)."""
    config = current_app.config
    return _hasher_with(
        config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"], config["ARGON2_PARALLELISM"]
    )


@functools.cache
def _hasher_with(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


class Organisation(db.Model):
    """The council, a school, a health trust, a police force, a charity."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # council, school, health, police, ...


class Team(db.Model):
    """A team inside an organisation, such as a Family Help locality team."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    organisation: Mapped[Organisation] = relationship()


class Account(UserMixin, db.Model):
    """Anyone who signs in: staff, partner professionals and family members."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    kind: Mapped[str] = mapped_column(String(10))  # staff, partner, family
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    mobile: Mapped[str | None] = mapped_column(String(32))
    display_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    locale: Mapped[str | None] = mapped_column(String(8))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_counter: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    team: Mapped[Team | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    def get_id(self) -> str:
        """Flask-Login keeps the public id in the session, never the row id."""
        return self.public_id

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def role_set(self) -> frozenset[Role]:
        """The account's roles as Role members."""
        return frozenset(Role(role) for role in self.roles or [])

    def has_role(self, role: Role) -> bool:
        """True when the account holds this role."""
        return role in self.role_set

    def set_password(self, password: str) -> None:
        """Store an argon2 hash of the password."""
        self.password_hash = password_hasher().hash(password)

    def check_password(self, password: str) -> bool:
        """True when the password matches; rehashes if argon2's parameters have moved on."""
        if not self.password_hash:
            return False
        hasher = password_hasher()
        try:
            hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
        return True


@functools.cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash to check against when no account matches, made with the same costs as real ones."""
    return hasher.hash("not-a-real-password")


def spend_password_check_time(password: str) -> None:
    """Do the same argon2 work as a real check, so timing does not reveal which emails exist."""
    hasher = password_hasher()
    with contextlib.suppress(VerificationError):
        hasher.verify(_dummy_hash(hasher), password)
