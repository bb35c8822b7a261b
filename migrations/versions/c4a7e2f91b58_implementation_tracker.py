"""implementation tracker: agreements, their status per municipality, links to themes;
memberships limited to one municipality

Revision ID: c4a7e2f91b58
Revises: 5b9e0c7d4a21
Create Date: 2026-12-02 03:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

from consult.db import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'c4a7e2f91b58'
down_revision = '5b9e0c7d4a21'
branch_labels = None
depends_on = None

STATUSES = ('niet_gestart', 'in_voorbereiding', 'gerealiseerd', 'niet_van_toepassing')


def upgrade():
    op.create_table(
        'agreements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('chapter_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('owner', sa.String(length=120), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('amount', sa.Integer(), nullable=True),
        sa.Column('is_public', sa.Boolean(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['chapter_id'], ['vision_chapters.id'],
                                name=op.f('fk_agreements_chapter_id_vision_chapters'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['region_id'], ['regions.id'],
                                name=op.f('fk_agreements_region_id_regions'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements')),
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_region_id'), ['region_id'], unique=False)
    op.create_table(
        'agreement_statuses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum(*STATUSES, name='statuskind', native_enum=False,
                                    length=24), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('status_on', sa.Date(), nullable=True),
        sa.Column('evidence', sa.String(length=500), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'],
                                name=op.f('fk_agreement_statuses_agreement_id_agreements'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'],
                                name=op.f('fk_agreement_statuses_municipality_id_municipalities'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_agreement_statuses_updated_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_statuses')),
        sa.UniqueConstraint('agreement_id', 'municipality_id',
                            name=op.f('uq_agreement_statuses_agreement_id_municipality_id')),
    )
    with op.batch_alter_table('agreement_statuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_statuses_agreement_id'), ['agreement_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_statuses_municipality_id'),
                              ['municipality_id'], unique=False)
    op.create_table(
        'agreement_themes',
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'],
                                name=op.f('fk_agreement_themes_agreement_id_agreements'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['theme_id'], ['themes.id'],
                                name=op.f('fk_agreement_themes_theme_id_themes'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('agreement_id', 'theme_id', name=op.f('pk_agreement_themes')),
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('municipality_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_memberships_municipality_id_municipalities'),
                                    'municipalities', ['municipality_id'], ['id'],
                                    ondelete='CASCADE')


def downgrade():
    # Without a municipality a municipal role would reach the whole region: drop those.
    memberships = sa.table('memberships', sa.column('role', sa.String()))
    op.execute(memberships.delete().where(memberships.c.role == 'municipal_officer'))
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_memberships_municipality_id_municipalities'),
                                 type_='foreignkey')
        batch_op.drop_column('municipality_id')
    op.drop_table('agreement_themes')
    with op.batch_alter_table('agreement_statuses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_statuses_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_statuses_agreement_id'))
    op.drop_table('agreement_statuses')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_region_id'))
    op.drop_table('agreements')
