"""An application keeps four files (letter and tailored CV, each as PDF and DOCX) and its letter's language

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FILE_COLUMNS = ("docx_file", "tailored_cv_file", "tailored_cv_docx_file")


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        for name in FILE_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("language")
        for name in reversed(FILE_COLUMNS):
            batch.drop_column(name)
