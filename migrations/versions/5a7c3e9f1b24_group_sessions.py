"""group sessions: a shared code with its own limit; submissions record the session

Revision ID: 5a7c3e9f1b24
Revises: 8d2e4b6a1c30
Create Date: 2026-12-02 03:30:00.000000

"""
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa

import consult.db


# revision identifiers, used by Alembic.
revision = '5a7c3e9f1b24'
down_revision = '5b9e2c7d4f18'
branch_labels = None
depends_on = None


@contextmanager
def _foreign_keys_off():
    """SQLite changes a table's constraints by copying it and dropping the old one; with
    foreign keys on, that DROP would cascade into the answers (ON DELETE CASCADE). The pragma
    is ignored inside a transaction, so an open one is committed first."""
    driver = op.get_bind().connection.dbapi_connection
    if driver.in_transaction:
        driver.commit()
    op.execute('PRAGMA foreign_keys=OFF')
    try:
        yield
    finally:
        op.execute('PRAGMA foreign_keys=ON')
    violations = op.get_bind().exec_driver_sql('PRAGMA foreign_key_check').fetchall()
    assert not violations, violations


def upgrade():
    # submissions.channel is a plain VARCHAR(20) (non-native enum, no CHECK constraint):
    # the new value 'groepssessie' needs no change to it.
    op.create_table('group_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('starts_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('submission_limit', sa.Integer(), nullable=False),
    sa.Column('submission_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_group_sessions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_group_sessions_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_sessions')),
    sa.UniqueConstraint('code', name=op.f('uq_group_sessions_code'))
    )
    op.create_index(op.f('ix_group_sessions_round_id'), 'group_sessions', ['round_id'],
                    unique=False)

    if op.get_bind().dialect.name == 'sqlite':
        with _foreign_keys_off():
            with op.batch_alter_table('submissions', schema=None) as batch_op:
                batch_op.add_column(sa.Column('group_session_id', sa.Integer(), nullable=True))
                batch_op.create_foreign_key(
                    batch_op.f('fk_submissions_group_session_id_group_sessions'),
                    'group_sessions', ['group_session_id'], ['id'], ondelete='SET NULL')
    else:
        op.add_column('submissions', sa.Column('group_session_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_submissions_group_session_id_group_sessions'),
                              'submissions', 'group_sessions', ['group_session_id'], ['id'],
                              ondelete='SET NULL')
    op.create_index(op.f('ix_submissions_group_session_id'), 'submissions',
                    ['group_session_id'], unique=False)


def downgrade():
    # Submissions made through a group session stay, as ordinary web submissions.
    submissions = sa.table('submissions', sa.column('channel', sa.String()))
    op.execute(submissions.update().where(submissions.c.channel == 'groepssessie')
               .values(channel='web'))
    op.drop_index(op.f('ix_submissions_group_session_id'), table_name='submissions')
    if op.get_bind().dialect.name == 'sqlite':
        with _foreign_keys_off():
            with op.batch_alter_table('submissions', schema=None) as batch_op:
                batch_op.drop_column('group_session_id')
    else:
        op.drop_constraint(op.f('fk_submissions_group_session_id_group_sessions'),
                           'submissions', type_='foreignkey')
        op.drop_column('submissions', 'group_session_id')

    op.drop_index(op.f('ix_group_sessions_round_id'), table_name='group_sessions')
    op.drop_table('group_sessions')
