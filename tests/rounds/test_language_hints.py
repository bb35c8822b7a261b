"""B1 hints on the round and question forms: shown after 'Taal controleren', never blocking."""

from __future__ import annotations

from consult.db import db
from consult.rounds.models import Question, Round

HARD = ("De implementatie van het solidariteitsfonds wordt door de centrumgemeente in "
        "samenwerking met alle betrokken ketenpartners en zorgaanbieders in de regio uitgevoerd.")


def _round_data(round_, intro: str) -> dict:
    return {"title": round_.title, "slug": round_.slug, "intro": intro,
            "opens_on": "2026-01-01", "closes_on": "2026-02-01",
            "groups": [str(g.id) for g in round_.groups]}


def test_preview_shows_hints_and_saves_nothing(client, login_as, make_round):
    login_as("project_leader")
    round_ = make_round(released=False)
    data = {**_round_data(round_, HARD), "taal-controleren": "1"}
    page = client.post(f"/rondes/{round_.id}/bewerken", data=data).text
    assert "Taaltips: uitleg voor deelnemers" in page
    assert "Dit is moeilijker dan taalniveau B1" in page
    assert "Zinnen met meer dan 15 woorden" in page and "implementatie" in page
    assert "<strong>wordt … uitgevoerd</strong>" in page
    assert HARD in page  # the text typed stays in the field
    assert db.session.get(Round, round_.id).intro == "Vertel ons wat u vindt."


def test_hard_text_is_still_saved(client, login_as, make_round):
    login_as("project_leader")
    round_ = make_round(released=False)
    response = client.post(f"/rondes/{round_.id}/bewerken", data=_round_data(round_, HARD))
    assert response.status_code == 302
    assert db.session.get(Round, round_.id).intro == HARD
    page = client.get(f"/rondes/{round_.id}/bewerken").text
    assert "Taaltips: uitleg voor deelnemers" in page  # shown again on the edit page


def test_plain_text_gets_a_good_score(client, login_as, make_round):
    login_as("project_leader")
    round_ = make_round(released=False)
    page = client.post(f"/rondes/{round_.id}/bewerken", data={
        **_round_data(round_, "Wij willen weten wat u vindt. Het duurt tien minuten."),
        "taal-controleren": "1"}).text
    assert "Goed: voor taalniveau B1 is 60 of hoger genoeg." in page
    assert "Lijdende vorm" not in page and "Zinnen met meer dan 15 woorden" not in page


def test_question_form_shows_hints_for_prompt_and_help_text(client, login_as, make_round):
    login_as("project_leader")
    round_ = make_round(released=False, questions=0)
    data = {"prompt": "Wat vindt u van de hulp?", "help_text": HARD, "max_length": "500",
            "taal-controleren": "1"}
    page = client.post(f"/rondes/{round_.id}/vragen/nieuw", data=data).text
    assert "Taaltips: vraag" in page and "Taaltips: toelichting" in page
    assert db.session.query(Question).count() == 0
    del data["taal-controleren"]
    assert client.post(f"/rondes/{round_.id}/vragen/nieuw", data=data).status_code == 302
    assert db.session.query(Question).one().help_text == HARD
