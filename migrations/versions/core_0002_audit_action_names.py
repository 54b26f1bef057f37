"""Audit actions: one style, ``subject.what_happened``, as portal.core.audit.AuditAction names them.

Revision ID: core_0002
Revises: coproduction_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "core_0002"
down_revision = "coproduction_0001"
branch_labels = None
depends_on = None

# (stored before, stored from now on). Written out here rather than read from the enum, so this
# migration means the same thing however the enum changes later.
RENAMED = [
    ("families.listed", "family.listed"),
    ("plan_matched_at_front_door", "family.matched_at_front_door"),
    ("referral_started", "referral.started"),
    ("referral_answer_saved", "referral.answer_saved"),
    ("referral_draft_deleted", "referral.draft_deleted"),
    ("referral_submitted", "referral.submitted"),
    ("referral_signposted", "referral.signposted"),
    ("referral_read", "referral.read"),
    ("referral_message_added", "referral.message_added"),
    ("referral_decided", "referral.decided"),
    ("signed_in", "account.signed_in"),
    ("sign_in_code_refused", "account.sign_in_code_refused"),
    ("partner_registration_started", "partner_registration.started"),
    ("partner_registered", "partner_registration.completed"),
    ("survey.create", "survey.created"),
    ("survey.update", "survey.updated"),
    ("survey.question.add", "survey.question_added"),
    ("survey.question.remove", "survey.question_removed"),
    ("survey.translate", "survey.translated"),
    ("survey.open", "survey.opened"),
    ("survey.close", "survey.closed"),
    ("survey.paper_response", "survey.paper_response_added"),
    ("survey.export", "survey.exported"),
    ("survey.response.tag", "survey.response_tagged"),
    ("survey.theme.create", "survey.theme_created"),
    ("survey.theme.rename", "survey.theme_renamed"),
    ("survey.theme.merge", "survey.themes_merged"),
    ("safety_words.update", "safety_words.updated"),
    ("you_said_we_did.publish", "you_said_we_did.published"),
    ("you_said_we_did.update", "you_said_we_did.updated"),
]

AUDIT_EVENTS = sa.table("audit_events", sa.column("action", sa.String(80)))


def _rename(pairs: list[tuple[str, str]]) -> None:
    for before, after in pairs:
        op.execute(
            AUDIT_EVENTS.update().where(AUDIT_EVENTS.c.action == before).values(action=after)
        )


def upgrade() -> None:
    _rename(RENAMED)


def downgrade() -> None:
    _rename([(after, before) for before, after in RENAMED])
