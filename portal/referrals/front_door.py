"""The front door's work on a referral: the queue, reading (audited), asking and deciding.

Each function that writes records its audit event and commits it with the change, and with any
email it queues for the referrer.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import gettext
from sqlalchemy import select, update

from portal.accounts.models import Account
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.database import rows_changed
from portal.core.notify import message_locale, queue_email
from portal.extensions import db
from portal.referrals.forms import DECISION_LABELS
from portal.referrals.models import Decision, Referral, Status
from portal.referrals.store import SUBJECT, add_message, email_of
from portal.referrals.urgency import Limits, QueuePlace, place_in_queue

WAITING = (Status.SUBMITTED, Status.IN_REVIEW)


def queued_referrals() -> list[Referral]:
    """Referrals waiting for a front-door decision, oldest first."""
    query = select(Referral).where(Referral.status.in_(WAITING))
    return list(db.session.scalars(query.order_by(Referral.submitted_at)))


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
    """A waiting referral and its place in the queue: urgency, when it is due, whether late."""

    referral: Referral
    place: QueuePlace


def front_door_queue() -> list[QueueEntry]:
    """Waiting referrals, most urgent first, oldest first within an urgency."""
    now = utcnow()
    limits = queue_limits()
    placed = []
    for referral in queued_referrals():
        submitted = referral.submitted_at or now  # a waiting referral has always been submitted
        if submitted.tzinfo is None:  # SQLite gives naive datetimes back
            submitted = submitted.replace(tzinfo=now.tzinfo)
        place = place_in_queue(referral.triage_route, submitted, now, limits)
        placed.append((place.sort_key(submitted), QueueEntry(referral, place)))
    placed.sort(key=lambda item: item[0])
    return [entry for _, entry in placed]


def referral_for_front_door(public_id: str) -> Referral | None:
    """A submitted referral by public id (drafts are the referrer's own business)."""
    return db.session.scalar(
        select(Referral).where(
            Referral.public_id == public_id,
            Referral.status.in_([*WAITING, Status.DECIDED]),
        )
    )


def open_for_front_door(referral: Referral, actor: Account) -> None:
    """Record that a practitioner read the referral; the first read puts it in review.

    Only a referral still marked submitted moves (a conditional UPDATE): a read at the same
    moment as a decision must not put a decided referral back in review.
    """
    if referral.status == Status.SUBMITTED:
        moved = rows_changed(
            update(Referral)
            .where(Referral.id == referral.id, Referral.status == Status.SUBMITTED)
            .values(status=Status.IN_REVIEW)
        )
        if moved:
            db.session.expire(referral, ["status"])
    record_audit(actor, AuditAction.REFERRAL_READ, SUBJECT, referral.public_id)
    db.session.commit()


def _outcome_url(referral: Referral) -> str:
    return url_for("referrals.outcome", public_id=referral.public_id, _external=True)


def ask_referrer(referral: Referral, author: Account, question: str) -> None:
    """Put a question in the thread and email the referrer to come and answer it."""
    add_message(referral, author, question)
    outcome_url = _outcome_url(referral)
    queue_email(
        email_of(referral.referrer),
        lambda: gettext(
            "The front door has a question about %(reference)s", reference=referral.reference
        ),
        lambda: gettext("Sign in to read and answer it: %(url)s", url=outcome_url),
        locale=message_locale(referral.referrer.locale),
        reference=referral.reference,
    )
    db.session.commit()


def record_decision(
    referral: Referral, actor: Account, decision: Decision, reasons: str, note: str
) -> bool:
    """Record the decision and its reasons once, and tell the referrer as far as consent allows.

    The status changes only if the referral is still waiting, so two practitioners (or one
    double click) cannot both decide; the second gets False and nothing is stored or sent.
    """
    decided = rows_changed(
        update(Referral)
        .where(Referral.id == referral.id, Referral.status.in_(WAITING))
        .values(
            decision=decision,
            decision_reasons=reasons,
            decision_note=note or None,
            decided_by_id=actor.id,
            decided_at=utcnow(),
            status=Status.DECIDED,
        )
    )
    if not decided:
        db.session.rollback()
        return False
    db.session.refresh(referral)
    record_audit(
        actor, AuditAction.REFERRAL_DECIDED, SUBJECT, referral.public_id, {"decision": decision}
    )
    outcome_url = _outcome_url(referral)

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
        return str(body)

    queue_email(
        email_of(referral.referrer),
        lambda: gettext("Outcome of referral %(reference)s", reference=referral.reference),
        outcome_text,
        locale=message_locale(referral.referrer.locale),
        reference=referral.reference,
    )
    db.session.commit()
    return True
