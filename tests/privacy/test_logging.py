"""No personal data in application logs: truncated IPs, no answers, no e-mail addresses."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from consult.db import db
from consult.logging import scrub
from consult.submissions.models import Answer

PII = "Mijn naam is Karel Jansen, bel 06-12345678 of mail karel.jansen@example.nl"


@pytest.mark.parametrize(("line", "expected"), [
    ("203.0.113.77 - POST /r/x", "203.0.113.0 - POST /r/x"),
    ("from 2001:db8:85a3:8d3:1319:8a2e:370:7348", "from 2001:db8:85a3::"),
    ("login failed for piet@gemeente.nl", "login failed for [e-mail]"),
    ("at 04:21:10 on ::1", "at 04:21:10 on ::1"),
])
def test_scrub(line, expected):
    assert scrub(line) == expected


def test_submit_with_pii_leaves_no_trace_in_logs(app, client, make_round, caplog):
    round_ = make_round()
    question = round_.questions[0].id
    with caplog.at_level(logging.DEBUG):
        client.get(f"/r/{round_.slug}", environ_base={"REMOTE_ADDR": "198.51.100.23"})
        html_form = {"group": "client", "consent_analysis": "y", f"answer_{question}": PII,
                     "consent_contact": "y", "contact": "karel.jansen@example.nl"}
        client.post(f"/r/{round_.slug}", data=html_form,
                    environ_base={"REMOTE_ADDR": "198.51.100.23"})
        logging.getLogger("werkzeug").info('%s - - "POST /r/%s" 302 -', "198.51.100.23",
                                           round_.slug)
        logging.getLogger("gunicorn.access").info("%(h)s %(r)s", {"h": "198.51.100.23",
                                                                   "r": "POST /r/x"})
    assert caplog.records, "nothing was logged: the test would prove nothing"
    for secret in ("Karel", "06-12345678", "karel.jansen@example.nl", "198.51.100.23"):
        assert secret not in caplog.text
    assert "198.51.100.0" in caplog.text


def test_database_errors_do_not_log_the_answer(app, caplog):
    with pytest.raises(IntegrityError) as info:
        db.session.execute(insert(Answer).values(submission_id=987654, question_id=987654,
                                                 text=PII, raw_text=PII, pii=[]))
        db.session.flush()
    db.session.rollback()
    with caplog.at_level(logging.ERROR):
        try:
            raise info.value
        except IntegrityError:
            app.logger.exception("unhandled error")
    assert "Karel" not in str(info.value)
    assert "Karel" not in caplog.text and "karel.jansen" not in caplog.text
