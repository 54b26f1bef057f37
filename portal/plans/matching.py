"""Tell it once: find families with a plan whose child a new referral names."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Account
from portal.core.audit import AuditAction, record_audit
from portal.extensions import db
from portal.plans.models import Family, Person, PlanVersion
from portal.plans.service import latest_published


@dataclass(frozen=True)
class PlanMatch:
    """A family with a plan that has a child of this name and date of birth (tell it once)."""

    child_name: str
    family: Family
    version: PlanVersion | None


def plans_for_child(actor: Account, folded_name: str, born: date) -> list[PlanMatch]:
    """Families with a child matching a referral's child; each one shown is an audited read."""
    people = db.session.scalars(
        select(Person)
        .where(Person.date_of_birth == born, Person.kind == "child")
        .options(selectinload(Person.family).selectinload(Family.plan))
    ).all()
    found: list[PlanMatch] = []
    for person in people:
        if "".join(ch for ch in person.name.casefold() if ch.isalpha()) != folded_name:
            continue
        family = person.family
        version = latest_published(family.plan) if family.plan else None
        record_audit(actor, AuditAction.FAMILY_MATCHED_AT_FRONT_DOOR, "family", family.public_id)
        found.append(PlanMatch(child_name=person.name, family=family, version=version))
    db.session.commit()
    return found
