"""Staff forms take any text: never a 5xx, always escaped, valid input stored, nothing lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from sqlalchemy import select

from consult.db import db
from consult.submissions.models import InputSession, Submission
from tests.participate.test_hostile_input import HOSTILE, SETTINGS

SCRIPT = "<script>alert(1)</script>"


def _escaped(html: str) -> bool:
    return SCRIPT not in html and "onerror=alert(1)>" not in html


def _data(round_, answer: str, group: str = "client") -> dict:
    """The form as a browser sends it: a textarea is always there, empty or not."""
    q1, _ = round_.questions
    return {"group": group, f"answer_{q1.id}": answer, "is_verbatim": "ja",
            "consent_verbal": "y"}


@pytest.fixture
def staff_session(client, login_as, open_round, make_session):
    login_as("facilitator")
    return make_session(open_round)


@SETTINGS
@given(answer=HOSTILE, group=HOSTILE)
def test_entering_a_contribution_survives_anything(client, staff_session, answer, group):
    session = db.session.get(InputSession, staff_session.id)
    before = db.session.query(Submission).count()
    response = client.post(f"/invoer/sessie/{session.id}/invoeren",
                           data=_data(session.round, answer, group))
    assert response.status_code < 500
    assert _escaped(response.text)
    if response.status_code == 302:
        assert db.session.query(Submission).count() == before + 1
    else:  # refused: what was typed comes back in the form, not lost
        typed = answer.strip()
        if typed.isprintable() and not set("<>&\"'") & set(typed):
            assert typed[:50] in response.text


@SETTINGS
@given(answer=HOSTILE)
def test_correcting_a_contribution_survives_anything(client, staff_session, answer):
    session = db.session.get(InputSession, staff_session.id)
    round_ = session.round
    if db.session.scalar(select(Submission.id)) is None:
        first = client.post(f"/invoer/sessie/{session.id}/invoeren",
                            data=_data(round_, "Meer begeleiding na de opvang."))
        assert first.status_code == 302
    submission = db.session.scalars(select(Submission)).first()
    response = client.post(f"/invoer/bijdrage/{submission.id}/corrigeren",
                           data=_data(round_, answer))
    assert response.status_code < 500
    assert _escaped(response.text)
    if response.status_code == 302:  # stored as typed (the raw text), redacted for display
        db.session.expire_all()
        stored = db.session.get(Submission, submission.id)
        typed = answer.strip()
        if typed.isprintable():
            assert [a.raw_text for a in stored.answers] == [typed]
