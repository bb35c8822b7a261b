"""Gunicorn reads this file from the working directory (docs/deployment.md, section 3)."""

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
        server.log.warning("Rate limits are counted in this one worker process (no REDIS_URL); "
                           "more workers need REDIS_URL.")
