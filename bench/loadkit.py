"""Shared parts of bench/load.py and bench/crash.py: a database with one open round, gunicorn
on 127.0.0.1, participants that GET the form and POST it with its CSRF token, and checks."""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
HIDDEN = re.compile(r'name="(csrf_token|started|form_token)" type="hidden" value="([^"]*)"')
ANSWER = "Ik woon nu in de opvang. Ik wil graag sneller een eigen plek, met begeleiding dichtbij."
# Benchmark-only settings, written to the instance config (see bench/README.md).
INSTANCE_CONFIG = """
SECRET_KEY = "bench-secret-key"
MIN_FILL_SECONDS = 0
RATELIMIT_ENABLED = False
"""


def prepare(backend: str, instance: Path) -> dict:
    """A fresh database with one open round; returns the environment for the server."""
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "config.py").write_text(INSTANCE_CONFIG)
    env = {**os.environ, "CONSULT_INSTANCE_PATH": str(instance), "PYTHONPATH": str(ROOT)}
    if backend == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS bench_load WITH (FORCE)")
            conn.execute("CREATE DATABASE bench_load")
        env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:5432/bench_load"
    else:
        env.pop("DATABASE_URL", None)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{instance / 'consult.sqlite'}{suffix}").unlink(missing_ok=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "loadkit.py"), "setup"], env=env,
                   check=True, cwd=ROOT)
    return env


def _setup_database() -> None:
    """Runs in a child process with the bench environment: schema and one open round."""
    from datetime import date, timedelta

    from consult import create_app
    from consult.db import db, utcnow
    from consult.regions import services as regions
    from consult.rounds import services as rounds

    app = create_app()
    with app.app_context():
        db.create_all()
        now = utcnow()
        region = regions.create_region("Bench", actor=None, now=now)
        from consult.auth.models import User

        actor = User(email="bench@consult.test", name="Bench", created_at=now)
        db.session.add(actor)
        db.session.flush()
        round_ = rounds.save_round(region, rounds.RoundFields(
            title="Belasting", slug="belasting", intro="Test.",
            opens_on=date.today() - timedelta(days=1), closes_on=date.today() + timedelta(days=7),
            group_ids=[g.id for g in region.groups]), actor=actor, now=now)
        rounds.save_question(round_, rounds.QuestionFields(
            prompt="Wat vindt u belangrijk?", help_text="", is_required=True, max_length=2000),
            actor=actor, now=now)
        rounds.release(round_, actor=actor, now=now)
        db.session.commit()


class Server:
    """gunicorn in its own process group, so kill -9 reaches the master and every worker."""

    # One thread per worker: a thread holding SQLite's write lock must not wait for the GIL
    # while sibling threads redact text (measured: 2 of 280 submits hit the 10 s busy timeout
    # with 4 workers x 4 threads on 2 CPUs).
    def __init__(self, app: str, port: int, env: dict, *,
                 workers: int = 2 * (os.cpu_count() or 1) + 1, threads: int = 1):
        self.cmd = [str(Path(sys.executable).parent / "gunicorn"), "--preload", "-b",
                    f"127.0.0.1:{port}", "-w", str(workers), "-k", "gthread", "--threads",
                    str(threads), "--log-level", "warning", "--graceful-timeout", "20", app]
        self.port, self.env, self.proc = port, env, None

    def start(self) -> None:
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=ROOT, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=10)
                return
            except requests.RequestException:  # not listening yet, or busy with queued load
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill9()


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)  # seconds per request
    acknowledged: list[str] = field(default_factory=list)  # form tokens answered with 302
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self, seconds: float) -> dict:
        lat = sorted(self.latencies) or [0.0]
        return {"requests": len(self.latencies), "rps": len(self.latencies) / seconds,
                "submits": len(self.acknowledged),
                "submits_per_s": len(self.acknowledged) / seconds,
                "p50_ms": 1000 * statistics.median(lat),
                "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))],
                "errors": len(self.errors)}


