"""What participants and staff read about a group session, in Dutch (B1, formal "u")."""

from __future__ import annotations

from consult.groupsession.models import GroupSessionStatus

UNKNOWN = ("Deze code kennen wij niet. Controleer de code en probeer het opnieuw. De code "
           "heeft 6 tekens, zoals K7PM4R.")
# Why a code gives no entry now; the form keeps what the participant typed.
UNAVAILABLE = {
    GroupSessionStatus.SCHEDULED: "De groepssessie met deze code is nog niet begonnen.",
    GroupSessionStatus.FULL: "Bij de groepssessie met deze code kan niemand meer meedoen. "
                             "Het maximale aantal inzendingen is bereikt.",
    GroupSessionStatus.ENDED: "De groepssessie met deze code is afgelopen.",
    GroupSessionStatus.CLOSED: "De groepssessie met deze code is gesloten.",
}
# Added on the form: the participant can still send the answers the usual way.
STILL_SEND = ("Uw antwoorden staan er nog. Klik op Versturen om ze gewoon via dit formulier "
              "te sturen.")
CLOSED_ROUND = "De ronde is niet open. U kunt nu geen groepssessie starten."
FIELD_ERRORS = {
    "ends before it starts": ("ends_at", "Het einde moet na het begin liggen."),
    "ends in the past": ("ends_at", "Het einde moet in de toekomst liggen."),
    "longer than one day": ("ends_at", "Een groepssessie duurt hoogstens 24 uur."),
    "limit out of range": ("submission_limit", "Kies een aantal van 1 tot en met 1000."),
}


def unavailable(status: GroupSessionStatus) -> str:
    """The Dutch sentence for a session that takes no submissions now."""
    return UNAVAILABLE.get(status, UNKNOWN)
