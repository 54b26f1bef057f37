"""Check your answers, submit, the confirmation and PDF, signposting instead, and the outcome."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.core.access import allow
from portal.core.pdf import cached_pdf, send_pdf
from portal.referrals import store
from portal.referrals.engine import is_complete
from portal.referrals.forms import DECISION_LABELS, MessageForm, PlainForm
from portal.referrals.models import Referral, Status
from portal.referrals.presenting import answer_rows, referral_conversation
from portal.referrals.signposting import signposting_services
from portal.referrals.views.blueprint import bp
from portal.referrals.views.conversation import REFERRERS, _own_draft, _resume_url


@bp.route("/refer/<public_id>/check", methods=["GET", "POST"])
@allow(*REFERRERS)
def check(public_id: str) -> str | Response:
    """Check your answers, then send the referral."""
    referral = _own_draft(public_id)
    if referral.status != Status.DRAFT:
        return redirect(url_for("referrals.outcome", public_id=public_id))
    conversation = referral_conversation()
    if not is_complete(conversation, referral.answers):
        return redirect(_resume_url(referral))
    form = PlainForm()
    if form.validate_on_submit():
        store.send_referral(referral, conversation, current_user, str(get_locale() or "en"))
        return redirect(url_for("referrals.sent", public_id=public_id))
    form.submit.label.text = gettext("Send referral")
    return render_template(
        "referrals/check.html",
        referral=referral,
        rows=answer_rows(conversation, referral.answers, current_user),
        services=signposting_services(referral.answers, conversation.not_signposted),
        form=form,
        signpost_form=PlainForm(prefix="signpost"),
        area="practitioners",
    )


@bp.route("/refer/<public_id>/signposted", methods=["POST"])
@allow(*REFERRERS)
def signposted(public_id: str) -> str | Response:
    """End with "I signposted the family instead", recorded as the outcome."""
    referral = _own_draft(public_id)
    form = PlainForm(prefix="signpost")
    if not form.validate_on_submit():
        abort(400)
    not_signposted = referral_conversation().not_signposted
    services = [s.id for s in signposting_services(referral.answers, not_signposted)]
    store.record_signposted(referral, current_user, services)
    return redirect(url_for("referrals.outcome", public_id=public_id))


@bp.route("/refer/<public_id>/sent")
@allow(*REFERRERS)
def sent(public_id: str) -> str | Response:
    """The confirmation: the reference, what happens next, and the PDF copy."""
    referral = _own_draft(public_id)
    if referral.status == Status.DRAFT:
        return redirect(_resume_url(referral))
    return render_template("referrals/sent.html", referral=referral, area="practitioners")


def _render_pdf_html(referral: Referral) -> str:
    conversation = referral_conversation()
    return render_template(
        "referrals/pdf.html",
        referral=referral,
        rows=answer_rows(conversation, referral.answers, referral.referrer),
    )


@bp.route("/refer/<public_id>/referral.pdf")
@allow(*REFERRERS)
def pdf(public_id: str) -> Response:
    """A PDF copy of a sent referral, to keep or share with the family."""
    referral = _own_draft(public_id)
    if referral.reference is None:
        abort(404)
    # A sent referral never changes, so one PDF per referral and language is enough.
    key = ("referral", referral.public_id, referral.reference, str(get_locale()))
    data = cached_pdf(key, lambda: _render_pdf_html(referral))
    return send_pdf(data, f"{referral.reference}.pdf")


def outcome_for_referrer(referral: Referral) -> dict[str, str] | None:
    """What the referrer may be told: the decision, and the note only if the family agreed."""
    if referral.status != Status.DECIDED or referral.decision is None:
        return None
    shown = {"decision": str(DECISION_LABELS.get(referral.decision, referral.decision))}
    if referral.consent_given and referral.decision_note:
        shown["note"] = referral.decision_note
    return shown


@bp.route("/refer/<public_id>/outcome", methods=["GET", "POST"])
@allow(*REFERRERS)
def outcome(public_id: str) -> str | Response:
    """A sent referral: where it is, the front door's questions and answers, and the outcome."""
    referral = _own_draft(public_id)
    if referral.status == Status.DRAFT:
        return redirect(_resume_url(referral))
    form = MessageForm()
    if request.method == "POST" and referral.status in {Status.SUBMITTED, Status.IN_REVIEW}:
        reply = (form.body.data or "").strip()
        if form.validate_on_submit() and reply:
            store.reply_to_front_door(referral, current_user, reply)
            return redirect(url_for("referrals.outcome", public_id=public_id) + "#messages")
        form.body.errors = [gettext("Enter your message")]
    form.submit.label.text = gettext("Send reply")
    form.body.label.text = gettext("Reply to the front door")
    return render_template(
        "referrals/outcome.html",
        referral=referral,
        outcome=outcome_for_referrer(referral),
        services=signposting_services(referral.answers, referral_conversation().not_signposted)
        if referral.status == Status.SIGNPOSTED
        else [],
        form=form,
        can_reply=referral.status in {Status.SUBMITTED, Status.IN_REVIEW},
        area="practitioners",
    )
