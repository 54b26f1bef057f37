"""Time-based one-time codes (authenticator apps) for staff and partners."""

import time

import pyotp

TOTP_STEP_SECONDS = 30


def new_totp_secret() -> str:
    """A fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, account_name: str, issuer: str) -> str:
    """The otpauth:// URI an authenticator app reads from a QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=issuer)


def matching_counter(
    secret: str, code: str, last_counter: int | None, now: float | None = None
) -> int | None:
    """The time step the code belongs to (now, or one step either side), unless already used."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = int(now // TOTP_STEP_SECONDS)
    for counter in (current, current - 1, current + 1):
        if totp.at(counter * TOTP_STEP_SECONDS) == code:
            if last_counter is not None and counter <= last_counter:
                return None  # a code is good once: a replayed code is refused
            return counter
    return None


def current_code(secret: str) -> str:
    """The code an authenticator app shows now (for demo and tests)."""
    return pyotp.TOTP(secret).now()
