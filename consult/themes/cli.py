"""Command line: ``flask --app wsgi worker`` processes analysis jobs from Redis."""

from __future__ import annotations

import click
from flask import current_app


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool) -> None:
    """Process analysis runs queued on REDIS_URL (RQ)."""
    from rq import Worker

    from consult.themes import engine
    from consult.themes.worker import queue

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.UsageError("REDIS_URL is not set; analyses then run inside the web process.")
    q = queue(url)
    # RQ forks a child per job: models loaded here, once, are there in every child.
    click.echo("Het analysemodel wordt geladen...", err=True)
    engine.warm()
    Worker([q], connection=q.connection).work(burst=burst)


COMMANDS = (worker_command,)
