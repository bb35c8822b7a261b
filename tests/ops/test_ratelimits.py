"""Rate-limit counters in a SQLite file: shared by every worker process on the machine."""

from __future__ import annotations

import subprocess
import sys
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from consult import create_app
from consult.ops import ratelimits
from consult.ops.workers import check_workers, shares_rate_limits

COUNT_IN_CHILD = """
import sys
from limits.storage import storage_from_string
import consult.ops.ratelimits
storage = storage_from_string(sys.argv[1])
for _ in range(int(sys.argv[2])):
    storage.incr("submit/127.0.0.1", 600)
"""


def _uri(tmp_path) -> str:
    return ratelimits.storage_uri(str(tmp_path / "a folder with spaces"))


def test_the_default_without_redis_is_a_sqlite_file_in_the_instance(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("REDIS_URL", raising=False)
    app = create_app({"SECRET_KEY": "x" * 32})
    uri = app.config["RATELIMIT_STORAGE_URI"]
    assert uri == f"consult-sqlite://{tmp_path.resolve() / 'ratelimits.sqlite'}"
    assert shares_rate_limits(app.config)
    check_workers(app.config, workers=5)  # several gunicorn workers may start


def test_redis_wins_when_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("REDIS_URL", "redis://redis-host:6379/0")
    app = create_app({"SECRET_KEY": "x" * 32})
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://redis-host:6379/0"


def test_processes_count_in_one_place(tmp_path):
    uri = _uri(tmp_path)
    children = [subprocess.Popen([sys.executable, "-c", COUNT_IN_CHILD, uri, "25"])
                for _ in range(4)]
    assert [child.wait(timeout=120) for child in children] == [0, 0, 0, 0]
    assert storage_from_string(uri).get("submit/127.0.0.1") == 100


def test_a_fixed_window_limit_holds_and_starts_again(tmp_path):
    storage = storage_from_string(_uri(tmp_path))
    limiter = FixedWindowRateLimiter(storage)
    limit = parse("3 per 1 second")
    assert [limiter.hit(limit, "address") for _ in range(4)] == [True, True, True, False]
    assert not limiter.test(limit, "address")
    reset, remaining = limiter.get_window_stats(limit, "address")
    assert remaining == 0 and time.time() < reset <= time.time() + 1
    assert limiter.hit(limit, "another address")  # counted per key
    time.sleep(1.1)
    assert limiter.hit(limit, "address")  # a new window
    storage.clear(limit.key_for("address"))
    assert storage.get(limit.key_for("address")) == 0
    assert storage.check() and storage.reset() >= 1
