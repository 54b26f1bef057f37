"""Families with a plan: who on the staff may see them, opening them (audited), creating them.

Every staff read of a family is an audited read. The `open_*_for` functions are what views
call: they load what the page needs, record the read and commit it. `family_for_staff` is the
building block they share; it records the read and leaves the commit to its caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.accounts.invitations import (
    contact_in_use,
    invitation_address,
    invite_member,
    members_of,
    pending_invitations,
)
from portal.accounts.models import Account, FamilyMember, Invitation
from portal.core.access import Role
from portal.core.audit import AuditAction, record_audit
from portal.extensions import db
from portal.plans.body import PlanBody, load_body
from portal.plans.comments import comment_on, comments_on
from portal.plans.models import (
    Family,
    Person,
    Plan,
    PlanComment,
    PlanVersion,
)
from portal.plans.service import current_draft, published_versions, save_draft, version_of

# --- who may see what ------------------------------------------------------------------------


def _visible_families_clause(user: Account) -> Any:
    clauses = [Family.lead_practitioner_id == user.id, Family.lcpp_id == user.id]
    if user.has_role(Role.TEAM_MANAGER) and user.team_id is not None:
        clauses.append(Family.team_id == user.team_id)
    return or_(*clauses)


def families_for_staff(user: Account) -> list[Family]:
    """The families this practitioner leads, protects, or manages through their team (audited)."""
    query = (
        select(Family)
        .where(_visible_families_clause(user))
        .options(selectinload(Family.plan))
        .order_by(Family.name)
    )
    families = list(db.session.scalars(query))
    record_audit(
        user, AuditAction.FAMILIES_LISTED, "account", user.public_id, {"count": len(families)}
    )
    db.session.commit()
    return families


def family_for_staff(user: Account, family_public_id: str, *, action: AuditAction) -> Family:
    """One family this practitioner may see, or 404; the read is audited as ``action``.

    The caller commits (the `open_*_for` functions below do).
    """
    family: Family | None = db.session.scalar(
        select(Family).where(Family.public_id == family_public_id, _visible_families_clause(user))
    )
    if family is None:
        abort(404)
    record_audit(user, action, "family", family.public_id)
    if family.plan is not None and action.startswith("plan."):
        record_audit(user, action, "plan", family.plan.public_id)
    return family


def plan_of(family: Family) -> Plan:
    """The family's plan; every family is created with one, so a family without is a 404."""
    if family.plan is None:
        abort(404)
    return family.plan


def open_family_for(user: Account, family_public_id: str, *, action: AuditAction) -> Family:
    """A staff read of one family, audited as ``action`` and committed."""
    family = family_for_staff(user, family_public_id, action=action)
    db.session.commit()
    return family


def open_draft_for(
    user: Account, family_public_id: str, *, action: AuditAction = AuditAction.PLAN_EDITING
) -> tuple[Family, PlanVersion]:
    """The family and its draft, read by staff (audited); 404 when there is no draft."""
    family = family_for_staff(user, family_public_id, action=action)
    draft = current_draft(plan_of(family))
    if draft is None:
        abort(404)
    db.session.commit()
    return family, draft


def open_version_for(
    user: Account, family_public_id: str, version_public_id: str, *, action: AuditAction
) -> tuple[Family, PlanVersion]:
    """The family and one published version of its plan, read by staff (audited); or 404."""
    family = family_for_staff(user, family_public_id, action=action)
    version = version_of(plan_of(family), version_public_id, published_only=True)
    db.session.commit()
    return family, version


def open_comment_for(
    user: Account, family_public_id: str, comment_public_id: str
) -> tuple[Family, PlanComment]:
    """The family and one of its comments, read by staff to answer it (audited); or 404."""
    family = family_for_staff(user, family_public_id, action=AuditAction.PLAN_VIEWED)
    comment = comment_on(plan_of(family), comment_public_id)
    db.session.commit()
    return family, comment


@dataclass(frozen=True)
class FamilyPage:
    """What the practitioner's page about one family shows."""

    family: Family
    members: Sequence[FamilyMember]
    invitations: Sequence[Invitation]
    versions: list[PlanVersion]
    draft: PlanVersion | None
    comments: list[PlanComment]


def family_page(user: Account, family_public_id: str) -> FamilyPage:
    """People, who has access, the plan's versions and the family's comments (audited read)."""
    family = family_for_staff(user, family_public_id, action=AuditAction.PLAN_VIEWED)
    plan = plan_of(family)
    page = FamilyPage(
        family=family,
        members=members_of(family),
        invitations=pending_invitations(family),
        versions=published_versions(plan),
        draft=current_draft(plan),
        comments=comments_on(plan),
    )
    db.session.commit()
    return page


# --- families and their people ---------------------------------------------------------------


def create_family(
    user: Account,
    *,
    name: str,
    preferred_language: str,
    interpreter_needed: bool,
    people: list[tuple[str, str, date | None]],
) -> Family:
    """Create a family led by ``user``, with an empty plan and a first draft."""
    family = Family(
        name=name,
        preferred_language=preferred_language,
        interpreter_needed=interpreter_needed,
        team_id=user.team_id,
        lead_practitioner_id=user.id,
    )
    family.people = [Person(name=n, kind=k, date_of_birth=born) for n, k, born in people]
    plan = Plan(family=family)
    db.session.add_all([family, plan])
    lead = {"name": user.display_name, "role": "Lead practitioner", "contact": user.email or ""}
    draft = PlanVersion(
        plan=plan,
        number=1,
        body=load_body({"lead_practitioner": lead}).to_dict(),
        created_by_id=user.id,
    )
    db.session.add(draft)
    db.session.flush()
    record_audit(user, AuditAction.FAMILY_CREATED, "family", family.public_id)
    record_audit(user, AuditAction.PLAN_CREATED, "plan", plan.public_id)
    db.session.commit()
    return family


def lcpp_accounts() -> list[Account]:
    """Staff who can lead child protection work, by name."""
    staff = db.session.scalars(
        select(Account)
        .where(Account.kind == "staff", Account.active.is_(True))
        .order_by(Account.display_name)
    )
    return [account for account in staff if account.has_role(Role.LCPP)]


def assign_lcpp(user: Account, family: Family, lcpp: Account | None) -> None:
    """Name the family's lead child protection practitioner, who can then open the plan.

    One part of `update_level`: the caller commits.
    """
    if family.lcpp_id == (lcpp.id if lcpp else None):
        return
    family.lcpp_id = lcpp.id if lcpp else None
    record_audit(
        user,
        AuditAction.FAMILY_LCPP_ASSIGNED,
        "family",
        family.public_id,
        {"lcpp": lcpp.public_id if lcpp else None},
    )


def update_level(
    user: Account, family: Family, draft: PlanVersion, body: PlanBody, lcpp: Account | None
) -> None:
    """Save the draft's new level of help and name the LCPP who may open the plan, together."""
    save_draft(user, draft, body)
    assign_lcpp(user, family, lcpp)
    db.session.commit()


class ContactInUse(ValueError):
    """Someone already signs in with this email address or mobile number."""


def invite_to_family(user: Account, family: Family, *, display_name: str, contact: str) -> None:
    """Invite a family member by email (an address with @) or text (a mobile number)."""
    channel, destination = invitation_address(contact)
    if contact_in_use(channel, destination):
        raise ContactInUse(channel)
    invite_member(user, family, display_name=display_name, channel=channel, destination=destination)
    db.session.commit()