def _timed(results: Results, call, *args, **kwargs):
    start = time.perf_counter()
    response = call(*args, **kwargs)
    with results.lock:
        results.latencies.append(time.perf_counter() - start)
    return response


def participant(base: str, stop: threading.Event, results: Results, *, tolerate_down=False):
    """GET the form, POST it with its hidden fields; a 302 to the receipt page is success."""
    while not stop.is_set():
        http = requests.Session()
        try:
            page = _timed(results, http.get, f"{base}/r/belasting", timeout=120)
            fields = dict(HIDDEN.findall(page.text))
            question = re.search(r'name="(answer_\d+)"', page.text).group(1)
            data = {**fields, "group": "client", "consent_analysis": "y", question: ANSWER}
            sent = _timed(results, http.post, f"{base}/r/belasting", data=data,
                          allow_redirects=False, timeout=120)
            if sent.status_code != 302 or "/ontvangen" not in sent.headers.get("Location", ""):
                raise RuntimeError(f"POST answered {sent.status_code}")
            with results.lock:
                results.acknowledged.append(fields["form_token"])
            receipt = _timed(results, http.get, f"{base}/r/belasting/ontvangen", timeout=120)
            if receipt.status_code != 200 or "Uw code" not in receipt.text:
                raise RuntimeError(f"receipt page answered {receipt.status_code}")
        except (requests.RequestException, RuntimeError, AttributeError) as err:
            if not tolerate_down:
                with results.lock:
                    results.errors.append(repr(err)[:200])
            time.sleep(0.05)


def hammer(base: str, seconds: float, *, users: int = 32, body=participant, **kwargs) -> Results:
    """Run `users` participants against base for a fixed time."""
    results, stop = Results(), threading.Event()
    threads = [threading.Thread(target=body, args=(base, stop, results), kwargs=kwargs)
               for _ in range(users)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return results


def bare_client(base: str, stop: threading.Event, results: Results) -> None:
    http = requests.Session()
    while not stop.is_set():
        response = _timed(results, http.get, f"{base}/", timeout=120)
        if response.status_code != 200:
            results.errors.append(str(response.status_code))


def check_database(env: dict, acknowledged: list[str]) -> dict:
    """Every acknowledged submission is stored exactly once; the database is consistent."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "loadkit.py"), "check"], env=env,
                         input="\n".join(acknowledged), capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return eval_result(out.stdout)


def eval_result(text: str) -> dict:
    import json

    return json.loads(text.strip().splitlines()[-1])


def _check_database() -> None:
    import json

    from sqlalchemy import func, select, text

    from consult import create_app
    from consult.db import db
    from consult.submissions.models import Answer, Submission

    acknowledged = [line for line in sys.stdin.read().split("\n") if line]
    app = create_app()
    with app.app_context():
        stored = dict(db.session.execute(select(Submission.form_token, func.count())
                                         .group_by(Submission.form_token)).all())
        orphans = db.session.scalar(select(func.count()).select_from(Submission).where(
            ~Submission.answers.any()))
        answers = db.session.scalar(select(func.count()).select_from(Answer))
        integrity = "n/a"
        if db.engine.dialect.name == "sqlite":
            integrity = db.session.execute(text("PRAGMA integrity_check")).scalar()
            fk_errors = len(db.session.execute(text("PRAGMA foreign_key_check")).all())
        else:
            fk_errors = 0  # PostgreSQL enforces foreign keys on every write
    result = {
        "acknowledged": len(acknowledged), "stored": sum(stored.values()),
        "missing": sum(1 for token in acknowledged if stored.get(token, 0) == 0),
        "duplicated": sum(1 for count in stored.values() if count > 1),
        "without_answers": orphans, "answers": answers,
        "integrity_check": integrity, "foreign_key_errors": fk_errors,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    {"setup": _setup_database, "check": _check_database}[sys.argv[1]]()
