"""Retention: raw text goes after the round's period, everything but counts at end of life."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.feedback import services as feedback
from consult.feedback.models import ResponseKind
from consult.privacy import services
from consult.privacy.models import RetainedCount
from consult.submissions.models import Answer, ImportBatch, InputSession, Submission
from consult.themes.models import CurationEvent, SignOff, Theme, ThemeSet
from tests.theme_factories import build_round

RAW = "Mijn naam is Jan de Vries en ik woon in de opvang in Goes."


def _close(round_, *, days_ago: int = 10) -> None:
    round_.closed_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()


def _raw_texts() -> list[str | None]:
    db.session.expire_all()
    return list(db.session.scalars(select(Answer.raw_text)))


def test_raw_text_is_kept_until_the_period_ends(make_round, make_submission):
    round_ = make_round(opens_in_days=-30, closes_in_days=5, raw_retention_days=0)
    make_submission(round_, RAW)
    services.purge(now=utcnow())
    assert _raw_texts() == [RAW]  # still open: the period starts when the round closes


def test_raw_text_and_contact_go_after_the_period(make_round, make_submission):
    round_ = make_round(opens_in_days=-30, closes_in_days=5, raw_retention_days=7)
    submission = make_submission(round_, RAW)
    submission.contact = "jan@example.nl"
    db.session.commit()
    _close(round_, days_ago=6)
    services.purge(now=utcnow())
    assert _raw_texts() == [RAW]
    _close(round_, days_ago=8)
    report = services.purge(now=utcnow())
    db.session.commit()
    assert report.raw_answers == 1 and report.contacts == 1
    assert _raw_texts() == [None]
    answer = db.session.scalar(select(Answer))
    assert answer.raw_purged_at is not None
    assert "Jan de Vries" not in answer.text  # the redacted text stays for analysis
    assert db.session.scalar(select(Submission.contact)) is None


def test_without_a_period_raw_text_goes_at_publication(make_round, make_submission):
    round_ = make_round()
    make_submission(round_, RAW)
    _close(round_)
    services.purge(now=utcnow())
    assert _raw_texts() == [RAW]
    round_.published_at = utcnow()
    db.session.commit()
    services.purge(now=utcnow())
    assert _raw_texts() == [None]


def test_end_of_life_keeps_only_counts_and_is_idempotent(make_round, make_submission, runner):
    round_ = make_round()
    for text in (RAW, "Meer begeleiding.", "Sneller een woning."):
        make_submission(round_, text)
    make_submission(round_, "Nog een", group_key="naaste")
    db.session.add(InputSession(round_id=round_.id, label="Inloop Goes", held_on=utcnow().date(),
                                channel="bijeenkomst", created_at=utcnow()))
    _close(round_)
    round_.delete_after = utcnow() - timedelta(days=1)
    db.session.commit()
    first = runner.invoke(args=["purge"])
    assert first.exit_code == 0, first.output
    assert "rows deleted from submissions: 4" in first.output
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
    assert db.session.scalar(select(func.count()).select_from(InputSession)) == 0
    counts = {c.group_name: c.count for c in services.retained_counts(round_.id)}
    assert counts == {"Cliënt": 3, "Naaste (familie of vriend)": 1}
    assert round_.title  # the round itself (no personal data) stays for the summary
    second = runner.invoke(args=["purge"])
    assert "rows deleted" not in second.output
    assert sum(c.count for c in db.session.scalars(select(RetainedCount))) == 4
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.purge"))
    assert len(list(events)) == 1  # a run that removes nothing leaves no audit event


def test_purge_logs_what_it_removed(make_round, make_submission, runner, caplog):
    round_ = make_round(raw_retention_days=1)
    make_submission(round_, RAW)
    _close(round_)
    with caplog.at_level("INFO"):
        result = runner.invoke(args=["purge"])
    assert "raw answer texts removed: 1" in result.output
    assert "raw answer texts removed: 1" in caplog.text
    assert "Jan" not in caplog.text


def _tied_to_rounds() -> set[str]:
    """Tables whose rows belong to a round, directly or through their parents."""
    tied = {"rounds"}
    while True:
        more = {t.name for t in db.metadata.sorted_tables
                if any(fk.column.table.name in tied for fk in t.foreign_keys)} - tied
        if not more:
            return tied
        tied |= more


def test_every_table_of_a_round_has_a_retention_rule(app):
    deletes, keeps = set(services.END_OF_LIFE_DELETES), set(services.END_OF_LIFE_KEEPS)
    assert not deletes & keeps
    assert deletes | keeps == _tied_to_rounds()  # a new table needs a decision here


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every table, in a stable order."""
    db.session.expire_all()
    return {table.name: sorted((dict(row) for row in
                                db.session.execute(select(table)).mappings()), key=repr)
            for table in db.metadata.sorted_tables}


