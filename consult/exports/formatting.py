"""Dutch dates and shared wording for the summary documents. No Flask."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from consult.exports.dataset import Summary

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
CONCEPT_NOTICE = ("CONCEPT – de thema's zijn nog niet vastgesteld. Gebruik deze samenvatting "
                  "niet als definitieve tekst.")


def date_nl(value: datetime | None) -> str:
    """'3 maart 2026' in Dutch local time."""
    if value is None:
        return ""
    value = value.astimezone(LOCAL_TZ)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def last_day(closes_at: datetime) -> str:
    """The last day input was possible, for a closing moment (the first moment after it)."""
    return date_nl(closes_at - timedelta(seconds=1))


def period(summary: Summary) -> str:
    """'1 maart 2026 tot en met 12 maart 2026', and the planned end when it closed early."""
    method = summary.method
    text = f"{date_nl(method.opens_at)} tot en met {last_day(method.closes_at)}"
    if method.closes_at != method.planned_closes_at:
        text += f" (eerder gesloten; gepland was tot en met {last_day(method.planned_closes_at)})"
    return text


def status_text(summary: Summary) -> str:
    """'definitief' or 'concept': the one word every format uses for the summary's status."""
    return "definitief" if summary.is_final else "concept"


def sign_off_text(summary: Summary) -> str:
    """Whether the themes are signed off; who did it is in ``sign_off_lines``."""
    if summary.is_final:
        return "De thema's zijn vastgesteld. Deze samenvatting is definitief."
    return "De thema's zijn nog niet allemaal vastgesteld. Deze samenvatting is een concept."


def sign_off_lines(summary: Summary) -> list[str]:
    """Per question: who offered the themes, who signed them off, and when."""
    lines = []
    for s in summary.sign_offs:
        if not s.is_signed:
            lines.append(f"Vraag {s.question_number}: nog niet vastgesteld.")
            continue
        line = f"Vraag {s.question_number}: vastgesteld door {s.signed_by or 'onbekend'} " \
               f"op {date_nl(s.signed_at)}"
        if s.offered_by:
            line += f", aangeboden door {s.offered_by} op {date_nl(s.offered_at)}"
        lines.append(line + ".")
    return lines


def title(summary: Summary) -> str:
    return f"Samenvatting consultatie: {summary.title}"


def method_lines(summary: Summary) -> list[str]:
    """Plain sentences about the round's method and reach."""
    method = summary.method
    channels = ", ".join(f"{name} ({n})" for name, n in method.channels) or "geen"
    return [
        f"Regio: {summary.region}.",
        f"Periode: {period(summary)}.",
        f"Aantal inzendingen: {method.submissions}; aantal antwoorden: {method.answers}.",
        f"Kanalen: {channels}.",
        f"Antwoorden die bij geen enkel thema passen: {method.unassigned}. Zij tellen mee in "
        "de aantallen hierboven en staan in de data-export.",
        f"Aantallen onder de {summary.threshold} staan er als \"< {summary.threshold}\", "
        "zodat niemand herkenbaar is. Staat er \"verborgen\", dan is het aantal niet klein, "
        "maar tonen wij het niet: anders kon u een klein aantal uitrekenen uit het totaal.",
        "Citaten zijn geanonimiseerd en komen alleen van deelnemers die toestemming gaven. "
        "Achter elk citaat staat een referentie (ronde, inzending en vraag) naar hetzelfde "
        "antwoord in de data-export.",
    ]
