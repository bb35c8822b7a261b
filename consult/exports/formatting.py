"""Dutch dates and shared wording for the summary documents. No Flask."""

from __future__ import annotations

from consult.dates import format_date, format_last_day
from consult.exports.dataset import Summary

CONCEPT_NOTICE = ("CONCEPT – de thema's zijn nog niet vastgesteld. Gebruik deze samenvatting "
                  "niet als definitieve tekst.")


def period(summary: Summary) -> str:
    """'1 maart 2026 tot en met 31 maart 2026'."""
    method = summary.method
    return f"{format_date(method.opens_at)} tot en met {format_last_day(method.closes_at)}"


def sign_off_text(summary: Summary) -> str:
    """Who signed the theme set off, or that nobody has yet."""
    if summary.is_final:
        return f"De thema's zijn vastgesteld door {summary.signed_by} op " \
               f"{format_date(summary.signed_at)}."
    return "De thema's zijn nog niet vastgesteld. Deze samenvatting is een concept."


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
