"""Demo data: a family with a plan of three published versions and a family member account."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from portal.accounts.models import Account, FamilyMember
from portal.core.access import Role
from portal.core.clock import london_today
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.families import create_family
from portal.plans.models import Family
from portal.plans.service import publish_version, save_draft, start_draft

DEMO_FAMILY_NAME = "The Adebayo family (demo)"
DEMO_FAMILY_EMAIL = "family@eastholme.example"
DEMO_PASSWORD = "demo-password-123"  # noqa: S105 - documented demo credential


def _versions(lead: Account, today: date) -> list[tuple[dict[str, Any], str]]:
    lead_contact = {
        "id": "demo-lead",
        "name": lead.display_name,
        "role": "Lead practitioner",
        "contact": "01632 960100",
    }
    school = {"id": "demo-school", "name": "Ms Bell", "role": "Teacher", "contact": "01632 960200"}
    nurse = {"id": "demo-nurse", "name": "Sam Reid", "role": "School nurse", "contact": ""}
    goal_school = {
        "id": "demo-goal-school",
        "text": "Tobi gets to school on time every day",
        "actions": [
            {
                "id": "demo-act-walk",
                "who": "Mum",
                "what": "Walk Tobi to the breakfast club",
                "by_when": (today + timedelta(days=14)).isoformat(),
                "status": "in-progress",
            },
            {
                "id": "demo-act-club",
                "who": "Ms Bell",
                "what": "Save Tobi a place at breakfast club",
                "by_when": (today - timedelta(days=7)).isoformat(),
                "status": "not-started",
            },
        ],
    }
    first = {
        "going_well": "Tobi and Kemi are loved and cared for. Mum asked for help early.",
        "worries": "Tobi has missed a lot of school this term. The rent is behind.",
        "needs_to_happen": "Tobi needs to be in school every day. The family need help with money.",
        "child_words": "I like school when my friends are there.",
        "family_views": "We want help with the rent so we can stop worrying.",
        "goals": [goal_school],
        "lead_practitioner": lead_contact,
        "team": [school],
        "level": "family-help",
        "next_meeting": (today + timedelta(days=21)).isoformat(),
        "next_meeting_what": "Review meeting at the family hub",
    }
    second = load_body(first).to_dict()
    second["goals"][0]["actions"][1]["status"] = "done"
    second["goals"].append(
        {
            "id": "demo-goal-money",
            "text": "The family's rent is paid and they know what help they can get",
            "actions": [
                {
                    "id": "demo-act-advice",
                    "who": lead.display_name,
                    "what": "Book a meeting with the money advice service",
                    "by_when": (today + timedelta(days=10)).isoformat(),
                    "status": "not-started",
                }
            ],
        }
    )
    second["team"].append(nurse)
    third = load_body(second).to_dict()
    third["goals"][1]["actions"][0]["status"] = "done"
    third["goals"][0]["actions"][0]["by_when"] = (today + timedelta(days=28)).isoformat()
    third["next_meeting"] = (today + timedelta(days=35)).isoformat()
    third["network_plan"] = "Nana Grace will take Tobi to school on Tuesdays and Thursdays."
    return [
        (first, "Your first plan."),
        (second, "Breakfast club is sorted. We added a goal about money."),
        (third, "Money advice has happened. Nana Grace is helping with school."),
    ]


def load_plans_demo() -> None:
    """Create the demo family, its three published versions and a family member (idempotent)."""
    if db.session.scalar(select(Family).where(Family.name == DEMO_FAMILY_NAME)):
        return
    lead = db.session.scalar(select(Account).where(Account.email == "lead@eastholme.example"))
    if lead is None:
        return
    family = create_family(
        lead,
        name=DEMO_FAMILY_NAME,
        preferred_language="en",
        interpreter_needed=False,
        people=[
            ("Tobi Adebayo", "child", date(2015, 6, 14)),
            ("Kemi Adebayo", "child", date(2019, 2, 3)),
            ("Funmi Adebayo", "parent", None),
        ],
    )
    plan = family.plan
    assert plan is not None, "create_family makes every family's plan"
    for body, note in _versions(lead, london_today()):
        draft = start_draft(lead, plan)
        save_draft(lead, draft, load_body(body))
        publish_version(lead, draft, note)
        db.session.flush()
    member = db.session.scalar(select(Account).where(Account.email == DEMO_FAMILY_EMAIL))
    if member is None:
        member = Account(
            kind="family",
            email=DEMO_FAMILY_EMAIL,
            display_name="Funmi Adebayo",
            roles=[str(Role.FAMILY)],
        )
        member.set_password(DEMO_PASSWORD)
        db.session.add(member)
        db.session.flush()
    db.session.add(FamilyMember(family_id=family.id, account_id=member.id, last_seen_version=2))
    db.session.commit()
