"""Load test: 32 participants submit the real form for 60 s against the server on
127.0.0.1, on SQLite and on PostgreSQL, next to a bare Flask form served the same way in the
same run. Each participant opens the form, types for ``--think`` seconds (5, as a person
filling in a short form; 0 measures the ceiling) and submits, then starts again.

    .venv/bin/python bench/load.py [--seconds 60] [--users 32] [--think 5] [sqlite] [postgresql]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from loadkit import ROOT, Server, check_database, hammer, prepare

BARE_PORT, APP_PORT = 8101, 8102


def run(backend: str, *, seconds: float, users: int, think: float) -> dict:
    instance = Path(tempfile.mkdtemp(prefix=f"consult-load-{backend}-"))
    env = prepare(backend, instance, fast_fill=think < 3)
    bare = Server("bench.bare_app:app", BARE_PORT, env)
    bare.start()
    try:
        bare_result = hammer(f"http://127.0.0.1:{BARE_PORT}", seconds, users=users,
                             think=think).summary(seconds)
    finally:
        bare.stop()
    server = Server("wsgi:app", APP_PORT, env)
    server.start()
    try:
        results = hammer(f"http://127.0.0.1:{APP_PORT}", seconds, users=users, think=think)
    finally:
        server.stop()
    check = check_database(env, results.acknowledged)
    app = results.summary(seconds)
    return {"backend": backend, "users": users, "seconds": seconds, "think": think,
            "server": " ".join(server.cmd), "bare": bare_result, "app": app,
            "ratio": app["submits_per_s"] / (bare_result["submits_per_s"] or 1),
            "check": check, "error_samples": results.errors[:5]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("backends", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--think", type=float, default=5.0)
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    for backend in args.backends:
        report = run(backend, seconds=args.seconds, users=args.users, think=args.think)
        print(json.dumps(report, indent=1))
        name = f"load-{backend}-think{args.think:g}.json"
        (out / name).write_text(json.dumps(report, indent=1))
        check, app = report["check"], report["app"]
        ok = (app["errors"] == 0 and check["missing"] == 0 and check["duplicated"] == 0
              and check["stored"] == check["acknowledged"])
        print(f"{backend}: {'OK' if ok else 'FAILED'}")


if __name__ == "__main__":
    main()
