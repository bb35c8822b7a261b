"""The ``submitted`` signal: sent once stored contributions are committed, never before."""

from __future__ import annotations

from consult.db import db, utcnow
from consult.submissions.models import Channel
from consult.submissions.services import Consent, Intake, submit
from consult.submissions.signals import submitted


def _intake(round_, text: str) -> Intake:
    return Intake(group=None, municipality=None, answers={round_.questions[0].id: text},
                  consent=Consent(analysis=True), channel=Channel.PAPER)


def test_sent_after_commit_with_the_ids_and_not_for_a_rollback(app, make_round):
    round_ = make_round()
    heard = []

    def receiver(sender, *, submission_ids, **_):
        heard.append(list(submission_ids))

    with submitted.connected_to(receiver):
        dropped, _ = submit(round_, _intake(round_, "Wordt teruggedraaid."), now=utcnow())
        db.session.flush()
        assert heard == []  # stored, not committed: nobody hears of it yet
        db.session.rollback()
        db.session.commit()
        assert heard == []  # rolled back: never stored, never announced
        first, _ = submit(round_, _intake(round_, "Meer woningen."), now=utcnow())
        second, _ = submit(round_, _intake(round_, "Kortere wachtlijst."), now=utcnow())
        assert heard == []
        db.session.commit()
        assert heard == [[first.id, second.id]]
        db.session.commit()  # nothing new stored: nothing sent again
        assert heard == [[first.id, second.id]]
