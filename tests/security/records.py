"""Real records for the route matrix: two of everything, so each person has their own and another's.

Side "A" is what the people in the matrix own or look after; side "B" belongs to someone else.
Built with the factories the feature tests already use (plans, referrals, co-production).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask

from portal.accounts.models import Account, Organisation, Team
from portal.coproduction.models import EntryStatus, Survey, SurveyResponse
from portal.coproduction.sensemaking import EntryDraft, create_theme, publish_you_said_we_did
from portal.core.access import Role
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.comments import add_comment
from portal.plans.families import invite_to_family
from portal.plans.models import Family
from portal.plans.service import latest_published, save_draft, start_draft
from portal.publishing.directory import default_directory
from portal.referrals import store
from portal.referrals.demo import DEMO_ANSWERS
from portal.referrals.presenting import referral_conversation
from tests.integration.coproduction.factories import add_responses, make_open_survey
from tests.integration.plans.plan_factories import add_member, family_with_plan

# The people in the matrix, by the name the expectations table uses; None is "not signed in".
PRINCIPALS: tuple[str | None, ...] = (
    None,
    "family",
    "partner",
    "front_door",
    "lead_practitioner",
    "lcpp",
    "team_manager",
    "participation",
    "admin",
)
# Who may edit a plan: each gets a goal, an action and a team member of their own to remove.
PLAN_EDITORS = ("lead_practitioner", "lcpp", "team_manager")
# Referral pages about a sent referral; the others are about a draft.
ON_SUBMITTED = {
    "referrals.sent",
    "referrals.outcome",
    "referrals.pdf",
    "referrals.read",
    "referrals.ask",
    "referrals.decide",
}
# POSTs that submit, signpost or delete a draft: each gets a draft of its own.
ENDS_A_DRAFT = ("referrals.check", "referrals.signposted", "referrals.delete_draft")
CHILD_ID = DEMO_ANSWERS["children"]["people"][0]["id"]


@dataclass
class FamilyRecords:
    public_id: str
    version_id: str
    comment_id: str
    goals: dict[str, str] = field(default_factory=dict)  # editor -> goal id
    actions: dict[str, str] = field(default_factory=dict)  # editor -> action id (in their goal)
    team: dict[str, str] = field(default_factory=dict)  # editor -> team member id


@dataclass
class PartnerRecords:
    draft_id: str
    submitted_id: str
    used_up: dict[str, str]  # endpoint -> a draft of its own for a POST that ends a draft


@dataclass
class SurveyRecords:
    public_id: str
    slug: str
    response_id: str
    theme_id: str
    entry_id: str
    question_key: str


@dataclass
class World:
    """Every account that signs in, and each side's records."""

    accounts: dict[str, Account]
    family: dict[str, FamilyRecords]
    partner: dict[str, PartnerRecords]
    survey: dict[str, SurveyRecords]
    invitation_token: str  # the secret in the link an invited family member is sent


def _move_to_team(account: Account, team_id: int) -> None:
    """Put an account made by make_account (which gives each its own team) on a shared team."""
    row = db.session.get(Account, account.id)
    row.team_id = team_id
    db.session.commit()
    account.team_id = team_id


def _new_team(name: str) -> int:
    team = Team(name=name, organisation=Organisation(name=f"{name} council", kind="council"))
    db.session.add(team)
    db.session.commit()
    return team.id


def _family(lead: Account, member: Account, name: str, lcpp: Account | None) -> FamilyRecords:
    """A family with a published plan, a draft, a comment from its member."""
    family: Family = family_with_plan(lead, name=name)
    add_member(family, db.session.get(Account, member.id))
    lead_row = db.session.get(Account, lead.id)
    if lcpp is not None:
        family.lcpp_id = lcpp.id
        db.session.commit()
    published = latest_published(family.plan)
    comment = add_comment(
        db.session.get(Account, member.id), family.plan, published, "view", "We agree."
    )
    draft = start_draft(lead_row, family.plan)
    body = load_body(draft.body).to_dict()
    records = FamilyRecords(family.public_id, published.public_id, comment.public_id)
    for editor in PLAN_EDITORS:
        goal, action, person = f"goal-{editor}", f"act-{editor}", f"team-{editor}"
        body["goals"].append(
            {
                "id": goal,
                "text": f"A goal for {editor}",
                "actions": [{"id": action, "who": "Mum", "what": "Something", "status": "done"}],
            }
        )
        body["team"].append({"id": person, "name": f"Helper {editor}", "role": "Nurse"})
        records.goals[editor], records.actions[editor], records.team[editor] = goal, action, person
    save_draft(lead_row, draft, load_body(body))
    db.session.commit()
    return records


def _invitation(lead: Account, family_public_id: str) -> str:
    """Invite someone to family A's plan; the token from the link in the message they are sent."""
    family = db.session.scalar(db.select(Family).where(Family.public_id == family_public_id))
    invite_to_family(
        db.session.get(Account, lead.id), family, display_name="Nan", contact="nan@example.com"
    )
    message = db.session.scalar(
        db.select(OutboxMessage)
        .where(OutboxMessage.recipient == "nan@example.com")
        .order_by(OutboxMessage.id.desc())
    )
    match = re.search(r"/my-plan/invitation/([\w-]+)", message.body)
    assert match, message.body
    return match.group(1)


