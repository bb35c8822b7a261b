"""privacy contacts: a region's controller and contacts for the privacy statement

Revision ID: 5b9e2c7d4f18
Revises: 8d2e4b6a1c30
Create Date: 2026-12-02 03:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import consult.db


# revision identifiers, used by Alembic.
revision = '5b9e2c7d4f18'
down_revision = '8d2e4b6a1c30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('privacy_contacts',
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('controller', sa.String(length=200), nullable=False),
    sa.Column('privacy_email', sa.String(length=254), nullable=False),
    sa.Column('privacy_phone', sa.String(length=40), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('updated_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_privacy_contacts_region_id_regions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('region_id', name=op.f('pk_privacy_contacts'))
    )


def downgrade():
    op.drop_table('privacy_contacts')
