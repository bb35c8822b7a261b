"""Load test: 32 participants submit the real form for 60 s against gunicorn on 127.0.0.1,
on SQLite and on PostgreSQL, next to a bare Flask endpoint measured in the same run.

    .venv/bin/python bench/load.py [--seconds 60] [--users 32] [sqlite] [postgresql]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from loadkit import ROOT, Server, bare_client, check_database, hammer, prepare

BARE_PORT, APP_PORT = 8101, 8102


def run(backend: str, *, seconds: float, users: int) -> dict:
    instance = Path(tempfile.mkdtemp(prefix=f"consult-load-{backend}-"))
    env = prepare(backend, instance)
    bare = Server("bench.bare_app:app", BARE_PORT, env)
    bare.start()
    try:
        bare_result = hammer(f"http://127.0.0.1:{BARE_PORT}", seconds / 3, users=users,
                             body=bare_client).summary(seconds / 3)
    finally:
        bare.stop()
    server = Server("bench.wsgi_bench:app", APP_PORT, env)
    server.start()
    try:
        results = hammer(f"http://127.0.0.1:{APP_PORT}", seconds, users=users)
    finally:
        server.stop()
    check = check_database(env, results.acknowledged)
    return {"backend": backend, "users": users, "seconds": seconds, "bare": bare_result,
            "app": results.summary(seconds), "check": check, "error_samples": results.errors[:5]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("backends", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=32)
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    for backend in args.backends:
        report = run(backend, seconds=args.seconds, users=args.users)
        print(json.dumps(report, indent=1))
        (out / f"load-{backend}.json").write_text(json.dumps(report, indent=1))
        check, app = report["check"], report["app"]
        ok = (app["errors"] == 0 and check["missing"] == 0 and check["duplicated"] == 0
              and check["stored"] == check["acknowledged"])
        print(f"{backend}: {'OK' if ok else 'FAILED'}")


if __name__ == "__main__":
    main()
