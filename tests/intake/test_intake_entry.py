"""Facilitators enter input per session: metadata once, provenance kept, scoped to regions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.audit.models import AuditEvent
from consult.db import db
from consult.submissions.models import Channel, Submission


def _contribution(round_, **overrides) -> dict:
    q1, q2 = round_.questions
    goes = next(m for m in round_.region.municipalities if m.name == "Goes")
    data = {
        "group": "client", "municipality": str(goes.id),
        f"answer_{q1.id}": "Meer begeleiding na de opvang. Bel mij op 06-12345678.",
        f"answer_{q2.id}": "", "is_verbatim": "nee", "consent_verbal": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _count(**where) -> int:
    query = select(func.count()).select_from(Submission).filter_by(**where)
    return db.session.scalar(query)


def test_facilitator_enters_contributions_without_retyping_session(
        client, login_as, open_round, make_session):
    user = login_as("facilitator")
    session = make_session(open_round, channel="papier")
    url = f"/invoer/sessie/{session.id}/invoeren"

    first = client.post(url, data=_contribution(open_round), follow_redirects=True)
    page = first.get_data(as_text=True)
    saved = db.session.scalars(select(Submission)).one()
    assert f"Bijdrage {saved.reference} is opgeslagen" in page
    assert "Bijeenkomst cliëntenraad Goes" in page and "20 november 2026" in page
    assert "Meer begeleiding" not in page  # a fresh, empty contribution form

    client.post(url, data=_contribution(open_round, group="adviesraad", municipality="",
                                        is_verbatim="ja"))
    first_saved, second = db.session.scalars(select(Submission).order_by(Submission.id)).all()
    assert [s.input_session_id for s in (first_saved, second)] == [session.id, session.id]
    assert {s.channel for s in (first_saved, second)} == {Channel.PAPER}
    assert {s.entered_by_id for s in (first_saved, second)} == {user.id}
    assert (first_saved.is_verbatim, second.is_verbatim) == (False, True)
    assert first_saved.consent_verbal and first_saved.municipality.name == "Goes"
    assert second.group.key == "adviesraad" and second.municipality is None
    assert first_saved.answers[0].text.endswith("Bel mij op [telefoonnummer].")


def test_session_page_shows_redacted_text_and_provenance(
        client, login_as, open_round, make_session):
    user = login_as("facilitator")
    session = make_session(open_round)
    client.post(f"/invoer/sessie/{session.id}/invoeren", data=_contribution(open_round))
    submission = db.session.scalars(select(Submission)).one()

    page = client.get(f"/invoer/sessie/{session.id}").get_data(as_text=True)
    assert submission.reference in page
    assert user.name in page
    assert "[telefoonnummer]" in page and "06-12345678" not in page
    assert "Samengevat" in page and "Goes" in page


@pytest.mark.parametrize(("overrides", "message"), [
    ({"consent_verbal": None}, "Zonder toestemming kunt u de inbreng niet opslaan."),
    ({"group": ""}, "Kies een groep."),
    ({"is_verbatim": None}, "Kies of de tekst letterlijk of samengevat is."),
    ({"answer_FIRST": "x" * 501}, "Dit antwoord is te lang. Maximaal 500 tekens."),
])
def test_validation_error_keeps_typed_text(client, login_as, open_round, make_session,
                                           overrides, message):
    login_as("facilitator")
    session = make_session(open_round)
    q1, q2 = open_round.questions
    overrides = {k.replace("FIRST", str(q1.id)): v for k, v in overrides.items()}
    data = _contribution(open_round, **{f"answer_{q2.id}": "Tweede antwoord blijft staan"},
                         **overrides)
    response = client.post(f"/invoer/sessie/{session.id}/invoeren", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert "Tweede antwoord blijft staan" in page
    assert _count() == 0


def test_at_least_one_answer_is_needed(client, login_as, open_round, make_session):
    login_as("facilitator")
    session = make_session(open_round)
    q1, _ = open_round.questions
    response = client.post(f"/invoer/sessie/{session.id}/invoeren",
                           data=_contribution(open_round, **{f"answer_{q1.id}": "  "}))
    assert "Vul bij minstens één vraag een antwoord in." in response.get_data(as_text=True)
    assert _count() == 0


def test_double_submit_stores_one_contribution(client, login_as, open_round, make_session):
    login_as("facilitator")
    session = make_session(open_round)
    data = _contribution(open_round, form_token="token-van-dit-formulier-123")
    for _ in range(2):
        assert client.post(f"/invoer/sessie/{session.id}/invoeren", data=data).status_code == 302
    assert _count() == 1


def test_session_form_errors_are_shown(client, login_as, open_round):
    login_as("facilitator")
    response = client.post(f"/invoer/ronde/{open_round.id}/sessies",
                           data={"label": "", "held_on": "gisteren", "channel": "bijeenkomst"})
    page = response.get_data(as_text=True)
    assert "Vul een naam in." in page and "Datum van de sessie" in page
    assert "foutmeldingen" in page


def test_draft_round_takes_no_sessions(client, login_as, make_round):
    login_as("project_leader")
    draft = make_round(released=False)
    response = client.post(f"/invoer/ronde/{draft.id}/sessies",
                           data={"label": "Sessie", "held_on": "2026-11-20",
                                 "channel": "telefoon"})
    assert "Deze ronde neemt nu geen inbreng aan" in response.get_data(as_text=True)


def test_facilitator_of_another_region_gets_404(client, login_as, make_region, make_round,
                                                 make_session):
    login_as("facilitator")
    other = make_round(in_region=make_region("Andere regio"))
    assert client.get(f"/invoer/ronde/{other.id}/sessies").status_code == 404
    assert client.get(f"/invoer/ronde/{other.id}/importeren").status_code == 404


def test_session_of_another_region_is_404(client, login_as, make_region, make_user, login,
                                          make_round, make_session):
    other_region = make_region("Andere regio")
    other_round = make_round(in_region=other_region)
    login(make_user("facilitator", other_region))
    session = make_session(other_round)
    client.post("/uitloggen")
    login_as("facilitator")
    assert client.get(f"/invoer/sessie/{session.id}").status_code == 404
    assert client.get(f"/invoer/sessie/{session.id}/invoeren").status_code == 404


def test_policy_officer_may_read_but_not_enter(client, login_as, open_round, make_user, login,
                                               region, make_session):
    login(make_user("facilitator", region))
    session = make_session(open_round)
    client.post("/uitloggen")
    login_as("policy_officer")
    assert client.get(f"/invoer/ronde/{open_round.id}/sessies").status_code == 403
    assert client.get(f"/invoer/sessie/{session.id}/invoeren").status_code == 403
    assert client.post(f"/invoer/sessie/{session.id}/invoeren",
                       data=_contribution(open_round)).status_code == 403
    assert client.get(f"/invoer/ronde/{open_round.id}/importeren").status_code == 403
    assert client.get(f"/invoer/sessie/{session.id}").status_code == 200
    assert _count() == 0


def test_round_page_links_to_intake_for_facilitators(client, login_as, open_round):
    login_as("facilitator")
    page = client.get(f"/rondes/{open_round.id}").get_data(as_text=True)
    assert "Inbreng invoeren" in page and "Bestand importeren" in page


def test_session_and_entry_are_audited(client, login_as, open_round, make_session):
    login_as("facilitator")
    session = make_session(open_round)
    client.post(f"/invoer/sessie/{session.id}/invoeren", data=_contribution(open_round))
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "input_session.create" in actions and "submission.enter" in actions


def test_overlong_form_token_is_explained_and_keeps_the_contribution(
        client, login_as, open_round, make_session):
    login_as("facilitator")
    session = make_session(open_round)
    url = f"/invoer/sessie/{session.id}/invoeren"
    response = client.post(url, data=_contribution(open_round, form_token="t" * 65))
    page = response.get_data(as_text=True)
    assert _count() == 0
    assert "Het formulier is niet goed bij ons aangekomen." in page
    assert "Meer begeleiding na de opvang." in page
    client.post(url, data=_contribution(open_round, form_token="t" * 64))
    assert _count(form_token="t" * 64) == 1
