"""Staff forms take any text: never a 5xx, always escaped, valid input stored, nothing lost."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from sqlalchemy import select

from consult.db import db
from consult.submissions.models import InputSession, Submission
from tests.participate.test_hostile_input import (
    ANSWER,
    GROUP,
    GROUP_KEYS,
    HOSTILE,
    MUNICIPALITY,
    SETTINGS,
    assert_refused_in_dutch_keeping_input,
    cleaned,
)

SCRIPT = "<script>alert(1)</script>"


def _escaped(html: str) -> bool:
    return SCRIPT not in html and "onerror=alert(1)>" not in html


def _data(round_, answer: str, group: str = "client", municipality: str = "") -> dict:
    """The form as a browser sends it: a textarea is always there, empty or not."""
    q1, _ = round_.questions
    return {"group": group, "municipality": municipality, f"answer_{q1.id}": answer,
            "is_verbatim": "ja", "consent_verbal": "y"}


@pytest.fixture
def staff_session(client, login_as, open_round, make_session):
    login_as("facilitator")
    return make_session(open_round)


def test_entering_a_contribution_survives_anything(client, staff_session):
    session = db.session.get(InputSession, staff_session.id)
    round_ = session.round
    ids = {m.name: str(m.id) for m in round_.region.municipalities}
    outcomes = Counter()

    @SETTINGS
    @given(answer=ANSWER, group=GROUP, municipality=MUNICIPALITY)
    def enter(answer, group, municipality):
        municipality = ids.get(municipality, municipality)
        before = db.session.query(Submission).count()
        response = client.post(f"/invoer/sessie/{session.id}/invoeren",
                               data=_data(round_, answer, group, municipality))
        assert response.status_code < 500
        assert _escaped(response.text)
        valid = (cleaned(group) in GROUP_KEYS and cleaned(municipality) in {"", *ids.values()}
                 and 0 < len(cleaned(answer)) <= round_.questions[0].max_length)
        if not valid:  # refused: said in Dutch, and what was typed comes back in the form
            assert response.status_code == 200
            assert db.session.query(Submission).count() == before
            assert_refused_in_dutch_keeping_input(response.text, answer)
            for chosen in (cleaned(group), cleaned(municipality)):
                if chosen in {*GROUP_KEYS, *ids.values()}:
                    assert f'<option selected value="{chosen}"' in response.text
            outcomes["refused"] += 1
            return
        assert response.status_code == 302, response.text[:500]
        assert db.session.query(Submission).count() == before + 1
        stored = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert stored.input_session_id == session.id and stored.group.key == cleaned(group)
        assert str(stored.municipality_id or "") == cleaned(municipality)
        assert [a.raw_text for a in stored.answers] == [cleaned(answer)]
        outcomes["stored"] += 1

    enter()
    assert outcomes["stored"] and outcomes["refused"], outcomes  # both branches were tested


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
