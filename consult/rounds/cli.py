"""Command line: list rounds."""

from __future__ import annotations

import click
from sqlalchemy import select

from consult.db import db, utcnow
from consult.rounds.models import Round


@click.command("rounds")
def rounds_command() -> None:
    """Print id, slug, region, state and title of every round."""
    now = utcnow()
    rows = db.session.scalars(select(Round).order_by(Round.id)).all()
    click.echo(f"{'id':>4}  {'slug':<40}  {'region':<28}  {'state':<13}  title")
    for r in rows:
        state = r.state_at(now)
        click.echo(f"{r.id:>4}  {r.slug:<40}  {r.region.name:<28}  {state:<13}  {r.title}")


COMMANDS = (rounds_command,)
