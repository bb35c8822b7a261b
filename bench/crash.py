"""Crash test: kill -9 every gunicorn process in the middle of the load, restart, and check
that no acknowledged submission is missing and the database is consistent. The server is
started as `make run` starts it.

    .venv/bin/python bench/crash.py [--before 20] [--after 20] [--users 32] [--think 5]
                                    [sqlite] [postgresql]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from loadkit import ROOT, Results, Server, check_database, participant, prepare

PORT = 8103


def run(backend: str, *, before: float, after: float, users: int, think: float) -> dict:
    env = prepare(backend, Path(tempfile.mkdtemp(prefix=f"consult-crash-{backend}-")),
                  fast_fill=think < 3)
    server = Server("wsgi:app", PORT, env)
    server.start()
    results, stop = Results(), threading.Event()
    threads = [threading.Thread(target=participant, args=(f"http://127.0.0.1:{PORT}", stop,
                                                          results),
                                kwargs={"tolerate_down": True, "think": think})
               for _ in range(users)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(before)
        acknowledged_before = len(results.acknowledged)
        server.kill9()  # SIGKILL to the master and every worker, mid-request
        killed_at = time.time()
        server.start()
        restart_seconds = time.time() - killed_at
        time.sleep(after)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
        server.stop()
    check = check_database(env, results.acknowledged)
    return {"backend": backend, "users": users, "think": think, "server": " ".join(server.cmd),
            "acknowledged_before_kill": acknowledged_before,
            "acknowledged_total": len(results.acknowledged), "restart_seconds": restart_seconds,
            "check": check}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("backends", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--before", type=float, default=20)
    parser.add_argument("--after", type=float, default=20)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--think", type=float, default=5.0)
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    for backend in args.backends:
        report = run(backend, before=args.before, after=args.after, users=args.users,
                     think=args.think)
        print(json.dumps(report, indent=1))
        (out / f"crash-{backend}.json").write_text(json.dumps(report, indent=1))
        check = report["check"]
        ok = (check["missing"] == 0 and check["duplicated"] == 0 and check["without_answers"] == 0
              and check["integrity_check"] in ("ok", "n/a") and check["foreign_key_errors"] == 0
              and report["acknowledged_total"] > report["acknowledged_before_kill"])
        print(f"{backend}: {'OK' if ok else 'FAILED'}")


if __name__ == "__main__":
    main()
