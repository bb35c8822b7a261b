"""``python -m nlp warm``: build and load expensive NLP resources at install or start-up.

Run once after installing (it builds caches) and at process start, so that no participant's
request pays for a first-time build.
"""

from __future__ import annotations

from collections.abc import Callable

from nlp.redact import warm_up as warm_redact
from nlp.warm_themes import warm_themes

WARMERS: tuple[Callable[[], None], ...] = (warm_redact, warm_themes)


def main(argv: list[str]) -> int:
    for warmer in WARMERS:
        warmer()
    return 0
