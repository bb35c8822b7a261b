"""Build theme sets directly in the database for export, API and feedback tests."""

from __future__ import annotations

from consult.db import db, utcnow
from consult.themes.models import (
    AnalysisRun,
    Assignment,
    RunStatus,
    SetStatus,
    Theme,
    ThemeSet,
    ThemeStatus,
)


def make_theme_set(round_, question, themes, *, signed_by=None, now=None):
    """themes: dicts with label, answers (Answer objects) and optional status, chapter,
    description, reason, reps (Answer objects), off_topic (Answer objects)."""
    now = now or utcnow()
    run = AnalysisRun(round_id=round_.id, question_id=question.id, status=RunStatus.DONE,
                      created_at=now, finished_at=now, pipeline="test")
    db.session.add(run)
    db.session.flush()
    theme_set = ThemeSet(round_id=round_.id, question_id=question.id, run_id=run.id,
                         status=SetStatus.SIGNED if signed_by else SetStatus.DRAFT,
                         signed_by_id=signed_by.id if signed_by else None,
                         signed_at=now if signed_by else None, updated_at=now)
    db.session.add(theme_set)
    made = []
    for position, spec in enumerate(themes):
        answers = spec.get("answers", [])
        theme = Theme(run_id=run.id, round_id=round_.id, question_id=question.id,
                      position=position, label=spec["label"],
                      description=spec.get("description", ""),
                      keywords=spec.get("keywords", []),
                      status=ThemeStatus(spec.get("status", "geaccepteerd")),
                      chapter_id=spec["chapter"].id if spec.get("chapter") else None,
                      representative_ids=[a.id for a in spec.get("reps", answers[:2])],
                      exclusion_reason=spec.get("reason"), size=len(answers), created_at=now,
                      previous_id=spec.get("previous_id"),
                      is_residual=spec.get("residual", False))
        db.session.add(theme)
        db.session.flush()
        for answer in answers:
            db.session.add(Assignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id,
                                      model_theme_id=theme.id, created_at=now))
        for answer in spec.get("off_topic", []):
            db.session.add(Assignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id,
                                      model_theme_id=theme.id, is_off_topic=True,
                                      created_at=now))
        made.append(theme)
    db.session.commit()
    return theme_set, made


GROUP_PLAN = (  # group key, municipality name or None, count
    ("client", "Goes", 7), ("ervaringsdeskundige", "Middelburg", 6), ("adviesraad", None, 2),
)
WONEN_TEXT = "Er zijn te weinig betaalbare woningen voor mensen uit de opvang. = SOM(A1)"
WACHT_TEXT = "De wachtlijst voor beschermd wonen is veel te lang."


def build_round(*, region, make_round, make_submission, make_user, signed: bool,
                pii_texts=(), no_quote_texts=()):
    """A closed round with chapters, 15+ submissions over groups and municipalities, and two
    themes on question 1 (Wonen, Wachtlijst) plus one excluded theme."""
    from consult.regions import services as region_services

    now = utcnow()
    wonen = region_services.save_chapter(region, name="Wonen", keywords="woning", actor=None,
                                         now=now)
    toegang = region_services.save_chapter(region, name="Toegang", keywords="wachtlijst",
                                           actor=None, now=now)
    db.session.commit()
    round_ = make_round(questions=2)
    municipalities = {m.name: m for m in region.municipalities}
    wonen_answers, wacht_answers, off = [], [], []
    for key, municipality, count in GROUP_PLAN:
        for i in range(count):
            text = WONEN_TEXT if i % 2 == 0 else WACHT_TEXT
            sub = make_submission(round_, text, "Tweede antwoord.", group_key=key,
                                  municipality=municipalities.get(municipality))
            (wonen_answers if i % 2 == 0 else wacht_answers).append(sub.answers[0])
    for text in pii_texts:  # first, so that they are the representative quotes
        sub = make_submission(round_, text, group_key="client")
        wacht_answers.insert(0, sub.answers[0])
    for text in no_quote_texts:
        sub = make_submission(round_, text, group_key="client", quote=False)
        wonen_answers.insert(0, sub.answers[0])
    off.append(make_submission(round_, "Het weer is mooi vandaag.").answers[0])
    round_.closed_at = utcnow()
    db.session.commit()
    signer = make_user("policy_officer", region) if signed else None
    question = round_.questions[0]
    make_theme_set(round_, question, [
        {"label": "Betaalbare woningen", "answers": wonen_answers, "chapter": wonen,
         "description": "Te weinig woningen na de opvang.", "keywords": ["woning", "huur"]},
        {"label": "Lange wachtlijsten", "answers": wacht_answers, "chapter": toegang},
        {"label": "Niet over het onderwerp", "answers": off, "status": "uitgesloten",
         "reason": "Gaat niet over wonen of opvang."},
    ], signed_by=signer)
    return round_
