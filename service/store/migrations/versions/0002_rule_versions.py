"""rule versions and the rulebook generation counter

Revision ID: 0002_rule_versions
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_rule_versions"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rule_versions",
        sa.Column("version_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("diff", sa.Text(), nullable=False),
        sa.UniqueConstraint("kind", "name", "version", name="uq_rule_versions_kind_name_version"),
    )
    op.create_index("ix_rule_versions_name", "rule_versions", ["name"])
    op.create_index("ix_rule_versions_created_at", "rule_versions", ["created_at"])
    state = op.create_table(
        "rulebook_state",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer(), nullable=False),
    )
    # Generation 0 means "not seeded yet": the first worker to bump it seeds from rules/.
    op.bulk_insert(state, [{"id": 1, "generation": 0}])


def downgrade() -> None:
    op.drop_table("rulebook_state")
    op.drop_table("rule_versions")
