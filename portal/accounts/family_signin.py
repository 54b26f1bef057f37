"""Family members signing in: a password, then a code by text or email; codes for invitations.

A passkey is the other way in (``portal.accounts.passkeys``); invitations are in
``portal.accounts.invitations``. Codes are hashed as ``portal.accounts.codes`` explains.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, select, update

from portal.accounts.codes import CodeCheck, check_code, issue_code, tries_left
from portal.accounts.contacts import normalise_mobile, send_message
from portal.accounts.models import Account, Invitation, OneTimeCode
from portal.accounts.sessions import begin_session
from portal.accounts.throttle import (
    Factor,
    account_attempt,
    other_attempt,
    password_checked,
    record_failure,
    refuse_if_locked,
)
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.notify import message_locale
from portal.extensions import db

CONFIRM = "confirm"  # the code that proves an invited person holds the email or phone
SIGN_IN = "sign-in"  # the code after the password, at every sign-in
# Results that were a guess at a code (a malformed or run-out code guesses nothing).
GUESSED_WRONG = (CodeCheck.WRONG, CodeCheck.TOO_MANY_TRIES)


def send_code(
    purpose: str,
    channel: str,
    address: str,
    *,
    invitation: Invitation | None = None,
    account: Account | None = None,
) -> None:
    """Make a code, keep only its hash, and queue it by email or text."""
    # A new code replaces any earlier one for the same person and purpose.
    earlier = update(OneTimeCode).where(OneTimeCode.purpose == purpose, OneTimeCode.used.is_(False))
    earlier = earlier.where(_code_owner(invitation, account))
    db.session.execute(earlier.values(used=True))
    code, record = issue_code(utcnow(), current_app.config["SECRET_KEY"])
    db.session.add(
        OneTimeCode(
            purpose=purpose,
            invitation_id=invitation.id if invitation else None,
            account_id=account.id if account else None,
            code_hash=record.code_hash,
            salt=record.salt,
            expires_at=record.expires_at,
        )
    )
    # The person asking for a code is reading our page: their recorded language, else the page's.
    page_language = str(get_locale() or "en")
    send_message(
        channel,
        address,
        lambda: _("Your code"),
        lambda: _(
            "Your Families First code is %(code)s. It works for 10 minutes. "
            "Do not share it with anyone.",
            code=code,
        ),
        f"code-{purpose}",
        message_locale(account.locale if account else None, page_language),
    )


def verify_code(
    purpose: str,
    typed: str,
    *,
    invitation: Invitation | None = None,
    account: Account | None = None,
    now: datetime | None = None,
) -> tuple[CodeCheck, int]:
    """Check the latest code for this person; return the result and tries left."""
    query = select(OneTimeCode).where(
        OneTimeCode.purpose == purpose, _code_owner(invitation, account)
    )
    row = db.session.scalar(query.order_by(OneTimeCode.id.desc()).limit(1).with_for_update())
    if row is None:
        return CodeCheck.EXPIRED, 0
    result, after = check_code(
        row.record(), typed, now or utcnow(), current_app.config["SECRET_KEY"]
    )
    row.attempts = after.attempts
    row.used = after.used
    return result, tries_left(after)


def _code_owner(invitation: Invitation | None, account: Account | None) -> ColumnElement[bool]:
    """The condition that picks the codes of this invitation, else of this account."""
    if invitation is not None:
        return OneTimeCode.invitation_id == invitation.id
    if account is not None:
        return OneTimeCode.account_id == account.id
    raise ValueError("a code belongs to an invitation or to an account")


def send_invitation_code(invitation: Invitation) -> None:
    """Send the invited person a code to the email address or mobile they were invited at."""
    send_code(CONFIRM, invitation.channel, invitation.destination, invitation=invitation)
    db.session.commit()


def confirm_invitation(invitation: Invitation, typed: str, address: str) -> tuple[CodeCheck, int]:
    """Check the invitation's code; when right, the invitation is confirmed.

    Raises TooManyAttempts, before checking the code, while the invitation or address is locked.
    """
    attempt = other_attempt(
        "invitation", invitation.public_id, invitation.destination, address, Factor.INVITATION_CODE
    )
    refuse_if_locked(attempt)
    result, tries = verify_code(CONFIRM, typed, invitation=invitation)
    if result is CodeCheck.ACCEPTED:
        invitation.confirmed_at = utcnow()
    elif result in GUESSED_WRONG:
        record_failure(attempt)
    db.session.commit()  # the try is counted on the code, right or wrong
    return result, tries


def find_family_account(identifier: str) -> Account | None:
    """A family account by email (any case) or mobile number (spaces ignored)."""
    cleaned = identifier.strip()
    if "@" in cleaned:
        condition = func.lower(Account.email) == cleaned.lower()
    else:
        condition = Account.mobile == normalise_mobile(cleaned)
    return db.session.scalar(
        select(Account).where(condition, Account.kind == "family", Account.active.is_(True))
    )


def sign_in_channel(account: Account) -> str:
    """Where a family member's sign-in codes go: their mobile if they have one, else email."""
    return "sms" if account.mobile else "email"


def check_password_and_send_code(identifier: str, password: str, address: str) -> Account | None:
    """Step 1 of signing in: the account whose password this is, now sent a code; else None.

    Raises TooManyAttempts, before checking anything, while the account or address is locked.
    """
    account = find_family_account(identifier)
    # Checked even when no account matches: the same time spent and the same failure counted.
    if not password_checked(account, identifier, password, address) or account is None:
        return None
    destination = account.mobile or account.email or ""
    send_code(SIGN_IN, sign_in_channel(account), destination, account=account)
    db.session.commit()
    return account


def account_waiting_for_code(public_id: str | None) -> Account | None:
    """The active account that has passed step 1 of signing in, by its public id."""
    if not public_id:
        return None
    return db.session.scalar(
        select(Account).where(Account.public_id == public_id, Account.active.is_(True))
    )


def confirm_sign_in_code(account: Account, typed: str, address: str) -> tuple[CodeCheck, int]:
    """Step 2 of signing in: check the code sent after the password.

    Raises TooManyAttempts, before checking the code, while the account or address is locked.
    """
    attempt = account_attempt(account.public_id, address, Factor.SENT_CODE)
    refuse_if_locked(attempt)
    result, tries = verify_code(SIGN_IN, typed, account=account)
    if result in GUESSED_WRONG:
        record_failure(attempt)
    db.session.commit()  # the try is counted on the code, right or wrong
    return result, tries


def sign_in(account: Account) -> None:
    """Sign in a family member who has shown two factors: note it, audit it, start a fresh
    session, and commit them together."""
    account.last_signed_in_at = utcnow()
    record_audit(account, AuditAction.ACCOUNT_SIGNED_IN, "account", account.public_id)
    begin_session(account)  # commits
