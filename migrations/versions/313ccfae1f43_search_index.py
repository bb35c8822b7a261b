"""search index over the redacted answers

Until this revision the app created the index on its first request; now only a migration
changes the schema. SQLite: an FTS5 table kept in step with ``answers.text`` by triggers.
PostgreSQL: a GIN index on the 'dutch' text-search vector. ``raw_text`` is never indexed.
The DDL is copied here on purpose: a migration must not change when the app's code does.

Revision ID: 313ccfae1f43
Revises: e6abf5d766f6
Create Date: 2026-12-02 09:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '313ccfae1f43'
down_revision = 'e6abf5d766f6'
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS answers_fts USING fts5("
    "text, content='answers', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS answers_fts_insert AFTER INSERT ON answers BEGIN "
    "INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS answers_fts_delete AFTER DELETE ON answers BEGIN "
    "INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS answers_fts_update AFTER UPDATE OF text ON answers BEGIN "
    "INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text); END",
    # Index the answers stored before this revision (and repair a copy made by older code).
    "INSERT INTO answers_fts(answers_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS answers_fts_insert",
    "DROP TRIGGER IF EXISTS answers_fts_delete",
    "DROP TRIGGER IF EXISTS answers_fts_update",
    "DROP TABLE IF EXISTS answers_fts",
)
POSTGRES_UP = (
    "CREATE INDEX IF NOT EXISTS ix_answers_text_dutch ON answers "
    "USING gin (to_tsvector('dutch'::regconfig, text))",
)
POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_answers_text_dutch",)


def _statements(sqlite, postgres):
    return {"sqlite": sqlite, "postgresql": postgres}.get(op.get_bind().dialect.name, ())


def upgrade():
    for statement in _statements(SQLITE_UP, POSTGRES_UP):
        op.execute(statement)


def downgrade():
    for statement in _statements(SQLITE_DOWN, POSTGRES_DOWN):
        op.execute(statement)
