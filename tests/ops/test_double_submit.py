"""Double submits (double click, back-and-resubmit, two POSTs at once) store one submission
and show the participant the same receipt code every time."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

from sqlalchemy import func, select

from consult.db import db, utcnow
from consult.submissions import services
from consult.submissions.models import Submission

CODE = re.compile(r'class="receipt"[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<')


def _form_post(client, round_) -> dict:
    """GET the public form and fill it in as a participant would, hidden fields included."""
    html = client.get(f"/r/{round_.slug}").text
    hidden = dict(re.findall(r'name="(started|form_token)" type="hidden" value="([^"]*)"', html))
    assert set(hidden) == {"started", "form_token"}, "hidden fields missing from the form"
    first = round_.questions[0].id
    return {**hidden, "group": "client", "consent_analysis": "y",
            f"answer_{first}": "Ik wil dat de wachtlijst korter wordt."}


def _code(response) -> str | None:
    """The receipt code on the page a submit leads to, or None when the page shows none."""
    assert response.status_code == 200
    assert "goed ontvangen" in response.text
    found = CODE.search(response.text)
    return found.group(1) if found else None


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Submission))


def test_double_click_stores_one_submission(client, make_round):
    round_ = make_round()
    data = _form_post(client, round_)
    first = client.post(f"/r/{round_.slug}", data=data)
    second = client.post(f"/r/{round_.slug}", data=data)
    assert first.status_code == second.status_code == 302
    assert "/ontvangen" in second.headers["Location"]
    assert _count() == 1


def test_double_click_shows_the_same_code_twice(client, app, make_round):
    round_ = make_round()
    data = _form_post(client, round_)
    first = _code(client.post(f"/r/{round_.slug}", data=data, follow_redirects=True))
    again = client.post(f"/r/{round_.slug}", data=data, follow_redirects=True)
    # Chromium drops the first response on a double click, cookie and all: a fresh client.
    dropped = _code(app.test_client().post(f"/r/{round_.slug}", data=data, follow_redirects=True))
    assert first is not None
    assert _code(again) == dropped == first
    assert "al eerder verstuurd" in again.text
    assert _count() == 1
    # The code shown again is the real one: it opens the participant's input.
    opened = client.post(f"/r/{round_.slug}/mijn-inbreng", data={"code": dropped},
                         follow_redirects=True)
    assert "Ik wil dat de wachtlijst korter wordt." in opened.text


def test_resent_edited_form_keeps_the_first_version_and_says_so(client, make_round):
    round_ = make_round()
    data = _form_post(client, round_)
    first = _code(client.post(f"/r/{round_.slug}", data=data, follow_redirects=True))
    edited = {**data, f"answer_{round_.questions[0].id}": "Ik wil een kortere wachtlijst!"}
    again = client.post(f"/r/{round_.slug}", data=edited, follow_redirects=True)
    assert _code(again) == first
    assert "Wij hebben de eerste versie bewaard" in again.text
    db.session.expire_all()
    assert db.session.scalars(select(Submission)).one().answers[0].text == (
        "Ik wil dat de wachtlijst korter wordt.")


def test_unchanged_resend_does_not_claim_a_change(client, make_round):
    round_ = make_round()
    data = _form_post(client, round_)
    client.post(f"/r/{round_.slug}", data=data, follow_redirects=True)
    again = client.post(f"/r/{round_.slug}", data=data, follow_redirects=True)
    assert "al eerder verstuurd" in again.text
    assert "eerste versie bewaard" not in again.text


def _resend_of_first(app, round_, *, later: timedelta, withdraw: bool = False):
    """Send a form, then ask what sending it again ``later`` shows."""
    client = app.test_client()
    data = _form_post(client, round_)
    client.post(f"/r/{round_.slug}", data=data)
    submission = services.find_by_form_token(data["form_token"])
    if withdraw:
        services.withdraw(submission, now=utcnow())
    question = round_.questions[0].id
    intake = services.Intake(group=None, municipality=None, consent=services.Consent(True),
                             answers={question: data[f"answer_{question}"]},
                             form_token=data["form_token"])
    key = services.receipt_key(app.config["SECRET_KEY"])
    return services.resend(submission, intake, receipt_key=key,
                           now=submission.created_at + later)


def test_code_is_shown_again_only_shortly_after_the_first_send(app, make_round):
    round_ = make_round()
    soon = _resend_of_first(app, round_, later=services.RESEND_WINDOW)
    assert soon.code is not None and not soon.is_changed
    late = _resend_of_first(app, round_, later=services.RESEND_WINDOW + timedelta(seconds=1))
    assert late.code is None  # e.g. the next person at a shared computer presses Back


def test_withdrawn_input_gets_no_code_again(app, make_round):
    resent = _resend_of_first(app, make_round(), later=timedelta(seconds=5), withdraw=True)
    assert resent.code is None and not resent.is_changed


def test_back_and_resubmit_stores_one_submission(client, make_round):
    round_ = make_round()
    data = _form_post(client, round_)
    client.post(f"/r/{round_.slug}", data=data)
    receipt = client.get(f"/r/{round_.slug}/ontvangen").text
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", receipt)
    # The browser's back button restores the filled-in form; the participant sends it again.
    again = client.post(f"/r/{round_.slug}", data={**data, f"answer_{round_.questions[0].id}":
                                                   "Ik wil dat de wachtlijst korter wordt!"})
    assert again.status_code == 302
    assert _count() == 1


def test_a_new_form_is_a_new_submission(client, make_round):
    round_ = make_round()
    client.post(f"/r/{round_.slug}", data=_form_post(client, round_))
    client.post(f"/r/{round_.slug}", data=_form_post(client, round_))
    assert _count() == 2


def test_concurrent_double_post_stores_one_and_fails_neither(app, make_round):
    round_ = make_round()
    data = _form_post(app.test_client(), round_)
    statuses: list[int] = []
    codes: list[str | None] = []
    barrier = threading.Barrier(2)

    def post() -> None:
        with app.app_context():  # a thread of its own, like a second gunicorn worker
            client = app.test_client()
            barrier.wait()
            statuses.append(client.post(f"/r/{round_.slug}", data=data).status_code)
            codes.append(_code(client.get(f"/r/{round_.slug}/ontvangen")))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302, 302]
    assert _count() == 1
    assert codes[0] is not None and codes[0] == codes[1], "both requests show the one code"
