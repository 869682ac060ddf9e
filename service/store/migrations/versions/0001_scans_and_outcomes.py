"""scans and outcomes

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("scan_id", sa.String(26), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("rules_fired", sa.JSON(), nullable=False),
        sa.Column("shadow_rules", sa.JSON(), nullable=False),
        sa.Column("entity_counts", sa.JSON(), nullable=False),
        sa.Column("internal_recipients", sa.Integer(), nullable=False),
        sa.Column("external_recipients", sa.Integer(), nullable=False),
        sa.Column("secure_recipients", sa.Integer(), nullable=False),
        sa.Column("attachment_count", sa.Integer(), nullable=False),
        sa.Column("client_platform", sa.String(16), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("sender_hash", sa.String(64), nullable=True),
        sa.Column("from_cache", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_scans_created_at", "scans", ["created_at"])
    op.create_index("ix_scans_sender_hash", "scans", ["sender_hash"])
    op.create_table(
        "outcomes",
        sa.Column("outcome_id", sa.String(26), primary_key=True),
        sa.Column("scan_id", sa.String(26), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32), nullable=True),
    )
    op.create_index("ix_outcomes_scan_id", "outcomes", ["scan_id"])
    op.create_index("ix_outcomes_created_at", "outcomes", ["created_at"])


def downgrade() -> None:
    op.drop_table("outcomes")
    op.drop_table("scans")
