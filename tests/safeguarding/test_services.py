"""Crisis signals are stored at intake, without text; the submission is kept whatever happens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.db import db, utcnow
from consult.errors import InvalidState
from consult.safeguarding import services
from consult.safeguarding.models import CrisisSignal, Outcome, SignalStatus
from consult.submissions import services as submissions
from consult.submissions.models import Channel, Submission
from tests.safeguarding.conftest import CRISIS, NORMAL, VIOLENCE


def _signals() -> list[CrisisSignal]:
    return list(db.session.scalars(select(CrisisSignal).order_by(CrisisSignal.id)))


def test_a_crisis_answer_is_flagged_at_intake_without_its_text(make_round, send):
    round_ = make_round()
    now = utcnow()
    submission = send(round_, CRISIS, now=now)
    [signal] = _signals()
    assert signal.submission_id == submission.id and signal.round_id == round_.id
    assert signal.kinds == ["suicide"]
    assert signal.answer_ids == [submission.answers[0].id]
    assert signal.status is SignalStatus.OPEN and signal.created_at == now
    row = db.session.execute(select(CrisisSignal.__table__).where(
        CrisisSignal.id == signal.id)).one()
    assert not any(isinstance(v, str) and ("leven" in v or "06-12345678" in v) for v in row)


@pytest.mark.parametrize("text", [
    NORMAL,
    "Ik word gek van die wachtlijst.",
    "Ik denk er niet aan om zelfmoord te plegen, maar ik ben wel moe.",
])
def test_no_signal_for_an_ordinary_negated_or_figurative_answer(make_round, send, text):
    submission = send(make_round(), text)
    assert _signals() == []
    assert submission.answers[0].raw_text == text  # stored as usual


def test_only_the_flagged_answers_are_named_and_kinds_are_joined(make_round, send):
    round_ = make_round(questions=3)
    submission = send(round_, VIOLENCE, NORMAL, CRISIS)
    [signal] = _signals()
    by_question = {a.question_id: a.id for a in submission.answers}
    flagged = [by_question[round_.questions[0].id], by_question[round_.questions[2].id]]
    assert sorted(signal.answer_ids) == sorted(flagged)
    assert signal.kinds == ["suicide", "danger"]


def test_input_entered_by_staff_is_flagged_too(make_round, send):
    send(make_round(), VIOLENCE, channel=Channel.PAPER)
    assert [s.kinds for s in _signals()] == [["danger"]]


def test_the_same_form_sent_twice_gives_one_signal(make_round, send):
    round_ = make_round()
    send(round_, CRISIS, form_token="t" * 30)
    send(round_, CRISIS, form_token="t" * 30)
    assert len(_signals()) == 1 and db.session.query(Submission).count() == 1


def test_a_failing_signal_store_never_loses_the_submission(make_round, send, monkeypatch):
    def broken(texts):
        raise RuntimeError("pattern file unreadable")

    monkeypatch.setattr(services, "kinds_per_text", broken)
    submission = send(make_round(), CRISIS)
    assert _signals() == []
    stored = db.session.get(Submission, submission.id)
    assert stored is not None and stored.answers[0].raw_text == CRISIS


def test_contact_details_only_with_consent_to_be_contacted(make_round, send):
    round_ = make_round()
    send(round_, CRISIS, contact="jan@voorbeeld.nl", consent_contact=True)
    send(round_, CRISIS, contact="piet@voorbeeld.nl", consent_contact=False)
    consented, refused = _signals()
    assert services.contact_details(consented) == "jan@voorbeeld.nl"
    assert services.contact_details(refused) is None
    consented.submission.consent_contact = False  # however the details got there
    assert services.contact_details(consented) is None


def test_flagged_answers_are_the_redacted_text_and_go_with_a_withdrawal(make_round, send):
    round_ = make_round()
    submission = send(round_, CRISIS, contact="jan@voorbeeld.nl", consent_contact=True)
    [signal] = _signals()
    [answer] = services.flagged_answers(signal)
    assert "niet meer leven" in answer.text and "06-12345678" not in answer.text
    submissions.withdraw(submission, now=utcnow())
    db.session.commit()
    db.session.expire_all()
    [signal] = _signals()
    assert signal.is_open  # the contact still sees that someone may have been in need
    assert services.flagged_answers(signal) == []
    assert services.contact_details(signal) is None


def test_recording_what_was_done_and_closing(make_round, send, make_user):
    round_ = make_round()
    send(round_, CRISIS)
    [signal] = _signals()
    contact = make_user("policy_officer", round_.region)
    now = utcnow()
    services.record_action(signal, Outcome.UNREACHABLE, note="  Voicemail ingesproken.  ",
                           close=False, actor=contact, now=now)
    assert signal.is_open and signal.actions[0].note == "Voicemail ingesproken."
    services.record_action(signal, Outcome.CONTACTED, note="", close=True, actor=contact,
                           now=now + timedelta(hours=1))
    assert signal.status is SignalStatus.CLOSED and signal.closed_at == now + timedelta(hours=1)
    assert [a.outcome for a in signal.actions] == [Outcome.UNREACHABLE, Outcome.CONTACTED]
    with pytest.raises(InvalidState):
        services.record_action(signal, Outcome.NO_ACTION, note="", close=True, actor=contact,
                               now=now)


def test_round_counts_open_signals_older_than_two_working_days(make_round, send, make_user):
    round_ = make_round(opens_in_days=-20)
    now = utcnow()
    for days in (0, 1, 5, 9):
        send(round_, CRISIS, now=now - timedelta(days=days))
    old_but_closed = send(round_, VIOLENCE, now=now - timedelta(days=9))
    signal = db.session.scalar(select(CrisisSignal).where(
        CrisisSignal.submission_id == old_but_closed.id))
    services.record_action(signal, Outcome.FALSE_SIGNAL, note="", close=True,
                           actor=make_user("admin", round_.region), now=now)
    counts = services.round_signals(round_.id, now=now)
    assert counts.open == 4
    assert counts.overdue == 2  # 5 and 9 days ago are always over two working days
    assert services.round_signals(round_.id, now=now + timedelta(days=14)).overdue == 4


def test_erasure_by_code_leaves_no_answer_behind_in_the_signal(make_round, send, client):
    from consult.privacy import services as privacy

    round_ = make_round()
    submission, code = submissions.submit(round_, submissions.Intake(
        group=round_.groups[0], municipality=None, answers={round_.questions[0].id: CRISIS},
        consent=submissions.Consent(analysis=True, contact=True), contact="jan@voorbeeld.nl",
    ), now=utcnow())
    db.session.commit()
    [signal] = _signals()
    assert signal.answer_ids
    privacy.erase_by_code(code, actor=None, channel="web", now=utcnow())
    db.session.commit()
    db.session.expire_all()
    [signal] = _signals()
    assert signal.answer_ids == [] and services.flagged_answers(signal) == []
    assert services.contact_details(signal) is None


def test_end_of_life_deletes_the_rounds_signals_and_their_follow_up(make_round, send,
                                                                   make_user):
    from consult.privacy import services as privacy

    round_ = make_round()
    send(round_, CRISIS)
    [signal] = _signals()
    services.record_action(signal, Outcome.CONTACTED, note="Gebeld.", close=True,
                           actor=make_user("admin", round_.region), now=utcnow())
    round_.closed_at = utcnow() - timedelta(days=10)
    round_.delete_after = utcnow() - timedelta(days=1)
    db.session.commit()
    report = privacy.purge(now=utcnow())
    db.session.commit()
    assert report.deleted["crisis_signals"] == 1 and report.deleted["signal_actions"] == 1
    assert _signals() == []


def test_an_import_flags_its_crisis_rows_as_they_are_stored(make_round):
    """Imports announce their rows once, after the last commit (import_job); crisis signals
    are recorded with each row, in its own transaction, all the same."""
    round_ = make_round()
    stored = [submissions.submit(round_, submissions.Intake(
        group=round_.groups[0], municipality=None, answers={round_.questions[0].id: text},
        consent=submissions.Consent(analysis=True, verbal=True), channel=Channel.IMPORT,
        is_verbatim=True), now=utcnow(), announce=False)[0]
        for text in (NORMAL, VIOLENCE, CRISIS)]
    db.session.commit()
    assert [(s.submission_id, s.kinds) for s in _signals()] == [
        (stored[1].id, ["danger"]), (stored[2].id, ["suicide"])]
