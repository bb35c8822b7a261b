"""Start-up and parse speed of the Dutch spaCy pipeline, with and without the shipped tagger.

    .venv/bin/python bench/pipeline.py --texts 2000 --repeats 3

"before" is the old fallback (``spacy.blank("nl")`` + lookup lemmatizer + sentencizer),
"after" is ``nlp.pipeline.blank_pipeline()`` (the same plus the UD UPOS tagger). Each run is
a fresh process on one core (BLAS/OpenMP threads 1). Start-up is the time to build the
pipeline after ``import spacy``; parsing runs ``nlp.pipe`` over SIB-200 texts, repeated up to
``--texts``. Prints the median of the repeats per variant; ``tokens_per_cpu_s`` divides by
the process's CPU time, which a shared machine disturbs less than the wall clock.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("CONSULT_BENCH_DATA", "/work/shared/data/sib200-nl/all.jsonl"))
VARIANTS = ("before", "after")


def build(variant: str):
    """The pipeline of one variant."""
    import spacy

    if variant == "after":
        from nlp.pipeline import blank_pipeline

        return blank_pipeline()
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    return nlp


def run_one(variant: str, n: int) -> dict:
    """Measure one variant in this process."""
    started = time.perf_counter()
    import spacy  # noqa: F401

    imported, imported_cpu = time.perf_counter(), time.process_time()
    nlp = build(variant)
    built, built_cpu = time.perf_counter(), time.process_time()
    lines = DATA.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(lines[i % len(lines)])["text"] for i in range(n)]
    parse_start, cpu_start = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=1000))
    parsed, cpu = time.perf_counter() - parse_start, time.process_time() - cpu_start
    return {"variant": variant, "import_s": imported - started, "startup_s": built - imported,
            "startup_cpu_s": built_cpu - imported_cpu,
            "parse_s": parsed, "parse_cpu_s": cpu, "tokens": tokens,
            "tokens_per_s": tokens / parsed, "tokens_per_cpu_s": tokens / cpu,
            "texts_per_s": n / parsed}


def main() -> None:
    """Run every variant in its own process and print medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", choices=VARIANTS)
    args = parser.parse_args()
    if args.one:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_one(args.one, args.texts)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    for variant in VARIANTS:
        rows = []
        for _ in range(args.repeats):
            out = subprocess.run([sys.executable, __file__, "--one", variant, "--texts",
                                  str(args.texts)], env=env, capture_output=True, text=True,
                                 check=True)
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        medians = {key: round(statistics.median(r[key] for r in rows), 3)
                   for key in rows[0] if key != "variant"}
        print(json.dumps({"variant": variant, **medians}))


if __name__ == "__main__":
    main()
