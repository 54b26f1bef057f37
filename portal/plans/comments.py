"""The family's views on their plan, and the practitioner's answers to them.

Each write records its audit event and commits with it.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Account
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.extensions import db
from portal.plans.models import Plan, PlanComment, PlanVersion


def add_comment(
    account: Account, plan: Plan, version: PlanVersion | None, kind: str, text: str
) -> PlanComment:
    """A family member adds their view or says they don't agree."""
    comment = PlanComment(
        plan_id=plan.id,
        version_id=version.id if version else None,
        author_id=account.id,
        kind=kind,
        text=text,
    )
    db.session.add(comment)
    db.session.flush()
    record_audit(account, AuditAction.PLAN_COMMENT_ADDED, "plan", plan.public_id, {"kind": kind})
    db.session.commit()
    return comment


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


def reply_to_comment(user: Account, plan: Plan, comment_public_id: str, text: str) -> PlanComment:
    """The practitioner answers a family comment."""
    comment = comment_on(plan, comment_public_id)
    comment.reply = text
    comment.replied_by_id = user.id
    comment.replied_at = utcnow()
    record_audit(user, AuditAction.PLAN_COMMENT_ANSWERED, "plan", plan.public_id)
    db.session.commit()
    return comment
