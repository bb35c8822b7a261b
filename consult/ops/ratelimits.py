"""Rate-limit counters in a SQLite file, shared by every process on one machine. No Flask.

The embedded default (``make run``: several gunicorn workers, no Redis) needs counters that
all workers see, or each worker would allow the full limit on its own. Redis does that for
several machines; for one machine a small SQLite file next to the database does it with
nothing to install: one upsert per counted request, atomic across processes (SQLite locks
the file), WAL so that readers do not wait. Registered with ``limits`` under the scheme
``consult-sqlite``: ``RATELIMIT_STORAGE_URI = "consult-sqlite:///abs/path/ratelimits.sqlite"``.
It supports the fixed-window strategy, flask-limiter's default.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import urllib.parse
from pathlib import Path

from limits.storage import Storage

SCHEME = "consult-sqlite"
FILENAME = "ratelimits.sqlite"
PURGE_EVERY = 1000  # counted requests per process between two removals of expired counters
BUSY_TIMEOUT_MS = 5000

_SCHEMA = """CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires_at REAL NOT NULL)"""
# One statement, so atomic: a counter whose window has passed starts again at ``amount``.
_INCR = """INSERT INTO counters (key, value, expires_at) VALUES (:key, :amount, :now + :expiry)
ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN expires_at <= :now THEN :amount ELSE value + :amount END,
    expires_at = CASE WHEN expires_at <= :now THEN :now + :expiry ELSE expires_at END
RETURNING value"""


def storage_uri(instance_path: str) -> str:
    """The default storage URI: a SQLite file in the instance folder."""
    return f"{SCHEME}://" + urllib.parse.quote(str(Path(instance_path).resolve() / FILENAME))


class SQLiteStorage(Storage):
    """Fixed-window counters in one SQLite file; one connection per process and thread."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        path = urllib.parse.unquote(urllib.parse.urlparse(uri or "").path)
        if not path:
            raise ValueError(f"{SCHEME}:// needs an absolute file path, e.g. {SCHEME}:///tmp/x")
        self.path = Path(path)
        self._local = threading.local()  # connections open on first use: never before a fork
        self._counted = 0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # a forked child opens its own
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=True)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # counters: speed over durability
            conn.execute(_SCHEMA)
            local.conn, local.pid = conn, os.getpid()
        return local.conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the counter, starting a window of ``expiry`` seconds if none runs."""
        now = time.time()
        db = self._db()
        (value,) = db.execute(_INCR, {"key": key, "amount": amount, "now": now,
                                      "expiry": expiry}).fetchone()
        self._counted += 1
        if self._counted % PURGE_EVERY == 0:
            db.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        return value

    def get(self, key: str) -> int:
        row = self._db().execute("SELECT value FROM counters WHERE key = ? AND expires_at > ?",
                                 (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        row = self._db().execute("SELECT expires_at FROM counters WHERE key = ? AND "
                                 "expires_at > ?", (key, now)).fetchone()
        return row[0] if row else now

    def check(self) -> bool:
        try:
            self._db().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._db().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._db().execute("DELETE FROM counters WHERE key = ?", (key,))
