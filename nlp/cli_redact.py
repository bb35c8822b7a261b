"""``python -m nlp redact``: JSON lines ``{"text": ...}`` in, redacted JSON lines out.

Each output line is ``{"text": <redacted>, "entities": [{"start", "end", "label"}]}`` with
offsets into the input text; bad lines and blank lines as in ``nlp.jsonlines``.
"""

from __future__ import annotations

from typing import TextIO

from nlp import jsonlines
from nlp.redact import redact, warm_up


def answer(text: str) -> dict[str, object]:
    """The redacted text and what was replaced."""
    result = redact(text)
    entities = [{"start": e.start, "end": e.end, "label": e.label} for e in result.entities]
    return {"text": result.text, "entities": entities}


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Redact every line of ``stdin``; returns 1 if any line was rejected, else 0."""
    warm_up()
    return jsonlines.run(stdin, stdout, stderr, answer)


def main(argv: list[str]) -> int:
    return jsonlines.main(argv, "redact", answer, warm_up)
