"""The front door: the queue by urgency and age, reading a referral, asking, deciding."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.core.access import Role, allow
from portal.core.audit import utcnow
from portal.core.notify import message_locale, queue_email
from portal.extensions import db
from portal.referrals import store
from portal.referrals.forms import DECISION_LABELS, DecisionForm, MessageForm
from portal.referrals.models import Decision, Referral, Status
from portal.referrals.presenting import answer_rows, referral_conversation, translate
from portal.referrals.urgency import Limits, QueuePlace, place_in_queue
from portal.referrals.views.blueprint import bp


def queue_limits() -> Limits:
    """Time limits from config (FRONT_DOOR_RED_HOURS and the working-day settings)."""
    config = current_app.config
    return Limits(
        red_hours=int(config.get("FRONT_DOOR_RED_HOURS", 4)),
        amber_working_days=int(config.get("FRONT_DOOR_AMBER_WORKING_DAYS", 1)),
        green_working_days=int(config.get("FRONT_DOOR_GREEN_WORKING_DAYS", 3)),
    )


@dataclass(frozen=True)
class QueueEntry:
    referral: Referral
    place: QueuePlace


def front_door_queue() -> list[QueueEntry]:
    """Waiting referrals, most urgent first, oldest first within an urgency."""
    now = utcnow()
    limits = queue_limits()
    entries = []
    for referral in store.queued_referrals():
        submitted = referral.submitted_at
        if submitted.tzinfo is None:  # SQLite gives naive datetimes back
            submitted = submitted.replace(tzinfo=now.tzinfo)
        entries.append(
            QueueEntry(referral, place_in_queue(referral.triage_route, submitted, now, limits))
        )
    entries.sort(key=lambda e: e.place.sort_key(e.referral.submitted_at.replace(tzinfo=None)))
    return entries


@bp.route("/practitioners/front-door")
@allow(Role.FRONT_DOOR)
def queue() -> str:
    """The front-door queue with red, amber and green time limits; late ones marked."""
    return render_template(
        "referrals/front_door/queue.html", entries=front_door_queue(), area="practitioners"
    )


def _referral_or_404(public_id: str) -> Referral:
    referral = store.referral_for_front_door(public_id)
    if referral is None:
        abort(404)
    return referral


def _page(referral: Referral, message_form: MessageForm, decision_form: DecisionForm) -> str:
    conversation = referral_conversation()
    children = (referral.answers.get("children") or {}).get("people", [])
    route_labels = {r.id: translate(r.label) for r in conversation.routes}
    rows = answer_rows(conversation, referral.answers, referral.referrer)
    questions = {row.key: row for row in rows}
    reasons = [
        {
            "text": translate(reason["text"]),
            "rows": [questions[key] for key in reason["answers"] if key in questions],
        }
        for reason in referral.triage_reasons
    ]
    return render_template(
        "referrals/front_door/referral.html",
        referral=referral,
        rows=rows,
        suggested=route_labels.get(referral.triage_route or "", referral.triage_route),
        reasons=reasons,
        matches=store.find_matches(children, exclude_referral_id=referral.id, actor=current_user),
        message_form=message_form,
        decision_form=decision_form,
        decision_label=DECISION_LABELS.get(referral.decision or "", ""),
        form=decision_form,
        area="practitioners",
    )


@bp.route("/practitioners/front-door/<public_id>")
@allow(Role.FRONT_DOOR)
def read(public_id: str) -> str:
    """Read a referral (audited): answers, triage suggestion and why, matches, messages."""
    referral = _referral_or_404(public_id)
    store.open_for_front_door(referral, current_user)
    return _page(referral, MessageForm(prefix="ask"), DecisionForm(prefix="decide"))


@bp.route("/practitioners/front-door/<public_id>/ask", methods=["POST"])
@allow(Role.FRONT_DOOR)
def ask(public_id: str) -> str | Response:
    """Ask the referrer a question; they answer in the portal."""
    referral = _referral_or_404(public_id)
    form = MessageForm(prefix="ask")
    body = (form.body.data or "").strip()
    if form.validate_on_submit() and body and referral.status != Status.DECIDED:
        store.add_message(referral, current_user, body)
        outcome_url = url_for("referrals.outcome", public_id=public_id, _external=True)
        queue_email(
            referral.referrer.email,
            lambda: gettext(
                "The front door has a question about %(reference)s", reference=referral.reference
            ),
            lambda: gettext("Sign in to read and answer it: %(url)s", url=outcome_url),
            locale=message_locale(referral.referrer.locale),
            reference=referral.reference,
        )
        db.session.commit()
        return redirect(url_for("referrals.read", public_id=public_id) + "#messages")
    form.body.errors = [gettext("Enter your question")]
    store.open_for_front_door(referral, current_user)
    return _page(referral, form, DecisionForm(prefix="decide"))


@bp.route("/practitioners/front-door/<public_id>/decide", methods=["POST"])
@allow(Role.FRONT_DOOR)
def decide(public_id: str) -> str | Response:
    """Record the decision and its reasons; tell the referrer as far as consent allows."""
    referral = _referral_or_404(public_id)
    form = DecisionForm(prefix="decide")
    if referral.status == Status.DECIDED:
        return redirect(url_for("referrals.read", public_id=public_id))
    valid = form.validate_on_submit()
    if form.decision.data not in {d.value for d in Decision}:
        form.decision.errors = [gettext("Select what you have decided")]
        valid = False
    if not (form.reasons.data or "").strip():
        form.reasons.errors = [gettext("Enter the reasons for your decision")]
        valid = False
    if not valid:
        store.open_for_front_door(referral, current_user)
        return _page(referral, MessageForm(prefix="ask"), form)
    store.record_decision(
        referral,
        current_user,
        form.decision.data,
        form.reasons.data.strip(),
        (form.note.data or "").strip(),
    )
    decision = form.decision.data
    outcome_url = url_for("referrals.outcome", public_id=public_id, _external=True)

    def outcome_text() -> str:
        body = gettext(
            "The front door has decided what happens with referral %(reference)s. "
            "Sign in to see it: %(url)s",
            reference=referral.reference,
            url=outcome_url,
        )
        if referral.consent_given:
            label = str(DECISION_LABELS[decision])
            body = gettext("Decision: %(decision)s.", decision=label) + "\n\n" + body
        return body

    queue_email(
        referral.referrer.email,
        lambda: gettext("Outcome of referral %(reference)s", reference=referral.reference),
        outcome_text,
        locale=message_locale(referral.referrer.locale),
        reference=referral.reference,
    )
    db.session.commit()
    return redirect(url_for("referrals.read", public_id=public_id))
