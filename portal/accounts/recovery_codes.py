"""Recovery codes: ten single-use codes for when a staff or partner authenticator app is lost.

A set is made on request and shown once; only a keyed hash of each code is kept, the same
HMAC-with-pepper scheme as every short code (``portal.accounts.codes``), so a copy of the
database alone cannot be searched. A code has 8 characters from an alphabet without look-alikes
(about 40 bits), shown as ``xxxx-xxxx`` to read aloud or print. At sign-in a code is the second
factor instead of the app's code: it counts against the same per-account throttle, and it is
spent by a conditional UPDATE, so two requests racing with one code sign in once.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime
from typing import Any, cast

from flask import current_app
from sqlalchemy import (
    CursorResult,
    DateTime,
    ForeignKey,
    Integer,
    String,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from portal.accounts.codes import hash_code
from portal.accounts.models import Account
from portal.accounts.throttle import Factor, account_attempt, record_failure, refuse_if_locked
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.extensions import Model, db

CODES_PER_SET = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/i/l: nothing to mistake when read aloud
CODE_LENGTH = 8


class RecoveryCode(Model):
    """One recovery code: its salted, keyed hash, and when it was used (never, until then)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    salt: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def _pepper() -> str:
    return str(current_app.config["SECRET_KEY"])


def normalise(typed: str) -> str | None:
    """The code someone typed, without spaces, dashes or capitals; None if it cannot be one."""
    code = "".join(ch for ch in typed.lower() if ch not in " -\t")
    if len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code):
        return code
    return None


def create_set(account: Account) -> list[str]:
    """Replace the account's recovery codes with a new set; return the codes, to show once."""
    db.session.execute(
        delete(RecoveryCode)
        .where(RecoveryCode.account_id == account.id)
        .execution_options(synchronize_session=False)
    )
    shown = []
    for _ in range(CODES_PER_SET):
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        salt = secrets.token_hex(16)
        db.session.add(
            RecoveryCode(
                account_id=account.id, code_hash=hash_code(code, salt, _pepper()), salt=salt
            )
        )
        shown.append(f"{code[:4]}-{code[4:]}")
    record_audit(account, AuditAction.ACCOUNT_RECOVERY_CODES_CREATED, "account", account.public_id)
    db.session.commit()
    return shown


def codes_left(account: Account) -> int:
    """How many of the account's recovery codes are still unused."""
    return (
        db.session.scalar(
            select(func.count(RecoveryCode.id)).where(
                RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None)
            )
        )
        or 0
    )


def confirm_recovery_code(account: Account, typed: str, address: str) -> int | None:
    """Sign in with a recovery code: the number of codes left when it is good, else None.

    Raises TooManyAttempts, before checking the code, while the account or address is locked.
    """
    attempt = account_attempt(account.public_id, address, Factor.RECOVERY_CODE)
    refuse_if_locked(attempt)
    code = normalise(typed)
    unused = db.session.scalars(
        select(RecoveryCode).where(
            RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None)
        )
    ).all()
    match = None
    if code is not None and account.totp_secret:
        for stored in unused:
            if hmac.compare_digest(hash_code(code, stored.salt, _pepper()), stored.code_hash):
                match = stored
    # Only the request whose UPDATE finds the code still unused may sign in with it.
    if match is None or not _spend(match.id):
        record_failure(attempt)  # audited there, as account.sign_in_failed
        return None
    account.last_signed_in_at = utcnow()
    record_audit(None, AuditAction.ACCOUNT_RECOVERY_CODE_USED, "account", account.public_id)
    record_audit(None, AuditAction.ACCOUNT_SIGNED_IN, "account", account.public_id)
    db.session.commit()
    return codes_left(account)


def _spend(code_id: int) -> bool:
    """Mark a code used if nobody has yet; True when this call did."""
    result = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == code_id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1
