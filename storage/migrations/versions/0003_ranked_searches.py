"""A chat search keeps its own ranking: one record, one task run, one completion event

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job_searches") as batch:
        batch.add_column(sa.Column("matches", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_searches") as batch:
        batch.drop_column("matches")
