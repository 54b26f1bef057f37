"""The referrer's side of a referral: drafts, answers, sending, signposting, the message thread,
and "tell it once" matches. The front door's side is `portal.referrals.front_door`.

Every write is audited with it and committed by the function a view calls; the building blocks
of a larger change (`submit_referral`, `add_message`) leave the commit to their caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import url_for
from flask_babel import gettext
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.database import rows_changed
from portal.core.notify import message_locale, queue_email
from portal.extensions import db
from portal.plans.matching import plans_for_child
from portal.referrals.engine import Conversation, is_complete, suggest_route
from portal.referrals.engine.runner import relevant_answers
from portal.referrals.models import (
    ReferenceCounter,
    Referral,
    ReferralChild,
    ReferralMessage,
    Status,
)

SUBJECT = "referral"
REFERENCE_PREFIX = "FF"


class NotReady(Exception):
    """The referral cannot be submitted yet: some questions are unanswered."""


def start_referral(referrer: Account, conversation: Conversation) -> Referral:
    """A new draft referral for this referrer."""
    referral = Referral(
        schema_id=conversation.id,
        schema_version=conversation.version,
        answers={},
        status=Status.DRAFT,
        referrer_id=referrer.id,
    )
    db.session.add(referral)
    db.session.flush()
    record_audit(referrer, AuditAction.REFERRAL_STARTED, SUBJECT, referral.public_id)
    db.session.commit()
    return referral


def own_referral(public_id: str, account: Account) -> Referral | None:
    """The referral with this id if this account made it (anyone else gets None, so a 404)."""
    return db.session.scalar(
        select(Referral).where(Referral.public_id == public_id, Referral.referrer_id == account.id)
    )


def own_referrals(account: Account) -> list[Referral]:
    """This account's referrals, newest first."""
    query = (
        select(Referral)
        .where(Referral.referrer_id == account.id)
        .order_by(Referral.updated_at.desc(), Referral.id.desc())
    )
    return list(db.session.scalars(query))


def save_answers(referral: Referral, answers: Mapping[str, Any], actor: Account, key: str) -> None:
    """Keep the answers as given (drafts only); audited with the step that changed."""
    if referral.status != Status.DRAFT:
        raise ValueError("a submitted referral cannot change")
    referral.answers = dict(answers)
    referral.updated_at = utcnow()
    record_audit(
        actor, AuditAction.REFERRAL_ANSWER_SAVED, SUBJECT, referral.public_id, {"step": key}
    )
    db.session.commit()


def delete_draft(referral: Referral, actor: Account) -> bool:
    """Delete a draft its referrer no longer wants; False if it was sent in the meantime."""
    public_id = referral.public_id
    deleted = rows_changed(
        delete(Referral).where(Referral.id == referral.id, Referral.status == Status.DRAFT)
    )
    if not deleted:
        db.session.rollback()
        return False
    record_audit(actor, AuditAction.REFERRAL_DRAFT_DELETED, SUBJECT, public_id)
    db.session.commit()
    return True


def allocate_reference(year: int) -> str:
    """The next human reference for the year, like FF-2026-000123, safe under concurrency.

    The counter row is updated before it is read, so PostgreSQL holds a row lock and SQLite a
    write lock until the caller's transaction ends: two submissions never get the same number.
    """
    for _attempt in range(3):
        bumped = rows_changed(
            update(ReferenceCounter)
            .where(ReferenceCounter.year == year)
            .values(last_number=ReferenceCounter.last_number + 1)
        )
        if bumped:
            number = db.session.scalar(
                select(ReferenceCounter.last_number).where(ReferenceCounter.year == year)
            )
            return f"{REFERENCE_PREFIX}-{year}-{number:06d}"
        try:
            with db.session.begin_nested():
                db.session.add(ReferenceCounter(year=year, last_number=1))
            return f"{REFERENCE_PREFIX}-{year}-{1:06d}"
        except IntegrityError:
            continue  # another submission created the year's row first: bump it instead
    raise RuntimeError("could not allocate a referral reference")


def name_key(name: str | None) -> str:
    """A name folded for matching: lower case, letters only."""
    return "".join(ch for ch in (name or "").casefold() if ch.isalpha())


