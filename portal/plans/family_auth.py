"""Family members getting in: invitations, one-time codes by email or text, passwords."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.audit import record_audit, utcnow
from portal.core.notify import MessageText, message_locale, queue_email, queue_sms
from portal.extensions import db
from portal.plans.codes import (
    CodeCheck,
    CodeRecord,
    check_code,
    hash_invitation_token,
    issue_code,
    new_invitation_token,
    tries_left,
)
from portal.plans.models import Family, FamilyMember, Invitation, OneTimeCode
from portal.plans.service import aware, invitation_lifetime


def _send(
    channel: str,
    address: str,
    subject: MessageText,
    body: MessageText,
    reference: str,
    locale: str,
) -> None:
    if channel == "sms":
        queue_sms(address, body, locale=locale, reference=reference)
    else:
        queue_email(address, subject, body, locale=locale, reference=reference)


def invite_member(
    user: Account, family: Family, *, display_name: str, channel: str, destination: str
) -> Invitation:
    """Create a single-use invitation and queue the message that carries its link."""
    token, token_hash = new_invitation_token()
    invitation = Invitation(
        family_id=family.id,
        invited_by_id=user.id,
        display_name=display_name,
        channel=channel,
        destination=destination,
        token_hash=token_hash,
        expires_at=utcnow() + invitation_lifetime(),
    )
    db.session.add(invitation)
    db.session.flush()
    link = url_for("plans.accept_invitation", token=token, _external=True)
    _send(
        channel,
        destination,
        lambda: _("See your family's plan"),
        lambda: _(
            "Hello %(name)s. %(worker)s has invited you to see your family's plan online. "
            "Open this link to start: %(link)s",
            name=display_name,
            worker=user.display_name,
            link=link,
        ),
        "plan-invitation",
        message_locale(family.preferred_language),
    )
    record_audit(user, "family.member_invited", "family", family.public_id, {"channel": channel})
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this link belongs to, if it is still usable."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_invitation_token(token))
    )
    if invitation is None or invitation.accepted_at is not None:
        return None
    if aware(invitation.expires_at) <= utcnow():
        return None
    return invitation


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
    if invitation is not None:
        earlier = earlier.where(OneTimeCode.invitation_id == invitation.id)
    else:
        earlier = earlier.where(OneTimeCode.account_id == account.id)
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
    _send(
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
    query = select(OneTimeCode).where(OneTimeCode.purpose == purpose)
    if invitation is not None:
        query = query.where(OneTimeCode.invitation_id == invitation.id)
    else:
        query = query.where(OneTimeCode.account_id == account.id)
    row = db.session.scalar(query.order_by(OneTimeCode.id.desc()).limit(1).with_for_update())
    if row is None:
        return CodeCheck.EXPIRED, 0
    record = CodeRecord(row.code_hash, row.salt, aware(row.expires_at), row.attempts, row.used)
    result, after = check_code(record, typed, now or utcnow(), current_app.config["SECRET_KEY"])
    row.attempts = after.attempts
    row.used = after.used
    return result, tries_left(after)


def accept_invitation(invitation: Invitation, password: str) -> Account:
    """Create the family member's account and link it to their family; the invitation is spent."""
    account = Account(
        kind="family",
        display_name=invitation.display_name,
        email=invitation.destination if invitation.channel == "email" else None,
        mobile=invitation.destination if invitation.channel == "sms" else None,
        roles=[Role.FAMILY],
        locale=message_locale(str(get_locale() or ""), invitation.family.preferred_language),
        active=True,
    )
    account.set_password(password)
    db.session.add(account)
    db.session.flush()
    db.session.add(FamilyMember(family_id=invitation.family_id, account_id=account.id))
    invitation.accepted_at = utcnow()
    invitation.account_id = account.id
    record_audit(account, "family.invitation_accepted", "family", invitation.family.public_id)
    return account


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


def contact_in_use(channel: str, destination: str) -> bool:
    """True when an account already signs in with this email, or a family account with this
    mobile: each family member's sign-in must point at one account only."""
    if channel == "email":
        condition = func.lower(Account.email) == destination.lower()
    else:
        condition = (Account.mobile == destination) & (Account.kind == "family")
    return db.session.scalar(select(func.count(Account.id)).where(condition)) > 0


def normalise_mobile(number: str) -> str:
    """A UK mobile number written one way: digits only, +44 turned into 0."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    return digits
