"""Command line: load the demo data."""

from __future__ import annotations

import click
from flask import current_app

from consult.auth.totp import sealing_key
from consult.db import db, utcnow
from consult.demo.services import load_demo


@click.command("demo")
def demo_command() -> None:
    """Load demo regions, staff, rounds and input (safe to run again)."""
    added = load_demo(now=utcnow(), totp_key=sealing_key(current_app.config["SECRET_KEY"]))
    db.session.commit()
    click.echo("Demo data: " + ", ".join(f"{v} {k} added" for k, v in added.items()))


COMMANDS = (demo_command,)
