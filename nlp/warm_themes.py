"""Warmer for the theme engine: load the sentence encoder, remove the old word cache.

Earlier versions kept a static e5 word table and the words they learned from participants'
answers on disk (``$CONSULT_NLP_CACHE``, default ``nlp/data/cache/``). Erasing an answer did
not reach that file, so it is deleted here: ``make install`` runs this after every upgrade.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

OLD_CACHE_FILES = ("e5-learned-words.npz", "e5-static-nl.npz")
OLD_CACHE_PARTIALS = (".e5-learned-words.*.npz", "e5-static-nl.tmp.npz")


def warm_themes() -> None:
    """Delete the old word cache, then read one text so the encoder is loaded and checked."""
    for path in remove_old_cache(old_cache_dir()):
        print(f"themes: removed old word cache {path}", file=sys.stderr)
    from nlp.encoders import UseEncoder

    UseEncoder().encode(["Warm-up: betaalbare woningen."], [["betaalbaar", "woning"]])
    print("themes: sentence encoder loaded", file=sys.stderr)


def old_cache_dir() -> Path:
    """Where earlier versions kept the word cache."""
    env = os.environ.get("CONSULT_NLP_CACHE")
    return Path(env) if env else Path(__file__).with_name("data") / "cache"


def remove_old_cache(directory: Path) -> list[Path]:
    """Delete the old cache's files (and the directory when nothing else is in it)."""
    found = [directory / name for name in OLD_CACHE_FILES]
    found += [p for pattern in OLD_CACHE_PARTIALS for p in directory.glob(pattern)]
    removed = [p for p in found if p.is_file()]
    for path in removed:
        path.unlink()
    if directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
    return removed
