"""A job search keeps how each job board did, the notes shown with its results, and an age limit

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job_searches") as batch:
        batch.add_column(sa.Column("boards", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("notes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("max_age_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job_searches") as batch:
        batch.drop_column("max_age_days")
        batch.drop_column("notes")
        batch.drop_column("boards")
