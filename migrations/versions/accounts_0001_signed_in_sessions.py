"""Signed-in sessions kept on the server, so signing out (or a credential change) ends them.

Revision ID: accounts_0001
Revises: core_0002
"""

import sqlalchemy as sa
from alembic import op

revision = "accounts_0001"
down_revision = "core_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signed_in_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_signed_in_sessions_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signed_in_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_signed_in_sessions_token_hash")),
    )
    with op.batch_alter_table("signed_in_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signed_in_sessions_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("signed_in_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signed_in_sessions_account_id"))
    op.drop_table("signed_in_sessions")
