"""Command line: `flask purge` applies the retention settings of every round."""

from __future__ import annotations

import click
from flask import current_app

from consult.db import db, utcnow
from consult.privacy import services


@click.command("purge")
def purge_command() -> None:
    """Remove raw texts and ended rounds as their retention settings say; safe to repeat."""
    report = services.purge(now=utcnow())
    db.session.commit()
    lines = [
        f"raw answer texts removed: {report.raw_answers}",
        f"contact details removed: {report.contacts}",
        f"rounds at end of life: {', '.join(map(str, report.ended_rounds)) or 'none'}",
    ] + [f"rows deleted from {name}: {count}" for name, count in sorted(report.deleted.items())]
    for line in lines:
        current_app.logger.info("purge: %s", line)
        click.echo(line)


COMMANDS = (purge_command,)
