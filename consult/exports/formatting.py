"""Dutch dates and shared wording for the summary documents. No Flask."""

from __future__ import annotations

import re

from consult.dates import format_date, format_last_day
from consult.disclosure import Count, merge_hidden
from consult.exports.dataset import Summary, ThemeSummary

GONE = "niet meer bekend (de antwoorden zijn verwijderd)"  # a count after the end of life
CONCEPT_NOTICE = ("CONCEPT – de thema's zijn nog niet vastgesteld. Gebruik deze samenvatting "
                  "niet als definitieve tekst.")


def period(summary: Summary) -> str:
    """'1 maart 2026 tot en met 12 maart 2026', and the planned end when it closed early."""
    method = summary.method
    text = f"{format_date(method.opens_at)} tot en met {format_last_day(method.closes_at)}"
    if method.closes_at != method.planned_closes_at:
        text += (" (eerder gesloten; gepland was tot en met "
                 f"{format_last_day(method.planned_closes_at)})")
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
               f"op {format_date(s.signed_at)}"
        if s.offered_by:
            line += f", aangeboden door {s.offered_by} op {format_date(s.offered_at)}"
        lines.append(line + ".")
    return lines


def title(summary: Summary) -> str:
    return f"Samenvatting consultatie: {summary.title}"


def method_lines(summary: Summary) -> list[str]:
    """Plain sentences about the round's method and reach."""
    method = summary.method
    answers = GONE if method.answers is None else method.answers
    channels = ", ".join(f"{name} ({n})" for name, n in method.channels) or "geen"
    return [
        f"Regio: {summary.region}.",
        f"Periode: {period(summary)}.",
        f"Aantal inzendingen: {method.submissions}; aantal antwoorden: {answers}.",
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


def table_rows(pairs: tuple[tuple[str, Count], ...]) -> list[tuple[str, str]]:
    """A breakdown as drawn: two or more hidden cells become one "Overig" line."""
    merged, together = merge_hidden(dict(pairs))
    rows = [(name, str(count)) for name, count in pairs if name not in merged]
    if together is not None:
        rows.append((f"Overig ({', '.join(merged)})", str(together)))
    return rows


def first_sentence(text: str) -> str:
    """The first sentence of a description, for the overview at the top."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0] if text else ""


def theme_voices(theme: ThemeSummary) -> str:
    """'Vooral Cliënt en Naaste; ook Adviesraad.' from shown counts only ('' if none)."""
    shown = [(name, count.value) for name, count in theme.by_group
             if not count.is_suppressed and count.value]
    if not shown or not theme.size:
        return ""
    most, running = [], 0
    for name, value in shown:  # largest first, as the breakdown is sorted
        if running * 2 > theme.size:
            break
        most.append(name)
        running += value
    if running * 2 <= theme.size:
        return "Verspreid over de groepen."
    rest = [name for name, _ in shown if name not in most]
    if any(count.is_suppressed for _, count in theme.by_group):
        rest.append("andere groepen")
    text = f"Vooral {_and(most)}"
    return text + (f"; ook {_and(rest)}." if rest else ".")


def group_highlights(summary: Summary) -> list[str]:
    """Per stakeholder group, the theme it named most; only counts that may be shown."""
    best: dict[str, tuple[int, list[str]]] = {}
    for theme in summary.themes:
        for name, count in theme.by_group:
            if count.is_suppressed or not count.value:
                continue
            top, labels = best.get(name, (0, []))
            if count.value > top:
                best[name] = (count.value, [theme.label])
            elif count.value == top:
                labels.append(theme.label)
    return [f"{name}: vooral {_and(labels)} ({value} antwoorden)."
            for name, (value, labels) in sorted(best.items(), key=lambda i: -i[1][0])]


GROUPS_NOTE = ("Groepen die hier niet staan, gaven te weinig antwoorden per thema om dat te "
               "laten zien.")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
