"""memberships: pending invitations and switching off per region

Revision ID: 3f1c2a7d9b10
Revises: b7c1d2e3f4a5
Create Date: 2026-12-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f1c2a7d9b10'
down_revision = 'b7c1d2e3f4a5'
branch_labels = None
depends_on = None


def upgrade():
    # Existing memberships were granted before invitations could wait: they stay active.
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_pending', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('is_enabled', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade():
    # Without these columns every row grants its role: drop the ones that must not.
    memberships = sa.table('memberships', sa.column('is_pending', sa.Boolean()),
                           sa.column('is_enabled', sa.Boolean()))
    op.execute(memberships.delete().where(
        sa.or_(memberships.c.is_pending == sa.true(), memberships.c.is_enabled == sa.false())))
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('is_enabled')
        batch_op.drop_column('is_pending')
