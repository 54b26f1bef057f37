"""One-time codes and invitation tokens: make, hash, check. Plain Python, no Flask, no database.

Why codes are not hashed with argon2 like passwords (``portal.accounts.passwords``):

A code is six digits, so there are only a million of them. A slow hash cannot protect so few:
whoever holds a copy of the database could try all million argon2 hashes on a few dozen cores
within the code's lifetime, while every honest try would cost the server argon2's time and
memory on a public page. What protects a code is a secret the database does not hold. So a
code is never stored, only an HMAC-SHA256 of it with a random salt per code, keyed by the
application's SECRET_KEY (a pepper): a stolen database alone cannot be searched at all. Online,
a code is good for ``CODE_LIFETIME`` (or the lifetime its caller asks for) and ``MAX_ATTEMPTS``
tries; the caller stores the attempt count the check returns.

This one scheme hashes every emailed or texted code: a family member's confirm and sign-in
codes and a partner's registration code. Invitation tokens are different again: 256 random
bits, so a plain SHA-256 is enough, and being unkeyed it lets us find the invitation by hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

CODE_LENGTH = 6
CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5


class CodeCheck(StrEnum):
    """The result of checking a code someone typed."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    TOO_MANY_TRIES = "too-many-tries"
    ALREADY_USED = "already-used"
    MALFORMED = "malformed"


@dataclass(frozen=True)
class CodeRecord:
    """What is kept about a code: its salted hash, when it expires, tries so far, if used."""

    code_hash: str
    salt: str
    expires_at: datetime
    attempts: int = 0
    used: bool = False


def generate_code() -> str:
    """A uniformly random six-digit code, leading zeros kept."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


def hash_code(code: str, salt: str, pepper: str | bytes) -> str:
    """The HMAC-SHA256 of a code with its salt, keyed by the pepper, as hex."""
    key = pepper.encode() if isinstance(pepper, str) else pepper
    return hmac.new(key, f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


def issue_code(
    now: datetime, pepper: str | bytes, lifetime: timedelta = CODE_LIFETIME
) -> tuple[str, CodeRecord]:
    """Make a new code; return the code (to send once) and the record (to keep)."""
    code = generate_code()
    salt = secrets.token_hex(16)
    return code, CodeRecord(hash_code(code, salt, pepper), salt, now + lifetime)


def normalise_code(typed: str) -> str | None:
    """The six digits someone typed, allowing spaces and dashes; None if it is not a code."""
    digits = "".join(ch for ch in typed if ch not in " -\t")
    if len(digits) == CODE_LENGTH and digits.isascii() and digits.isdigit():
        return digits
    return None


def check_code(
    record: CodeRecord, typed: str, now: datetime, pepper: str | bytes
) -> tuple[CodeCheck, CodeRecord]:
    """Check a typed code against a record; return the result and the record to store back.

    Every try that reaches the comparison counts, right or wrong, so a sixth try is refused
    even if it is right. Malformed input is not counted: it cannot match and is not a guess.
    """
    if record.used:
        return CodeCheck.ALREADY_USED, record
    if record.attempts >= MAX_ATTEMPTS:
        return CodeCheck.TOO_MANY_TRIES, record
    if now >= record.expires_at:
        return CodeCheck.EXPIRED, record
    code = normalise_code(typed)
    if code is None:
        return CodeCheck.MALFORMED, record
    counted = replace(record, attempts=record.attempts + 1)
    if hmac.compare_digest(hash_code(code, record.salt, pepper), record.code_hash):
        return CodeCheck.ACCEPTED, replace(counted, used=True)
    return CodeCheck.WRONG, counted


def tries_left(record: CodeRecord) -> int:
    """How many more tries the record allows."""
    return max(0, MAX_ATTEMPTS - record.attempts)


def new_invitation_token() -> tuple[str, str]:
    """A single-use invitation token for a link, and the SHA-256 hash of it to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_invitation_token(token)


def hash_invitation_token(token: str) -> str:
    """The SHA-256 of an invitation token; the token itself has 256 random bits, no pepper."""
    return hashlib.sha256(token.encode()).hexdigest()
