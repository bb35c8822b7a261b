"""Intake of participant input: redaction, receipt codes, change and withdrawal. No Flask."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from consult.auth.models import User
from consult.auth.services import hash_token
from consult.db import db
from consult.errors import InvalidState, NotFound, Withdrawn
from consult.regions.models import Municipality, StakeholderGroup
from consult.rounds import phases
from consult.rounds.models import Round
from consult.submissions.models import Answer, Channel, InputSession, Submission
from consult.submissions.redaction import redact_text
from consult.submissions.signals import announce_on_commit, stored

CONSENT_VERSION = "2026-11-v1"
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to copy by hand
# Channels where participants submit themselves: open rounds only, and a receipt code.
PARTICIPANT_CHANNELS = frozenset({Channel.WEB, Channel.GROUP_SESSION})
# How long a used web form shows its receipt code again when it is sent once more: long
# enough for a double click, a retry or the Back button, too short for the next person at a
# shared computer who finds the form in the browser's history.
RESEND_WINDOW = timedelta(minutes=10)
RECEIPT_KEY_INFO = b"consult receipt code v1"


@dataclass(frozen=True)
class Consent:
    analysis: bool
    quote: bool = False
    contact: bool = False
    verbal: bool = False
    version: str = CONSENT_VERSION


@dataclass(frozen=True)
class Intake:
    """Everything one contribution carries, whoever entered it."""

    group: StakeholderGroup | None
    municipality: Municipality | None
    answers: dict[int, str]
    consent: Consent
    channel: Channel = Channel.WEB
    contact: str | None = None
    form_token: str | None = None
    is_verbatim: bool | None = None
    input_session: InputSession | None = None
    import_batch_id: int | None = None
    group_session_id: int | None = None  # set by consult.groupsession.services only
    extra: dict = field(default_factory=dict)


def new_receipt_code() -> str:
    """A 12-character code in groups of four, e.g. K7PM-4RXQ-2D9T."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


@dataclass(frozen=True)
class Resend:
    """A used form sent again: the receipt code to show again (if allowed), and whether the
    answers sent now differ from the ones that were kept."""

    code: str | None
    is_changed: bool


def receipt_key(app_secret: str) -> bytes:
    """The key that ties a web receipt code to its form token, derived from SECRET_KEY."""
    return hmac.new(app_secret.encode("utf-8"), RECEIPT_KEY_INFO, hashlib.sha256).digest()


