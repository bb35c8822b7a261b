"""Double submits (double click, back-and-resubmit, two POSTs at once) store one submission."""

from __future__ import annotations

import re
import threading

from sqlalchemy import func, select

from consult.db import db
from consult.submissions.models import Submission


def _form_post(client, round_) -> dict:
    """GET the public form and fill it in as a participant would, hidden fields included."""
    html = client.get(f"/r/{round_.slug}").text
    hidden = dict(re.findall(r'name="(started|form_token)" type="hidden" value="([^"]*)"', html))
    assert set(hidden) == {"started", "form_token"}, "hidden fields missing from the form"
    first = round_.questions[0].id
    return {**hidden, "group": "client", "consent_analysis": "y",
            f"answer_{first}": "Ik wil dat de wachtlijst korter wordt."}


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
    barrier = threading.Barrier(2)

    def post() -> None:
        with app.app_context():  # a thread of its own, like a second gunicorn worker
            client = app.test_client()
            barrier.wait()
            statuses.append(client.post(f"/r/{round_.slug}", data=data).status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302, 302]
    assert _count() == 1