def _without(rows: list[dict], column: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k != column} for row in rows]


@pytest.fixture
def published_round(region, make_round, make_submission, make_user):
    """A published round with every kind of row a round can have, and its leader."""
    round_ = build_round(region=region, make_round=make_round, make_submission=make_submission,
                         make_user=make_user, signed=True)
    leader = make_user("project_leader", region)
    now = utcnow()
    theme_set = db.session.scalar(select(ThemeSet).where(ThemeSet.round_id == round_.id))
    theme = db.session.scalar(select(Theme).where(Theme.run_id == theme_set.run_id))
    db.session.add_all([
        InputSession(round_id=round_.id, label="Inloop Goes", held_on=now.date(),
                     channel="bijeenkomst", created_at=now),
        ImportBatch(round_id=round_.id, filename="inbreng-goes.xlsx", sha256="a" * 64,
                    row_count=3, created_at=now),
        CurationEvent(theme_set_id=theme_set.id, run_id=theme_set.run_id, type="rename",
                      theme_id=theme.id, payload={"label": theme.label}, created_at=now),
        SignOff(theme_set_id=theme_set.id, run_id=theme_set.run_id, user_id=leader.id,
                is_approved=True, note="Akkoord.", created_at=now),
    ])
    for shown in db.session.scalars(select(Theme).where(Theme.run_id == theme_set.run_id,
                                                        Theme.status != "uitgesloten")):
        feedback.save_response(round_, shown.id, ResponseKind.ADOPT,
                               f"Wij nemen {shown.label} mee.", actor=leader, now=now)
    feedback.publish(round_, actor=leader, now=now)
    round_.delete_after = now - timedelta(days=1)
    db.session.commit()
    return round_


def test_end_of_life_deletes_the_input_and_keeps_exactly_the_rest(
        published_round, make_round, make_submission):
    other = make_round(slug="andere-ronde")
    make_submission(other, "Deze ronde loopt nog.")
    before = _snapshot()
    first = services.purge(now=utcnow())
    db.session.commit()
    after = _snapshot()
    assert services.purge(now=utcnow()).is_empty
    db.session.commit()
    assert _snapshot() == after  # a second run changes nothing

    assert set(first.deleted) <= set(services.END_OF_LIFE_DELETES)
    live = {"submissions": [r for r in before["submissions"] if r["round_id"] == other.id]}
    live["answers"] = [r for r in before["answers"]
                       if r["submission_id"] in {s["id"] for s in live["submissions"]}]
    for name in services.END_OF_LIFE_DELETES:  # only the other round's input is left
        assert after[name] == live.get(name, []), name
    for name in set(services.END_OF_LIFE_KEEPS) - {"themes", "retained_counts"}:
        assert after[name] == before[name], name
    assert _without(after["themes"], "representative_ids") == \
        _without(before["themes"], "representative_ids")
    assert all(row["representative_ids"] == [] for row in after["themes"])  # no quotes left
    ended = [r for r in before["submissions"] if r["round_id"] == published_round.id]
    assert sum(row["count"] for row in after["retained_counts"]) == len(ended) > 0
    untouched = set(before) - set(services.END_OF_LIFE_DELETES) - \
        set(services.END_OF_LIFE_KEEPS) - {"audit_events"}
    for name in untouched:
        assert after[name] == before[name], name
    added = [e for e in after["audit_events"] if e not in before["audit_events"]]
    assert [e["action"] for e in added] == ["privacy.purge"]


def test_published_feedback_stays_readable_after_end_of_life(client, published_round):
    url = f"/r/{published_round.slug}/terugkoppeling"
    before = client.get(url).text
    services.purge(now=utcnow())
    db.session.commit()
    page = client.get(url)
    assert page.status_code == 200
    # The figures stay those of the published page: contributions from the retained counts,
    # each theme's size as stored with it. Only the number of answers is no longer known.
    reached = re.search(r"Wij kregen (\d+) reacties", before).group(1)
    assert int(reached) > 0 and f"Wij kregen {reached} reacties." in page.text
    sizes = re.findall(r"(\d+) antwoord(?:en gingen| ging) hierover", before)
    assert sizes and re.findall(r"(\d+) antwoord(?:en gingen| ging) hierover", page.text) == sizes
    for label in ("Betaalbare woningen", "Lange wachtlijsten"):
        assert label in page.text and f"Wij nemen {label} mee." in page.text
    assert "betaalbare woningen voor mensen uit de opvang" not in page.text  # no quotes
