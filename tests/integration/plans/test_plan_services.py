"""The plans service functions views call: what each stores, the audit event it writes, and that
it commits both (a rollback straight afterwards loses neither)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from portal.accounts.models import Account, FamilyMember, Invitation
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.plans import body_edit
from portal.plans.body import Level, load_body
from portal.plans.comments import add_comment, reply_to_comment
from portal.plans.families import (
    ContactInUse,
    create_family,
    families_for_staff,
    family_page,
    invite_to_family,
    open_comment_for,
    open_draft_for,
    open_family_for,
    open_version_for,
    update_level,
)
from portal.plans.models import (
    Family,
    PlanComment,
    PlanVersion,
    PlanVersionStatus,
)
from portal.plans.service import (
    current_draft,
    mark_seen,
    publish_and_tell,
    start_draft,
    update_draft,
)
from tests.integration.plans.plan_factories import add_member, family_with_plan


@pytest.fixture
def in_request(app: Flask) -> Iterator[None]:
    """A request context: services build links with url_for and write messages with gettext."""
    with app.test_request_context("/"):
        yield
        db.session.remove()


def _account(account: Account) -> Account:
    return db.session.get(Account, account.id)


def _family(public_id: str) -> Family:
    return db.session.scalar(select(Family).where(Family.public_id == public_id))


def _events(action: str) -> list[tuple[str, str, dict]]:
    """Every audit event with this action, as (subject type, subject id, detail)."""
    rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
    return [(e.subject_type, e.subject_id, e.detail) for e in rows]


@pytest.fixture
def lead(make_account) -> Account:
    return make_account([Role.LEAD_PRACTITIONER])


@pytest.fixture
def family_id(app: Flask, lead: Account) -> str:
    with app.app_context():
        return family_with_plan(lead, versions=1).public_id


def test_create_family_stores_the_family_its_plan_and_a_first_draft(app, lead, in_request):
    family = create_family(
        _account(lead),
        name="The Nowak family",
        preferred_language="pl",
        interpreter_needed=True,
        people=[("Ola", "child", None), ("Kasia", "parent", None)],
    )
    db.session.rollback()
    stored = _family(family.public_id)
    assert (stored.name, stored.preferred_language, stored.interpreter_needed) == (
        "The Nowak family",
        "pl",
        True,
    )
    assert [(p.name, p.kind) for p in stored.people] == [("Ola", "child"), ("Kasia", "parent")]
    draft = current_draft(stored.plan)
    assert draft is not None and draft.number == 1 and draft.status == PlanVersionStatus.DRAFT
    assert _events("family.created") == [("family", stored.public_id, {})]
    assert _events("plan.created") == [("plan", stored.plan.public_id, {})]


def test_families_for_staff_lists_only_their_families_and_audits_the_list(
    app, lead, family_id, make_account, in_request
):
    other = make_account([Role.LEAD_PRACTITIONER])
    family_with_plan(_account(other), name="Someone else's family")
    account = _account(lead)
    families = families_for_staff(account)
    db.session.rollback()
    assert [f.public_id for f in families] == [family_id]
    assert _events("family.listed") == [("account", account.public_id, {"count": 1})]


@pytest.mark.parametrize("action", ["plan.viewed", "plan.previewed", "family.viewed"])
def test_open_family_for_audits_the_read_of_the_family_and_its_plan(
    app, lead, family_id, in_request, action
):
    family = open_family_for(_account(lead), family_id, action=action)
    db.session.rollback()
    expected = [("family", family_id, {})]
    if action.startswith("plan."):
        expected.append(("plan", family.plan.public_id, {}))
    assert sorted(_events(action)) == sorted(expected)


def test_open_family_for_someone_who_may_not_see_it_is_a_404_and_no_read(
    app, family_id, make_account, in_request
):
    stranger = make_account([Role.LEAD_PRACTITIONER])
    with pytest.raises(NotFound):
        open_family_for(_account(stranger), family_id, action="plan.viewed")
    db.session.rollback()
    assert _events("plan.viewed") == []


def test_open_draft_for_is_a_404_without_a_draft(app, lead, family_id, in_request):
    # The factory published version 1, so there is no draft until a new one is started.
    with pytest.raises(NotFound):
        open_draft_for(_account(lead), family_id)
    db.session.rollback()
    assert _events("plan.editing") == []
    start_draft(_account(lead), _family(family_id).plan)
    _, draft = open_draft_for(_account(lead), family_id)
    db.session.rollback()
    assert draft.number == 2 and draft.status == PlanVersionStatus.DRAFT
    assert ("family", family_id, {}) in _events("plan.editing")


def test_open_version_for_shows_published_versions_only(app, lead, family_id, in_request):
    draft = start_draft(_account(lead), _family(family_id).plan)
    with pytest.raises(NotFound):
        open_version_for(_account(lead), family_id, draft.public_id, action="plan.version_viewed")
    db.session.rollback()
    assert _events("plan.version_viewed") == []
    published = db.session.scalar(select(PlanVersion).where(PlanVersion.number == 1))
    _, version = open_version_for(
        _account(lead), family_id, published.public_id, action="plan.pdf_viewed"
    )
    db.session.rollback()
    assert version.public_id == published.public_id
    assert ("family", family_id, {}) in _events("plan.pdf_viewed")


def test_family_page_loads_members_and_open_invitations_and_audits(
    app, lead, family_id, make_account, in_request
):
    member = make_account([Role.FAMILY], kind="family")
    add_member(_family(family_id), member)
    invite_to_family(
        _account(lead), _family(family_id), display_name="Nana", contact="nana@example.com"
    )
    page = family_page(_account(lead), family_id)
    db.session.rollback()
    assert [m.account_id for m in page.members] == [member.id]
    assert [i.display_name for i in page.invitations] == ["Nana"]
    assert [v.number for v in page.versions] == [1] and page.draft is None
    assert ("family", family_id, {}) in _events("plan.viewed")


def test_update_draft_stores_the_body_and_audits_the_save(app, lead, family_id, in_request):
    draft = start_draft(_account(lead), _family(family_id).plan)
    body = body_edit.set_text(load_body(draft.body), "worries", "Rent arrears")
    update_draft(_account(lead), draft, body)
    db.session.rollback()
    stored = current_draft(_family(family_id).plan)
    assert load_body(stored.body).worries == "Rent arrears"
    plan_id = _family(family_id).plan.public_id
    assert _events("plan.draft_saved") == [
        ("plan", plan_id, {"number": 1}),  # the factory's save of version 1
        ("plan", plan_id, {"number": 2}),
    ]


def test_update_level_names_the_lcpp_with_the_level(app, lead, family_id, make_account, in_request):
    lcpp = make_account([Role.LCPP])
    draft = start_draft(_account(lead), _family(family_id).plan)
    body = body_edit.set_level(load_body(draft.body), Level.CHILD_PROTECTION, lcpp.display_name)
    update_level(_account(lead), _family(family_id), draft, body, _account(lcpp))
    db.session.rollback()
    family = _family(family_id)
    assert family.lcpp_id == lcpp.id
    assert load_body(current_draft(family.plan).body).level == Level.CHILD_PROTECTION
    assert _events("family.lcpp_assigned") == [("family", family_id, {"lcpp": lcpp.public_id})]


def test_invite_to_family_stores_the_invitation_and_queues_the_text(
    app, lead, family_id, in_request
):
    invite_to_family(
        _account(lead), _family(family_id), display_name="Dad", contact="+44 7700 900123"
    )
    db.session.rollback()
    invitation = db.session.scalar(select(Invitation))
    assert (invitation.channel, invitation.destination) == ("sms", "07700900123")
    message = db.session.scalar(select(OutboxMessage))
    assert message.recipient == "07700900123" and "/my-plan/invitation/" in message.body
    assert _events("family.member_invited") == [("family", family_id, {"channel": "sms"})]


def test_invite_to_family_refuses_a_contact_already_in_use(
    app, lead, family_id, make_account, in_request
):
    make_account([Role.FAMILY], kind="family", email="taken@example.com")
    with pytest.raises(ContactInUse):
        invite_to_family(
            _account(lead), _family(family_id), display_name="X", contact="Taken@example.com"
        )
    db.session.rollback()
    assert db.session.scalar(select(Invitation)) is None
    assert _events("family.member_invited") == []


def test_publish_and_tell_publishes_and_writes_to_each_member_in_their_language(
    app, lead, family_id, make_account, in_request
):
    by_email = make_account([Role.FAMILY], kind="family", email="mum@example.com", locale="pl")
    by_text = make_account([Role.FAMILY], kind="family", mobile="07700900456")
    add_member(_family(family_id), by_email)
    add_member(_family(family_id), by_text)
    draft = start_draft(_account(lead), _family(family_id).plan)
    publish_and_tell(_account(lead), _family(family_id), draft, "We added a goal")
    db.session.rollback()
    version = db.session.scalar(select(PlanVersion).where(PlanVersion.number == 2))
    assert version.status == PlanVersionStatus.PUBLISHED
    assert (version.change_note, version.published_by_id) == ("We added a goal", lead.id)
    messages = {m.recipient: m for m in db.session.scalars(select(OutboxMessage))}
    assert set(messages) == {"mum@example.com", "07700900456"}
    # Each in their own language: Polish for her, the family's English for him.
    assert messages["mum@example.com"].channel == "email"
    assert messages["mum@example.com"].subject == "Plan Twojej rodziny został zaktualizowany"
    text = messages["07700900456"]
    assert text.channel == "sms" and text.body.startswith("Your family's plan has been updated.")
    plan_id = _family(family_id).plan.public_id
    assert ("plan", plan_id, {"number": 2}) in _events("plan.published")


def test_mark_seen_remembers_the_newest_version_shown(app, lead, family_id, make_account):
    member_account = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        member = add_member(_family(family_id), member_account)
        version = db.session.scalar(select(PlanVersion).where(PlanVersion.number == 1))
        mark_seen(member, version)
        db.session.rollback()
        stored = db.session.scalar(select(FamilyMember))
        assert stored.last_seen_version == 1


def test_add_comment_and_the_reply_are_stored_and_audited(
    app, lead, family_id, make_account, in_request
):
    member = make_account([Role.FAMILY], kind="family")
    add_member(_family(family_id), member)
    plan = _family(family_id).plan
    comment = add_comment(_account(member), plan, None, "disagree", "We do not agree.")
    db.session.rollback()
    stored = db.session.scalar(select(PlanComment))
    assert (stored.kind, stored.text, stored.author_id) == (
        "disagree",
        "We do not agree.",
        member.id,
    )
    assert _events("plan.comment_added") == [("plan", plan.public_id, {"kind": "disagree"})]
    _, found = open_comment_for(_account(lead), family_id, comment.public_id)
    assert found.id == stored.id
    reply_to_comment(_account(lead), _family(family_id).plan, comment.public_id, "Let's talk.")
    db.session.rollback()
    stored = db.session.scalar(select(PlanComment))
    assert (stored.reply, stored.replied_by_id) == ("Let's talk.", lead.id)
    assert _events("plan.comment_answered") == [("plan", plan.public_id, {})]


def test_a_comment_on_another_plan_is_a_404(app, lead, family_id, make_account, in_request):
    with pytest.raises(NotFound):
        open_comment_for(_account(lead), family_id, "no-such-comment")
    with pytest.raises(NotFound):
        reply_to_comment(_account(lead), _family(family_id).plan, "no-such-comment", "Hello")
