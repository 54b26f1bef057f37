"""Family comments: a one-time key from the form, so a form sent twice stores one comment.

Revision ID: plans_0002
Revises: accounts_0002
"""

import sqlalchemy as sa
from alembic import op

revision = "plans_0002"
down_revision = "accounts_0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("plan_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submission_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_plan_comments_author_id_submission_key"),
            ["author_id", "submission_key"],
        )


def downgrade():
    with op.batch_alter_table("plan_comments", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_plan_comments_author_id_submission_key"), type_="unique"
        )
        batch_op.drop_column("submission_key")
