"""Command line: load the demo data."""

from __future__ import annotations

import click

from consult.db import db, utcnow
from consult.demo.services import load_demo


@click.command("demo")
def demo_command() -> None:
    """Load demo regions, staff, rounds and input (safe to run again)."""
    added = load_demo(now=utcnow())
    db.session.commit()
    click.echo("Demo data: " + ", ".join(f"{v} {k} added" for k, v in added.items()))


COMMANDS = (demo_command,)
