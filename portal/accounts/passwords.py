"""The one password hasher: argon2id for every password any account or registration keeps.

Passwords are chosen by people, reused, and kept for years, so they are hashed slowly and with
memory (argon2id, RFC 9106), with costs from the ARGON2_* settings: strong by default, cheap only
in tests. Nothing else in the portal hashes passwords. One-time codes are hashed differently, on
purpose: see ``portal.accounts.codes``.

Before a password is kept, ``password_problem`` refuses one that is easy to guess: zxcvbn's
estimate below ``STRONG_ENOUGH`` (3: "safely unguessable" at online rates, which the sign-in
throttle keeps us to), or one that contains the person's own name or email address.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext
from zxcvbn import zxcvbn  # type: ignore[import-untyped]

STRONG_ENOUGH = 3  # zxcvbn scores 0 to 4
# zxcvbn's cost grows with length; nobody needs more than this to be strong.
CHECKED_LENGTH = 100
# Parts of email addresses too common to count as personal.
NOT_PERSONAL = {"com", "net", "org", "gov", "sch"}


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


def _personal_words(personal: Iterable[str | None]) -> list[str]:
    """The parts of a name or email address worth looking for in a password (3+ letters)."""
    words: list[str] = []
    for text in personal:
        if not text:
            continue
        cleaned = text.strip().lower()
        words.append(cleaned.partition("@")[0] if "@" in cleaned else cleaned)
        words.extend(part for part in re.split(r"[^\w]+", cleaned) if len(part) >= 3)
    return [word for word in words if len(word) >= 3 and word not in NOT_PERSONAL]


def password_problem(password: str, personal: Iterable[str | None] = ()) -> str | None:
    """Why this password is too easy to guess, in the reader's language; None when it is fine.

    ``personal`` is what an attacker would try first: the person's name, email, organisation.
    """
    words = _personal_words(personal)
    lowered = password.lower()
    message: str
    if any(word in lowered for word in words):
        message = gettext("Your password must not contain your name or email address")
        return message
    if zxcvbn(password[:CHECKED_LENGTH], user_inputs=words)["score"] < STRONG_ENOUGH:
        message = gettext(
            "Choose a password that is harder to guess. Avoid repeated letters, "
            "single common words and sequences like 12345."
        )
        return message
    return None
