"""Command line: ``python -m nlp cluster FILE``, ``redact``, ``signals`` and ``warm``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the sub-command's own entry point."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = ("cluster", "redact", "signals", "warm")
    if not argv or argv[0] not in commands:
        print(f"usage: python -m nlp {{{','.join(commands)}}} ...", file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "cluster":
        from nlp.cli_cluster import main as run
    elif command == "redact":
        from nlp.cli_redact import main as run
    elif command == "signals":
        from nlp.cli_signals import main as run
    else:
        from nlp.warm import main as run
    return run(rest)


if __name__ == "__main__":
    sys.exit(main())
