"""Erasure by receipt code: by the participant (also after closing) and by staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.privacy import services
from consult.privacy.signals import erasing
from consult.submissions.models import Answer, Submission

TEXT = "Ik heet Fatima Yilmaz en mijn begeleider helpt mij niet."


def _close(round_) -> None:
    round_.closed_at = utcnow() - timedelta(days=1)
    db.session.commit()


def _answers() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Answer))


def test_participant_erases_after_the_round_closed(client, make_round, make_submission):
    round_ = make_round()
    submission = make_submission(round_, TEXT, "Meer uren.")
    make_submission(round_, "Iemand anders.")
    _close(round_)
    page = client.get(f"/r/{round_.slug}/verwijderen")
    assert "ook als de ronde al gesloten is" in page.text
    response = client.post(f"/r/{round_.slug}/verwijderen",
                           data={"code": submission.receipt_code.lower(), "confirm": "y"})
    assert "Uw inbreng is verwijderd" in response.text
    assert _answers() == 1  # only the other participant's answer is left
    erased = db.session.get(Submission, submission.id)
    assert erased.withdrawn_at is not None and erased.receipt_hash is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.erase"))
    assert submission.receipt_code not in str(event.details)


def test_unknown_code_removes_nothing(client, make_round, make_submission):
    round_ = make_round()
    make_submission(round_, TEXT)
    response = client.post(f"/r/{round_.slug}/verwijderen",
                           data={"code": "AAAA-BBBB-CCCC", "confirm": "y"})
    assert "Deze code kennen wij niet" in response.text
    assert _answers() == 1


def test_code_of_another_round_does_not_work(client, make_round, make_submission):
    first, second = make_round(slug="eerste"), make_round(slug="tweede")
    submission = make_submission(first, TEXT)
    client.post(f"/r/{second.slug}/verwijderen",
                data={"code": submission.receipt_code, "confirm": "y"})
    assert _answers() == 1


def test_erasure_removes_theme_assignments_and_calls_hooks(make_round, make_submission):
    pytest.importorskip("consult.themes.models")
    from tests.security.route_world import fabricate

    round_ = make_round()
    submission = make_submission(round_, TEXT)
    ids = {"rounds": round_.id, "questions": round_.questions[0].id,
           "answers": submission.answers[0].id, "regions": round_.region_id}
    for table in db.metadata.sorted_tables:
        if table.name in ("analysis_runs", "theme_sets", "themes", "theme_assignments"):
            ids[table.name] = fabricate(table, ids)
    answer_id = submission.answers[0].id
    themes = db.metadata.tables["themes"]
    db.session.execute(themes.update().values(representative_ids=[answer_id, 999]))
    db.session.commit()
    seen = []

    def receiver(sender, *, answer_ids, now):
        seen.extend(answer_ids)

    with erasing.connected_to(receiver):
        services.erase_by_code(submission.receipt_code, actor=None, channel="web", now=utcnow())
    db.session.commit()
    assignments = db.metadata.tables["theme_assignments"]
    assert db.session.scalar(select(func.count()).select_from(assignments)) == 0
    assert seen == [answer_id]
    assert db.session.scalar(select(themes.c.representative_ids)) == [999]


def test_project_leader_enters_a_code_received_by_mail(client, login_as, make_round,
                                                       make_submission):
    round_ = make_round()
    submission = make_submission(round_, TEXT)
    _close(round_)
    login_as("project_leader")
    url = f"/privacy/ronde/{round_.id}/verwijderverzoek"
    assert "Verzoek om verwijdering" in client.get(url).text
    response = client.post(url, data={"code": submission.receipt_code, "confirm": "y"},
                           follow_redirects=True)
    assert "De inbreng bij deze code is verwijderd" in response.text
    assert _answers() == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.erase"))
    assert event.user_id is not None and event.details == {"channel": "staff"}


@pytest.mark.parametrize("role", ["policy_officer", "facilitator"])
def test_other_roles_cannot_erase(client, login_as, make_round, role):
    round_ = make_round()
    login_as(role)
    assert client.get(f"/privacy/ronde/{round_.id}/verwijderverzoek").status_code == 403
