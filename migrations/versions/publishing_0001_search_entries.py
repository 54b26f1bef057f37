"""publishing: search index table for PostgreSQL full text search

Revision ID: publishing_0001
Revises: foundation_0001
Create Date: 2026-11-23 03:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "publishing_0001"
down_revision = "foundation_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "publishing_search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=200), nullable=False),
        sa.Column("section_id", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("heading", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publishing_search_entries")),
    )
    with op.batch_alter_table("publishing_search_entries") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publishing_search_entries_lang"), ["lang"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_publishing_search_entries_signature"), ["signature"], unique=False
        )


def downgrade():
    with op.batch_alter_table("publishing_search_entries") as batch_op:
        batch_op.drop_index(batch_op.f("ix_publishing_search_entries_signature"))
        batch_op.drop_index(batch_op.f("ix_publishing_search_entries_lang"))
    op.drop_table("publishing_search_entries")
