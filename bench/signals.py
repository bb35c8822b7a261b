"""Recall and precision of ``nlp.signals`` on a labelled Dutch answer set.

Usage: ``python bench/signals.py [--data bench/data/signals-nl.jsonl] [--split dev|test|all]
[--misses]``

Each line is ``{"text", "signals": [...], "category", "split"}``. Figures per answer (does
the detector raise a signal when it should?) and per kind (answer x kind pairs). The set
is split in a ``dev`` half, used to tune the pattern lists, and a ``test`` half, only
reported on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.signals import KINDS, detect, load_rules  # noqa: E402

DEFAULT_DATA = Path(__file__).with_name("data") / "signals-nl.jsonl"


def load(path: Path, split: str) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [row for row in rows if split == "all" or row["split"] == split]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score(rows: list[dict]) -> dict[str, object]:
    """Answer-level and kind-level recall and precision, and the misses."""
    tp = fp = fn = 0
    kind_counts = {kind: [0, 0, 0] for kind in KINDS}
    misses = []
    for row in rows:
        gold, found = set(row["signals"]), set(detect(row["text"]).kinds)
        if gold and found:
            tp += 1
        elif found:
            fp += 1
        elif gold:
            fn += 1
        for kind in KINDS:
            counts = kind_counts[kind]
            counts[0] += kind in gold and kind in found
            counts[1] += kind in found and kind not in gold
            counts[2] += kind in gold and kind not in found
        if gold != found:
            misses.append((row["category"], sorted(gold), sorted(found), row["text"]))
    per_kind = {k: (_ratio(c[0], c[0] + c[2]), _ratio(c[0], c[0] + c[1]))
                for k, c in kind_counts.items()}
    return {"n": len(rows), "recall": _ratio(tp, tp + fn), "precision": _ratio(tp, tp + fp),
            "per_kind": per_kind, "misses": misses}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    print(f"patterns {load_rules().version}")
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    for split in splits:
        rows = load(args.data, split)
        started = time.perf_counter()
        result = score(rows)
        per_answer = (time.perf_counter() - started) / max(len(rows), 1) * 1000
        print(f"{split}: n={result['n']} recall={result['recall']:.3f} "
              f"precision={result['precision']:.3f} ({per_answer:.2f} ms/answer)")
        for kind, (recall, precision) in result["per_kind"].items():
            print(f"  {kind:9} recall={recall:.3f} precision={precision:.3f}")
        if args.misses:
            for miss in result["misses"]:
                print("  MISS", *miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
