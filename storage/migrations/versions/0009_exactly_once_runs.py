"""Every pipeline record remembers which claim runs it, when that run last showed life, when a record
waiting out a transient error is due again, and how many transient retries it took: a redelivered
or duplicated task can then never run a record's work twice (tasks.runtime), and a retry longer
than the broker's visibility timeout waits in the database instead of in Redis

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

RECORD_TABLES = ("user_profiles", "job_searches", "match_runs", "applications", "alert_runs")


def upgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
            batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("retry_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("retries", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            for column in ("retries", "retry_at", "heartbeat_at", "claimed_by"):
                batch.drop_column(column)
