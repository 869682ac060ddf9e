"""who may report a scan's outcome, and one outcome per scan

Revision ID: 0004_scan_owner
Revises: 0003_scan_unit
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_scan_owner"
down_revision = "0003_scan_unit"
branch_labels = None
depends_on = None

# Every outcome but the latest of its scan (by time, then id): the one the dashboard counted.
SUPERSEDED = sa.text(
    "DELETE FROM outcomes WHERE EXISTS ("
    " SELECT 1 FROM outcomes AS later WHERE later.scan_id = outcomes.scan_id"
    " AND (later.created_at > outcomes.created_at"
    "  OR (later.created_at = outcomes.created_at AND later.outcome_id > outcomes.outcome_id)))"
)


def upgrade() -> None:
    # Nullable: scans stored before this revision have no owner, so no one can report their outcome.
    with op.batch_alter_table("scans") as batch:
        batch.add_column(sa.Column("principal_hash", sa.String(64), nullable=True))
    # Scans may already have several outcomes; only the latest counted, so only it is kept.
    op.execute(SUPERSEDED)
    with op.batch_alter_table("outcomes") as batch:
        batch.create_unique_constraint("uq_outcomes_scan_id", ["scan_id"])


def downgrade() -> None:
    with op.batch_alter_table("outcomes") as batch:
        batch.drop_constraint("uq_outcomes_scan_id", type_="unique")
    with op.batch_alter_table("scans") as batch:
        batch.drop_column("principal_hash")
