"""Guessing stops here: failed sign-in attempts counted per account and per address.

The rate limit on each sign-in page (Flask-Limiter) counts requests per address, per worker
when its storage is memory. It does not stop someone who spreads guesses for one account over
many addresses, or many accounts over one address across workers. This module counts *failed*
attempts in shared storage and locks what has failed too often:

- an account (or an email or mobile that matches no account, so a lock says nothing about who
  has an account; or the email a partner registration is for) after
  ``SIGN_IN_THROTTLE_ACCOUNT_FAILURES`` failures (default 5) within
  ``SIGN_IN_THROTTLE_WINDOW_MINUTES`` (15), for ``SIGN_IN_THROTTLE_LOCK_MINUTES`` (15);
- an address after ``SIGN_IN_THROTTLE_ADDRESS_FAILURES`` failures (default 20) in the same window,
  for the same time.

Every factor counts towards the same account lock: a password, an authenticator code, a code we
sent. While locked, nothing is checked at all, so the answer is the same whether the password was
right or wrong. Success does not reset the count: otherwise someone who knows a password could
sign in with it between every few guesses at the second factor.

Counts live in Redis when ``SIGN_IN_THROTTLE_STORAGE_URI`` (else a redis:// rate-limit storage)
names one, else in the ``sign_in_throttles`` table, so every worker and machine sees one count.
When Redis does not answer, the database keeps counting: sign-in never fails because of it.
Every failed and every refused attempt is audited with the address and the factor, never what
was typed.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import cast

import redis
from flask import current_app
from sqlalchemy import DateTime, Integer, String, Update, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from portal.accounts.models import Account, stored_utc
from portal.accounts.passwords import spend_password_check_time
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.database import rows_changed
from portal.extensions import Model, db

log = logging.getLogger(__name__)


class Factor(StrEnum):
    """Which proof of identity an attempt offered."""

    PASSWORD = "password"  # noqa: S105 - the name of a factor, not a password
    AUTHENTICATOR = "authenticator"
    RECOVERY_CODE = "recovery_code"
    SENT_CODE = "sent_code"
    INVITATION_CODE = "invitation_code"
    REGISTRATION_CODE = "registration_code"


class TooManyAttempts(Exception):
    """Signing in is paused for this account or this address; check nothing, say so."""


class SignInThrottle(Model):
    """Failures counted for one key ("account:..." or "address:...") and any lock it is under."""

    __tablename__ = "sign_in_throttles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Attempt:
    """One try at signing in: what it is about (for the audit log), its keys, and the factor."""

    subject_type: str
    subject_id: str
    account_key: str
    address: str
    factor: Factor

    @property
    def address_key(self) -> str:
        return f"address:{self.address}"


def _hashed(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def account_attempt(public_id: str, address: str, factor: Factor) -> Attempt:
    """An attempt at an account we found."""
    return Attempt("account", public_id, f"account:{public_id}", address, factor)


def unknown_attempt(identifier: str, address: str, factor: Factor) -> Attempt:
    """An attempt with an email or mobile that matches no account: it locks like one that does."""
    key = f"identifier:{_hashed(identifier.strip().lower())}"
    return Attempt("account", "unknown", key, address, factor)


def other_attempt(
    subject_type: str, subject_id: str, guarded: str, address: str, factor: Factor
) -> Attempt:
    """An attempt at a code for an invitation or registration; ``guarded`` is what it protects."""
    return Attempt(subject_type, subject_id, f"{subject_type}:{_hashed(guarded)}", address, factor)


def lock_minutes() -> int:
    """How long a lock lasts, for the message that says how long to wait."""
    return int(current_app.config["SIGN_IN_THROTTLE_LOCK_MINUTES"])


def refuse_if_locked(attempt: Attempt) -> None:
    """Raise TooManyAttempts (and audit it) when the account or the address is locked."""
    locked = [key for key in (attempt.account_key, attempt.address_key) if _store().locked(key)]
    if not locked:
        return
    scope = "account" if attempt.account_key in locked else "address"
    _audit(attempt, AuditAction.ACCOUNT_SIGN_IN_THROTTLED, scope=scope)
    db.session.commit()
    raise TooManyAttempts


def record_failure(attempt: Attempt) -> None:
    """Count a failed attempt for its account and its address, and audit it.

    The attempt that reaches a limit is answered as any wrong attempt; the next one is refused.
    """
    config = current_app.config
    window = timedelta(minutes=int(config["SIGN_IN_THROTTLE_WINDOW_MINUTES"]))
    lock = timedelta(minutes=lock_minutes())
    store = _store()
    store.add_failure(
        attempt.account_key, int(config["SIGN_IN_THROTTLE_ACCOUNT_FAILURES"]), window, lock
    )
    store.add_failure(
        attempt.address_key, int(config["SIGN_IN_THROTTLE_ADDRESS_FAILURES"]), window, lock
    )
    _audit(attempt, AuditAction.ACCOUNT_SIGN_IN_FAILED)
    db.session.commit()


def password_checked(
    account: Account | None, identifier: str, password: str, address: str, *, usable: bool = True
) -> bool:
    """Step 1 of every password sign-in, throttled: True only for the right password.

    Raises TooManyAttempts, before checking anything, while the account or address is locked.
    An unknown identifier costs the same argon2 time and counts the same failure, so neither the
    clock nor a lock tells an attacker which accounts exist. ``usable`` False (a deactivated
    account) fails like a wrong password.
    """
    if account is None:
        attempt = unknown_attempt(identifier, address, Factor.PASSWORD)
        refuse_if_locked(attempt)
        spend_password_check_time(password)
        record_failure(attempt)
        return False
    attempt = account_attempt(account.public_id, address, Factor.PASSWORD)
    refuse_if_locked(attempt)
    if not account.check_password(password) or not usable:
        record_failure(attempt)
        return False
    return True


def unlock_account(public_id: str, actor: object = None) -> None:
    """Lift an account's lock and forget its failures (an administrator's decision); audited."""
    key = f"account:{public_id}"
    _store().forget(key)
    _DatabaseCounts().forget(key)  # a lock counted while Redis was down lives here
    record_audit(actor, AuditAction.ACCOUNT_UNLOCKED, "account", public_id)
    db.session.commit()


def _audit(attempt: Attempt, action: AuditAction, **extra: str) -> None:
    detail = {"address": attempt.address, "factor": str(attempt.factor), **extra}
    record_audit(None, action, attempt.subject_type, attempt.subject_id, detail)


# --- where counts live ---------------------------------------------------------------------


class _DatabaseCounts:
    """Counts in the sign_in_throttles table: one row per key, updated in place."""

    def locked(self, key: str) -> bool:
        until = db.session.scalar(
            select(SignInThrottle.locked_until).where(SignInThrottle.key == key)
        )
        return until is not None and stored_utc(until) > utcnow()

    def add_failure(self, key: str, limit: int, window: timedelta, lock: timedelta) -> bool:
        now = utcnow()
        table = SignInThrottle
        # One UPDATE adds to a count still in its window, so workers never lose each other's.
        counted = _rows_changed(
            update(table)
            .where(table.key == key, table.window_started_at > now - window)
            .values(failures=table.failures + 1)
        )
        if not counted:
            counted = _rows_changed(
                update(table).where(table.key == key).values(failures=1, window_started_at=now)
            )
        if not counted:
            try:
                with db.session.begin_nested():
                    db.session.add(SignInThrottle(key=key, failures=1, window_started_at=now))
            except IntegrityError:  # another worker made the row first
                _rows_changed(
                    update(table).where(table.key == key).values(failures=table.failures + 1)
                )
        locking = _rows_changed(
            update(table)
            .where(table.key == key, table.failures >= limit)
            .values(locked_until=now + lock, failures=0, window_started_at=now)
        )
        return bool(locking)

    def forget(self, key: str) -> None:
        db.session.execute(
            delete(SignInThrottle)
            .where(SignInThrottle.key == key)
            .execution_options(synchronize_session=False)
        )


def _rows_changed(statement: Update) -> int:
    """A counter UPDATE: no session objects to keep in step with it."""
    return rows_changed(statement.execution_options(synchronize_session=False))


class _RedisCounts:
    """Counts in Redis: a failure counter that expires with its window, and a lock key."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def locked(self, key: str) -> bool:
        return bool(self.client.exists(f"{self.prefix}{key}:locked"))

    def add_failure(self, key: str, limit: int, window: timedelta, lock: timedelta) -> bool:
        counter = f"{self.prefix}{key}:failures"
        failures = int(cast(int, self.client.incr(counter)))
        if failures == 1:
            self.client.expire(counter, window)
        if failures < limit:
            return False
        self.client.set(f"{self.prefix}{key}:locked", 1, ex=lock)
        self.client.delete(counter)
        return True

    def forget(self, key: str) -> None:
        self.client.delete(f"{self.prefix}{key}:failures", f"{self.prefix}{key}:locked")