def lock_referral(referral: Referral) -> bool:
    """Reload the referral's row and hold it until the transaction ends (FOR UPDATE).

    A second request for the same change waits here, then sees what the first one did: two
    clicks on "Send referral" cannot both find a draft. SQLite ignores the lock but lets one
    writer in at a time anyway. Changes not yet written are flushed first, not lost. False
    when the row has gone (the draft was deleted a moment ago).
    """
    db.session.flush()
    locked = db.session.scalar(
        select(Referral)
        .where(Referral.id == referral.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return locked is not None


def submit_referral(
    referral: Referral, conversation: Conversation, actor: Account, today: date | None = None
) -> bool:
    """Freeze the answers, suggest a route and give a reference; the caller commits.

    The row is locked first, so of two submissions at once the second waits and then finds
    the referral sent: it returns False and changes nothing (no second reference or children).
    """
    if not lock_referral(referral) or referral.status != Status.DRAFT:
        return False
    if not is_complete(conversation, referral.answers, today):
        raise NotReady
    answers = relevant_answers(conversation, referral.answers, today)
    suggestion = suggest_route(conversation, answers, today)
    now = utcnow()
    referral.answers = answers
    referral.triage_route = suggestion.route.id
    referral.triage_reasons = suggestion.as_record()["reasons"]
    referral.reference = allocate_reference(now.year)
    referral.status = Status.SUBMITTED
    referral.submitted_at = now
    for child in (answers.get("children") or {}).get("people", []):
        db.session.add(
            ReferralChild(
                referral_id=referral.id,
                first_name_key=name_key(child.get("first_name")),
                last_name_key=name_key(child.get("last_name")),
                date_of_birth=child.get("date_of_birth", ""),
            )
        )
    record_audit(
        actor,
        AuditAction.REFERRAL_SUBMITTED,
        SUBJECT,
        referral.public_id,
        {"reference": referral.reference},
    )
    return True


def email_of(account: Account) -> str:
    """A referrer's email address: partner and staff accounts are always made with one."""
    if not account.email:
        raise ValueError(f"account {account.id} has no email address to write to")
    return account.email


def send_referral(
    referral: Referral, conversation: Conversation, actor: Account, page_locale: str
) -> bool:
    """Submit the referral and email the referrer its reference, in one transaction.

    False when it had been sent already (a double click, or a second tab): nothing more is
    stored or emailed, and the referral keeps the reference it was first given.
    """
    if not submit_referral(referral, conversation, actor):
        db.session.rollback()
        return False
    outcome_url = url_for("referrals.outcome", public_id=referral.public_id, _external=True)
    queue_email(
        email_of(actor),
        lambda: gettext("Referral %(reference)s received", reference=referral.reference),
        lambda: gettext(
            "Thank you. We have your referral %(reference)s. The front door will look at it "
            "and tell you what happens next. See it here: %(url)s",
            reference=referral.reference,
            url=outcome_url,
        ),
        locale=message_locale(actor.locale, page_locale),
        reference=referral.reference,
    )
    db.session.commit()
    return True


def record_signposted(referral: Referral, actor: Account, service_ids: Iterable[str]) -> None:
    """End a draft with "I signposted the family instead", kept as the outcome."""
    if not lock_referral(referral) or referral.status != Status.DRAFT:
        db.session.rollback()
        return
    referral.status = Status.SIGNPOSTED
    referral.signposted_services = list(service_ids)
    referral.decided_at = utcnow()
    record_audit(actor, AuditAction.REFERRAL_SIGNPOSTED, SUBJECT, referral.public_id)
    db.session.commit()


def add_message(referral: Referral, author: Account, body: str) -> ReferralMessage:
    """Add a message to the thread. One part of a larger change: the caller commits."""
    from_front_door = author.has_role(Role.FRONT_DOOR) and author.id != referral.referrer_id
    message = ReferralMessage(
        referral_id=referral.id, author_id=author.id, from_front_door=from_front_door, body=body
    )
    db.session.add(message)
    record_audit(author, AuditAction.REFERRAL_MESSAGE_ADDED, SUBJECT, referral.public_id)
    return message


def reply_to_front_door(referral: Referral, author: Account, body: str) -> None:
    """The referrer answers the front door in the referral's thread."""
    add_message(referral, author, body)
    db.session.commit()


# -- tell it once ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """An earlier record about a child with the same name and date of birth."""

    child_name: str
    date_of_birth: str
    kind: str  # "referral" (an earlier referral) or "plan" (a family with a plan)
    reference: str
    public_id: str
    status: str
    when: datetime | None


def find_matches(
    children: Iterable[Mapping[str, Any]],
    exclude_referral_id: int | None = None,
    actor: Account | None = None,
) -> list[Match]:
    """Plans and earlier referrals naming a child with the same name and date of birth.

    Plans are looked up only for a signed-in actor, whose sight of each one is audited.
    """
    matches: list[Match] = []
    for child in children:
        dob = child.get("date_of_birth")
        first, last = name_key(child.get("first_name")), name_key(child.get("last_name"))
        if not (dob and first and last):
            continue
        query = (
            select(ReferralChild, Referral)
            .join(Referral, ReferralChild.referral_id == Referral.id)
            .where(
                ReferralChild.last_name_key == last,
                ReferralChild.first_name_key == first,
                ReferralChild.date_of_birth == dob,
            )
            .order_by(Referral.submitted_at.desc())
        )
        if actor is not None:
            matches.extend(plan_matches(actor, first + last, dob))
        if exclude_referral_id is not None:
            query = query.where(Referral.id != exclude_referral_id)
        for _row, referral in db.session.execute(query):
            name = " ".join(p for p in (child.get("first_name"), child.get("last_name")) if p)
            matches.append(
                Match(
                    name,
                    dob,
                    "referral",
                    referral.reference or "",
                    referral.public_id,
                    referral.status,
                    referral.submitted_at,
                )
            )
    return matches


def plan_matches(actor: Account, folded_name: str, dob: str) -> list[Match]:
    """Families with a plan whose child has this folded name and date of birth."""
    try:
        born = date.fromisoformat(dob)
    except ValueError:
        return []
    return [
        Match(
            found.child_name,
            dob,
            "plan",
            found.family.name,
            found.family.public_id,
            f"v{found.version.number}" if found.version else "",
            found.version.published_at if found.version else None,
        )
        for found in plans_for_child(actor, folded_name, born)
    ]
