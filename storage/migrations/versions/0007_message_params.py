"""Worker sentences kept as msgid and parameters beside their English, so the chat says them in its
reader's language: a failed record's reason (every record table) and a search's notes

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RECORD_TABLES = ("user_profiles", "job_searches", "match_runs", "applications")


def upgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("error_phrase", sa.JSON(), nullable=True))
    with op.batch_alter_table("job_searches") as batch:
        batch.add_column(sa.Column("note_phrases", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_searches") as batch:
        batch.drop_column("note_phrases")
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("error_phrase")