class _RedisOrDatabase:
    """Redis while it answers; the database whenever it does not."""

    def __init__(self, primary: _RedisCounts) -> None:
        self.primary = primary
        self.fallback = _DatabaseCounts()

    def locked(self, key: str) -> bool:
        try:
            return self.primary.locked(key) or self.fallback.locked(key)
        except redis.RedisError as error:
            log.warning("sign-in throttle: Redis did not answer (%s); using the database", error)
            return self.fallback.locked(key)

    def add_failure(self, key: str, limit: int, window: timedelta, lock: timedelta) -> bool:
        try:
            return self.primary.add_failure(key, limit, window, lock)
        except redis.RedisError as error:
            log.warning("sign-in throttle: Redis did not answer (%s); using the database", error)
            return self.fallback.add_failure(key, limit, window, lock)

    def forget(self, key: str) -> None:
        try:
            self.primary.forget(key)
        except redis.RedisError as error:
            log.warning("sign-in throttle: Redis did not answer (%s)", error)


def storage_uri() -> str:
    """The Redis the counts live in, or "" for the database."""
    config = current_app.config
    uri = str(config.get("SIGN_IN_THROTTLE_STORAGE_URI") or "")
    if not uri and str(config.get("RATELIMIT_STORAGE_URI", "")).startswith(
        ("redis://", "rediss://")
    ):
        uri = str(config["RATELIMIT_STORAGE_URI"])
    return uri


@functools.cache
def _redis_client(uri: str) -> redis.Redis:
    # Short timeouts: a Redis that has gone away must not hold up a sign-in page.
    return redis.Redis.from_url(uri, socket_connect_timeout=0.5, socket_timeout=0.5)


def _store() -> _DatabaseCounts | _RedisOrDatabase:
    uri = storage_uri()
    if not uri:
        return _DatabaseCounts()
    prefix = str(current_app.config.get("SIGN_IN_THROTTLE_KEY_PREFIX", "ff:throttle:"))
    return _RedisOrDatabase(_RedisCounts(_redis_client(uri), prefix))