def receipt_code_for(form_token: str, *, key: bytes) -> str:
    """The receipt code of a web form: the same token always gives the same code.

    Only its hash is stored, as for random codes; rebuilding it needs the form token (kept
    in the participant's page and in ``submissions.form_token``) and the app's SECRET_KEY.
    """
    digest = hmac.new(key, form_token.encode("utf-8"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    raw = "".join(RECEIPT_ALPHABET[(number >> (5 * i)) % 32] for i in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def normalise_code(code: str) -> str:
    """Accept codes typed in lower case, with spaces or without dashes."""
    raw = "".join(ch for ch in code.upper() if ch in RECEIPT_ALPHABET)
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def submit(
    round_: Round,
    intake: Intake,
    *,
    entered_by: User | None = None,
    now: datetime,
    announce: bool = True,
    receipt_key: bytes | None = None,
) -> tuple[Submission, str | None]:
    """Store a contribution with redacted answers; returns it and its receipt code (web only).

    With ``receipt_key`` a web form's code follows from its form token, so that sending the
    same form again can show the same code (see ``resend``); without it the code is random.
    Other features hear of it through ``signals.submitted``, sent when the caller commits;
    ``announce=False``: the caller announces many contributions at once (``announce_on_commit``).
    """
    _check_accepts(round_, intake.channel, now)
    existing = find_by_form_token(intake.form_token)
    if existing is not None:  # a double click or a resubmitted page: keep the first
        return existing, None
    code = _new_code(intake, receipt_key) if intake.channel in PARTICIPANT_CHANNELS else None
    submission = Submission(
        round_id=round_.id, group_id=intake.group.id if intake.group else None,
        municipality_id=intake.municipality.id if intake.municipality else None,
        channel=intake.channel, receipt_hash=hash_token(code) if code else None,
        form_token=intake.form_token, consent_version=intake.consent.version,
        consent_analysis=intake.consent.analysis, consent_quote=intake.consent.quote,
        consent_contact=intake.consent.contact, consent_verbal=intake.consent.verbal,
        contact=intake.contact if intake.consent.contact else None,
        is_verbatim=intake.is_verbatim, input_session=intake.input_session,
        import_batch_id=intake.import_batch_id, group_session_id=intake.group_session_id,
        entered_by_id=entered_by.id if entered_by else None, created_at=now, updated_at=now,
    )
    store_redacted_answers(submission, round_, intake.answers, now=now)
    db.session.add(submission)
    db.session.flush()
    stored.send(None, submission=submission, now=now)
    if announce:
        announce_on_commit([submission.id])
    return submission, code


def _new_code(intake: Intake, key: bytes | None) -> str:
    if key is not None and intake.form_token:
        return receipt_code_for(intake.form_token, key=key)
    return new_receipt_code()


def find_by_form_token(form_token: str | None) -> Submission | None:
    """The submission stored from this one-use form token, if the form was sent before."""
    if not form_token:
        return None
    return db.session.scalar(select(Submission).where(Submission.form_token == form_token))


def resend(submission: Submission, intake: Intake, *, receipt_key: bytes,
           now: datetime) -> Resend:
    """What a participant who sends an already used form again gets to see.

    The first submission stays as it was. Its code is shown again while the input is live
    and the first send was less than ``RESEND_WINDOW`` ago.
    """
    code = None
    if (intake.form_token and submission.withdrawn_at is None
            and now - submission.created_at <= RESEND_WINDOW):
        candidate = receipt_code_for(intake.form_token, key=receipt_key)
        if submission.receipt_hash == hash_token(candidate):  # not if SECRET_KEY changed
            code = candidate
    is_changed = submission.withdrawn_at is None and _differs(submission, intake.answers)
    return Resend(code=code, is_changed=is_changed)


def _differs(submission: Submission, texts: dict[int, str]) -> bool:
    """True when the answers sent differ from what the participant sent the first time."""
    kept = {a.question_id: a.raw_text if a.raw_text is not None else a.text
            for a in submission.answers}
    sent = {qid: text.strip() for qid, text in texts.items() if text and text.strip()}
    return kept != sent


def _check_accepts(round_: Round, channel: Channel, now: datetime) -> None:
    accepts = (phases.takes_participant_input if channel in PARTICIPANT_CHANNELS
               else phases.takes_staff_input)
    if not accepts(round_, now):
        raise InvalidState("round does not accept input")


def store_redacted_answers(submission: Submission, round_: Round, texts: dict[int, str], *,
                           now: datetime) -> None:
    """Redact and store answers in place; empty answers are removed, unchanged ones kept."""
    by_question = {a.question_id: a for a in submission.answers}
    for question in round_.questions:
        text = (texts.get(question.id) or "").strip()
        answer = by_question.get(question.id)
        if not text:
            if answer is not None:
                submission.answers.remove(answer)
            continue
        if answer is not None and text == answer.text:
            continue  # the stored (redacted) text sent back unchanged: keep it as it is
        redacted, entities = redact_text(text)
        if answer is None:
            answer = Answer(question_id=question.id, created_at=now)
            submission.answers.append(answer)
        answer.text, answer.raw_text, answer.pii = redacted, text, entities
        answer.updated_at = now


def find_by_receipt(round_: Round, code: str) -> Submission:
    """The live submission for a receipt code in this round; Withdrawn or NotFound if none."""
    submission = db.session.scalar(
        select(Submission).where(
            Submission.receipt_hash == hash_token(normalise_code(code)),
            Submission.round_id == round_.id,
        )
    )
    if submission is None:
        raise NotFound("unknown receipt code")
    if submission.withdrawn_at is not None:
        raise Withdrawn("input withdrawn", at=submission.withdrawn_at)
    return submission


def change(submission: Submission, answers: dict[int, str], *, quote: bool, now: datetime) -> None:
    """Replace a participant's answers while the round is open."""
    if not submission.round.accepts_input(now):
        raise InvalidState("round does not accept changes")
    store_redacted_answers(submission, submission.round, answers, now=now)
    submission.consent_quote = quote
    submission.updated_at = now


def withdraw(submission: Submission, *, now: datetime) -> None:
    """Withdraw input: the text is removed and it no longer counts anywhere."""
    if not submission.round.accepts_input(now):
        raise InvalidState("round does not accept changes")
    _remove_input(submission, now=now)


def erase(submission: Submission, *, now: datetime) -> None:
    """Remove all text, contact details and the receipt code; keep a tombstone for counting."""
    _remove_input(submission, now=now)
    submission.receipt_hash = None


def _remove_input(submission: Submission, *, now: datetime) -> None:
    # A withdrawal keeps the code's hash, so that the code can still say it was withdrawn
    # (and when); an erasure forgets the code as well.
    submission.answers.clear()
    submission.contact = None
    if submission.withdrawn_at is None:
        submission.withdrawn_at = now
    submission.updated_at = now
