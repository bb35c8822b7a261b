"""assignments read group, municipality and channel from the submission

A facilitator's correction changes a submission's group or municipality; the copies on
theme_assignments then went stale and the theme overview disagreed with the exports.

Revision ID: 3c1f9a7d2b40
Revises: 313ccfae1f43
Create Date: 2026-12-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c1f9a7d2b40'
down_revision = '313ccfae1f43'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme_assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_theme_assignments_breakdown')
        batch_op.drop_constraint(
            batch_op.f('fk_theme_assignments_group_id_stakeholder_groups'), type_='foreignkey')
        batch_op.drop_constraint(
            batch_op.f('fk_theme_assignments_municipality_id_municipalities'),
            type_='foreignkey')
        batch_op.drop_column('channel')
        batch_op.drop_column('municipality_id')
        batch_op.drop_column('group_id')


def downgrade():
    with op.batch_alter_table('theme_assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('municipality_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_theme_assignments_group_id_stakeholder_groups'),
            'stakeholder_groups', ['group_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(
            batch_op.f('fk_theme_assignments_municipality_id_municipalities'),
            'municipalities', ['municipality_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_theme_assignments_breakdown',
                              ['theme_id', 'is_off_topic', 'group_id', 'municipality_id',
                               'channel'], unique=False)
    # Refill the copies from the submissions, as the old code expected.
    for column in ('group_id', 'municipality_id', 'channel'):
        op.execute(
            f"UPDATE theme_assignments SET {column} = (SELECT submissions.{column} "
            "FROM answers JOIN submissions ON submissions.id = answers.submission_id "
            "WHERE answers.id = theme_assignments.answer_id)")
