"""The corpora ``bench/themes.py`` scores: the labelled sets in ``shared/data``, the fixture,
demo-style answers, and distinct answers of 1-5 sentences composed from them for speed."""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CONSULT_BENCH_DATA_DIR") or ROOT.parent / "shared" / "data")
SHARED = {"sib200-nl": "sib200-nl/all.jsonl", "xsid-nl": "xsid-nl/all.jsonl"}
FIXTURE = ROOT / "tests" / "nlp" / "data" / "answers.jsonl"
DEMO = ("demo-600", 600, 7)  # name, answers, composer seed
MAX_SENTENCES = 5


def read_rows(path: Path) -> list[dict]:
    """``{"text", "label"}`` rows of a JSON-lines file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write_rows(path: Path, rows: list[dict]) -> Path:
    """Write rows as JSON lines and return the path."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def corpora(workdir: Path) -> dict[str, Path]:
    """Every labelled corpus found, by name; missing ones are reported and skipped."""
    from bench.demo_corpus import rows as demo_rows

    found = {}
    for name, rel in SHARED.items():
        path = DATA_DIR / rel
        if path.is_file():
            found[name] = path
        else:
            print(f"skipped {name}: {path} not found (set CONSULT_BENCH_DATA_DIR)",
                  file=sys.stderr)
    found["fixture-60"] = FIXTURE
    name, n, seed = DEMO
    found[name] = write_rows(workdir / f"{name}.jsonl", demo_rows(n, seed))
    return found


def normalise(text: str) -> str:
    """Whitespace collapsed, as the engine reads a text."""
    return " ".join(text.split())


def sentence(text: str) -> str:
    """A row as a sentence: capital first, final punctuation (xSID requests have none)."""
    text = normalise(text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def split_sentences(text: str) -> list[str]:
    """A row's sentences (SIB-200 rows hold one to three), each ending in punctuation."""
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z0-9\"'(])", normalise(text))
    return [sentence(p) for p in parts if p.strip()]


def multi_sentence(sources: dict[str, list[dict]], n: int, seed: int) -> list[dict]:
    """``n`` distinct answers of 1-5 sentences, each from one topic of one corpus.

    A corpus is drawn, then one of its topics, then 1-5 of that topic's sentences (without
    replacement); the label is ``corpus/topic``. An answer whose normalised text was drawn
    before is drawn again.
    """
    rng = random.Random(seed)
    pools: dict[str, dict[str, list[str]]] = {}
    for name, rows in sorted(sources.items()):
        by_label = pools.setdefault(name, {})
        for row in rows:
            by_label.setdefault(row["label"], []).extend(split_sentences(row["text"]))
    seen: set[str] = set()
    out = []
    while len(out) < n:
        name = rng.choice(sorted(pools))
        label = rng.choice(sorted(pools[name]))
        pool = pools[name][label]
        text = " ".join(rng.sample(pool, min(len(pool), rng.randint(1, MAX_SENTENCES))))
        if normalise(text) in seen:
            continue
        seen.add(normalise(text))
        out.append({"text": text, "label": f"{name}/{label}"})
    return out


def sentence_sources(paths: dict[str, Path]) -> dict[str, list[dict]]:
    """Rows whose text is one sentence or short request, per corpus, for composing answers.

    The demo corpus is taken as its hand-written topic sentences, not composed answers.
    """
    from consult.demo import content

    out = {name: read_rows(path) for name, path in paths.items() if not name.startswith("demo")}
    out["demo"] = [{"text": s, "label": t} for t, pool in content.TOPICS.items() for s in pool]
    return out
