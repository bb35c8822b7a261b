"""Write labelled demo-style answers as JSON lines, a second corpus for bench/themes.py.

    python bench/demo_corpus.py --n 600 --seed 7 > /tmp/demo600.jsonl

``bench/themes.py`` writes and scores this corpus itself (``rows(600, 7)``).
The answers are composed the way the demo data is (``consult.demo``): one or two topics of
hand-written consultation sentences, with openers ("Namens de adviesraad: ") and closers;
the label is the answer's main topic (12 topics). Written by us, so it is no substitute for
real input, but it is closer to consultation answers than SIB-200's news sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rows(n: int, seed: int) -> list[dict[str, str]]:
    """``n`` composed answers, each ``{"text": ..., "label": ...}``, the same for one seed."""
    from consult.demo.services import compose_answer

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text, topic = compose_answer(rng, "", 0)
        out.append({"text": text, "label": topic})
    return out


def main() -> None:
    """Print ``--n`` answers, one JSON object a line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for row in rows(args.n, args.seed):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
