"""Recall, precision and time per answer of ``nlp.redact`` on a labelled Dutch test set.

Usage: ``python bench/redact.py [--runs 5] [--data bench/data/redact_nl.jsonl] [--misses]``

A prediction matches a gold entity of the same label when their spans overlap (one-to-one,
greedy in text order): for redaction what counts is that the value is hidden, not where
the tag starts ("meneer van der Berg" vs "van der Berg"). Exact-span figures are printed
too. "Leaked" is the share of gold-entity characters left visible in the redacted output.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.redact import LABELS, Entity, redact, redact_many, warm_up  # noqa: E402

DEFAULT_DATA = Path(__file__).with_name("data") / "redact_nl.jsonl"


def load(path: Path) -> list[tuple[str, list[Entity]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            rows.append((item["text"], [Entity(**e) for e in item["entities"]]))
    return rows


def _overlaps(a: Entity, b: Entity) -> bool:
    return a.label == b.label and a.start < b.end and b.start < a.end


def match(gold: list[Entity], pred: tuple[Entity, ...]) -> list[tuple[Entity, Entity]]:
    """One-to-one overlap matching, greedy in text order."""
    used: set[Entity] = set()
    pairs = []
    for g in sorted(gold, key=lambda e: e.start):
        hit = next((p for p in pred if p not in used and _overlaps(g, p)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((g, hit))
    return pairs


def _characters(gold: list[Entity], pred: tuple[Entity, ...]) -> Counter:
    """Gold characters left visible, and characters hidden that are not gold PII."""
    hidden = {i for p in pred for i in range(p.start, p.end)}
    pii = {i for g in gold for i in range(g.start, g.end)}
    return Counter(pii=len(pii), leaked=len(pii - hidden), over=len(hidden - pii))


def score(rows, show_misses: bool) -> tuple[dict[str, Counter], Counter]:
    counts: dict[str, Counter] = {label: Counter() for label in LABELS}
    chars: Counter = Counter()
    for text, gold in rows:
        pred = redact(text).entities
        pairs = match(gold, pred)
        for g in gold:
            counts[g.label]["gold"] += 1
        for p in pred:
            counts[p.label]["pred"] += 1
        for g, p in pairs:
            counts[g.label]["hit"] += 1
            counts[g.label]["exact"] += (g.start, g.end) == (p.start, p.end)
        chars += _characters(gold, pred)
        chars["all"] += len(text)
        if show_misses:
            _print_misses(text, gold, pred, pairs)
    return counts, chars


def _print_misses(text, gold, pred, pairs) -> None:
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    for g in gold:
        if g not in matched_gold:
            print(f"  MISS  {g.label:15} {text[g.start:g.end]!r:32} in: {text[:70]}")
    for p in pred:
        if p not in matched_pred:
            print(f"  FALSE {p.label:15} {text[p.start:p.end]!r:32} in: {text[:70]}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def report(counts: dict[str, Counter], chars: Counter) -> None:
    print(f"{'label':15} {'gold':>5} {'pred':>5} {'recall':>7} {'precision':>9} {'exact':>6}")
    total: Counter = Counter()
    for label in LABELS:
        c = counts[label]
        total.update({k: c[k] for k in ("gold", "pred", "hit", "exact")})
        print(f"{label:15} {c['gold']:5} {c['pred']:5} {_ratio(c['hit'], c['gold']):>7} "
              f"{_ratio(c['hit'], c['pred']):>9} {_ratio(c['exact'], c['gold']):>6}")
    print(f"{'overall':15} {total['gold']:5} {total['pred']:5} "
          f"{_ratio(total['hit'], total['gold']):>7} {_ratio(total['hit'], total['pred']):>9} "
          f"{_ratio(total['exact'], total['gold']):>6}")
    print(f"PII characters left visible: {chars['leaked']}/{chars['pii']} "
          f"({_ratio(chars['leaked'], chars['pii'])})")
    other = chars["all"] - chars["pii"]
    print(f"other characters hidden (over-redaction): {chars['over']}/{other} "
          f"({_ratio(chars['over'], other)})")


def timing(texts: list[str], runs: int) -> list[float]:
    """Milliseconds per answer for each full pass over ``texts``."""
    per_answer = []
    for _ in range(runs):
        start = time.perf_counter()
        redact_many(texts)
        per_answer.append((time.perf_counter() - start) * 1000 / len(texts))
    return per_answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list misses and false hits")
    args = parser.parse_args()
    rows = load(args.data)
    start = time.perf_counter()
    warm_up()
    print(f"warm-up (load deduce cache, or build it on first run): "
          f"{time.perf_counter() - start:.1f} s")
    print(f"{len(rows)} answers, {sum(not gold for _, gold in rows)} without PII\n")
    report(*score(rows, args.misses))
    runs = timing([text for text, _ in rows], args.runs)
    print(f"\nms per answer: median {statistics.median(runs):.2f} over {args.runs} runs "
          f"(min {min(runs):.2f}, max {max(runs):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
