"""Submit, confirm, PDF, the front-door queue, questions, decisions and the referrer's outcome."""

from datetime import timedelta

from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent, utcnow
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.referrals.models import Referral, Status
from tests.conftest import csrf_token_from
from tests.integration.referrals.journey import AMIRA, answer, start, step_key, walk_to_check


def submitted_referral(client, overrides=None, children=(AMIRA,)) -> str:
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    check_url = walk_to_check(client, first, overrides, children)
    response = answer(client, check_url, {})
    assert response.headers["Location"].endswith(f"/refer/{public_id}/sent")
    return public_id


def row(app, public_id):
    with app.app_context():
        return db.session.scalar(select(Referral).where(Referral.public_id == public_id))


def test_submitting_gives_a_reference_an_email_and_a_pdf(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    public_id = submitted_referral(client)
    referral = row(app, public_id)
    year = utcnow().year
    assert referral.reference == f"FF-{year}-000001"
    assert referral.status == Status.SUBMITTED
    assert referral.triage_route == "family-help"  # mental health was chosen
    page = page_check(client.get(f"/refer/{public_id}/sent"))
    assert referral.reference in page.get_text()
    with app.app_context():
        email = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == partner.email)
        )
    assert referral.reference in email.subject
    assert "Amira" not in email.body  # family details stay in the portal
    pdf = client.get(f"/refer/{public_id}/referral.pdf")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    # A sent referral cannot be changed.
    again = client.get(f"/refer/{public_id}/step/worry")
    assert again.headers["Location"].endswith(f"/refer/{public_id}/outcome")
    second = submitted_referral(client)
    assert row(app, second).reference == f"FF-{year}-000002"


def test_the_front_door_queue_puts_the_most_urgent_first_and_marks_late_ones(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    plain = submitted_referral(client, {"needs": {"answer": ["housing"]}})
    urgent = submitted_referral(client, {"needs": {"answer": ["exploitation"]}})
    with app.app_context():
        late = db.session.scalar(select(Referral).where(Referral.public_id == plain))
        late.submitted_at = utcnow() - timedelta(days=10)
        db.session.commit()
    desk = app.test_client()
    sign_in(desk, make_account([Role.FRONT_DOOR]))
    page = page_check(desk.get("/practitioners/front-door"))
    rows = page.select("tbody tr")
    references = [r.find("a").get_text() for r in rows]
    assert references == [row(app, urgent).reference, row(app, plain).reference]
    assert "Red" in rows[0].get_text() and "Overdue" not in rows[0].get_text()
    assert "Green" in rows[1].get_text() and "Overdue" in rows[1].get_text()


def test_the_front_door_reads_asks_and_decides_and_the_referrer_sees_the_outcome(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    public_id = submitted_referral(client)
    front_door = make_account([Role.FRONT_DOOR])
    desk = app.test_client()
    sign_in(desk, front_door)

    read_url = f"/practitioners/front-door/{public_id}"
    page = page_check(desk.get(read_url))
    text = page.get_text(" ", strip=True)
    assert "Suggested route: Family Help" in text
    assert [legend.get_text(strip=True) for legend in page.select("legend")] == [
        "What have you decided?"
    ]
    assert "Needs that usually call for Family Help." in text
    assert row(app, public_id).status == Status.IN_REVIEW
    with app.app_context():
        reads = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "referral.read", AuditEvent.subject_id == public_id
            )
        ).all()
    assert len(reads) == 1 and reads[0].actor_id == front_door.id
    asked = desk.post(
        f"{read_url}/ask",
        data={"csrf_token": csrf_token_from(desk.get(read_url)), "ask-body": "Does mum know?"},
    )
    assert asked.status_code == 302

    outcome_url = f"/refer/{public_id}/outcome"
    page = page_check(client.get(outcome_url))
    assert "Does mum know?" in page.get_text()
    reply = answer(client, outcome_url, {"body": "Yes, she asked for help."})
    assert reply.status_code == 302

    page = page_check(desk.get(read_url))
    assert "Yes, she asked for help." in page.get_text()
    missing = desk.post(
        f"{read_url}/decide",
        data={"csrf_token": csrf_token_from(desk.get(read_url)), "decide-decision": "family-help"},
    )
    page = page_check(missing)
    assert "Enter the reasons for your decision" in page.get_text()
    decided = desk.post(
        f"{read_url}/decide",
        data={
            "csrf_token": csrf_token_from(desk.get(read_url)),
            "decide-decision": "family-help",
            "decide-reasons": "Attendance and mum's low mood together.",
            "decide-note": "A Family Help worker will phone mum this week.",
        },
    )
    assert decided.status_code == 302
    assert row(app, public_id).status == Status.DECIDED

    page = page_check(desk.get(read_url))
    decision = [p.get_text(strip=True) for p in page.select(".govuk-inset-text p")]
    assert decision == ["Family Help", "Attendance and mum's low mood together."]

    page = page_check(client.get(outcome_url))
    outcome = [p.get_text(strip=True) for p in page.select(".govuk-inset-text p")]
    assert outcome == ["Family Help", "A Family Help worker will phone mum this week."]
    text = page.get_text(" ", strip=True)
    assert "A Family Help worker will phone mum this week." in text  # the family agreed
    assert "Attendance and mum's low mood together." not in text  # reasons stay with the council
    with app.app_context():
        email = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.subject.like("Outcome of referral%"))
        ).one()
    assert email.recipient == partner.email
    assert "Decision: Family Help." in email.body


