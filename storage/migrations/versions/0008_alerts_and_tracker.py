"""Saved searches that push only new jobs (alerts, their runs and their memory of postings sent),
the application tracker, and a person's time zone, quiet hours and follow-up delay

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_runs',
    sa.Column('query', sa.String(length=300), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('alert_ids', sa.JSON(), nullable=False),
    sa.Column('jobs', sa.JSON(), nullable=True),
    sa.Column('boards', sa.JSON(), nullable=True),
    sa.Column('job_count', sa.Integer(), nullable=False),
    sa.Column('digest_count', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress_percent', sa.Integer(), nullable=False),
    sa.Column('celery_task_id', sa.String(length=64), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.Column('error_code', sa.String(length=32), nullable=True),
    sa.Column('error_phrase', sa.JSON(), nullable=True),
    sa.Column('api_key_id', sa.String(length=64), nullable=True),
    sa.Column('webhook_url', sa.String(length=500), nullable=True),
    sa.Column('chat_user_id', sa.Integer(), nullable=True),
    sa.Column('origin_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['chat_user_id'], ['chat_users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['origin_id'], ['chat_origins.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_runs_api_key_id'), ['api_key_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_runs_chat_user_id'), ['chat_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_runs_status'), ['status'], unique=False)

    op.create_table('alerts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('chat_user_id', sa.Integer(), nullable=True),
    sa.Column('api_key_id', sa.String(length=64), nullable=True),
    sa.Column('origin_id', sa.Integer(), nullable=True),
    sa.Column('webhook_url', sa.String(length=500), nullable=True),
    sa.Column('query', sa.String(length=300), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('frequency', sa.String(length=8), nullable=False),
    sa.Column('send_at', sa.String(length=5), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('quiet_hours', sa.String(length=11), nullable=True),
    sa.Column('preferences', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('paused_reason', sa.String(length=16), nullable=True),
    sa.Column('next_run_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('runs', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chat_user_id'], ['chat_users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['origin_id'], ['chat_origins.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alerts_api_key_id'), ['api_key_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alerts_chat_user_id'), ['chat_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alerts_next_run_at'), ['next_run_at'], unique=False)

    op.create_table('alert_seen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('job_id', sa.String(length=512), nullable=False),
    sa.Column('salary', sa.String(length=200), nullable=True),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('alert_id', 'key')
    )
    with op.batch_alter_table('alert_seen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_seen_alert_id'), ['alert_id'], unique=False)

    op.create_table('tracked_applications',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('chat_user_id', sa.Integer(), nullable=True),
    sa.Column('api_key_id', sa.String(length=64), nullable=True),
    sa.Column('application_id', sa.String(length=36), nullable=True),
    sa.Column('origin_id', sa.Integer(), nullable=True),
    sa.Column('job_id', sa.String(length=512), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('company', sa.String(length=300), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=False),
    sa.Column('apply_link', sa.String(length=1000), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('stage_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('interview_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('follow_up_days', sa.Integer(), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['chat_user_id'], ['chat_users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['origin_id'], ['chat_origins.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tracked_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracked_applications_api_key_id'), ['api_key_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracked_applications_chat_user_id'), ['chat_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracked_applications_stage'), ['stage'], unique=False)

    with op.batch_alter_table('chat_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('quiet_hours', sa.String(length=11), nullable=True))
        batch_op.add_column(sa.Column('follow_up_days', sa.Integer(), nullable=True))

    with op.batch_alter_table('job_searches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alert_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('alert_run_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_job_searches_alert_id'), ['alert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_searches_alert_run_id'), ['alert_run_id'], unique=False)
        batch_op.create_foreign_key('fk_job_searches_alert_run_id', 'alert_runs', ['alert_run_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key('fk_job_searches_alert_id', 'alerts', ['alert_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('job_searches', schema=None) as batch_op:
        batch_op.drop_constraint('fk_job_searches_alert_id', type_='foreignkey')
        batch_op.drop_constraint('fk_job_searches_alert_run_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_job_searches_alert_run_id'))
        batch_op.drop_index(batch_op.f('ix_job_searches_alert_id'))
        batch_op.drop_column('alert_run_id')
        batch_op.drop_column('alert_id')

    with op.batch_alter_table('chat_users', schema=None) as batch_op:
        batch_op.drop_column('follow_up_days')
        batch_op.drop_column('quiet_hours')
        batch_op.drop_column('timezone')

    with op.batch_alter_table('tracked_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracked_applications_stage'))
        batch_op.drop_index(batch_op.f('ix_tracked_applications_chat_user_id'))
        batch_op.drop_index(batch_op.f('ix_tracked_applications_api_key_id'))

    op.drop_table('tracked_applications')
    with op.batch_alter_table('alert_seen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_seen_alert_id'))

    op.drop_table('alert_seen')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alerts_next_run_at'))
        batch_op.drop_index(batch_op.f('ix_alerts_chat_user_id'))
        batch_op.drop_index(batch_op.f('ix_alerts_api_key_id'))

    op.drop_table('alerts')
    with op.batch_alter_table('alert_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_runs_status'))
        batch_op.drop_index(batch_op.f('ix_alert_runs_chat_user_id'))
        batch_op.drop_index(batch_op.f('ix_alert_runs_api_key_id'))

    op.drop_table('alert_runs')
