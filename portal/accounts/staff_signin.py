"""Staff and partner sign-in: password first, then an authenticator code. No Flask requests here."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.models import Account
from portal.accounts.throttle import (
    Factor,
    account_attempt,
    password_checked,
    record_failure,
    refuse_if_locked,
)
from portal.accounts.totp import matching_counter
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.extensions import db


def account_for_password(email: str, password: str, address: str) -> Account | None:
    """The active staff or partner account with this email and password, else None.

    Raises TooManyAttempts, before checking anything, while the account or address is locked.
    """
    account = db.session.scalar(
        select(Account).where(
            func.lower(Account.email) == email.strip().lower(),
            Account.kind.in_(["staff", "partner"]),
        )
    )
    active = account is not None and account.active
    # Checked even when no account matches: the same time spent and the same failure counted.
    if not password_checked(account, email, password, address, usable=active) or account is None:
        return None
    db.session.commit()  # keeps a rehashed password, if argon2 asked for one
    return account


def account_by_public_id(public_id: str | None) -> Account | None:
    """The account with this public id, or None."""
    if not public_id:
        return None
    return db.session.scalar(select(Account).where(Account.public_id == public_id))


def confirm_code(account: Account, code: str, address: str) -> bool:
    """Check the authenticator code, refusing replays; records the sign-in when good.

    Raises TooManyAttempts, before checking the code, while the account or address is locked.
    """
    if not account.totp_secret:
        return False
    attempt = account_attempt(account.public_id, address, Factor.AUTHENTICATOR)
    refuse_if_locked(attempt)
    counter = matching_counter(account.totp_secret, code, account.totp_last_counter)
    if counter is None:
        record_failure(attempt)  # audited there, as account.sign_in_failed
        return False
    account.totp_last_counter = counter
    account.last_signed_in_at = utcnow()
    record_audit(None, AuditAction.ACCOUNT_SIGNED_IN, "account", account.public_id)
    db.session.commit()
    return True
