"""Organisations, teams, accounts, and the records of every way into an account.

The tables are where they always were; the models moved here from plans and referrals when
accounts took over all signing in and family membership. Links to a family are by table and
class name ("families", "Family"): accounts sits below the features and imports none of them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.codes import CodeRecord
from portal.accounts.passwords import hash_password, needs_rehash, password_matches
from portal.core.access import Role
from portal.core.audit import utcnow
from portal.core.ids import new_public_id
from portal.extensions import Model

if TYPE_CHECKING:
    from portal.plans.models import Family


def stored_utc(moment: datetime) -> datetime:
    """A stored moment as UTC: SQLite gives back naive datetimes for what was stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Organisation(Model):
    """The council, a school, a health trust, a police force, a charity."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # council, school, health, police, ...


class Team(Model):
    """A team inside an organisation, such as a Family Help locality team."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    organisation: Mapped[Organisation] = relationship()


class Account(Model):
    """Anyone who signs in: staff, partner professionals and family members.

    It answers Flask-Login's questions itself (is_authenticated, is_active, is_anonymous,
    get_id) rather than through flask_login.UserMixin, whose only other gift is equality by id.
    """

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
        """Flask-Login: a deactivated account cannot sign in or stay signed in."""
        return self.active

    @property
    def is_authenticated(self) -> bool:
        """Flask-Login: an account object is a signed-in person while it is active."""
        return self.is_active

    @property
    def is_anonymous(self) -> bool:
        """Flask-Login: an account is never the anonymous visitor."""
        return False

    @property
    def role_set(self) -> frozenset[Role]:
        """The account's roles as Role members."""
        return frozenset(Role(role) for role in self.roles or [])

    def has_role(self, role: Role) -> bool:
        """True when the account holds this role."""
        return role in self.role_set

    def set_password(self, password: str) -> None:
        """Store an argon2 hash of the password."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """True when the password matches; rehashes if argon2's parameters have moved on."""
        if not password_matches(self.password_hash, password):
            return False
        if self.password_hash and needs_rehash(self.password_hash):
            self.set_password(password)
        return True


class FamilyMember(Model):
    """Links a family account to the one family whose plan it may see.

    Plans keeps ``last_seen_version`` up to date, to show what changed since the last look.
    """

    __tablename__ = "family_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    last_seen_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    family: Mapped[Family] = relationship("Family")
    account: Mapped[Account] = relationship()


class Invitation(Model):
    """A single-use invitation for a family member; only a hash of its token is kept."""

    __tablename__ = "family_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    display_name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(10))  # "email" or "sms"
    destination: Mapped[str] = mapped_column(String(320))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    family: Mapped[Family] = relationship("Family")

    def usable(self, now: datetime) -> bool:
        """True until the invitation is accepted or runs out."""
        return self.accepted_at is None and stored_utc(self.expires_at) > now


class OneTimeCode(Model):
    """A six-digit code sent by email or text: hashed, expiring, with counted tries."""

    __tablename__ = "one_time_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))  # "confirm" or "sign-in"
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("family_invitations.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    salt: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def record(self) -> CodeRecord:
        """What the plain code checker needs to know about this code."""
        return CodeRecord(
            self.code_hash, self.salt, stored_utc(self.expires_at), self.attempts, self.used
        )


class Passkey(Model):
    """A WebAuthn credential a family member registered on their phone."""

    __tablename__ = "family_passkeys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    credential_id: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PartnerRegistration(Model):
    """A partner professional part-way through registering; becomes an Account when done."""

    __tablename__ = "partner_registrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    email: Mapped[str] = mapped_column(String(320), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    organisation_name: Mapped[str] = mapped_column(String(200))
    # The emailed code's salt and keyed hash as "salt:hash" (see portal.accounts.codes).
    code_hash: Mapped[str] = mapped_column(String(200))
    code_expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignedInSession(Model):
    """One sign-in, from its second factor until sign-out, a credential change or 12 hours.

    The cookie carries a random token; only its hash is kept here, so the table alone opens
    nothing. A cookie whose row is ended (or too old) is signed out: see portal.accounts.sessions.
    """

    __tablename__ = "signed_in_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
