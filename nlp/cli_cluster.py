"""``python -m nlp cluster FILE``: themes for a JSON-lines or CSV file, as JSON on stdout."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from nlp.themes import find_themes

PROGRESS_MIN = 2000


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m nlp cluster")
    parser.add_argument("file", type=Path, help="JSON lines (.jsonl/.json) or CSV (.csv)")
    parser.add_argument("--text-field", default="text", help="field holding the answer")
    parser.add_argument("--k", default="auto", help="number of themes, or 'auto'")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def read_texts(path: Path, field: str) -> list[str]:
    """One text per input row, in order (missing fields become empty answers)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if path.suffix.lower() == ".csv":
            return [row.get(field) or "" for row in csv.DictReader(handle)]
        rows = [json.loads(line) for line in handle if line.strip()]
    return [_field(row, field) for row in rows]


def _field(row: object, field: str) -> str:
    if isinstance(row, str):
        return row
    value = row.get(field) if isinstance(row, dict) else None
    return value if isinstance(value, str) else ""


def main(argv: list[str]) -> int:
    """Run the theme engine on a file and print one JSON object."""
    args = parse_args(argv)
    if args.k != "auto" and not args.k.isdigit():
        print("--k must be 'auto' or a positive number", file=sys.stderr)
        return 2
    texts = read_texts(args.file, args.text_field)
    bar = _progress_bar() if len(texts) >= PROGRESS_MIN else None
    result = find_themes(
        texts,
        k=None if args.k == "auto" else int(args.k),
        seed=args.seed,
        progress=bar,
    )
    if bar is not None:
        bar.close()
    out = result.to_json()
    keep = ("pipeline", "n_inputs", "themes", "assignments")
    out = {key: out[key] for key in keep}
    fields = ("id", "label", "keywords", "size", "representatives", "description", "near_copies")
    out["themes"] = [{k: t[k] for k in fields} for t in out["themes"]]
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _progress_bar():
    """One tqdm bar per phase on standard error, each closed when the next phase starts."""
    from tqdm import tqdm

    current: dict[str, tqdm] = {}

    def progress(stage: str, done: int, size: int) -> None:
        bar = current.get(stage)
        if bar is None:
            for other in current.values():
                other.close()
            current.clear()
            bar = current[stage] = tqdm(total=max(size, 1), desc=stage, file=sys.stderr)
        bar.update(max(0, min(done, bar.total) - bar.n))

    def close() -> None:
        for bar in current.values():
            bar.update(bar.total - bar.n)
            bar.close()
        current.clear()

    progress.close = close
    return progress
