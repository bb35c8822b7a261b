"""A participant who writes about a crisis sees help on the receipt page; input is kept."""

from __future__ import annotations

import re

import pytest

from consult.db import db
from consult.submissions.models import Submission

ANSWER = "Ik wil niet meer leven. Bel mij op 06-12345678."


def _submit(client, round_, text):
    page = client.get(f"/r/{round_.slug}")
    started = re.search(r'name="started" type="hidden" value="([^"]+)"', page.text).group(1)
    data = {"group": "client", "municipality": "", "consent_analysis": "y", "website": "",
            "started": started, "form_token": "token-" + "s" * 20,
            f"answer_{round_.questions[0].id}": text}
    return client.post(f"/r/{round_.slug}", data=data)


def _help_lines(page_text: str) -> list[str]:
    section = re.search(r'<section class="help".*?</section>', page_text, re.S)
    return re.findall(r"<li>(.*?)</li>", section.group(0), re.S) if section else []


def test_crisis_answer_shows_help_and_is_stored_redacted(client, make_round):
    round_ = make_round()
    response = _submit(client, round_, ANSWER)
    assert response.status_code == 302
    assert "leven" not in response.headers["Location"]  # only kinds travel, in the session
    page = client.get(response.headers["Location"])
    lines = _help_lines(page.text)
    assert "0800-0113" in lines[0] and "113.nl" in lines[0]  # suicide: 113 first
    assert any("0800-2000" in line for line in lines)
    assert any('href="tel:112"' in line for line in lines)
    assert re.search(r'class="receipt"[^>]*>[A-Z0-9-]{14}<', page.text)  # receipt as usual
    answer = db.session.query(Submission).one().answers[0]
    assert "06-12345678" not in answer.text and answer.raw_text == ANSWER
    assert "Hulp als het nu niet goed gaat" not in client.get(response.headers["Location"]).text


@pytest.mark.parametrize(("text", "first"), [
    ("Mijn vriend slaat me als hij drinkt.", "0800-2000"),
    ("ik slaap vannacht buiten, de opvang zit vol", "geen plek om te slapen"),
    ("Ik heb pijn op mijn borst en krijg geen lucht.", 'href="tel:112"'),
])
def test_most_relevant_help_comes_first(client, make_round, text, first):
    round_ = make_round()
    page = client.get(_submit(client, round_, text).headers["Location"])
    assert first in _help_lines(page.text)[0]


@pytest.mark.parametrize("text", [
    "Meer betaalbare woningen.",
    "Ik word gek van die wachtlijst.",
    "Ik denk er niet aan om zelfmoord te plegen, maar ik ben wel moe.",
])
def test_no_help_without_a_signal(client, make_round, text):
    round_ = make_round()
    page = client.get(_submit(client, round_, text).headers["Location"])
    assert "Wij hebben uw antwoorden goed ontvangen." in page.text
    assert 'class="help"' not in page.text
    assert db.session.query(Submission).count() == 1
