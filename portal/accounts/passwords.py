"""The one password hasher: argon2id for every password any account or registration keeps.

Passwords are chosen by people, reused, and kept for years, so they are hashed slowly and with
memory (argon2id, RFC 9106), with costs from the ARGON2_* settings: strong by default, cheap only
in tests. Nothing else in the portal hashes passwords. One-time codes are hashed differently, on
purpose: see ``portal.accounts.codes``.
"""

from __future__ import annotations

import contextlib
import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


def password_hasher() -> PasswordHasher:
    """The argon2 hasher with this app's ARGON2_* costs (strong by default; tests make it cheap)."""
    config = current_app.config
    return _hasher_with(
        config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"], config["ARGON2_PARALLELISM"]
    )


@functools.cache
def _hasher_with(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hash_password(password: str) -> str:
    """The argon2 hash of a password, to store instead of the password."""
    return password_hasher().hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """True when the password matches the stored hash; False for no hash or a broken one."""
    if not stored_hash:
        return False
    try:
        return password_hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with other costs than today's (hash again at sign-in)."""
    return password_hasher().check_needs_rehash(stored_hash)


@functools.cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash to check against when no account matches, made with the same costs as real ones."""
    return hasher.hash("not-a-real-password")


def spend_password_check_time(password: str) -> None:
    """Do the same argon2 work as a real check, so timing does not reveal which emails exist."""
    hasher = password_hasher()
    with contextlib.suppress(VerificationError):
        hasher.verify(_dummy_hash(hasher), password)
