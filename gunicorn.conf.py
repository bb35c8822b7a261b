"""gunicorn settings that belong to the code, not to one server (docs/deployment.md, section 3).

gunicorn reads this file from the working directory, or from ``-c gunicorn.conf.py``.

- Before any worker starts, several workers whose rate limits are not shared are refused.
  The default shares them in a SQLite file in instance/ (consult/ops/ratelimits.py), or in
  Redis with REDIS_URL; only RATELIMIT_STORAGE_URI = "memory://" counts per process.
- The PII redaction resources take seconds to load (deduce's lookup cache); a submit must not
  wait for them. They are loaded without threads: a thread running at fork time would leave
  each worker a lock held by nobody or a half-imported module (issue #17).
- Background jobs without REDIS_URL run in threads of the workers (consult/themes/worker.py);
  those threads start on first use, in the worker, never in the master before it forks.
"""

from __future__ import annotations


def on_starting(server) -> None:
    """Before any worker starts: refuse several workers whose rate limits are not shared."""
    from consult.ops.workers import check_workers, shares_rate_limits

    app = getattr(server.app, "callable", None)  # already built when gunicorn runs --preload
    if not hasattr(app, "config"):
        from consult import create_app

        app = create_app()
    check_workers(app.config, workers=server.cfg.workers)
    if shares_rate_limits(app.config):
        server.log.info("Rate limits are shared by all %d worker(s).", server.cfg.workers)
    else:
        server.log.warning("Rate limits are counted in this one worker process "
                           "(RATELIMIT_STORAGE_URI memory://); more workers need shared counters.")


def when_ready(server) -> None:
    """With --preload: load the redaction resources in the master, once, before forking.

    The workers share the memory copy-on-write. Requests that arrive meanwhile wait in the
    listen queue.
    """
    if server.cfg.preload_app:
        from consult.submissions.redaction import warm_up

        warm_up()


def post_worker_init(worker) -> None:
    """In each worker, before it accepts requests: load what the master did not (no --preload)."""
    from consult.submissions.redaction import warm_up

    warm_up()
