"""The round-state rules, asked in one place by submissions, intake, feedback and rounds."""

from __future__ import annotations

from datetime import datetime

import pytest

from consult.rounds import phases
from consult.rounds.models import RoundState

NOW = datetime(2027, 1, 15, 12, 0)
SCHEDULED, OPEN, CLOSED, PUBLISHED = (RoundState.SCHEDULED, RoundState.OPEN,
                                      RoundState.CLOSED, RoundState.PUBLISHED)
# rule: the states in which it holds (every other state must answer False)
RULES = {
    phases.takes_participant_input: {OPEN},
    phases.takes_staff_input: {SCHEDULED, OPEN, CLOSED},
    phases.can_close: {SCHEDULED, OPEN},
    phases.can_publish_feedback: {CLOSED},
    phases.is_over: {CLOSED, PUBLISHED},
}


class _At:
    """A round that is in one state at any time."""

    def __init__(self, state: RoundState):
        self.state = state

    def state_at(self, now: datetime) -> RoundState:
        return self.state


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize("state", list(RoundState), ids=str)
def test_each_rule_holds_in_exactly_its_states(rule, state):
    assert rule(_At(state), NOW) is (state in RULES[rule])


def test_submissions_and_intake_ask_the_same_rules(make_round, monkeypatch):
    from consult.intake.services import accepts_staff_input
    from consult.submissions.models import Channel
    from consult.submissions.services import _check_accepts

    round_ = make_round()
    asked = []
    monkeypatch.setattr(phases, "takes_staff_input",
                        lambda r, now: asked.append("staff") or True)
    monkeypatch.setattr(phases, "takes_participant_input",
                        lambda r, now: asked.append("participant") or True)
    _check_accepts(round_, Channel.WEB, NOW)
    _check_accepts(round_, Channel.PAPER, NOW)
    accepts_staff_input(round_, NOW)
    assert asked == ["participant", "staff", "staff"]
