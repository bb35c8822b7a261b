"""Adapter to the PII redaction in nlp.redact (loaded once per process)."""

from __future__ import annotations


def redact_text(text: str) -> tuple[str, list[dict]]:
    """The redacted text and the entities found, as JSON-ready dicts."""
    from nlp.redact import redact

    result = redact(text)
    entities = [{"start": e.start, "end": e.end, "label": e.label} for e in result.entities]
    return result.text, entities


def warm_up() -> None:
    """Load the redaction resources at start-up, not during a participant's submit."""
    from nlp.redact import warm_up as warm

    warm()
