"""Two people (or one double click) doing the same thing at the same moment: it happens once.

Each test races two real test clients, each with its own signed-in session, through a barrier
against PostgreSQL, then checks what was stored and what the second one was shown. SQLite lets
one writer in at a time and the suite's savepoint set-up makes two writing threads deadlock in
the harness itself, so there these tests are skipped; they run wherever TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.referrals import store
from portal.referrals.models import Referral, ReferralChild, Status
from portal.referrals.views import front_door as front_door_views
from tests.conftest import csrf_token_from
from tests.integration.referrals.journey import AMIRA, answer, start, step_key, walk_to_check

pytestmark = [pytest.mark.both_databases, pytest.mark.real_commits]

SAMIR = {"first_name": "Samir", "last_name": "Haddad", "date_of_birth": ["2", "9", "2019"]}


def needs_concurrent_writers(app: Flask) -> None:
    """Skip on SQLite: it cannot run two writing threads at once (see the module docstring)."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("a race needs a database with concurrent writers")


def at_once(*requests: Callable[[], TestResponse]) -> list[TestResponse]:
    """Send the requests from their own threads, released together; their responses in order."""
    ready = threading.Barrier(len(requests), timeout=20)
    responses: list[TestResponse | None] = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index: int, request: Callable[[], TestResponse]) -> None:
        try:
            ready.wait()
            responses[index] = request()
        except BaseException as error:  # the test fails on it below, in the main thread
            errors.append(error)

    threads = [
        threading.Thread(target=run, args=(index, request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert all(response is not None for response in responses)
    return [response for response in responses if response is not None]


def meet_before(monkeypatch: pytest.MonkeyPatch, module: object, *names: str) -> None:
    """Make the two requests meet as they call the service (``module.name``) that must act once.

    Both are then past the view's own checks before either writes, so the race happens every
    run rather than only when the threads happen to interleave; the service's lock or condition
    is all that keeps the second one from writing too.
    """
    meeting = threading.Barrier(2, timeout=20)

    def meeting_before(real: Callable[..., object]) -> Callable[..., object]:
        def met(*args: object, **kwargs: object) -> object:
            meeting.wait()
            return real(*args, **kwargs)

        return met

    for name in names:
        monkeypatch.setattr(module, name, meeting_before(getattr(module, name)))


def in_order(monkeypatch: pytest.MonkeyPatch, module: object, first: str, then: str) -> None:
    """Both requests get past their views' checks, then ``module.then`` waits for
    ``module.first`` to finish: the one interleaving a test wants, every run."""
    arrived = threading.Barrier(2, timeout=20)
    done = threading.Event()
    real_first, real_then = getattr(module, first), getattr(module, then)

    def first_call(*args: object, **kwargs: object) -> object:
        arrived.wait()
        try:
            return real_first(*args, **kwargs)
        finally:
            done.set()

    def then_call(*args: object, **kwargs: object) -> object:
        arrived.wait()
        assert done.wait(timeout=20)
        return real_then(*args, **kwargs)

    monkeypatch.setattr(module, first, first_call)
    monkeypatch.setattr(module, then, then_call)


def count(app: Flask, statement) -> int:
    with app.app_context():
        return db.session.scalar(statement) or 0


def test_two_clicks_on_send_referral_send_it_once(
    app, make_account, sign_in, page_check, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    meet_before(monkeypatch, store, "send_referral")
    partner = make_account([Role.PARTNER], kind="partner")
    first, second = app.test_client(), app.test_client()
    sign_in(first, partner)
    sign_in(second, partner)
    start_url = start(first).headers["Location"]
    public_id, _ = step_key(start_url)
    check_url = walk_to_check(first, start_url, children=(AMIRA, SAMIR))
    tokens = [csrf_token_from(client.get(check_url)) for client in (first, second)]

    responses = at_once(
        lambda: first.post(check_url, data={"csrf_token": tokens[0]}),
        lambda: second.post(check_url, data={"csrf_token": tokens[1]}),
    )

    assert [r.status_code for r in responses] == [302, 302]
    assert {r.headers["Location"] for r in responses} == {f"/refer/{public_id}/sent"}
    with app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        reference = referral.reference
        assert referral.status == Status.SUBMITTED
    assert reference and reference.endswith("-000001")
    assert count(app, select(func.count(ReferralChild.id))) == 2
    emails = select(func.count(OutboxMessage.id)).where(OutboxMessage.recipient == partner.email)
    assert count(app, emails) == 1
    for client in (first, second):
        page = page_check(client.get(f"/refer/{public_id}/sent"))
        assert reference in page.get_text()


@pytest.mark.parametrize("first", ["delete_draft", "send_referral"])
def test_a_draft_sent_and_deleted_at_once_is_one_or_the_other(
    app, make_account, sign_in, monkeypatch, first
) -> None:
    needs_concurrent_writers(app)
    then = "send_referral" if first == "delete_draft" else "delete_draft"
    in_order(monkeypatch, store, first, then)
    partner = make_account([Role.PARTNER], kind="partner")
    sender, deleter = app.test_client(), app.test_client()
    sign_in(sender, partner)
    sign_in(deleter, partner)
    start_url = start(sender).headers["Location"]
    public_id, _ = step_key(start_url)
    check_url = walk_to_check(sender, start_url)
    delete_url = f"/refer/{public_id}/delete"
    send_token = csrf_token_from(sender.get(check_url))
    delete_token = csrf_token_from(deleter.get(delete_url))

    sent, deleted = at_once(
        lambda: sender.post(check_url, data={"csrf_token": send_token}),
        lambda: deleter.post(delete_url, data={"csrf_token": delete_token}),
    )

    assert [sent.status_code, deleted.status_code] == [302, 302]
    assert deleted.headers["Location"] == "/refer"
    with app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        emails = db.session.scalar(select(func.count(OutboxMessage.id)))
    banner = deleter.get("/refer").get_data(as_text=True)
    if first == "delete_draft":  # the send found the draft gone: nothing sent, no 500
        assert referral is None and emails == 0
        assert count(app, select(func.count(ReferralChild.id))) == 0
        assert "Referral deleted" in banner
        assert sender.get(sent.headers["Location"]).status_code == 404
    else:  # the delete found it sent: a sent referral is kept
        assert referral.status == Status.SUBMITTED and referral.reference
        assert emails == 1
        assert "Referral deleted" not in banner


def test_two_practitioners_deciding_at_once_record_one_decision(
    app, make_account, sign_in, page_check, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    meet_before(monkeypatch, front_door_views, "record_decision")
    partner = make_account([Role.PARTNER], kind="partner")
    referrer = app.test_client()
    sign_in(referrer, partner)
    start_url = start(referrer).headers["Location"]
    public_id, _ = step_key(start_url)
    assert answer(referrer, walk_to_check(referrer, start_url), {}).status_code == 302
    ali, bea = make_account([Role.FRONT_DOOR]), make_account([Role.FRONT_DOOR])
    desks = [app.test_client(), app.test_client()]
    sign_in(desks[0], ali)
    sign_in(desks[1], bea)
    read_url = f"/practitioners/front-door/{public_id}"
    tokens = [csrf_token_from(desk.get(read_url)) for desk in desks]

    def decide(index: int, decision: str, reasons: str) -> Callable[[], TestResponse]:
        data = {
            "csrf_token": tokens[index],
            "decide-decision": decision,
            "decide-reasons": reasons,
        }
        return lambda: desks[index].post(f"{read_url}/decide", data=data)

    responses = at_once(
        decide(0, "family-help", "Ali's reasons."),
        decide(1, "advice-and-signposting", "Bea's reasons."),
    )

    with app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        assert referral.status == Status.DECIDED
        winner = referral.decided_by.display_name
        reasons = referral.decision_reasons
    assert (winner, reasons) in {
        (ali.display_name, "Ali's reasons."),
        (bea.display_name, "Bea's reasons."),
    }
    outcome = select(func.count(OutboxMessage.id)).where(
        OutboxMessage.subject.like("Outcome of referral%")
    )
    assert count(app, outcome) == 1
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302]
    later = next(r for r in responses if r.status_code == 200)
    page = page_check(later)
    assert page.select_one("#decided-before-you").get_text(" ", strip=True) == (
        f"Already decided by {winner}. Your decision was not saved."
    )
    assert reasons in page.select_one(".govuk-inset-text").get_text()
    assert page.select("form[action$='/decide']") == []


def test_a_read_at_the_moment_of_a_decision_leaves_it_decided(app, make_account, sign_in) -> None:
    """The page was loaded as "submitted"; a colleague's decision lands before it is marked read."""
    needs_concurrent_writers(app)
    from portal.referrals.front_door import open_for_front_door

    partner = make_account([Role.PARTNER], kind="partner")
    referrer = app.test_client()
    sign_in(referrer, partner)
    start_url = start(referrer).headers["Location"]
    public_id, _ = step_key(start_url)
    assert answer(referrer, walk_to_check(referrer, start_url), {}).status_code == 302
    reader = make_account([Role.FRONT_DOOR])
    with app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        assert referral.status == Status.SUBMITTED
        with db.engine.begin() as colleague:  # another connection decides meanwhile
            colleague.execute(
                Referral.__table__.update()
                .where(Referral.__table__.c.public_id == public_id)
                .values(status=Status.DECIDED, decision="family-help", decision_reasons="Why.")
            )
        open_for_front_door(referral, db.session.get(Account, reader.id))
    with app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        assert referral.status == Status.DECIDED
