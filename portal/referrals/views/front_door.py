"""The front door: the queue by urgency and age, reading a referral, asking, deciding."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.core.access import Role, allow
from portal.referrals import store
from portal.referrals.forms import DECISION_LABELS, DecisionForm, MessageForm
from portal.referrals.front_door import (
    ask_referrer,
    front_door_queue,
    open_for_front_door,
    record_decision,
    referral_for_front_door,
)
from portal.referrals.models import Decision, Referral, Status
from portal.referrals.presenting import answer_rows, referral_conversation, translate
from portal.referrals.views.blueprint import bp


@bp.route("/practitioners/front-door")
@allow(Role.FRONT_DOOR)
def queue() -> str:
    """The front-door queue with red, amber and green time limits; late ones marked."""
    return render_template(
        "referrals/front_door/queue.html", entries=front_door_queue(), area="practitioners"
    )


def _referral_or_404(public_id: str) -> Referral:
    referral = referral_for_front_door(public_id)
    if referral is None:
        abort(404)
    return referral


def _page(
    referral: Referral,
    message_form: MessageForm,
    decision_form: DecisionForm,
    decided_before_you: bool = False,
) -> str:
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
        decision_label=DECISION_LABELS[referral.decision] if referral.decision else "",
        # The layout reads `form` to start the title with "Error:": whichever form has errors.
        form=message_form if message_form.errors else decision_form,
        decided_before_you=decided_before_you,
        area="practitioners",
    )


@bp.route("/practitioners/front-door/<public_id>")
@allow(Role.FRONT_DOOR)
def read(public_id: str) -> str:
    """Read a referral (audited): answers, triage suggestion and why, matches, messages."""
    referral = _referral_or_404(public_id)
    open_for_front_door(referral, current_user)
    return _page(referral, MessageForm(prefix="ask"), DecisionForm(prefix="decide"))


@bp.route("/practitioners/front-door/<public_id>/ask", methods=["POST"])
@allow(Role.FRONT_DOOR)
def ask(public_id: str) -> str | Response:
    """Ask the referrer a question; they answer in the portal."""
    referral = _referral_or_404(public_id)
    form = MessageForm(prefix="ask")
    body = (form.body.data or "").strip()
    if form.validate_on_submit() and body and referral.status != Status.DECIDED:
        ask_referrer(referral, current_user, body)
        return redirect(url_for("referrals.read", public_id=public_id) + "#messages")
    form.body.errors = [gettext("Enter your question")]
    open_for_front_door(referral, current_user)
    return _page(referral, form, DecisionForm(prefix="decide"))


@bp.route("/practitioners/front-door/<public_id>/decide", methods=["POST"])
@allow(Role.FRONT_DOOR)
def decide(public_id: str) -> str | Response:
    """Record the decision and its reasons; tell the referrer as far as consent allows."""
    referral = _referral_or_404(public_id)
    form = DecisionForm(prefix="decide")
    if referral.status == Status.DECIDED:
        return _decided_before_you(referral)
    valid = form.validate_on_submit()
    if form.decision.data not in {d.value for d in Decision}:
        form.decision.errors = [gettext("Select what you have decided")]
        valid = False
    if not (form.reasons.data or "").strip():
        form.reasons.errors = [gettext("Enter the reasons for your decision")]
        valid = False
    if not valid:
        open_for_front_door(referral, current_user)
        return _page(referral, MessageForm(prefix="ask"), form)
    recorded = record_decision(
        referral,
        current_user,
        Decision(form.decision.data),
        (form.reasons.data or "").strip(),
        (form.note.data or "").strip(),
    )
    if not recorded:
        return _decided_before_you(referral)
    return redirect(url_for("referrals.read", public_id=public_id))


def _decided_before_you(referral: Referral) -> str:
    """Someone else's decision landed first: show it, and say this one was not saved."""
    open_for_front_door(referral, current_user)  # the reading is audited, as on the page itself
    return _page(
        referral, MessageForm(prefix="ask"), DecisionForm(prefix="decide"), decided_before_you=True
    )
