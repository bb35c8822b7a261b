"""Real figures in every export: the period the round ran, review names, who signed off."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from consult.dates import format_date, format_last_day
from consult.db import db, utcnow
from consult.exports import formatting as fmt
from consult.exports.dataset import build_summary
from consult.submissions.models import Answer
from consult.themes.models import SetStatus
from tests.exports.test_documents import docx_text, export, pdf_text
from tests.theme_factories import make_theme_set


def xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                     for c in row if c is not None)


def all_texts(round_) -> dict[str, str]:
    return {"docx": docx_text(export(round_, "docx").data)[0],
            "pdf": " ".join(pdf_text(export(round_, "pdf").data).split()),
            "xlsx": xlsx_text(export(round_, "xlsx").data)}


def test_an_early_close_is_the_period_every_format_states(app, themed_round):
    round_ = themed_round()
    round_.closed_at = utcnow() - timedelta(days=2)
    db.session.commit()
    closed_on = format_date(round_.closed_at)
    planned = format_last_day(round_.closes_at)
    data = json.loads(export(round_, "json").data)
    assert data["method"]["closes_at"] == round_.closed_at.isoformat(timespec="seconds")
    assert data["method"]["planned_closes_at"] == round_.closes_at.isoformat(timespec="seconds")
    for name, text in all_texts(round_).items():
        assert f"tot en met {closed_on} (eerder gesloten" in text, name
        assert f"tot en met {planned}" in text, name  # the plan is named as the plan


def _two_questions_signed_by_different_people(round_, make_user, region):
    """Question 2 gets themes too; question 1 is signed by one person, 2 is offered only."""
    offerer, signer = make_user("policy_officer", region), make_user("project_leader", region)
    offerer.name, signer.name = "Bea Beleid", "Pieter Projectleider"
    answers = list(db.session.scalars(select(Answer).where(
        Answer.question_id == round_.questions[1].id).order_by(Answer.id)))
    theme_set, _ = make_theme_set(round_, round_.questions[1], [
        {"label": "Lange wachtlijsten", "answers": answers[:6]},
        {"label": "Vervoer", "answers": answers[6:]}])
    theme_set.status, theme_set.requested_by_id = SetStatus.PENDING, offerer.id
    theme_set.requested_at = utcnow()
    db.session.commit()
    return offerer, signer, theme_set


def test_partly_signed_round_is_concept_in_every_format_and_names_the_signer(
        app, themed_round, make_user, region):
    round_ = themed_round(signed=True)
    _two_questions_signed_by_different_people(round_, make_user, region)
    summary = build_summary(round_, now=utcnow())
    assert not summary.is_final
    lines = fmt.sign_off_lines(summary)
    assert lines[0].startswith("Vraag 1: vastgesteld door Medewerker policy_officer op ")
    assert lines[1] == "Vraag 2: nog niet vastgesteld."
    data = json.loads(export(round_, "json").data)["sign_off"]
    assert data["is_final"] is False and data["status"] == "concept"
    assert [q["signed_by"] for q in data["questions"]] == ["Medewerker policy_officer", None]
    assert [q["signed_at"] is None for q in data["questions"]] == [False, True]
    for name, text in all_texts(round_).items():
        assert "nog niet allemaal vastgesteld" in text or "concept" in text, name
        assert "definitief" not in text, name
        for line in lines:
            assert line in text, name


def test_everyone_who_signed_off_is_named_with_dates(app, themed_round, make_user, region):
    round_ = themed_round(signed=True)
    offerer, signer, theme_set = _two_questions_signed_by_different_people(
        round_, make_user, region)
    now = utcnow()
    theme_set.status, theme_set.signed_by_id, theme_set.signed_at = SetStatus.SIGNED, \
        signer.id, now
    db.session.commit()
    summary = build_summary(round_, now=now)
    assert summary.is_final
    expected = (f"Vraag 2: vastgesteld door Pieter Projectleider op {format_date(now)}, "
                f"aangeboden door Bea Beleid op {format_date(now)}.")
    assert expected in fmt.sign_off_lines(summary)
    data = json.loads(export(round_, "json").data)["sign_off"]
    assert data["is_final"] is True and data["status"] == "definitief"
    assert data["questions"][1]["offered_by"] == "Bea Beleid"
    for name, text in all_texts(round_).items():
        assert expected in text, name
        assert "definitief" in text, name


def test_theme_names_are_the_review_labels_prefixed_only_when_shared(
        app, themed_round, make_user, region):
    round_ = themed_round(signed=True)
    _two_questions_signed_by_different_people(round_, make_user, region)
    labels = {t.label for t in build_summary(round_, now=utcnow()).themes}
    assert {"Betaalbare woningen", "Vervoer", "Vraag 1: Lange wachtlijsten",
            "Vraag 2: Lange wachtlijsten"} <= labels
    assert "Lange wachtlijsten" not in labels
    text = docx_text(export(round_, "docx").data)[0]
    assert "Vraag 2: Lange wachtlijsten" in text and "Vraag 1: Lange wachtlijsten" in text
