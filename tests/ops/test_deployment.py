"""The gunicorn command in docs/deployment.md, run as written, takes submissions on every worker.

This test starts the documented command itself (only the bind address changes, and an access
log with the worker's pid is added), so it breaks when the docs and the code drift apart. The
benchmarks serve `make run`'s command (bench/loadkit.py), which tests/ops/test_make_run.py
checks against the README.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from consult import create_app
from consult.auth.models import User
from consult.db import db, utcnow
from consult.regions import services as regions
from consult.rounds import services as rounds

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
START_TIMEOUT = 300  # seconds; loading the redaction resources on a busy 2-core machine
REQUEST_TIMEOUT = 60
SUBMIT_TIMEOUT = 240  # seconds of submitting until every worker has stored one
HIDDEN = re.compile(r'name="(csrf_token|started|form_token)" type="hidden" value="([^"]*)"')
CODE = re.compile(r'class="receipt"[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<')
# Test settings only, in the instance config the app reads (docs/deployment.md, section 1).
INSTANCE_CONFIG = 'MIN_FILL_SECONDS = 0\nRATELIMIT_SUBMIT = "1000 per hour"\n'


def documented_command() -> list[str]:
    """The start command of section 3 of docs/deployment.md, as an operator pastes it."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    blocks = re.findall(r"### 3\. gunicorn\s+```sh\n(.*?)```", text, flags=re.S | re.I)
    assert len(blocks) == 2, "docs/deployment.md has a gunicorn command in English and Dutch"
    assert blocks[0] == blocks[1], "the English and Dutch start commands differ"
    command = shlex.split(blocks[0].replace("\\\n", " "))
    assert Path(command[0]).name == "gunicorn"
    return command


def _server_command(port: int, access_log: Path) -> list[str]:
    command = documented_command()
    command[0] = str(BIN / "gunicorn")
    bind = next(i for i, arg in enumerate(command) if arg in ("-b", "--bind"))
    command[bind + 1] = f"127.0.0.1:{port}"
    fmt = command.index("--access-logformat")
    command[fmt + 1] += " pid=%(p)s"  # which worker answered
    return [*command[:-1], "--access-logfile", str(access_log), command[-1]]


REDIS_URL = "redis://127.0.0.1:6379/13"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _prepare(instance: Path) -> tuple[dict, str]:
    """Migrate a fresh SQLite database the documented way and open a round in it."""
    instance.mkdir()
    (instance / "config.py").write_text(INSTANCE_CONFIG)
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "CONSULT_PRODUCTION", "REDIS_URL")}
    env["CONSULT_INSTANCE_PATH"] = str(instance)
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, timeout=START_TIMEOUT, capture_output=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'consult.sqlite'}",
                      "SECRET_KEY": (instance / "secret_key").read_text().strip()})
    with app.app_context():
        now = utcnow()
        actor = User(email="projectleider@uitrol.test", name="Projectleider", created_at=now)
        db.session.add(actor)
        region = regions.create_region("Uitrol", actor=actor, now=now)
        round_ = rounds.save_round(region, rounds.RoundFields(
            title="Uitroltest", slug="uitroltest", intro="Doe mee.",
            opens_on=rounds.local_date(now - timedelta(days=1)),
            closes_on=rounds.local_date(now + timedelta(days=7)),
            group_ids=[g.id for g in region.groups]), actor=actor, now=now)
        rounds.save_question(round_, rounds.QuestionFields(
            prompt="Wat vindt u belangrijk?", help_text="", is_required=True, max_length=1000),
            actor=actor, now=now)
        rounds.release(round_, actor=actor, now=now)
        db.session.commit()
        db.engine.dispose()
    return env, "uitroltest"


def _wait_until_up(server: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn stopped:\n{log.read_text()[-3000:]}"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still loading
            time.sleep(0.5)
    pytest.fail(f"no answer on /healthz in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def served(tmp_path):
    """The documented command on a free loopback port; stopped (the whole group) afterwards."""
    env, slug = _prepare(tmp_path / "instance")
    # Several workers share their rate limits through Redis, as docs/deployment.md requires
    # (gunicorn.conf.py refuses to start them without it).
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.fail("the documented set-up needs Redis on 127.0.0.1:6379 (see .ci/run)")
    env = {**env, "REDIS_URL": REDIS_URL}
    port, access_log, log = _free_port(), tmp_path / "access.log", tmp_path / "gunicorn.log"
    command = _server_command(port, access_log)
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out,
                                  start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(server, base, log)
        yield base, slug, command, access_log, log
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def _participate(base: str, slug: str, n: int) -> str:
    """GET the form, POST it with its hidden fields, follow to the receipt; returns the code."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    url = f"{base}/r/{slug}"
    with opener.open(url, timeout=REQUEST_TIMEOUT) as page:
        html = page.read().decode()
    question = re.search(r'name="(answer_\d+)"', html).group(1)
    data = {**dict(HIDDEN.findall(html)), "group": "client", "consent_analysis": "y",
            question: f"Deelnemer {n} wil sneller een eigen woning, met begeleiding dichtbij."}
    body = urllib.parse.urlencode(data).encode()
    with opener.open(url, data=body, timeout=REQUEST_TIMEOUT) as receipt:
        html = receipt.read().decode()
        assert receipt.url.endswith(f"/r/{slug}/ontvangen"), receipt.url
    code = CODE.search(html)
    assert code, "the receipt page shows no code"
    return code.group(1)


def _worker_pids(log: Path) -> set[str]:
    return set(re.findall(r"Booting worker with pid: (\d+)", log.read_text()))


def _pids_that_stored(access_log: Path, slug: str) -> set[str]:
    done = re.compile(rf'"POST /r/{slug} HTTP/1\.1" 302 .* pid=<?(\d+)>?$', flags=re.M)
    return set(done.findall(access_log.read_text()))


def test_documented_gunicorn_command_takes_submissions_on_every_worker(served):
    base, slug, command, access_log, log = served
    workers = int(command[command.index("-w") + 1])
    codes: list[str] = []
    deadline = time.monotonic() + SUBMIT_TIMEOUT

    def every_worker_stored() -> bool:
        return _pids_that_stored(access_log, slug) >= _worker_pids(log)

    with ThreadPoolExecutor(workers) as pool:
        # The kernel hands each connection to whichever worker wakes first, so some workers
        # get few: send rounds of concurrent participants until each has stored at least one.
        while len(codes) < 2 * workers or not every_worker_stored():
            assert time.monotonic() < deadline, "some workers stored nothing in time"
            numbers = range(len(codes), len(codes) + workers)
            futures = [pool.submit(_participate, base, slug, n) for n in numbers]
            failures = [repr(f.exception()) for f in futures if f.exception() is not None]
            assert not failures, f"{failures}\n{log.read_text()[-3000:]}"
            codes += [f.result() for f in futures]
    assert len(set(codes)) == len(codes), "every participant gets a code of their own"
    booted = _worker_pids(log)
    assert len(booted) == workers, f"workers restarted or failed:\n{log.read_text()[-3000:]}"
    assert _pids_that_stored(access_log, slug) == booted


def test_importing_the_entry_point_starts_no_thread(tmp_path):
    """gunicorn --preload forks right after importing wsgi: no thread may be running then."""
    env = {**os.environ, "CONSULT_INSTANCE_PATH": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    probe = "import threading, wsgi; print(sorted(t.name for t in threading.enumerate()))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=START_TIMEOUT)
    assert out.stdout.strip() == "['MainThread']"
