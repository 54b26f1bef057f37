"""The family's views on their plan, and the practitioner's answers to them.

Each write records its audit event and commits with it.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.accounts.models import Account
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.core.database import rows_changed
from portal.extensions import db
from portal.plans.models import Plan, PlanComment, PlanVersion


def add_comment(
    account: Account,
    plan: Plan,
    version: PlanVersion | None,
    kind: str,
    text: str,
    submission_key: str | None = None,
) -> PlanComment:
    """A family member adds their view or says they don't agree.

    ``submission_key`` comes from the form: sent again (a double click, a resubmitted page),
    the comment already stored under it is returned and nothing more is written. Two sends at
    the same moment meet at the unique constraint on (author, key), and the second one then
    finds the first one's comment.
    """
    if submission_key:
        earlier = _comment_with_key(account, submission_key)
        if earlier is not None:
            return earlier
    comment = PlanComment(
        plan_id=plan.id,
        version_id=version.id if version else None,
        author_id=account.id,
        kind=kind,
        text=text,
        submission_key=submission_key or None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(comment)
    except IntegrityError:
        earlier = _comment_with_key(account, submission_key) if submission_key else None
        if earlier is None:
            raise
        db.session.rollback()
        return earlier
    record_audit(account, AuditAction.PLAN_COMMENT_ADDED, "plan", plan.public_id, {"kind": kind})
    db.session.commit()
    return comment


def _comment_with_key(account: Account, submission_key: str) -> PlanComment | None:
    return db.session.scalar(
        select(PlanComment).where(
            PlanComment.author_id == account.id, PlanComment.submission_key == submission_key
        )
    )


def comments_on(plan: Plan) -> list[PlanComment]:
    """Every comment on the plan, newest first, with authors and repliers loaded."""
    return list(
        db.session.scalars(
            select(PlanComment)
            .where(PlanComment.plan_id == plan.id)
            .options(
                selectinload(PlanComment.author),
                selectinload(PlanComment.replied_by),
                selectinload(PlanComment.version),
            )
            .order_by(PlanComment.created_at.desc(), PlanComment.id.desc())
        )
    )


def comment_on(plan: Plan, comment_public_id: str) -> PlanComment:
    """One comment on this plan, or 404."""
    comment: PlanComment | None = db.session.scalar(
        select(PlanComment).where(
            PlanComment.plan_id == plan.id, PlanComment.public_id == comment_public_id
        )
    )
    if comment is None:
        abort(404)
    return comment


def reply_to_comment(user: Account, plan: Plan, comment_public_id: str, text: str) -> bool:
    """The practitioner answers a family comment, once.

    A conditional UPDATE (only while it has no answer): of two practitioners answering at the
    same moment, or one double click, the second gets False and the first answer stands.
    """
    comment = comment_on(plan, comment_public_id)
    answered = rows_changed(
        update(PlanComment)
        .where(PlanComment.id == comment.id, PlanComment.reply.is_(None))
        .values(reply=text, replied_by_id=user.id, replied_at=utcnow())
    )
    if not answered:
        db.session.rollback()
        return False
    record_audit(user, AuditAction.PLAN_COMMENT_ANSWERED, "plan", plan.public_id)
    db.session.commit()
    return True
