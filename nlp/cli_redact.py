"""``python -m nlp redact``: JSON lines ``{"text": ...}`` in, redacted JSON lines out.

Each output line is ``{"text": <redacted>, "entities": [{"start", "end", "label"}]}`` with
offsets into the input text. A line that is not a JSON object with a string ``text`` is
reported on standard error and answered with an ``{"error": ...}`` line: every non-blank
input line gets exactly one output line, in order, and one bad record does not stop a
batch. Blank lines are skipped.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from nlp.redact import redact, warm_up


def _record(line: str) -> dict[str, object]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"invalid JSON: {error.msg}"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": 'expected an object with a string "text"'}
    result = redact(item["text"])
    entities = [{"start": e.start, "end": e.end, "label": e.label} for e in result.entities]
    return {"text": result.text, "entities": entities}


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Redact every line of ``stdin``; returns 1 if any line was rejected, else 0."""
    warm_up()
    status = 0
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        record = _record(line)
        if "error" in record:
            print(f"line {number}: {record['error']}", file=stderr)
            status = 1
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    stdout.flush()
    return status


def main(argv: list[str]) -> int:
    if argv:
        print("usage: python -m nlp redact < input.jsonl > output.jsonl", file=sys.stderr)
        return 2
    # Batch files are UTF-8 whatever the locale; undecodable bytes must not abort a batch,
    # and a lone surrogate (legal in a JSON escape) is written back as the escape "\udXXX".
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    return run(sys.stdin, sys.stdout, sys.stderr)
