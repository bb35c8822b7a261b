"""Command line: `flask backup PATH` and `flask restore PATH`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from consult.db import db
from consult.errors import ConsultError
from consult.ops import backup as backups


def _report(verb: str, counts) -> None:
    total = sum(counts.values())
    current_app.logger.info("%s: %d rows in %d tables", verb, total, len(counts))
    click.echo(f"{verb}: {total} rows in {len(counts)} tables")
    for name, count in sorted(counts.items()):
        click.echo(f"  {name}: {count}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a consistent backup of every table to PATH (gzipped JSON lines)."""
    counts = backups.backup(db.engine, db.metadata, path)
    path.chmod(0o600)  # it holds what participants told us
    _report("backup", counts)


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Load a backup into an empty database (run `flask db upgrade` first)."""
    try:
        counts = backups.restore(db.engine, db.metadata, path)
    except ConsultError as err:
        raise click.ClickException(str(err)) from err
    _report("restore", counts)


COMMANDS = (backup_command, restore_command)
