"""Shared parts of bench/load.py and bench/crash.py: a database with one open round, gunicorn
on 127.0.0.1, participants that GET the form and POST it with its CSRF token, and checks."""

from __future__ import annotations

import os
import random
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
# Benchmark-only settings, written to the instance config (see bench/README.md): all load
# comes from one address, so the per-address submit limit is raised, as a group session would.
INSTANCE_CONFIG = """
SECRET_KEY = "bench-secret-key"
RATELIMIT_SUBMIT = "100000 per hour"
"""
FAST_FILL = "MIN_FILL_SECONDS = 0\n"  # only when participants take no time to type (--think 0)


def prepare(backend: str, instance: Path, *, fast_fill: bool = False) -> dict:
    """A fresh database with one open, analysed round; returns the server's environment."""
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "config.py").write_text(INSTANCE_CONFIG + (FAST_FILL if fast_fill else ""))
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
        _analyse(round_, actor)


def _analyse(round_, actor) -> None:
    """Earlier answers and an analysis of them, so that every new answer has themes to be
    placed in: the work issue #17 moved out of the submit request (``assign_on_arrival``)."""
    import json

    from consult.db import db, utcnow
    from consult.submissions.models import Channel
    from consult.submissions.services import Consent, Intake, submit
    from consult.themes import engine
    from consult.themes.services import execute_run, start_run

    now = utcnow()
    question = round_.questions[0]
    lines = (ROOT / "tests" / "nlp" / "data" / "answers.jsonl").read_text().splitlines()
    for line in lines:
        submit(round_, Intake(group=round_.groups[0], municipality=None,
                              answers={question.id: json.loads(line)["text"]},
                              consent=Consent(analysis=True), channel=Channel.PAPER),
               entered_by=actor, now=now, announce=False)
    run = start_run(round_, question=None, options=engine.Options(), actor=actor, now=now)
    db.session.commit()
    execute_run(run.id)
    db.session.commit()


def serve_command(port: int, app: str = "wsgi:app") -> list[str]:
    """The server command of `make run` (its `serve` target, as `make -n` prints it), on
    ``port``; with another ``app``, that app served the same way."""
    printed = subprocess.run(["make", "--no-print-directory", "-n", "serve", f"PORT={port}"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in printed.splitlines() if "exec " in line and "gunicorn" in line)
    words = line.split("exec ", 1)[1].rstrip("; \\").split()
    assert words[-1] == "wsgi:app", words
    return [str(ROOT / words[0]), *words[1:-1], app]


class Server:
    """The server as `make run` starts it, in its own process group, so that kill -9 reaches
    the master and every worker."""

    def __init__(self, app: str, port: int, env: dict):
        self.cmd = serve_command(port, app)
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
    posts: list[float] = field(default_factory=list)  # seconds per form POST only
    acknowledged: list[str] = field(default_factory=list)  # form tokens answered with 302
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self, seconds: float) -> dict:
        lat, posts = sorted(self.latencies) or [0.0], sorted(self.posts) or [0.0]
        return {"requests": len(self.latencies), "rps": len(self.latencies) / seconds,
                "submits": len(self.acknowledged),
                "submits_per_s": len(self.acknowledged) / seconds,
                "p50_ms": 1000 * statistics.median(lat), "p99_ms": 1000 * _p99(lat),
                "post_p50_ms": 1000 * statistics.median(posts),
                "post_p99_ms": 1000 * _p99(posts), "errors": len(self.errors)}


def _p99(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.99))]


def _timed(results: Results, call, *args, post: bool = False, **kwargs):
    start = time.perf_counter()
    response = call(*args, **kwargs)
    with results.lock:
        results.latencies.append(time.perf_counter() - start)
        if post:
            results.posts.append(results.latencies[-1])
    return response


def participant(base: str, stop: threading.Event, results: Results, *, think: float = 0.0,
                tolerate_down=False):
    """GET the form, fill it in for ``think`` seconds, POST it with its hidden fields; a 302
    to the receipt page is success. Participants start spread over the first ``think`` s."""
    if think:
        stop.wait(random.uniform(0, think))  # noqa: S311  (load timing, not security)
    while not stop.is_set():
        http = requests.Session()
        try:
            page = _timed(results, http.get, f"{base}/r/belasting", timeout=120)
            fields = dict(HIDDEN.findall(page.text))
            question = re.search(r'name="(answer_\d+)"', page.text).group(1)
            data = {**fields, "group": "client", "consent_analysis": "y", question: ANSWER}
            if think and stop.wait(think):
                return  # the run ended while this participant was still typing
            sent = _timed(results, http.post, f"{base}/r/belasting", data=data,
                          allow_redirects=False, timeout=120, post=True)
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
    from consult.themes.models import AssignedBy, Assignment

    acknowledged = [line for line in sys.stdin.read().split("\n") if line]
    app = create_app()
    with app.app_context():
        stored = dict(db.session.execute(select(Submission.form_token, func.count())
                                         .where(Submission.form_token.is_not(None))
                                         .group_by(Submission.form_token)).all())
        # Placed in the themes by the background job (the seeded answers were analysed).
        placed = db.session.scalar(select(func.count()).select_from(Assignment).where(
            Assignment.assigned_by == AssignedBy.ARRIVAL))
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
        "without_answers": orphans, "answers": answers, "placed_in_themes": placed,
        "integrity_check": integrity, "foreign_key_errors": fk_errors,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    {"setup": _setup_database, "check": _check_database}[sys.argv[1]]()
