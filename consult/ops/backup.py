"""Portable backups: every table as gzipped JSON lines, for SQLite and PostgreSQL. No Flask."""

from __future__ import annotations

import base64
import gzip
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import JSON, Date, LargeBinary, MetaData, Table, func, select
from sqlalchemy.engine import Connection, Engine

from consult.db import UTCDateTime
from consult.errors import Conflict, InvalidState

FORMAT = "consult-backup/1"


def _encode(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decoder(column):
    if value_type := {UTCDateTime: datetime, Date: date}.get(type(column.type)):
        return lambda v: None if v is None else value_type.fromisoformat(v)
    if isinstance(column.type, LargeBinary):
        return lambda v: None if v is None else base64.b64decode(v)
    if isinstance(column.type, JSON):
        return lambda v: v
    return lambda v: v


def _snapshot(engine: Engine) -> Connection:
    """A connection that reads one consistent snapshot of the whole database."""
    if engine.dialect.name == "sqlite":
        conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql("BEGIN")  # one read transaction: a WAL snapshot
        return conn
    conn = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    conn.begin()
    return conn


def backup(engine: Engine, metadata: MetaData, path: Path) -> Counter:
    """Write every table of the metadata to path; returns the row count per table."""
    counts: Counter = Counter()
    conn = _snapshot(engine)
    try:
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(json.dumps({"format": FORMAT, "dialect": engine.dialect.name}) + "\n")
            for table in metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                for row in conn.execute(select(table).order_by(*order)).mappings():
                    record = {key: _encode(value) for key, value in row.items()}
                    out.write(json.dumps({"t": table.name, "r": record}) + "\n")
                    counts[table.name] += 1
    finally:
        conn.rollback()
        conn.close()
    return counts


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def restore(engine: Engine, metadata: MetaData, path: Path) -> Counter:
    """Load a backup into a database whose tables are missing or empty."""
    counts: Counter = Counter()
    with engine.begin() as conn:
        metadata.create_all(conn)
        for table in metadata.sorted_tables:
            if conn.scalar(select(func.count()).select_from(table)):
                raise Conflict(f"table {table.name} is not empty")
        with gzip.open(path, "rt", encoding="utf-8") as source:
            header = json.loads(source.readline())
            if header.get("format") != FORMAT:
                raise InvalidState("not a Consult backup")
            deferred: list[tuple[Table, dict]] = []
            for line in source:
                item = json.loads(line)
                table = metadata.tables[item["t"]]
                row = {name: _decoder(table.c[name])(value) for name, value in item["r"].items()}
                late = {name: row.pop(name) for name in _self_references(table)
                        if row.get(name) is not None}
                conn.execute(table.insert().values(**row, **dict.fromkeys(late)))
                if late:
                    deferred.append((table, {**late, "_pk": _pk(table, row)}))
                counts[table.name] += 1
            for table, values in deferred:
                pk = values.pop("_pk")
                conn.execute(table.update().where(*[table.c[k] == v for k, v in pk.items()])
                             .values(**values))
        _reset_sequences(conn, metadata)
    return counts


def _pk(table: Table, row: dict) -> dict:
    return {column.name: row[column.name] for column in table.primary_key.columns}


def _reset_sequences(conn: Connection, metadata: MetaData) -> None:
    """PostgreSQL: move each id sequence past the restored rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        seq = conn.scalar(select(func.pg_get_serial_sequence(table.name, "id")))
        if seq:
            highest = select(func.coalesce(func.max(table.c.id), 0)).scalar_subquery()
            conn.execute(select(func.setval(seq, highest + 1, False)))
