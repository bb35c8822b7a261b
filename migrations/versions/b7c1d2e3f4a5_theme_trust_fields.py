"""themes: the engine's description, near-copies and how well a chapter fits

Revision ID: b7c1d2e3f4a5
Revises: 3c1f9a7d2b40
Create Date: 2026-12-02 00:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7c1d2e3f4a5'
down_revision = '3c1f9a7d2b40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('model_description', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('near_copies', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('chapter_match', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('suggested_chapter_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_themes_suggested_chapter_id_vision_chapters'),
                                    'vision_chapters', ['suggested_chapter_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_themes_suggested_chapter_id_vision_chapters'),
                                 type_='foreignkey')
        batch_op.drop_column('suggested_chapter_id')
        batch_op.drop_column('chapter_match')
        batch_op.drop_column('near_copies')
        batch_op.drop_column('model_description')
