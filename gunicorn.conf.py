"""gunicorn settings that belong to the code, not to one server (see docs/deployment.md).

The PII redaction resources take seconds to load (deduce's lookup cache); a submit must not
wait for them. They are loaded without threads: a thread running at fork time would leave
each worker a lock held by nobody or a half-imported module (issue #17).
"""

from __future__ import annotations


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