def _referrals(partner: Account) -> PartnerRecords:
    """A draft with every answer given, and a submitted referral."""
    conversation = referral_conversation()
    referrer = db.session.get(Account, partner.id)
    drafts = {}
    for use in ("draft", "submitted", *ENDS_A_DRAFT):
        drafts[use] = store.start_referral(referrer, conversation)
        store.save_answers(drafts[use], DEMO_ANSWERS, referrer, "consent")
    store.submit_referral(drafts["submitted"], conversation, referrer)
    db.session.commit()
    return PartnerRecords(
        drafts["draft"].public_id,
        drafts["submitted"].public_id,
        {use: drafts[use].public_id for use in ENDS_A_DRAFT},
    )


def _survey(app: Flask, officer: Account, slug: str) -> SurveyRecords:
    """An open survey with a response, a theme and a "you said, we did" entry."""
    public_id = make_open_survey(app, slug=slug, languages=["ar"])
    add_responses(app, public_id, [{"feel": ["happy"], "day": ["mon"], "change": ["Buses"]}])
    survey = db.session.scalar(db.select(Survey).where(Survey.public_id == public_id))
    response = db.session.scalar(
        db.select(SurveyResponse).where(SurveyResponse.survey_id == survey.id)
    )
    theme, problem = create_theme(survey, "Buses")
    assert theme is not None, problem
    db.session.commit()
    entry = publish_you_said_we_did(
        db.session.get(Account, officer.id),
        survey,
        EntryDraft("Buses", "More buses", "We asked for a bus", EntryStatus.PLANNED, None),
    )
    return SurveyRecords(
        public_id, slug, response.public_id, theme.public_id, entry.public_id, "change"
    )


def build_world(app: Flask, make_account: Callable[..., Account]) -> World:
    """Two families, two teams, two partners, two surveys, and everyone who signs in."""
    made = {
        "family": make_account([Role.FAMILY], kind="family", email="member-a@example.com"),
        "family_b": make_account([Role.FAMILY], kind="family", email="member-b@example.com"),
        "partner": make_account([Role.PARTNER], kind="partner"),
        "partner_b": make_account([Role.PARTNER], kind="partner"),
        "front_door": make_account([Role.FRONT_DOOR]),
        "lead_practitioner": make_account([Role.LEAD_PRACTITIONER]),
        "lead_b": make_account([Role.LEAD_PRACTITIONER]),
        "lcpp": make_account([Role.LCPP]),
        "team_manager": make_account([Role.TEAM_MANAGER]),
        "participation": make_account([Role.PARTICIPATION]),
        "admin": make_account([Role.ADMIN]),
    }
    with app.test_request_context("/"):
        team_a, team_b = _new_team("Family Help North"), _new_team("Family Help South")
        for name in ("lead_practitioner", "lcpp", "team_manager"):
            _move_to_team(made[name], team_a)
        _move_to_team(made["lead_b"], team_b)
        families = {
            "A": _family(made["lead_practitioner"], made["family"], "Family A", made["lcpp"]),
            "B": _family(made["lead_b"], made["family_b"], "Family B", None),
        }
        token = _invitation(made["lead_practitioner"], families["A"].public_id)
        partners = {"A": _referrals(made["partner"]), "B": _referrals(made["partner_b"])}
        surveys = {
            "A": _survey(app, made["participation"], "matrix-a"),
            "B": _survey(app, made["participation"], "matrix-b"),
        }
        db.session.remove()
    return World(made, families, partners, surveys, token)


def url_values(
    world: World, endpoint: str, arguments: set[str], side: str, principal: str | None
) -> dict[str, object]:
    """Values for a route's URL parameters, taken from one side's records."""
    family, partner, survey = world.family[side], world.partner[side], world.survey[side]
    editor = principal if principal in PLAN_EDITORS else PLAN_EDITORS[0]
    referral = partner.submitted_id if endpoint in ON_SUBMITTED else partner.draft_id
    referral = partner.used_up.get(endpoint, referral)
    directory = default_directory()
    by_name: dict[str, object] = {
        "family_id": family.public_id,
        "version_id": family.version_id,
        "comment_id": family.comment_id,
        "goal_id": family.goals[editor],
        "action_id": family.actions[editor],
        "survey_id": survey.public_id,
        "response_id": survey.response_id,
        "theme_id": survey.theme_id,
        "entry_id": survey.entry_id,
        "language": "ar",
        "number": 1,
        "token": world.invitation_token,
        "filename": "app.js",
        "anything": "no-such-thing",
        "service_id": directory.services[0]["id"],
        "taxonomy_id": directory.taxonomies[0]["id"],
        "term_id": directory.taxonomy_terms[0]["id"],
    }
    if endpoint.startswith("referrals."):
        by_name["public_id"] = referral
        by_name["key"] = "children"
        by_name["person_id"] = CHILD_ID
    elif endpoint.startswith("accounts.partner_"):
        by_name["public_id"] = "no-registration-in-this-session"
    elif endpoint.startswith("plans."):
        by_name["key"] = "worries"
        by_name["person_id"] = family.team[editor]
    elif endpoint.startswith("coproduction."):
        by_name["key"] = survey.question_key
    if endpoint.startswith("coproduction."):
        by_name["slug"] = survey.slug
    elif endpoint.startswith("publishing."):
        by_name["slug"] = "family-help"
    return {name: by_name[name] for name in arguments}
