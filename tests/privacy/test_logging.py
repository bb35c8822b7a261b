"""No personal data in application logs: truncated IPs, no answers, no e-mail addresses."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from consult.db import db
from consult.logging import install_log_scrubbing, scrub
from consult.submissions.models import Answer

PII = "Mijn naam is Karel Jansen, bel 06-12345678 of mail karel.jansen@example.nl"


@pytest.mark.parametrize(("line", "expected"), [
    ("203.0.113.77 - POST /r/x", "203.0.113.0 - POST /r/x"),
    ("from 2001:db8:85a3:8d3:1319:8a2e:370:7348", "from 2001:db8:85a3::"),
    ("login failed for piet@gemeente.nl", "login failed for [e-mail]"),
    ("at 04:21:10 on ::1", "at 04:21:10 on ::1"),
    ("[01/Dec/2026:22:21:05 +0000]", "[01/Dec/2026:22:21:05 +0000]"),
    ("[2001:db8:1:2::7]:443 at 22:21:05", "[2001:db8:1::]:443 at 22:21:05"),
    ("::ffff:198.51.100.23 - -", ":: - -"),
    ("2001:db8:85a3::8a2e:370:7334.", "2001:db8:85a3::."),
    ("Class::method 00:1a:2b:3c:4d:5e", "Class::method 00:1a:2b:3c:4d:5e"),
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


GUNICORN_TIME = re.compile(r"\[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]")


def _gunicorn_access_line(tmp_path, remote_addr: str, path: str) -> str:
    """One line as gunicorn's own access logger writes it (default combined format)."""
    install_log_scrubbing()
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = Logger(cfg)
    environ = {"REMOTE_ADDR": remote_addr, "REQUEST_METHOD": "GET", "RAW_URI": path,
               "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_REFERER": "-",
               "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)"}
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    try:
        logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(seconds=1))
    finally:
        for handler in logger.access_log.handlers[:]:
            handler.close()
            logger.access_log.removeHandler(handler)
    return (tmp_path / "access.log").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(("remote_addr", "shown"), [
    ("198.51.100.23", "198.51.100.0"),
    ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
    ("2001:db8:85a3::7", "2001:db8:85a3::"),
    ("::1", "::1"),
])
def test_gunicorn_access_lines_keep_their_time_and_lose_the_address(tmp_path, remote_addr,
                                                                     shown):
    line = _gunicorn_access_line(tmp_path, remote_addr, "/r/zorg-2026/mijn-inbreng")
    assert line.startswith(f"{shown} - - [")
    assert GUNICORN_TIME.search(line), line  # hours, minutes and seconds all still there
    assert '"GET /r/zorg-2026/mijn-inbreng HTTP/1.1" 200 512' in line
    if shown != remote_addr:
        assert remote_addr not in line
