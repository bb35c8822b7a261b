"""What a round allows in each of its states: the one place for these rules, as adhocracy4
keeps its phase predicates. Submissions, intake, feedback, rounds and the public pages ask
here. No Flask.

    scheduled → open → closed → published
"""

from __future__ import annotations

from datetime import datetime

from consult.rounds.models import Round, RoundState

_STAFF_INPUT = {RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED}
_CLOSABLE = {RoundState.SCHEDULED, RoundState.OPEN}
_OVER = {RoundState.CLOSED, RoundState.PUBLISHED}


def takes_participant_input(round_: Round, now: datetime) -> bool:
    """Participants submit, change and withdraw their own input only while it is open."""
    return round_.state_at(now) is RoundState.OPEN


def takes_staff_input(round_: Round, now: datetime) -> bool:
    """Facilitators enter, correct and import input for scheduled, open and closed rounds,
    until the feedback is published."""
    return round_.state_at(now) in _STAFF_INPUT


def can_close(round_: Round, now: datetime) -> bool:
    """A round can be closed early while it is scheduled or open."""
    return round_.state_at(now) in _CLOSABLE


def can_publish_feedback(round_: Round, now: datetime) -> bool:
    """Feedback is published once input has stopped, and only once."""
    return round_.state_at(now) is RoundState.CLOSED


def is_over(round_: Round, now: datetime) -> bool:
    """Input has stopped: an earlier round on the region's public page."""
    return round_.state_at(now) in _OVER
