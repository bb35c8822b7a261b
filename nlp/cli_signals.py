"""``python -m nlp signals``: JSON lines ``{"text": ...}`` in, crisis signals out.

Each output line is ``{"signals": [kind, ...], "spans": [[start, end], ...]}`` with kinds
from ``nlp.signals.KINDS`` and offsets into the input text; an empty list means no signal.
Bad lines and blank lines as in ``nlp.jsonlines``.
"""

from __future__ import annotations

from typing import TextIO

from nlp import jsonlines
from nlp.signals import detect, load_rules


def answer(text: str) -> dict[str, object]:
    """The kinds of signal found and where."""
    found = detect(text)
    return {"signals": list(found.kinds), "spans": [list(span) for span in found.spans]}


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Detect signals in every line of ``stdin``; returns 1 if any line was rejected."""
    load_rules()
    return jsonlines.run(stdin, stdout, stderr, answer)


def main(argv: list[str]) -> int:
    return jsonlines.main(argv, "signals", answer, load_rules)
