"""the sender's school or department on each scan

Revision ID: 0003_scan_unit
Revises: 0002_rule_versions
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_scan_unit"
down_revision = "0002_rule_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: rows written before this revision have no unit (the dashboard counts them as unmapped).
    with op.batch_alter_table("scans") as batch:
        batch.add_column(sa.Column("unit", sa.String(80), nullable=True))
        batch.create_index("ix_scans_unit", ["unit"])


def downgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.drop_index("ix_scans_unit")
        batch.drop_column("unit")
