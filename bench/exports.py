"""Time the summary exports (DOCX, PDF) and data exports for a round of 5,000 answers.

Usage: .venv/bin/python bench/exports.py [--answers 5000] [--runs 3]
Builds a throw-away SQLite database with one round, 2 questions, 16 themes (signed off)
and the given number of answers, then reports the median wall time per format, including
gathering the data from the database.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consult import create_app  # noqa: E402
from consult.auth.models import User  # noqa: E402
from consult.db import db, utcnow  # noqa: E402
from consult.demo.content import TOPICS  # noqa: E402
from consult.exports.services import export_round  # noqa: E402
from consult.regions import services as regions  # noqa: E402
from consult.rounds.models import Question, Round  # noqa: E402
from consult.submissions.models import Answer, Channel, Submission  # noqa: E402
from consult.themes.models import (  # noqa: E402
    AnalysisRun,
    Assignment,
    RunStatus,
    SetStatus,
    Theme,
    ThemeSet,
    ThemeStatus,
)

THEMES_PER_QUESTION = 8


def build(n_answers: int) -> Round:
    rng = random.Random(7)  # noqa: S311
    now = utcnow()
    region = regions.create_region("Benchregio", actor=None, now=now)
    for name in ("Goes", "Middelburg", "Vlissingen", "Terneuzen", "Hulst", "Veere"):
        regions.add_municipality(region, name, actor=None, now=now)
    chapters = [regions.save_chapter(region, name=n, keywords="", actor=None, now=now)
                for n in ("Preventie", "Toegang", "Wonen", "Financiën")]
    signer = User(email="bench@consult.test", name="Bench Beleid", created_at=now)
    round_ = Round(region_id=region.id, title="Benchronde", slug="benchronde", opens_at=now,
                   closes_at=now, is_released=True, closed_at=now, created_at=now)
    db.session.add_all([signer, round_])
    db.session.flush()
    round_.groups = list(region.groups)
    questions = [Question(round_id=round_.id, position=i, prompt=f"Vraag {i + 1}")
                 for i in range(2)]
    db.session.add_all(questions)
    db.session.flush()
    sentences = [s for pool in TOPICS.values() for s in pool]
    answers = {q.id: [] for q in questions}
    for _ in range(n_answers // 2):
        sub = Submission(round_id=round_.id, group=rng.choice(region.groups),
                         municipality=rng.choice(region.municipalities), channel=Channel.WEB,
                         consent_version="bench", consent_analysis=True,
                         consent_quote=rng.random() < 0.7, created_at=now, updated_at=now)
        for q in questions:
            answer = Answer(question_id=q.id, text=" ".join(rng.sample(sentences, 2)),
                            created_at=now, updated_at=now)
            sub.answers.append(answer)
            answers[q.id].append(answer)
        db.session.add(sub)
    db.session.flush()
    for q in questions:
        _themes(round_, q, answers[q.id], chapters, signer, rng, now)
    db.session.commit()
    return round_


def _themes(round_, question, answers, chapters, signer, rng, now) -> None:
    run = AnalysisRun(round_id=round_.id, question_id=question.id, status=RunStatus.DONE,
                      created_at=now)
    db.session.add(run)
    db.session.flush()
    db.session.add(ThemeSet(round_id=round_.id, question_id=question.id, run_id=run.id,
                            status=SetStatus.SIGNED, signed_by_id=signer.id, signed_at=now))
    themes = []
    for k in range(THEMES_PER_QUESTION):
        status = ThemeStatus.EXCLUDED if k == THEMES_PER_QUESTION - 1 else ThemeStatus.ACCEPTED
        theme = Theme(run_id=run.id, round_id=round_.id, question_id=question.id, position=k,
                      label=f"Thema {question.position + 1}.{k + 1}", status=status,
                      description="Een omschrijving van het thema in een paar woorden.",
                      keywords=["wonen", "hulp"], chapter_id=chapters[k % len(chapters)].id,
                      exclusion_reason="Niet over het onderwerp" if k == 7 else None,
                      created_at=now)
        themes.append(theme)
    db.session.add_all(themes)
    db.session.flush()
    for answer in answers:
        theme = rng.choice(themes)
        db.session.add(Assignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id,
                                  model_theme_id=theme.id, created_at=now))
    for theme in themes:
        theme.representative_ids = [a.id for a in answers[theme.position::40][:5]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
                          "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            round_ = build(args.answers)
            print(f"round with {args.answers} answers, {args.runs} runs per format; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            for fmt in ("docx", "pdf", "xlsx", "csv", "json"):
                walls, cpus, size = [], [], 0
                for _ in range(args.runs):
                    start, cpu = time.perf_counter(), time.process_time()
                    size = len(export_round(round_, fmt, actor=None, now=utcnow()).data)
                    walls.append(time.perf_counter() - start)
                    cpus.append(time.process_time() - cpu)
                    db.session.rollback()  # drop the audit event
                print(f"{fmt:5s} wall median {statistics.median(walls):6.2f} s  "
                      f"max {max(walls):6.2f} s  cpu median {statistics.median(cpus):6.2f} s  "
                      f"size {size / 1024:6.0f} KiB")


if __name__ == "__main__":
    main()
