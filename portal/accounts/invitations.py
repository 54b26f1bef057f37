"""Inviting a family member: the practitioner's invitation, its link, and the account it makes.

The invitation, the account it makes and the account's family membership belong to accounts;
the family itself belongs to plans, and is reached by name, never imported at run time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from portal.accounts.codes import hash_invitation_token, new_invitation_token
from portal.accounts.contacts import normalise_mobile, send_message
from portal.accounts.models import Account, FamilyMember, Invitation
from portal.core.access import Role
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.database import rows_changed
from portal.core.notify import message_locale
from portal.extensions import db

if TYPE_CHECKING:
    from portal.plans.models import Family

INVITATION_LIFETIME = timedelta(days=14)


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
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    db.session.flush()
    link = url_for("accounts.accept_invitation", token=token, _external=True)
    send_message(
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
    record_audit(
        user, AuditAction.FAMILY_MEMBER_INVITED, "family", family.public_id, {"channel": channel}
    )
    return invitation


def invitation_address(contact: str) -> tuple[str, str]:
    """How to send an invitation to what the practitioner typed: ("email", address) or
    ("sms", the mobile number written one way)."""
    contact = contact.strip()
    if "@" in contact:
        return "email", contact
    return "sms", normalise_mobile(contact)


def members_of(family: Family) -> list[FamilyMember]:
    """The family's members who have accounts, in the order they joined."""
    return list(
        db.session.scalars(
            select(FamilyMember)
            .where(FamilyMember.family_id == family.id)
            .order_by(FamilyMember.id)
        )
    )


def pending_invitations(family: Family) -> list[Invitation]:
    """The family's invitations not yet accepted, newest first."""
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.family_id == family.id, Invitation.accepted_at.is_(None))
            .order_by(Invitation.id.desc())
        )
    )


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this link belongs to, if it is still usable."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_invitation_token(token))
    )
    if invitation is None or not invitation.usable(utcnow()):
        return None
    return invitation


def invitation_in_progress(public_id: str | None) -> Invitation | None:
    """An invitation someone has opened and not yet accepted, by its public id."""
    if not public_id:
        return None
    invitation = db.session.scalar(select(Invitation).where(Invitation.public_id == public_id))
    if invitation is None or invitation.accepted_at is not None:
        return None
    return invitation


def accept_invitation(invitation: Invitation, password: str) -> Account | None:
    """Create the family member's account and link it to their family; the invitation is spent.

    The invitation is claimed first with a conditional UPDATE, so it makes one account however
    often the form is sent. A second send at the same moment (a double click) gets the account
    the first one made when the password is the same, so both land signed in; otherwise None.
    The account is committed.
    """
    claimed = rows_changed(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None))
        .values(accepted_at=utcnow())
    )
    if not claimed:
        db.session.rollback()
        made = db.session.get(Account, invitation.account_id) if invitation.account_id else None
        return made if made is not None and made.check_password(password) else None
    db.session.expire(invitation, ["accepted_at"])
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
    invitation.account_id = account.id
    record_audit(
        account, AuditAction.FAMILY_INVITATION_ACCEPTED, "family", invitation.family.public_id
    )
    db.session.commit()
    return account


def contact_in_use(channel: str, destination: str) -> bool:
    """True when an account already signs in with this email, or a family account with this
    mobile: each family member's sign-in must point at one account only."""
    if channel == "email":
        condition = func.lower(Account.email) == destination.lower()
    else:
        condition = (Account.mobile == destination) & (Account.kind == "family")
    return (db.session.scalar(select(func.count(Account.id)).where(condition)) or 0) > 0
