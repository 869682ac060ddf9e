"""recipient history: per-sender daily counts, per-recipient rows, recipients of warned drafts awaiting an outcome

Revision ID: 0005_recipient_history
Revises: 0004_scan_owner
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_recipient_history"
down_revision = "0004_scan_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keyed hashes (HMAC-SHA256, 64 hex characters), counts and dates only (CONTRACT section 8).
    op.create_table(
        "history_sender_days",
        sa.Column("sender_hash", sa.String(64), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("messages", sa.Integer(), nullable=False),
    )
    op.create_table(
        "history_recipients",
        sa.Column("sender_hash", sa.String(64), primary_key=True),
        sa.Column("address_hash", sa.String(64), primary_key=True),
        sa.Column("name_hash", sa.String(64), primary_key=True),
        sa.Column("domain_hash", sa.String(64), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("first_sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    # A draft's lookup is one query: the primary key seeks by address, this index by display name.
    op.create_index("ix_history_recipients_name", "history_recipients", ["sender_hash", "name_hash"])
    op.create_index("ix_history_recipients_last_sent_at", "history_recipients", ["last_sent_at"])
    op.create_table(
        "history_pending",
        sa.Column("scan_id", sa.String(26), primary_key=True),
        sa.Column("address_hash", sa.String(64), primary_key=True),
        sa.Column("name_hash", sa.String(64), primary_key=True),
        sa.Column("sender_hash", sa.String(64), nullable=False),
        sa.Column("domain_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_history_pending_sender_hash", "history_pending", ["sender_hash"])
    op.create_index("ix_history_pending_created_at", "history_pending", ["created_at"])


def downgrade() -> None:
    op.drop_table("history_pending")
    op.drop_table("history_recipients")
    op.drop_table("history_sender_days")
