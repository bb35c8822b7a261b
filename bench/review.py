"""Time the theme overview and a theme detail page for a round with 10,000 answers (SQLite).

Usage: .venv/bin/python bench/review.py [--answers 10000] [--repeat 15]
Builds a throw-away SQLite database with one round, one question, the given number of
answers from 8 groups and 6 municipalities, and 20 themes stored through the same code path
as a real run (the engine itself is not timed here: see bench/themes.py). Then requests the
overview and the largest theme's detail page through the Flask test client as a logged-in
policy officer and reports the median and 90th percentile wall time per page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from consult import create_app  # noqa: E402
from consult.auth.models import Membership, Role, User  # noqa: E402
from consult.auth.services import set_password  # noqa: E402
from consult.db import db, utcnow  # noqa: E402
from consult.demo.content import TOPICS  # noqa: E402
from consult.regions import services as regions  # noqa: E402
from consult.rounds.models import Question, Round  # noqa: E402
from consult.submissions.models import Answer, Channel, Submission  # noqa: E402
from consult.themes import engine, rerun, services  # noqa: E402
from consult.themes.models import AnalysisRun, RunStatus, Theme  # noqa: E402

PASSWORD = "bench-wachtwoord-123"
N_THEMES = 20


def build(n_answers: int) -> tuple[Question, User]:
    rng = random.Random(7)  # noqa: S311
    now = utcnow()
    region = regions.create_region("Benchregio", actor=None, now=now)
    for name in ("Goes", "Middelburg", "Vlissingen", "Terneuzen", "Hulst", "Veere"):
        regions.add_municipality(region, name, actor=None, now=now)
    officer = User(email="bench@consult.test", name="Bench Beleid", created_at=now)
    set_password(officer, PASSWORD)
    officer.memberships.append(Membership(region_id=region.id, role=Role.POLICY_OFFICER,
                                          created_at=now))
    round_ = Round(region_id=region.id, title="Benchronde", slug="benchronde", opens_at=now,
                   closes_at=now, is_released=True, closed_at=now, created_at=now)
    db.session.add_all([officer, round_])
    db.session.flush()
    question = Question(round_id=round_.id, position=0, prompt="Wat vindt u belangrijk?")
    db.session.add(question)
    db.session.flush()
    sentences = [s for pool in TOPICS.values() for s in pool]
    channels = list(Channel)
    for _ in range(n_answers):
        sub = Submission(round_id=round_.id, group=rng.choice(region.groups),
                         municipality=rng.choice(region.municipalities),
                         channel=rng.choice(channels), consent_version="bench",
                         consent_analysis=True, created_at=now, updated_at=now)
        sub.answers.append(Answer(question_id=question.id, text=" ".join(
            rng.sample(sentences, 2)), created_at=now, updated_at=now))
        db.session.add(sub)
    db.session.flush()
    _analyse(round_, question, officer, rng)
    db.session.commit()
    return question, officer


def _analyse(round_, question, officer, rng) -> None:
    """Store a synthetic engine result through the run's own storage code."""
    run = AnalysisRun(round_id=round_.id, question_id=question.id, status=RunStatus.DONE,
                      started_by_id=officer.id, parameters={}, pipeline="bench")
    db.session.add(run)
    db.session.flush()
    ids = [a for a, _ in services.answers_of(round_, question)]
    weights = [1 / (i + 1) for i in range(N_THEMES)]
    keys = rng.choices(range(N_THEMES), weights=weights, k=len(ids))
    found = engine.Found("bench", [
        engine.FoundTheme(key=k, label=f"Thema {k + 1}", keywords=["wonen", "zorg", "wijk"],
                          representatives=[i for i, x in enumerate(keys) if x == k][:5])
        for k in range(N_THEMES)], keys)
    themes = services._write_themes(run, question, ids, found)
    ts = services.theme_set_for(round_, question)
    rerun.take_over(ts, run, themes, now=utcnow())


def timed(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm caches and templates
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
                          "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            db.create_all()
            question, officer = build(args.answers)
            largest = db.session.scalar(select(Theme).where(Theme.is_residual.is_(False))
                                        .order_by(Theme.size.desc()).limit(1))
            client = app.test_client()
            client.post("/inloggen", data={"email": officer.email, "password": PASSWORD})
            pages = {"overview": f"/analyse/vraag/{question.id}/themas",
                     "overview, filtered": f"/analyse/vraag/{question.id}/themas?groep="
                                           f"{officer.memberships[0].region.groups[0].id}",
                     f"theme detail ({largest.size} answers)": f"/analyse/thema/{largest.id}"}
            print(f"answers: {args.answers}, themes: {N_THEMES}, repeat: {args.repeat}")
            for name, url in pages.items():
                times = sorted(timed(client, url, args.repeat))
                p90 = times[int(0.9 * (len(times) - 1))]
                print(f"{name:<32} median {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms")


if __name__ == "__main__":
    main()
