"""The referral service functions views call: what each stores, the audit event it writes, the
email it queues, and that it commits them together (a rollback straight afterwards loses none)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.referrals import store
from portal.referrals.demo import DEMO_ANSWERS
from portal.referrals.front_door import (
    ask_referrer,
    front_door_queue,
    open_for_front_door,
    record_decision,
)
from portal.referrals.models import Decision, Referral, ReferralChild, ReferralMessage, Status
from portal.referrals.presenting import referral_conversation


@pytest.fixture
def in_request(app: Flask) -> Iterator[None]:
    """A request context: services build links with url_for and write messages with gettext."""
    with app.test_request_context("/"):
        yield
        db.session.remove()


@pytest.fixture
def partner(make_account) -> Account:
    return make_account([Role.PARTNER], kind="partner", locale="pl")


@pytest.fixture
def front_door(make_account) -> Account:
    return make_account([Role.FRONT_DOOR])


def _account(account: Account) -> Account:
    return db.session.get(Account, account.id)


def _referral() -> Referral:
    return db.session.scalar(select(Referral))


def _events(action: str) -> list[tuple[str, dict]]:
    rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
    return [(e.subject_id, e.detail) for e in rows]


def _emails_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == address)))


def _sent_referral(partner: Account) -> Referral:
    """A complete referral, sent by ``partner``."""
    conversation = referral_conversation()
    referral = store.start_referral(_account(partner), conversation)
    store.save_answers(referral, DEMO_ANSWERS, _account(partner), "consent")
    store.send_referral(referral, conversation, _account(partner), "en")
    return referral


@pytest.mark.both_databases
def test_send_referral_stores_the_submission_and_emails_the_referrer(app, partner, in_request):
    referral = _sent_referral(partner)
    db.session.rollback()
    stored = _referral()
    assert stored.status is Status.SUBMITTED
    assert stored.reference and stored.reference.startswith("FF-")
    assert stored.submitted_at is not None and stored.triage_route
    children = db.session.scalars(select(ReferralChild)).all()
    assert [(c.first_name_key, c.date_of_birth) for c in children] == [("maya", "2016-05-14")]
    assert _events("referral.submitted") == [(referral.public_id, {"reference": stored.reference})]
    (email,) = _emails_to(partner.email)
    # Written in the referrer's recorded language (Polish), not the page's.
    assert stored.reference in email.subject and "Referral" not in email.subject
    assert f"/refer/{referral.public_id}/outcome" in email.body


def test_open_for_front_door_puts_it_in_review_and_audits_the_read(
    app, partner, front_door, in_request
):
    referral = _sent_referral(partner)
    open_for_front_door(_referral(), _account(front_door))
    db.session.rollback()
    assert _referral().status is Status.IN_REVIEW
    assert _events("referral.read") == [(referral.public_id, {})]


def test_ask_referrer_stores_the_question_and_emails_the_referrer(
    app, partner, front_door, in_request
):
    referral = _sent_referral(partner)
    ask_referrer(_referral(), _account(front_door), "Does Maya have a social worker?")
    db.session.rollback()
    (message,) = db.session.scalars(select(ReferralMessage)).all()
    assert (message.body, message.from_front_door) == ("Does Maya have a social worker?", True)
    assert _events("referral.message_added") == [(referral.public_id, {})]
    question = _emails_to(partner.email)[-1]
    assert question.reference == _referral().reference
    assert f"/refer/{referral.public_id}/outcome" in question.body


def test_reply_to_front_door_stores_the_referrers_answer(app, partner, in_request):
    referral = _sent_referral(partner)
    store.reply_to_front_door(_referral(), _account(partner), "No, not yet.")
    db.session.rollback()
    (message,) = db.session.scalars(select(ReferralMessage)).all()
    assert (message.body, message.from_front_door, message.author_id) == (
        "No, not yet.",
        False,
        partner.id,
    )
    assert _events("referral.message_added") == [(referral.public_id, {})]


@pytest.mark.both_databases
def test_record_decision_stores_it_once_and_tells_the_referrer_once(
    app, partner, front_door, in_request
):
    referral = _sent_referral(partner)
    emails_before = len(_emails_to(partner.email))
    decided = record_decision(
        _referral(), _account(front_door), Decision.FAMILY_HELP, "Needs help at home", "Call mum"
    )
    db.session.rollback()
    stored = _referral()
    assert decided is True
    assert (stored.status, stored.decision) == (Status.DECIDED, Decision.FAMILY_HELP)
    assert stored.decision is Decision.FAMILY_HELP  # loaded as the enum, not a bare string
    assert (stored.decision_reasons, stored.decision_note) == ("Needs help at home", "Call mum")
    assert stored.decided_by_id == front_door.id and stored.decided_at is not None
    assert _events("referral.decided") == [(referral.public_id, {"decision": "family-help"})]
    assert len(_emails_to(partner.email)) == emails_before + 1

    # A second decision (another practitioner, or a double click) changes and sends nothing.
    again = record_decision(
        _referral(), _account(front_door), Decision.NO_FURTHER_ACTION, "Other reasons", ""
    )
    db.session.rollback()
    assert again is False
    assert _referral().decision is Decision.FAMILY_HELP
    assert _referral().decision_reasons == "Needs help at home"
    assert len(_events("referral.decided")) == 1
    assert len(_emails_to(partner.email)) == emails_before + 1


def test_the_queue_leaves_out_decided_referrals(app, partner, front_door, in_request):
    _sent_referral(partner)
    assert [entry.referral.id for entry in front_door_queue()] == [_referral().id]
    record_decision(_referral(), _account(front_door), Decision.ADVICE, "Signposted", "")
    assert front_door_queue() == []
