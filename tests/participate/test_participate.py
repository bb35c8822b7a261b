"""The participant journey without an account: submit, receipt, change, withdraw."""

from __future__ import annotations

import re

import pytest

from consult.dates import format_datetime
from consult.db import db
from consult.submissions.models import Submission


def _form_data(round_, *answers, **extra):
    data = {"group": "client", "municipality": "", "consent_analysis": "y", "website": "",
            "started": "", "form_token": "token-" + "x" * 20}
    for question, text in zip(round_.questions, answers, strict=False):
        data[f"answer_{question.id}"] = text
    data.update(extra)
    return data


def _started(client, round_):
    page = client.get(f"/r/{round_.slug}")
    return re.search(r'name="started" type="hidden" value="([^"]+)"', page.text).group(1)


def _submit(client, round_, *answers, **extra):
    data = _form_data(round_, *answers, started=_started(client, round_), **extra)
    return client.post(f"/r/{round_.slug}", data=data)


def test_open_round_shows_form_with_intro_and_privacy_warning(client, make_round):
    round_ = make_round(intro="Welkom bij deze ronde.")
    page = client.get(f"/r/{round_.slug}")
    assert page.status_code == 200
    assert "Welkom bij deze ronde." in page.text
    assert "Schrijf geen namen, telefoonnummers" in page.text
    assert "maximaal 500 tekens" in page.text
    assert 'name="website"' in page.text


def test_invite_link_presets_group(client, make_round):
    round_ = make_round()
    page = client.get(f"/r/{round_.slug}?groep=adviesraad")
    assert re.search(r'checked[^>]*value="adviesraad"|value="adviesraad"[^>]*checked', page.text)


def test_submit_shows_receipt_once_and_stores_hash_only(client, make_round):
    round_ = make_round()
    response = _submit(client, round_, "Meer betaalbare woningen.", "")
    assert response.status_code == 302
    receipt = client.get(response.headers["Location"])
    code = re.search(r'class="receipt"[^>]*>([A-Z0-9-]+)<', receipt.text).group(1)
    assert len(code) == 14
    submission = db.session.query(Submission).one()
    assert submission.receipt_hash and code not in submission.receipt_hash
    assert submission.consent_analysis and submission.consent_version
    assert [a.text for a in submission.answers] == ["Meer betaalbare woningen."]
    assert code not in client.get(response.headers["Location"]).text  # shown once


@pytest.mark.parametrize(("length", "stored"), [(64, 1), (65, 0), (500, 0)])
def test_form_token_longer_than_its_column_is_explained_and_keeps_the_answers(
        client, make_round, length, stored):
    round_ = make_round()
    response = _submit(client, round_, "Meer betaalbare woningen.", "", form_token="x" * length)
    assert db.session.query(Submission).count() == stored
    if stored:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert "Het formulier is niet goed bij ons aangekomen." in response.text
    assert "Meer betaalbare woningen." in response.text
    token = re.search(r'name="form_token" type="hidden" value="([^"]*)"', response.text).group(1)
    assert 0 < len(token) <= 64  # a fresh token, so sending again works
    again = _submit(client, round_, "Meer betaalbare woningen.", "", form_token=token)
    assert again.status_code == 302 and db.session.query(Submission).count() == 1


def test_validation_errors_keep_everything_typed(client, make_round):
    round_ = make_round()
    long_text = "woning " * 100
    data = _form_data(round_, "", long_text.strip(), consent_analysis="", group="",
                      started=_started(client, round_))
    response = client.post(f"/r/{round_.slug}", data=data)
    assert response.status_code == 200
    assert "Beantwoord deze vraag." in response.text
    assert "Uw antwoord is te lang" in response.text
    assert "Kies een groep." in response.text
    assert "Zonder deze toestemming" in response.text
    assert long_text.strip() in response.text
    assert 'class="error-summary"' in response.text
    assert db.session.query(Submission).count() == 0


@pytest.mark.parametrize("field", ["group", "municipality"])
def test_a_choice_that_is_not_offered_is_refused_in_dutch(client, make_round, field):
    round_ = make_round()
    response = _submit(client, round_, "Meer betaalbare woningen.", **{field: "bestaat-niet"})
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden." in response.text
    assert "Not a valid choice" not in response.text
    assert "Meer betaalbare woningen." in response.text
    assert db.session.query(Submission).count() == 0


def test_error_summary_joins_sentence_labels_without_a_stray_colon(client, make_round):
    round_ = make_round()
    data = _form_data(round_, "", consent_analysis="", group="",
                      started=_started(client, round_))
    page = client.post(f"/r/{round_.slug}", data=data).text
    summary = page[page.index('class="error-summary"'):page.index("</div>", page.index(
        'class="error-summary"'))]
    assert "Vraag 1: wat vindt u belangrijk? Beantwoord deze vraag." in summary
    assert "?: " not in summary and ".: " not in summary
    assert "Ik doe mee als: Kies een groep." in summary
    assert "voor de analyse. Zonder deze toestemming" in summary


def test_contact_needs_a_value_when_consented(client, make_round):
    round_ = make_round()
    response = _submit(client, round_, "Tekst", consent_contact="y", contact="")
    assert "Vul uw e-mailadres of telefoonnummer in" in response.text


