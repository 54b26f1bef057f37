"""Who is signed in: what other features ask accounts, instead of reaching into Flask-Login."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Account, FamilyMember
from portal.core.access import Role
from portal.extensions import db


def signed_in_account() -> Account | None:
    """The account of the person making this request, or None for someone not signed in."""
    person = current_user._get_current_object()  # the Account behind Flask-Login's proxy
    return person if isinstance(person, Account) and person.is_authenticated else None


def account() -> Account:
    """The signed-in account, in a view that @allow guards (it never runs for nobody)."""
    person = signed_in_account()
    if person is None:
        raise RuntimeError("current.account() needs a signed-in person: guard the view with @allow")
    return person


def family_account() -> Account:
    """The signed-in family member, in a view that @allow(Role.FAMILY) guards."""
    person = account()
    if not person.has_role(Role.FAMILY):
        raise RuntimeError("current.family_account() needs a family member: @allow(Role.FAMILY)")
    return person


def family_member() -> FamilyMember:
    """The signed-in family member's link to their family (with the family loaded), or 404."""
    member = db.session.scalar(
        select(FamilyMember)
        .where(FamilyMember.account_id == family_account().id)
        .options(selectinload(FamilyMember.family))
    )
    if member is None:
        abort(404)
    return member
