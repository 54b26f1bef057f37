"""Partner registration logic: allowed work email, emailed code, password, authenticator."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from portal.accounts.models import Account, Organisation, password_hasher
from portal.core.access import Role
from portal.core.audit import record_audit, utcnow
from portal.extensions import db
from portal.referrals.models import PartnerRegistration

CODE_LIFETIME = timedelta(minutes=30)
MAX_CODE_ATTEMPTS = 5
MIN_PASSWORD_LENGTH = 12


def email_domain_allowed(email: str, domains: Iterable[str]) -> bool:
    """True when the email's domain is an allowed domain or a subdomain of one."""
    local, _, domain = email.strip().lower().rpartition("@")
    if not local or not domain or "." not in domain:
        return False
    return any(domain == d or domain.endswith("." + d) for d in domains)


def looks_like_email(email: str) -> bool:
    """A light check: one @, something either side, a dot in the domain, no spaces."""
    email = email.strip()
    local, at, domain = email.rpartition("@")
    return bool(at and local and "." in domain and " " not in email and len(email) <= 320)


def new_code() -> str:
    """Six random digits."""
    return f"{secrets.randbelow(1_000_000):06d}"


def start_registration(email: str, name: str, organisation: str) -> tuple[PartnerRegistration, str]:
    """A registration waiting for its emailed code; returns it and the code to send."""
    code = new_code()
    registration = PartnerRegistration(
        email=email.strip().lower(),
        display_name=name.strip(),
        organisation_name=organisation.strip(),
        code_hash=password_hasher().hash(code),
        code_expires_at=utcnow() + CODE_LIFETIME,
        attempts=0,
    )
    db.session.add(registration)
    db.session.flush()
    record_audit(
        None, "partner_registration_started", "partner_registration", registration.public_id
    )
    return registration, code


def email_taken(email: str) -> bool:
    """True when an account already uses this email."""
    found = db.session.scalar(
        select(Account.id).where(func.lower(Account.email) == email.strip().lower())
    )
    return found is not None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_code(registration: PartnerRegistration, code: str) -> str | None:
    """None when the code is right; otherwise why not ("expired", "locked" or "wrong")."""
    if registration.attempts >= MAX_CODE_ATTEMPTS:
        return "locked"
    if _aware(registration.code_expires_at) < utcnow():
        return "expired"
    registration.attempts += 1
    try:
        password_hasher().verify(registration.code_hash, "".join(code.split()))
    except (VerificationError, InvalidHashError):
        return "locked" if registration.attempts >= MAX_CODE_ATTEMPTS else "wrong"
    registration.confirmed_at = utcnow()
    return None


def finish_registration(registration: PartnerRegistration) -> Account:
    """Make the partner account from a confirmed registration with a password and TOTP."""
    organisation = db.session.scalar(
        select(Organisation).where(
            func.lower(Organisation.name) == registration.organisation_name.lower()
        )
    )
    if organisation is None:
        organisation = Organisation(name=registration.organisation_name, kind="partner")
        db.session.add(organisation)
        db.session.flush()
    account = Account(
        kind="partner",
        email=registration.email,
        display_name=registration.display_name,
        roles=[str(Role.PARTNER)],
        organisation_id=organisation.id,
        password_hash=registration.password_hash,
        totp_secret=registration.totp_secret,
    )
    db.session.add(account)
    db.session.flush()
    registration.account_id = account.id
    registration.password_hash = None
    record_audit(None, "partner_registered", "account", account.public_id)
    return account
