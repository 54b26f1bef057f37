"""Small factories for plan tests, on a real database."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.accounts.models import Account, FamilyMember
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.families import create_family
from portal.plans.models import Family
from portal.plans.service import publish_version, save_draft, start_draft


def family_with_plan(lead: Account, *, versions: int = 1, name: str = "Test family") -> Family:
    """A family led by ``lead`` with ``versions`` published versions (call in an app context)."""
    lead = db.session.get(Account, lead.id)
    family = create_family(
        lead,
        name=name,
        preferred_language="en",
        interpreter_needed=False,
        people=[("Child One", "child", None)],
    )
    for number in range(1, versions + 1):
        draft = start_draft(lead, family.plan)
        body = load_body(draft.body).to_dict()
        body["worries"] = f"Worry in version {number}"
        body["goals"] = [
            {
                "id": "goal-one",
                "text": "Go to school",
                "actions": [
                    {
                        "id": "act-one",
                        "who": "Mum",
                        "what": "Walk to school",
                        "status": "done" if number > 1 else "in-progress",
                    }
                ],
            }
        ]
        save_draft(lead, draft, load_body(body))
        publish_version(lead, draft, f"Note {number}")
    db.session.commit()
    return family


def add_member(family: Family, account: Account, last_seen: int = 0) -> FamilyMember:
    """Link a family account to a family."""
    member = FamilyMember(family_id=family.id, account_id=account.id, last_seen_version=last_seen)
    db.session.add(member)
    db.session.commit()
    return member


def latest_code(recipient: str) -> str:
    """The six-digit code in the newest outbox message to ``recipient``."""
    message = db.session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == recipient)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    assert message is not None, f"no message to {recipient}"
    match = re.search(r"\b(\d{6})\b", message.body)
    assert match, f"no code in {message.body!r}"
    return match.group(1)


def sign_in_family(client, account: Account, password: str) -> None:
    """Sign a family member in through the real pages: password, then the code sent to them."""
    from tests.conftest import post_form

    response = post_form(
        client, "/my-plan/sign-in", {"identifier": account.email, "password": password}
    )
    assert response.status_code == 302, "password step failed"
    assert response.headers["Location"].endswith("/my-plan/sign-in/code")
    with client.application.app_context():
        code = latest_code(account.email)
    response = post_form(client, "/my-plan/sign-in/code", {"code": code})
    assert response.status_code == 302, "code step failed"
