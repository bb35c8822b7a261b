"""Facilitators correct or remove a contribution they entered; redaction and audit hold."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.submissions.models import Submission

PHONE = "06-12345678"


def _form(round_, **overrides) -> dict:
    q1, q2 = round_.questions
    goes = next(m for m in round_.region.municipalities if m.name == "Goes")
    data = {
        "group": "client", "municipality": str(goes.id),
        f"answer_{q1.id}": f"Meer begeleiding na de opvang. Bel mij op {PHONE}.",
        f"answer_{q2.id}": "", "is_verbatim": "nee", "consent_verbal": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def entered(client, login_as, open_round, make_session):
    """A facilitator is logged in and has entered one contribution for a session."""
    login_as("facilitator")
    session = make_session(open_round)
    client.post(f"/invoer/sessie/{session.id}/invoeren", data=_form(open_round))
    return db.session.scalars(select(Submission)).one()


def _url(submission, action: str = "corrigeren") -> str:
    return f"/invoer/bijdrage/{submission.id}/{action}"


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_correction_page_shows_the_stored_redacted_contribution(client, entered):
    page = client.get(_url(entered)).get_data(as_text=True)
    assert f"Bijdrage {entered.reference} corrigeren" in page
    assert "Bel mij op [telefoonnummer]." in page and PHONE not in page
    assert '<option selected value="client">' in page
    assert re.search(r'<input checked class="[^"]*utrecht-checkbox[^"]*" id="consent_verbal"', page)
    assert re.search(r'<input checked class="[^"]*utrecht-radio-button[^"]*" id="is_verbatim-1"',
                     page)  # summarised
    assert "Bijdrage verwijderen" in page and "niet ongedaan maken" in page


def test_correction_changes_text_and_group_and_redacts_again(client, entered, open_round):
    q1, q2 = open_round.questions
    response = client.post(_url(entered), data=_form(
        open_round, group="adviesraad", municipality="", is_verbatim="ja",
        **{f"answer_{q1.id}": "Meer begeleiding na de opvang, ook in het weekend.",
           f"answer_{q2.id}": "Mail naar jan@example.nl of bel 0612345678."}))
    assert response.status_code == 302
    assert response.location.endswith(f"/invoer/sessie/{entered.input_session_id}")

    page = client.get(response.location).get_data(as_text=True)
    assert f"Bijdrage {entered.reference} is gecorrigeerd." in page
    assert "ook in het weekend" in page and "0612345678" not in page
    submission = db.session.get(Submission, entered.id)
    assert submission.group.key == "adviesraad" and submission.municipality is None
    assert submission.is_verbatim is True
    first, second = submission.answers
    assert first.text == "Meer begeleiding na de opvang, ook in het weekend."
    assert "0612345678" not in second.text and "jan@example.nl" not in second.text
    assert "[telefoonnummer]" in second.text

    [event] = _events("submission.correct")
    assert event.details["fields"] == sorted([f"answer_{q1.id}", f"answer_{q2.id}", "group",
                                              "is_verbatim", "municipality"])
    assert "weekend" not in str(event.details) and "jan@" not in str(event.details)


def test_saving_without_changes_changes_nothing(client, entered, open_round):
    q1, _ = open_round.questions
    before = db.session.get(Submission, entered.id).answers[0].raw_text
    response = client.post(_url(entered), data=_form(
        open_round, **{f"answer_{q1.id}": "Meer begeleiding na de opvang. Bel mij op "
                                          "[telefoonnummer]."}), follow_redirects=True)
    assert "U heeft niets veranderd aan bijdrage" in response.get_data(as_text=True)
    assert db.session.get(Submission, entered.id).answers[0].raw_text == before
    assert _events("submission.correct") == []


@pytest.mark.parametrize(("overrides", "message"), [
    ({"group": ""}, "Kies een groep."),
    ({"consent_verbal": None}, "Zonder toestemming kunt u de inbreng niet opslaan."),
    ({"answer_FIRST": "x" * 501}, "Dit antwoord is te lang. Maximaal 500 tekens."),
])
def test_validation_error_keeps_typed_text_and_changes_nothing(client, entered, open_round,
                                                               overrides, message):
    q1, q2 = open_round.questions
    overrides = {k.replace("FIRST", str(q1.id)): v for k, v in overrides.items()}
    data = _form(open_round, **{f"answer_{q2.id}": "Nieuwe tekst blijft staan"}, **overrides)
    page = client.post(_url(entered), data=data).get_data(as_text=True)
    assert message in page and "Nieuwe tekst blijft staan" in page
    assert len(db.session.get(Submission, entered.id).answers) == 1
    assert _events("submission.correct") == []


def test_remove_erases_the_contribution(client, entered):
    response = client.post(_url(entered, "verwijderen"),
                           data={"verwijderen-reason": f"Dubbel ingevoerd, zei {PHONE}."})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert f"Bijdrage {entered.reference} is verwijderd." in page
    assert "nog geen bijdragen ingevoerd" in page

    submission = db.session.get(Submission, entered.id)
    assert submission.withdrawn_at is not None and submission.answers == []
    [event] = _events("submission.remove")
    assert event.details["reason"] == "Dubbel ingevoerd, zei [telefoonnummer]."
    assert client.get(_url(entered)).status_code == 404


@pytest.mark.parametrize(("reason", "message"), [
    ("", "Vul in waarom u deze bijdrage verwijdert."),
    ("x" * 501, "De reden is te lang. Maximaal 500 tekens."),
])
def test_remove_needs_a_short_reason(client, entered, reason, message):
    page = client.post(_url(entered, "verwijderen"),
                       data={"verwijderen-reason": reason}).get_data(as_text=True)
    assert message in page
    assert "Bel mij op [telefoonnummer]." in page  # the contribution is still there
    submission = db.session.get(Submission, entered.id)
    assert submission.withdrawn_at is None and len(submission.answers) == 1


def test_contribution_of_another_region_is_404(client, login_as, make_region, make_round,
                                               make_user, login, make_session):
    other_region = make_region("Andere regio")
    other_round = make_round(in_region=other_region, questions=2)
    login(make_user("facilitator", other_region))
    session = make_session(other_round)
    client.post(f"/invoer/sessie/{session.id}/invoeren", data=_form(other_round))
    submission = db.session.scalars(select(Submission)).one()
    client.post("/uitloggen")
    login_as("facilitator")
    assert client.get(_url(submission)).status_code == 404
    assert client.post(_url(submission), data=_form(other_round)).status_code == 404
    assert client.post(_url(submission, "verwijderen"),
                       data={"verwijderen-reason": "Weg"}).status_code == 404


def test_web_submission_is_404(client, login_as, open_round, make_submission):
    submission = make_submission(open_round, "Via de website ingevuld.")
    login_as("facilitator")
    assert client.get(_url(submission)).status_code == 404
    assert client.post(_url(submission, "verwijderen"),
                       data={"verwijderen-reason": "Weg"}).status_code == 404
    assert db.session.get(Submission, submission.id).withdrawn_at is None


def test_policy_officer_may_not_correct_or_remove(client, entered, open_round, login_as):
    client.post("/uitloggen")
    login_as("policy_officer")
    page = client.get(f"/invoer/sessie/{entered.input_session_id}").get_data(as_text=True)
    assert "Corrigeren" not in page
    assert client.get(_url(entered)).status_code == 403
    assert client.post(_url(entered), data=_form(open_round, group="adviesraad")).status_code \
        == 403
    assert client.post(_url(entered, "verwijderen"),
                       data={"verwijderen-reason": "Weg"}).status_code == 403
    submission = db.session.get(Submission, entered.id)
    assert submission.group.key == "client" and submission.withdrawn_at is None


def test_session_page_links_to_correction_with_reference(client, entered):
    page = client.get(f"/invoer/sessie/{entered.input_session_id}").get_data(as_text=True)
    assert (f'href="/invoer/bijdrage/{entered.id}/corrigeren">Corrigeren<span '
            f'class="visually-hidden"> bijdrage {entered.reference}</span>') in page


def test_published_round_takes_no_corrections(client, entered, open_round):
    open_round.published_at = utcnow()
    db.session.commit()
    message = "Daarom kunt u deze bijdrage niet meer corrigeren of verwijderen."
    page = client.get(_url(entered)).get_data(as_text=True)
    assert message in page and "Wijzigingen opslaan" not in page
    page = client.post(_url(entered), data=_form(open_round, group="adviesraad")).get_data(
        as_text=True)
    assert message in page
    page = client.post(_url(entered, "verwijderen"),
                       data={"verwijderen-reason": "Dubbel"}).get_data(as_text=True)
    assert message in page
    submission = db.session.get(Submission, entered.id)
    assert submission.group.key == "client" and submission.withdrawn_at is None
    assert _events("submission.correct") == _events("submission.remove") == []


def test_corrected_group_shows_the_same_in_theme_overview_and_export(client, login_as,
                                                                     open_round, make_session):
    """Assignments used to copy the group on arrival; a correction left the copy stale."""
    from consult.exports.dataset import build_summary
    from tests.theme_factories import make_theme_set

    open_round.region.small_cell_threshold = 1  # about the source of truth, not suppression
    q1 = open_round.questions[0]
    _, (theme, _) = make_theme_set(open_round, q1, [
        {"label": "Begeleiding", "answers": [], "keywords": ["begeleiding"]},
        {"label": "Niet ingedeeld", "answers": [], "residual": True}])
    theme.engine_key = 0
    db.session.commit()
    login_as("facilitator")
    session = make_session(open_round)
    for _ in range(2):  # placed in the theme on arrival, as group "client"
        client.post(f"/invoer/sessie/{session.id}/invoeren", data=_form(open_round))
    first = db.session.scalars(select(Submission).order_by(Submission.id)).first()
    response = client.post(_url(first), data=_form(open_round, group="adviesraad"))
    assert response.status_code == 302

    by_group = {name: count.value for t in build_summary(open_round, now=utcnow()).themes
                if t.label == "Begeleiding" for name, count in t.by_group}
    assert by_group == {"Cliënt": 1, "Adviesraad": 1}
    client.post("/uitloggen")
    login_as("policy_officer")
    page = client.get(f"/analyse/vraag/{q1.id}/themas").get_data(as_text=True)
    assert "Cliënt: 1 (50%)" in page and "Adviesraad: 1 (50%)" in page
