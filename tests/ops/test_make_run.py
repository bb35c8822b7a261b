"""`make run` serves with the gunicorn command the README shows, and that command works as the
embedded default: several worker processes, no Redis, a page and a submit answered.

The command is taken from the Makefile itself (``make -n serve``), compared with the README's
"Starting" block, and then started on a free port with a fresh instance folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.ops.test_deployment import (
    BIN,
    ROOT,
    _free_port,
    _participate,
    _prepare,
    _wait_until_up,
)

DEFAULTS = {"HOST": "127.0.0.1", "PORT": "5000", "WORKERS": "5"}


def readme_command() -> list[str]:
    """The server command in the README's "Starting" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"### Starting\n.*?```sh\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1, "README.md shows the server command once, under Starting"
    return shlex.split(blocks[0].replace("\\\n", " "))


def make_command(**variables: str) -> list[str]:
    """The server command `make run` runs without REDIS_URL, as make prints it."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", *DEFAULTS)}
    out = subprocess.run(["make", "-n", "--no-print-directory", "serve",
                          *(f"{k}={v}" for k, v in variables.items())],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    lines = [line for line in out.replace("\\\n", " ").splitlines() if "exec " in line]
    assert len(lines) == 1, out
    return shlex.split(lines[0].split("exec ", 1)[1].split(";", 1)[0])


def test_make_run_serves_the_readme_command():
    assert make_command(**DEFAULTS) == readme_command()
    assert "gunicorn" in Path(readme_command()[0]).name


def test_make_run_stays_on_loopback_port_5000_unless_told():
    env_free = make_command()
    bind = env_free[env_free.index("-b") + 1]
    assert bind == "127.0.0.1:5000"
    other = make_command(PORT="8000")
    assert other[other.index("-b") + 1] == "127.0.0.1:8000"
    assert int(env_free[env_free.index("-w") + 1]) > 1  # several processes


def test_make_run_starts_the_rq_worker_beside_gunicorn_with_redis():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/13"}
    out = subprocess.run(["make", "-n", "--no-print-directory", "serve"], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True).stdout
    assert '[ -n "$REDIS_URL" ]' in out and "flask --app wsgi worker &" in out


@pytest.fixture
def embedded_server(tmp_path):
    """The README command on a free port, without REDIS_URL, as a newcomer runs it."""
    env, slug = _prepare(tmp_path / "instance")
    port, log = _free_port(), tmp_path / "gunicorn.log"
    command = readme_command()
    command[0] = str(BIN / "gunicorn")
    command[command.index("-b") + 1] = f"127.0.0.1:{port}"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out,
                                  start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(server, base, log)
        yield base, slug, command, log, tmp_path / "instance"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_the_readme_command_serves_pages_and_submits_without_redis(embedded_server):
    base, slug, command, log, instance = embedded_server
    with urllib.request.urlopen(f"{base}/r/{slug}", timeout=60) as page:  # noqa: S310
        assert page.status == 200
    codes = {_participate(base, slug, n) for n in range(3)}
    assert len(codes) == 3
    text = log.read_text()
    workers = int(command[command.index("-w") + 1])
    assert len(re.findall(r"Booting worker with pid", text)) == workers
    assert f"Rate limits are shared by all {workers} worker(s)" in text
    assert (instance / "ratelimits.sqlite").exists()  # the workers' shared counters