def test_pii_is_redacted_before_storage(client, make_round):
    round_ = make_round()
    _submit(client, round_, "Bel mij op 06-12345678 of mail naar piet@voorbeeld.nl.")
    answer = db.session.query(Submission).one().answers[0]
    assert "06-12345678" not in answer.text and "piet@voorbeeld.nl" not in answer.text
    assert "[telefoonnummer]" in answer.text and "[e-mail]" in answer.text
    assert answer.raw_text.startswith("Bel mij op 06-12345678")


def test_double_submit_creates_one_submission(client, make_round):
    round_ = make_round()
    started = _started(client, round_)
    data = _form_data(round_, "Eén keer graag.", started=started)
    first = client.post(f"/r/{round_.slug}", data=data)
    second = client.post(f"/r/{round_.slug}", data=data)
    assert first.status_code == second.status_code == 302
    assert db.session.query(Submission).count() == 1


def test_honeypot_stores_nothing(client, make_round):
    round_ = make_round()
    response = _submit(client, round_, "spam", website="http://spam.example")
    assert response.status_code == 302
    assert db.session.query(Submission).count() == 0


def test_too_fast_keeps_text_and_explains(app, client, make_round):
    app.config["MIN_FILL_SECONDS"] = 60
    round_ = make_round()
    response = _submit(client, round_, "Snel getypt antwoord")
    assert "erg snel verstuurd" in response.text
    assert "Snel getypt antwoord" in response.text
    assert db.session.query(Submission).count() == 0


@pytest.mark.parametrize("kwargs,text", [
    ({"released": False}, "nog niet meedoen"),
    ({"opens_in_days": 3}, "gaat open op"),
    ({"opens_in_days": -30, "closes_in_days": -2}, "gesloten"),
])
def test_round_that_is_not_open_explains_and_accepts_nothing(client, make_round, kwargs, text):
    round_ = make_round(**kwargs)
    assert text in client.get(f"/r/{round_.slug}").text
    response = client.post(f"/r/{round_.slug}", data=_form_data(round_, "Toch iets"))
    assert text in response.text
    assert db.session.query(Submission).count() == 0


def _open_with_code(client, round_, code):
    return client.post(f"/r/{round_.slug}/mijn-inbreng", data={"code": code.lower()})


def test_change_and_withdraw_with_receipt_code(client, make_round, make_submission):
    round_ = make_round()
    submission = make_submission(round_, "Eerste versie.")
    assert _open_with_code(client, round_, submission.receipt_code).status_code == 302
    page = client.get(f"/r/{round_.slug}/mijn-inbreng/inzien")
    assert "Eerste versie." in page.text
    data = {f"answer_{round_.questions[0].id}": "Tweede versie.", "consent_quote": ""}
    client.post(f"/r/{round_.slug}/mijn-inbreng/inzien", data=data)
    db.session.refresh(submission)
    assert submission.answers[0].text == "Tweede versie." and not submission.consent_quote
    client.post(f"/r/{round_.slug}/mijn-inbreng/intrekken")
    db.session.refresh(submission)
    assert submission.withdrawn_at is not None and submission.answers == []
    again = _open_with_code(client, round_, submission.receipt_code)
    assert again.status_code == 200
    assert "Deze code kennen wij niet" not in again.text
    assert ("U heeft uw inbreng met deze code ingetrokken op "
            f"{format_datetime(submission.withdrawn_at)}.") in again.text
    assert client.get(f"/r/{round_.slug}/mijn-inbreng/inzien").status_code == 404


def test_wrong_code_is_explained(client, make_round):
    round_ = make_round()
    response = _open_with_code(client, round_, "AAAA-BBBB-CCCC")
    assert "Deze code kennen wij niet" in response.text
    assert client.get(f"/r/{round_.slug}/mijn-inbreng/inzien").status_code == 404


def test_code_of_one_round_does_not_open_another(client, make_round, make_submission):
    first, second = make_round(slug="een"), make_round(slug="twee")
    submission = make_submission(first, "Tekst")
    response = _open_with_code(client, second, submission.receipt_code)
    assert "Deze code kennen wij niet" in response.text


URL_ATTRIBUTE = re.compile(r'(?:href|src|action|formaction)="([^"]*)"')


def _spellings(code: str) -> set[str]:
    return {code, code.lower(), code.replace("-", ""), code.replace("-", "").lower()}


def test_receipt_code_stays_out_of_every_url(client, make_round):
    """URLs reach access and proxy logs; the code travels only in page text and POST bodies."""
    round_ = make_round()
    response = _submit(client, round_, "Meer betaalbare woningen.", "")
    receipt = client.get(response.headers["Location"])
    code = re.search(r'class="receipt"[^>]*>([A-Z0-9-]+)<', receipt.text).group(1)
    urls = URL_ATTRIBUTE.findall(receipt.text)
    assert f"/r/{round_.slug}/mijn-inbreng" in urls  # a link to keep, without the code
    assert not any(spelling in u for u in urls for spelling in _spellings(code))
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', receipt.text, re.S)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2)))
    opened = client.post(form.group(1), data=fields)
    assert opened.status_code == 302
    assert not any(spelling in opened.headers["Location"] for spelling in _spellings(code))
    assert "Meer betaalbare woningen." in client.get(opened.headers["Location"]).text


def test_code_in_a_query_string_is_not_used(client, make_round, make_submission):
    round_ = make_round()
    code = make_submission(round_, "Tekst").receipt_code
    page = client.get(f"/r/{round_.slug}/mijn-inbreng?code={code}")
    assert page.status_code == 200
    assert code not in page.text and code.lower() not in page.text
