"""Several gunicorn workers only when they share rate-limit counters (REDIS_URL)."""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from consult.ops.workers import UnsharedRateLimits

ROOT = Path(__file__).resolve().parents[2]


def _hook():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.on_starting


def _server(workers: int, **config):
    app = SimpleNamespace(config={"RATELIMIT_STORAGE_URI": "memory://", **config})
    return SimpleNamespace(app=SimpleNamespace(callable=app), cfg=SimpleNamespace(workers=workers),
                           log=logging.getLogger("test.gunicorn"))


@pytest.mark.parametrize("preload", [[], ["--preload"]])
def test_gunicorn_refuses_several_workers_that_count_alone(tmp_path, preload):
    # The default shares a SQLite file (tests/ops/test_ratelimits.py); memory:// does not.
    (tmp_path / "config.py").write_text('RATELIMIT_STORAGE_URI = "memory://"\n')
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(SECRET_KEY="x" * 32, CONSULT_INSTANCE_PATH=str(tmp_path), CONSULT_WARM="0",
               DATABASE_URL=f"sqlite:///{tmp_path / 'consult.sqlite'}")
    command = [sys.executable, "-m", "gunicorn", *preload, "-w", "3", "-b", "127.0.0.1:0",
               "wsgi:app"]
    with subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) as proc:
        try:
            _, errors = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.terminate()  # the master stops its workers
            proc.communicate(timeout=60)
            pytest.fail("gunicorn started 3 workers that each count rate limits alone")
    assert proc.returncode == 1
    assert "with 3 workers each one counts alone" in errors and "REDIS_URL" in errors
    assert "Booting worker" not in errors


@pytest.mark.parametrize(("workers", "config"), [
    (1, {}),
    (5, {"RATELIMIT_STORAGE_URI": "redis://redis-host:6379/0"}),
    (5, {"RATELIMIT_STORAGE_URI": "memcached://cache-host:11211"}),
    (5, {"RATELIMIT_ENABLED": False}),
])
def test_shared_counters_or_one_worker_may_start(workers, config, caplog):
    caplog.set_level(logging.INFO, logger="test.gunicorn")
    _hook()(_server(workers, **config))
    assert "Rate limits are" in caplog.text  # said at start-up, either way


def test_one_worker_on_memory_counters_is_told_why_it_stays_one(caplog):
    _hook()(_server(1))
    assert "more workers need shared counters" in caplog.text


def test_several_workers_on_memory_counters_are_refused():
    with pytest.raises(UnsharedRateLimits, match="every limit would be 5 times higher"):
        _hook()(_server(5))
