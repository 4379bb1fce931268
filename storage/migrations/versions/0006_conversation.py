"""Conversation: a chat user's language and lasting refinements, "Not for me" feedback, and the
refinements a search was ranked with

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_users") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))
        batch.add_column(sa.Column("locale", sa.String(16), nullable=True))
        batch.add_column(sa.Column("preferences", sa.JSON(), nullable=True))
    with op.batch_alter_table("job_searches") as batch:
        batch.add_column(sa.Column("preferences", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("shown", sa.Integer(), nullable=True))
    op.create_table(
        "job_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chat_user_id", sa.Integer(), sa.ForeignKey("chat_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("job_id", sa.String(512), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("company", sa.String(300), nullable=False),
        sa.Column("location", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_job_feedback_chat_user_id", "job_feedback", ["chat_user_id"])


def downgrade() -> None:
    op.drop_index("ix_job_feedback_chat_user_id", table_name="job_feedback")
    op.drop_table("job_feedback")
    with op.batch_alter_table("job_searches") as batch:
        batch.drop_column("shown")
        batch.drop_column("preferences")
    with op.batch_alter_table("chat_users") as batch:
        batch.drop_column("preferences")
        batch.drop_column("locale")
        batch.drop_column("language")
