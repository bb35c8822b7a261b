"""import batches: status and progress of the background import job

Revision ID: 8d2e4b6a1c30
Revises: 3f1c2a7d9b10
Create Date: 2026-12-02 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d2e4b6a1c30'
down_revision = '3f1c2a7d9b10'
branch_labels = None
depends_on = None


def upgrade():
    # Every existing batch was imported within its request: it is done.
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='done',
                                      nullable=False))
        batch_op.add_column(sa.Column('rows_done', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('error', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('job', sa.JSON(), nullable=True))


def downgrade():
    # Without a status every batch reads as a finished import: drop the ones that are not,
    # with the rows a running job may have stored so far.
    batches = sa.table('import_batches', sa.column('id', sa.Integer()),
                       sa.column('status', sa.String()))
    submissions = sa.table('submissions', sa.column('id', sa.Integer()),
                           sa.column('import_batch_id', sa.Integer()))
    answers = sa.table('answers', sa.column('submission_id', sa.Integer()))
    unfinished = sa.select(batches.c.id).where(batches.c.status != 'done')
    op.execute(answers.delete().where(answers.c.submission_id.in_(
        sa.select(submissions.c.id).where(submissions.c.import_batch_id.in_(unfinished)))))
    op.execute(submissions.delete().where(submissions.c.import_batch_id.in_(unfinished)))
    op.execute(batches.delete().where(batches.c.status != 'done'))
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_column('job')
        batch_op.drop_column('error')
        batch_op.drop_column('rows_done')
        batch_op.drop_column('status')
