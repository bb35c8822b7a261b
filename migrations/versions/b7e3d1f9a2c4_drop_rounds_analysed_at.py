"""rounds: drop analysed_at, which nothing ever set (the 'geanalyseerd' state is gone)

Revision ID: b7e3d1f9a2c4
Revises: 8d2e4b6a1c30
Create Date: 2026-12-02 04:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import consult.db


# revision identifiers, used by Alembic.
revision = 'b7e3d1f9a2c4'
down_revision = '5a7c3e9f1b24'
branch_labels = None
depends_on = None


# Plain ALTER TABLE: SQLite 3.35+ and PostgreSQL drop a column in place. A batch operation
# would copy and recreate the rounds table; on SQLite that ran into "database table is
# locked" in tests/test_migrations.py.


def upgrade():
    op.drop_column('rounds', 'analysed_at')


def downgrade():
    op.add_column('rounds', sa.Column('analysed_at', consult.db.UTCDateTime(timezone=True),
                                      nullable=True))
