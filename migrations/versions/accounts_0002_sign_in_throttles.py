"""Sign-in throttles: failed attempts counted per account and per address, shared by workers.

Revision ID: accounts_0002
Revises: accounts_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "accounts_0002"
down_revision = "accounts_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_throttles")),
        sa.UniqueConstraint("key", name=op.f("uq_sign_in_throttles_key")),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttles")
