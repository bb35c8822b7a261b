"""Random and hostile input never causes a 5xx, is escaped on output, and valid input is kept."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import select

from consult.db import db, utcnow
from consult.forms import _strip as cleaned  # what every form does to a value it receives
from consult.regions.models import DEFAULT_GROUPS
from consult.submissions.models import Submission

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from([
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE answers;--",
        "\u202eevil\u202c", "שלום עולם مرحبا", "😀🏠💶" * 20, "\x00\x01\x02\x1b[31m",
        "x" * 20_000, "{{ 7*7 }}", "%s%s%n", "../../etc/passwd", "\r\n\r\nSet-Cookie: a=b",
    ]),
)
GROUP_KEYS = [key for key, _ in DEFAULT_GROUPS]  # every round of the test region offers these


def mostly(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Three times in four a valid value, else hostile text: both branches run every time."""
    return st.integers(0, 3).flatmap(lambda i: valid if i else HOSTILE)


GROUP = mostly(st.sampled_from(GROUP_KEYS))
MUNICIPALITY = mostly(st.sampled_from(["", "anders", "Goes", "Vlissingen"]))  # names: see below
ANSWER = mostly(st.text(min_size=1, max_size=500).filter(lambda t: cleaned(t)))
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
ENGLISH = ("Not a valid choice", "This field is required", "Field must be", "Invalid ")
SCRIPT = "<script>alert(1)</script>"
MARKUP = f"{SCRIPT} <b>vetgedrukt</b> & \"aanhalingstekens\" 'enkel' "


def _started(client, slug):
    page = client.get(f"/r/{slug}")
    return re.search(r'name="started" type="hidden" value="([^"]+)"', page.text).group(1)


def _form_value(round_, municipality: str) -> str:
    """A municipality name stands for its option value (the id); anything else is sent as is."""
    ids = {m.name: str(m.id) for m in round_.region.municipalities}
    return ids.get(municipality, municipality)


def _ids(round_) -> set[str]:
    return {str(m.id) for m in round_.region.municipalities}


def _is_valid(round_, group: str, municipality: str, answer: str, extra: str) -> bool:
    options = {"", "anders"} | _ids(round_)
    q1, q2 = round_.questions
    return (cleaned(group) in GROUP_KEYS and cleaned(municipality) in options
            and 0 < len(cleaned(answer)) <= q1.max_length
            and len(cleaned(extra)) <= q2.max_length)


def assert_refused_in_dutch_keeping_input(html: str, *typed: str) -> None:
    """A refused form says why in Dutch and gives back everything that was typed."""
    assert "met het formulier</h2>" in html  # the Dutch error summary
    assert not [word for word in ENGLISH if word in html]
    for text in typed:
        assert str(escape(cleaned(text))) in html


def test_participant_form_survives_anything(client, make_round):
    round_ = make_round(slug="vijandig")
    outcomes = Counter()

    @SETTINGS
    @given(answer=ANSWER, extra=HOSTILE, group=GROUP, municipality=MUNICIPALITY)
    def post(answer, extra, group, municipality):
        municipality = _form_value(round_, municipality)
        before = db.session.query(Submission).count()
        q1, q2 = round_.questions
        data = {"group": group, "municipality": municipality, "consent_analysis": "y",
                f"answer_{q1.id}": answer, f"answer_{q2.id}": extra,
                "started": _started(client, round_.slug)}
        response = client.post(f"/r/{round_.slug}", data={k: v for k, v in data.items() if v})
        assert response.status_code < 500
        assert SCRIPT not in response.text and "onerror=alert(1)>" not in response.text
        if not _is_valid(round_, group, municipality, answer, extra):
            assert response.status_code == 200
            assert db.session.query(Submission).count() == before
            assert_refused_in_dutch_keeping_input(response.text, answer, extra)
            if cleaned(group) in GROUP_KEYS:  # the choice made stays chosen
                assert re.search(rf'checked[^>]*value="{cleaned(group)}"', response.text)
            if cleaned(municipality) in _ids(round_):
                assert f'<option selected value="{cleaned(municipality)}"' in response.text
            outcomes["refused"] += 1
            return
        assert response.status_code == 302, response.text[:500]
        stored = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert db.session.query(Submission).count() == before + 1
        assert stored.group.key == cleaned(group)
        chosen = cleaned(municipality)
        assert str(stored.municipality_id or "") == (chosen if chosen in _ids(round_) else "")
        texts = {a.question_id: a.raw_text for a in stored.answers}
        assert texts == {q.id: cleaned(t) for q, t in ((q1, answer), (q2, extra)) if cleaned(t)}
        outcomes["stored"] += 1

    post()
    assert outcomes["stored"] and outcomes["refused"], outcomes  # both branches were tested


def _submit_and_open_receipt(client, round_, answer: str) -> str:
    """Send the form, enter the receipt code shown, and return the page with one's answers."""
    data = {"group": "client", "consent_analysis": "y", f"answer_{round_.questions[0].id}": answer,
            "started": _started(client, round_.slug)}
    response = client.post(f"/r/{round_.slug}", data=data)
    assert response.status_code == 302, response.text[:300]
    received = client.get(response.location).text
    code = re.search(r'class="receipt"[^>]*>([A-Z0-9-]+)<', received).group(1)
    assert client.post(f"/r/{round_.slug}/mijn-inbreng", data={"code": code}).status_code == 302
    return client.get(f"/r/{round_.slug}/mijn-inbreng/inzien").text


def assert_shown_escaped(html: str, stored_text: str | None = None) -> None:
    """The markup in the answer is shown as text, never as HTML."""
    if stored_text is not None:
        assert str(escape(stored_text)) in html
    assert SCRIPT not in html and "<b>vetgedrukt</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;vetgedrukt&lt;/b&gt; &amp;" in html


def test_valid_answers_are_stored_and_escaped(client, make_round, login_as):
    round_ = make_round(slug="opslag")

    @SETTINGS
    @given(text=HOSTILE)
    def submit(text):
        answer = (MARKUP + text)[:500]
        page = _submit_and_open_receipt(client, round_, answer)  # open round: in the form
        stored = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert [a.raw_text for a in stored.answers] == [cleaned(answer)]
        assert_shown_escaped(page, stored.answers[0].text)

    submit()
    last = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
    round_.closed_at = utcnow()
    db.session.commit()
    page = client.get(f"/r/{round_.slug}/mijn-inbreng/inzien").text  # closed: read-only quote
    assert "De ronde is gesloten" in page
    assert_shown_escaped(page, last.answers[0].text)
    login_as("policy_officer")
    hits = client.get(f"/rondes/{round_.id}/zoeken", query_string={"q": "vetgedrukt"}).text
    assert "antwoorden gevonden met: vetgedrukt" in hits
    assert_shown_escaped(hits.replace("<mark>vetgedrukt</mark>", "vetgedrukt"))
