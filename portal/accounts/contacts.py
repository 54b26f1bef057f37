"""How we reach a family member: a mobile number written one way, a message by text or email."""

from __future__ import annotations

from portal.core.notify import MessageText, queue_email, queue_sms


def normalise_mobile(number: str) -> str:
    """A UK mobile number written one way: digits only, +44 turned into 0."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    return digits


def send_message(
    channel: str,
    address: str,
    subject: MessageText,
    body: MessageText,
    reference: str,
    locale: str,
) -> None:
    """Queue a message by text ("sms") or email; the caller commits it."""
    if channel == "sms":
        queue_sms(address, body, locale=locale, reference=reference)
    else:
        queue_email(address, subject, body, locale=locale, reference=reference)
