"""safeguarding contacts and crisis signals (kinds and answer ids only, never text)

Revision ID: c4e8a1f7b2d9
Revises: 8d2e4b6a1c30
Create Date: 2026-12-02 03:03:01.971252

"""
from alembic import op
import sqlalchemy as sa

import consult.db


# revision identifiers, used by Alembic.
revision = 'c4e8a1f7b2d9'
down_revision = 'b7e3d1f9a2c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('safeguarding_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_safeguarding_contacts_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_safeguarding_contacts_region_id_regions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_safeguarding_contacts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_contacts')),
    sa.UniqueConstraint('region_id', 'user_id', name=op.f('uq_safeguarding_contacts_region_id_user_id'))
    )
    with op.batch_alter_table('safeguarding_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_contacts_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_contacts_user_id'), ['user_id'], unique=False)

    op.create_table('crisis_signals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('answer_ids', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='signalstatus', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_crisis_signals_round_id_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], name=op.f('fk_crisis_signals_submission_id_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_signals')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_crisis_signals_submission_id'))
    )
    with op.batch_alter_table('crisis_signals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_signals_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_signals_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_signals_status'), ['status'], unique=False)

    op.create_table('signal_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signal_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('contacted', 'unreachable', 'no_action', 'false_signal', name='outcome', native_enum=False, length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('closes', sa.Boolean(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_signal_actions_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['signal_id'], ['crisis_signals.id'], name=op.f('fk_signal_actions_signal_id_crisis_signals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signal_actions'))
    )
    with op.batch_alter_table('signal_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signal_actions_signal_id'), ['signal_id'], unique=False)



def downgrade():
    with op.batch_alter_table('signal_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signal_actions_signal_id'))

    op.drop_table('signal_actions')
    with op.batch_alter_table('crisis_signals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crisis_signals_status'))
        batch_op.drop_index(batch_op.f('ix_crisis_signals_round_id'))
        batch_op.drop_index(batch_op.f('ix_crisis_signals_created_at'))

    op.drop_table('crisis_signals')
    with op.batch_alter_table('safeguarding_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safeguarding_contacts_user_id'))
        batch_op.drop_index(batch_op.f('ix_safeguarding_contacts_region_id'))

    op.drop_table('safeguarding_contacts')
