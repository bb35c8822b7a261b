"""`flask export ROUND --format ... --out PATH`: the same exports from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from consult.db import db, utcnow
from consult.exports.services import FORMATS, export_round
from consult.rounds.models import Round


def _find_round(key: str) -> Round | None:
    if key.isdigit():
        return db.session.get(Round, int(key))
    return db.session.scalar(select(Round).where(Round.slug == key))


@click.command("export")
@click.argument("round_key", metavar="ROUND")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_command(round_key: str, fmt: str, out: Path) -> None:
    """Export a round (id or slug) as docx, pdf, xlsx, csv or json."""
    round_ = _find_round(round_key)
    if round_ is None:
        raise click.ClickException(f"no round with id or slug {round_key!r}")
    export = export_round(round_, fmt, actor=None, now=utcnow())
    out.write_bytes(export.data)
    db.session.commit()
    status = "final" if export.is_final else "concept"
    click.echo(f"wrote {out} ({len(export.data)} bytes, {status})")


COMMANDS = [export_command]
