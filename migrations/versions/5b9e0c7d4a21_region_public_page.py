"""region public page: slug, background and goal; publications and events

Revision ID: 5b9e0c7d4a21
Revises: 8d2e4b6a1c30
Create Date: 2026-12-02 03:15:00.000000

"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa

import consult.db


# revision identifiers, used by Alembic.
revision = '5b9e0c7d4a21'
down_revision = 'c4e8a1f7b2d9'
branch_labels = None
depends_on = None


def _slug(name, taken):
    """A frozen copy of regions.services.unique_slug: a migration must not follow later code."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "regio"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def upgrade():
    # No batch mode on regions: on SQLite it would copy and DROP the table, and with foreign
    # keys on, dropping regions cascades to every municipality, round and answer.
    op.add_column('regions', sa.Column('slug', sa.String(length=80), server_default='',
                                       nullable=False))
    op.add_column('regions', sa.Column('background', sa.Text(), server_default='',
                                       nullable=False))
    op.add_column('regions', sa.Column('goal', sa.Text(), server_default='', nullable=False))
    regions = sa.table('regions', sa.column('id', sa.Integer()), sa.column('name', sa.String()),
                       sa.column('slug', sa.String()))
    connection = op.get_bind()
    taken = set()
    for region_id, name in connection.execute(
            sa.select(regions.c.id, regions.c.name).order_by(regions.c.id)).all():
        slug = _slug(name, taken)
        taken.add(slug)
        connection.execute(regions.update().where(regions.c.id == region_id).values(slug=slug))
    if connection.dialect.name != 'sqlite':  # SQLite cannot drop a default without a copy
        op.alter_column('regions', 'slug', server_default=None)
    op.create_index(op.f('ix_regions_slug'), 'regions', ['slug'], unique=True)

    op.create_table(
        'page_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('rapport', 'talkshow', 'podcast', 'bijeenkomst',
                                  name='itemkind', native_enum=False, length=20),
                  nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('happened_on', sa.Date(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('link_url', sa.String(length=500), nullable=True),
        sa.Column('pdf_token', sa.String(length=64), nullable=True),
        sa.Column('pdf_size', sa.Integer(), nullable=True),
        sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', consult.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['region_id'], ['regions.id'],
                                name=op.f('fk_page_items_region_id_regions'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_page_items')),
    )
    with op.batch_alter_table('page_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_items_region_id'), ['region_id'], unique=False)


def downgrade():
    # Uploaded PDFs stay in the instance folder; without the table nothing points at them.
    with op.batch_alter_table('page_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_items_region_id'))
    op.drop_table('page_items')
    op.drop_index(op.f('ix_regions_slug'), table_name='regions')
    op.drop_column('regions', 'goal')  # natively, not by copying the table: see upgrade()
    op.drop_column('regions', 'background')
    op.drop_column('regions', 'slug')
