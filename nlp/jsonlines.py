"""The JSON-lines filter the ``python -m nlp`` text commands share (redact, signals).

Every non-blank input line gets exactly one output line, in order. A line that is not a
JSON object with a string ``text`` is reported on standard error and answered with an
``{"error": ...}`` line, so one bad record does not stop a batch. Blank lines are skipped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TextIO

Answer = Callable[[str], dict[str, object]]


def record(line: str, answer: Answer) -> dict[str, object]:
    """``answer(text)`` for a valid line, else an error record."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"invalid JSON: {error.msg}"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": 'expected an object with a string "text"'}
    return answer(item["text"])


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO, answer: Answer) -> int:
    """Answer every line of ``stdin``; returns 1 if any line was rejected, else 0."""
    status = 0
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        result = record(line, answer)
        if "error" in result:
            print(f"line {number}: {result['error']}", file=stderr)
            status = 1
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    stdout.flush()
    return status


def main(argv: list[str], command: str, answer: Answer, warm: Callable[[], object]) -> int:
    """The command's entry point: no arguments, UTF-8 in and out whatever the locale."""
    if argv:
        print(f"usage: python -m nlp {command} < input.jsonl > output.jsonl", file=sys.stderr)
        return 2
    # Undecodable bytes must not abort a batch, and a lone surrogate (legal in a JSON
    # escape) is written back as the escape "\udXXX".
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    warm()
    return run(sys.stdin, sys.stdout, sys.stderr, answer)
