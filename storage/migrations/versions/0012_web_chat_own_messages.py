"""The web chat keeps the person's own messages too ("mine"), with the id the page gave each one

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('web_chat_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_id', sa.String(length=40), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('web_chat_messages', schema=None) as batch_op:
        batch_op.drop_column('client_id')
