"""Dutch PII redaction for consultation answers, applied at intake before staff see them.

What is replaced, with which tag:

- ``[naam]`` person names, including first names alone ("mijn zus Fatima") and surnames
  with tussenvoegsels ("meneer van der Berg"), via deduce; plus any capitalised word after
  a cue ("mijn vriend Tesfay", "ik heet ...", "Groeten, ..."). Municipalities, care
  organisations and domain words are kept.
- ``[e-mail]``, ``[url]`` (http(s)://, www. and bare .nl/.com/... domains).
- ``[telefoonnummer]`` Dutch mobile, landline, service and +31/0031 numbers (phonenumbers).
- ``[BSN]`` nine digits passing the elfproef (3-3-3 and 4-2-3 groupings too).
- ``[IBAN]`` checksum-valid IBANs, with or without spaces.
- ``[adres]`` street plus house number (deduce), postcode with optional house number.
  A street or place name on its own is kept: it rarely identifies a person.
- ``[datum]`` full day-month-year dates in any notation, since such a date is typically a
  date of birth and identifying either way. Month-year, day-month and weekdays are kept.
- ``[kenteken]`` Dutch licence plates written with dashes.

Call :func:`warm_up` at start-up (or ``python -m nlp warm`` at install): the first use of
deduce builds a lookup cache (about two minutes) and every process loads it (seconds).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nlp import redact_names, redact_patterns

LABELS = ("naam", "e-mail", "telefoonnummer", "BSN", "IBAN", "adres", "datum", "kenteken", "url")

# Tie-break for equally long overlapping detections: checksum-validated and structurally
# unambiguous types first, the fuzzy name guess last.
_PRIORITY = {
    label: rank
    for rank, label in enumerate(
        ("IBAN", "BSN", "e-mail", "url", "telefoonnummer", "kenteken", "datum", "adres", "naam")
    )
}


@dataclass(frozen=True, slots=True)
class Entity:
    """A detected span ``text[start:end]`` of kind ``label``; offsets refer to the input."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and the entities, sorted by position, that were replaced."""

    text: str
    entities: tuple[Entity, ...]


def _resolve(spans: Iterable[tuple[int, int, str]]) -> tuple[Entity, ...]:
    """Keep a deterministic non-overlapping subset: longest first, then most specific."""
    ordered = sorted(set(spans), key=lambda s: (-(s[1] - s[0]), _PRIORITY[s[2]], s[0]))
    kept: list[tuple[int, int, str]] = []
    for start, end, label in ordered:
        if end > start and all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, label))
    return tuple(Entity(start, end, label) for start, end, label in sorted(kept))


def _apply(text: str, entities: tuple[Entity, ...]) -> str:
    parts: list[str] = []
    position = 0
    for entity in entities:
        parts.append(text[position : entity.start])
        parts.append(f"[{entity.label}]")
        position = entity.end
    parts.append(text[position:])
    return "".join(parts)


def redact(text: str) -> Redaction:
    """Detect PII in ``text`` and replace each entity span with ``[label]``."""
    if not text:
        return Redaction(text="", entities=())
    spans = redact_patterns.find_all(text) + redact_names.find_names_and_addresses(text)
    entities = _resolve(spans)
    return Redaction(text=_apply(text, entities), entities=entities)


def redact_many(texts: Iterable[str]) -> list[Redaction]:
    """Redact each text; the expensive resources are shared, so this is a plain loop."""
    return [redact(text) for text in texts]


def warm_up() -> None:
    """Load (and on first run, build) deduce's lookup cache and exercise every detector."""
    redact_names.load()
    redact("Warm-up: Jan de Vries, Kerkstraat 1, 4461 AB Goes, 06-12345678, 12-03-1985.")
