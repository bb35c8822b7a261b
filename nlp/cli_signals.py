"""``python -m nlp signals``: JSON lines ``{"text": ...}`` in, crisis signals out.

Each output line is ``{"signals": [kind, ...], "spans": [[start, end], ...]}`` with kinds
from ``nlp.signals.KINDS`` and offsets into the input text; an empty list means no signal.
A line that is not a JSON object with a string ``text`` is reported on standard error and
answered with an ``{"error": ...}`` line, so every non-blank input line gets exactly one
output line, in order. Blank lines are skipped.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from nlp.signals import detect, load_rules


def _record(line: str) -> dict[str, object]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"invalid JSON: {error.msg}"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": 'expected an object with a string "text"'}
    found = detect(item["text"])
    return {"signals": list(found.kinds), "spans": [list(span) for span in found.spans]}


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Detect signals in every line of ``stdin``; returns 1 if any line was rejected."""
    load_rules()
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
        print("usage: python -m nlp signals < input.jsonl > output.jsonl", file=sys.stderr)
        return 2
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    return run(sys.stdin, sys.stdout, sys.stderr)