def test_without_consent_the_referrer_is_told_only_that_a_decision_was_made(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    public_id = submitted_referral(
        client,
        {
            "consent": {"answer": "no"},
            "consent_override": {"answer": "yes"},
            "consent_override_reason": {"answer": "Dad would punish Amira."},
        },
    )
    assert row(app, public_id).triage_route == "strategy-discussion"
    desk = app.test_client()
    sign_in(desk, make_account([Role.FRONT_DOOR]))
    read_url = f"/practitioners/front-door/{public_id}"
    desk.post(
        f"{read_url}/decide",
        data={
            "csrf_token": csrf_token_from(desk.get(read_url)),
            "decide-decision": "strategy-discussion",
            "decide-reasons": "Risk of harm from dad.",
            "decide-note": "Strategy meeting on Friday with police.",
        },
    )
    with app.app_context():
        email = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.subject.like("Outcome of referral%"))
        ).one()
    assert "Decision:" not in email.body
    text = page_check(client.get(f"/refer/{public_id}/outcome")).get_text(" ", strip=True)
    assert "Strategy meeting on Friday" not in text
    assert "Phone the front door on 01632 960 123" in text


def test_a_referral_naming_a_known_child_shows_the_earlier_referral(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    earlier = submitted_referral(client)
    cousin = {"first_name": "Amira", "last_name": "Haddad", "date_of_birth": ["28", "3", "2017"]}
    unrelated = submitted_referral(client, children=(cousin,))
    later = submitted_referral(
        client,
        children=(
            {"first_name": " amira ", "last_name": "HADDAD", "date_of_birth": ["27", "3", "2017"]},
        ),
    )
    desk = app.test_client()
    sign_in(desk, make_account([Role.FRONT_DOOR]))
    page = page_check(desk.get(f"/practitioners/front-door/{later}"))
    known = page.find("h2", string="Known to us already").find_next("ul").get_text(" ", strip=True)
    assert row(app, earlier).reference in known
    assert row(app, unrelated).reference not in known


def test_signposting_instead_is_recorded_as_the_outcome(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    check_url = walk_to_check(client, first, {"needs": {"answer": ["housing", "money"]}})
    page = page_check(client.get(check_url))
    assert "Services that might help" in page.get_text()
    response = client.post(
        f"/refer/{public_id}/signposted",
        data={"csrf_token": csrf_token_from(client.get(check_url))},
    )
    assert response.headers["Location"].endswith(f"/refer/{public_id}/outcome")
    saved = row(app, public_id)
    assert saved.status == Status.SIGNPOSTED
    assert saved.signposted_services
    assert saved.reference is None
    page = page_check(client.get(f"/refer/{public_id}/outcome"))
    assert "You signposted the family" in page.get_text()
    desk = app.test_client()
    sign_in(desk, make_account([Role.FRONT_DOOR]))
    assert desk.get(f"/practitioners/front-door/{public_id}").status_code == 404


def test_partners_cannot_use_the_front_door(client, make_account, sign_in):
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    assert client.get("/practitioners/front-door").status_code == 404
