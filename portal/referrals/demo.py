"""Demo data: one sent referral from the demo school, so the front-door queue has something."""

from sqlalchemy import select

from portal.accounts.models import Account
from portal.extensions import db
from portal.referrals import store
from portal.referrals.presenting import referral_conversation

DEMO_PARTNER_EMAIL = "partner@school.eastholme.sch.uk"
DEMO_ANSWERS = {
    "immediate_danger": "no",
    "referrer_role": "Designated safeguarding lead at Eastholme Primary School",
    "children": {
        "people": [
            {
                "id": "demomaya01",
                "first_name": "Maya",
                "last_name": "Okoro",
                "date_of_birth": "2016-05-14",
            },
        ],
        "done": True,
    },
    "child_school": {"demomaya01": "sometimes"},
    "household": {
        "people": [
            {
                "id": "demograce1",
                "first_name": "Grace",
                "last_name": "Okoro",
                "relationship": "Mother",
            },
        ],
        "done": True,
    },
    "worry": "Maya has missed 15 days this term. She says mum is tired and cannot get up.",
    "needs": ["school-attendance", "mental-health", "money"],
    "going_well": "Maya loves reading and her mum always answers our calls.",
    "tried_before": "helping",
    "tried": "The school nurse has seen Maya twice. Mum has a GP appointment next week.",
    "family_wants": "Mum wants help in the mornings and advice about money.",
    "consent_about": True,
    "consent": "yes",
    "contact_preference": "phone",
    "language": "English",
    "interpreter": "no",
}


def load_referrals_demo() -> None:
    """A sent referral from the demo partner, made once (safe to run twice)."""
    partner = db.session.scalar(select(Account).where(Account.email == DEMO_PARTNER_EMAIL))
    if partner is None or store.own_referrals(partner):
        return
    conversation = referral_conversation()
    referral = store.start_referral(partner, conversation)
    referral.answers = dict(DEMO_ANSWERS)
    store.submit_referral(referral, conversation, partner)
