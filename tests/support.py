"""Helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from consult.db import db


def postgres_schema_url(base: str, schema: str) -> str:
    """A URL whose connections use their own schema, so parallel test runs never collide."""
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def drop_postgres_schema(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def empty_tables() -> None:
    """Delete every row (and reset ids) between tests; the schema stays."""
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
        has_sequence = text("SELECT name FROM sqlite_master WHERE name='sqlite_sequence'")
        if conn.execute(has_sequence).first():
            conn.execute(text("DELETE FROM sqlite_sequence"))
