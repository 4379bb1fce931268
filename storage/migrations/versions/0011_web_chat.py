"""The web chat's outgoing messages and files, kept so a closed tab or a restarted server loses nothing

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_chat_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('message_id', sa.String(length=32), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True,  # a seq is never reused, even once the newest rows are deleted
    )
    with op.batch_alter_table('web_chat_messages', schema=None) as batch_op:
        batch_op.create_index('ix_web_chat_messages_session_id_id', ['session_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_web_chat_messages_created_at'), ['created_at'], unique=False)

    op.create_table('web_chat_files',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=128), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('web_chat_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_chat_files_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_web_chat_files_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('web_chat_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_chat_files_created_at'))
        batch_op.drop_index(batch_op.f('ix_web_chat_files_session_id'))
    op.drop_table('web_chat_files')
    with op.batch_alter_table('web_chat_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_chat_messages_created_at'))
        batch_op.drop_index('ix_web_chat_messages_session_id_id')
    op.drop_table('web_chat_messages')
