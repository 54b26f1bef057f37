"""Partner registration: an allowed work email, an emailed code, a password, an authenticator.

The password is hashed by the one password hasher (``portal.accounts.passwords``); the emailed
code by the keyed hash every one-time code uses (``portal.accounts.codes`` says why). The
registration keeps the code's salt and hash together in ``code_hash`` as "salt:hash".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from enum import Enum
from typing import Literal

from flask import current_app, url_for
from flask_babel import gettext
from sqlalchemy import func, select

from portal.accounts.codes import CodeCheck, CodeRecord, check_code, issue_code, tries_left
from portal.accounts.models import Account, Organisation, PartnerRegistration, stored_utc
from portal.accounts.passwords import hash_password
from portal.accounts.throttle import Factor, other_attempt, record_failure, refuse_if_locked
from portal.accounts.totp import matching_counter, new_totp_secret
from portal.core.access import Role
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.notify import queue_email
from portal.extensions import db

CODE_LIFETIME = timedelta(minutes=30)
MIN_PASSWORD_LENGTH = 12

CodeProblem = Literal["expired", "locked", "wrong"]


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


def email_taken(email: str) -> bool:
    """True when an account already uses this email."""
    found = db.session.scalar(
        select(Account.id).where(func.lower(Account.email) == email.strip().lower())
    )
    return found is not None


def start_registration(
    email: str, name: str, organisation: str, *, locale: str
) -> PartnerRegistration:
    """A registration waiting for its emailed code, and the email that carries the code; committed.

    When the email already has an account, the email says so instead: the page looks the same
    either way, so the form does not reveal who has an account.
    """
    code, record = issue_code(utcnow(), current_app.config["SECRET_KEY"], CODE_LIFETIME)
    registration = PartnerRegistration(
        email=email.strip().lower(),
        display_name=name.strip(),
        organisation_name=organisation.strip(),
        code_hash=f"{record.salt}:{record.code_hash}",
        code_expires_at=record.expires_at,
        attempts=0,
    )
    db.session.add(registration)
    db.session.flush()
    record_audit(
        None,
        AuditAction.PARTNER_REGISTRATION_STARTED,
        "partner_registration",
        registration.public_id,
    )
    if email_taken(email):
        sign_in_url = url_for("accounts.sign_in", _external=True)
        queue_email(
            email,
            lambda: gettext("You already have an account"),
            lambda: gettext(
                "Someone tried to register with this email. You already have an account: "
                "sign in at %(url)s",
                url=sign_in_url,
            ),
            locale=locale,
        )
    else:
        confirm_url = url_for(
            "accounts.partner_confirm_email", public_id=registration.public_id, _external=True
        )
        queue_email(
            email,
            lambda: gettext("Your code to register"),
            lambda: gettext(
                "Your code is %(code)s. It works for 30 minutes. Enter it at %(url)s",
                code=code,
                url=confirm_url,
            ),
            locale=locale,
        )
    db.session.commit()
    return registration


def registration_in_progress(public_id: str) -> PartnerRegistration | None:
    """The registration with this public id, unless it has already made its account."""
    registration = db.session.scalar(
        select(PartnerRegistration).where(PartnerRegistration.public_id == public_id)
    )
    if registration is None or registration.account_id is not None:
        return None
    return registration


def _code_record(registration: PartnerRegistration) -> CodeRecord | None:
    salt, colon, code_hash = registration.code_hash.partition(":")
    if not colon:
        return None  # a code from before codes were keyed hashes: it can only be sent again
    return CodeRecord(
        code_hash,
        salt,
        stored_utc(registration.code_expires_at),
        registration.attempts,
        used=registration.confirmed_at is not None,
    )


def confirm_email(
    registration: PartnerRegistration, typed: str, address: str
) -> CodeProblem | None:
    """None once the emailed code is right; otherwise why not. Every real try is counted.

    Wrong codes also count towards a lock on the email address (however many registrations are
    started for it) and on the address they come from: TooManyAttempts while either is locked.
    """
    record = _code_record(registration)
    if record is None:
        return "expired"
    attempt = other_attempt(
        "partner_registration",
        registration.public_id,
        registration.email,
        address,
        Factor.REGISTRATION_CODE,
    )
    refuse_if_locked(attempt)
    result, after = check_code(record, typed, utcnow(), current_app.config["SECRET_KEY"])
    registration.attempts = after.attempts
    if result in (CodeCheck.WRONG, CodeCheck.TOO_MANY_TRIES):
        record_failure(attempt)
    if result in (CodeCheck.ACCEPTED, CodeCheck.ALREADY_USED):
        registration.confirmed_at = registration.confirmed_at or utcnow()
    db.session.commit()  # the try is counted, right or wrong
    if result in (CodeCheck.ACCEPTED, CodeCheck.ALREADY_USED):
        return None
    if result is CodeCheck.EXPIRED:
        return "expired"
    if result is CodeCheck.TOO_MANY_TRIES or tries_left(after) == 0:
        return "locked"
    return "wrong"


def choose_password(registration: PartnerRegistration, password: str) -> None:
    """Keep the password's hash until the account is made, and a secret for the authenticator."""
    registration.password_hash = hash_password(password)
    registration.totp_secret = registration.totp_secret or new_totp_secret()
    db.session.commit()


class Finish(Enum):
    """How an attempt to finish a registration went."""

    MADE = "made"  # the account is made: this attempt made it
    WRONG_CODE = "wrong_code"  # the authenticator code was not right: nothing changed
    ALREADY_MADE = "already_made"  # another attempt (a double click) made it a moment ago


def finish_registration(registration: PartnerRegistration, code: str) -> Finish:
    """Make the partner account once the authenticator shows a right code, and commit it.

    The registration row is locked first (SELECT ... FOR UPDATE), so of two attempts at once
    the second waits for the first, then sees the account it made and makes none: one account,
    one audit event. The code that proved the authenticator counts as used, so it cannot sign
    in a second time.
    """
    locked = db.session.scalar(
        select(PartnerRegistration)
        .where(PartnerRegistration.id == registration.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if locked is None or locked.account_id is not None:
        db.session.rollback()
        return Finish.ALREADY_MADE
    if not locked.totp_secret or not locked.password_hash:
        return Finish.WRONG_CODE
    counter = matching_counter(locked.totp_secret, code, None)
    if counter is None:
        return Finish.WRONG_CODE
    organisation = db.session.scalar(
        select(Organisation).where(
            func.lower(Organisation.name) == locked.organisation_name.lower()
        )
    )
    if organisation is None:
        organisation = Organisation(name=locked.organisation_name, kind="partner")
        db.session.add(organisation)
        db.session.flush()
    account = Account(
        kind="partner",
        email=locked.email,
        display_name=locked.display_name,
        roles=[str(Role.PARTNER)],
        organisation_id=organisation.id,
        password_hash=locked.password_hash,
        totp_secret=locked.totp_secret,
        totp_last_counter=counter,
    )
    db.session.add(account)
    db.session.flush()
    locked.account_id = account.id
    locked.password_hash = None
    record_audit(None, AuditAction.PARTNER_REGISTRATION_COMPLETED, "account", account.public_id)
    db.session.commit()
    return Finish.MADE
