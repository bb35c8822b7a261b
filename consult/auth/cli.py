"""Command line: invite staff and create the first administrator."""

from __future__ import annotations

import click
from flask import current_app, url_for
from sqlalchemy import select

from consult.auth import services
from consult.auth.models import MUNICIPAL_ROLES, Role, User, user_by_email
from consult.db import db, utcnow
from consult.regions.models import Region


def _print_link(token: str) -> None:
    base_url = current_app.config.get("BASE_URL", "http://127.0.0.1:5000")
    with current_app.test_request_context(base_url=base_url):
        click.echo(url_for("auth.accept_invitation", token=token, _external=True))


@click.command("invite")
@click.argument("email")
@click.option("--name", required=True, help="Full name of the staff member.")
@click.option("--region", "region_name", required=True, help="Region name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--municipality", "municipality_name", default=None,
              help="For a municipal role: the one municipality it works for.")
def invite_command(email: str, name: str, region_name: str, role: str,
                   municipality_name: str | None) -> None:
    """Invite a staff member to a region and print the single-use link."""
    region = db.session.scalar(select(Region).where(Region.name == region_name))
    if region is None:
        raise click.ClickException(f"unknown region: {region_name}")
    municipality = next((m for m in region.municipalities if m.name == municipality_name), None)
    if Role(role) in MUNICIPAL_ROLES and municipality is None:
        raise click.ClickException("a municipal role needs --municipality, one of: "
                                   + ", ".join(m.name for m in region.municipalities))
    _, token = services.invite(email=email, name=name, region_id=region.id, role=Role(role),
                               actor=None, now=utcnow(),
                               valid_for=current_app.config["INVITE_VALID_FOR"],
                               municipality_id=municipality.id if municipality else None)
    db.session.commit()
    if token is None:
        click.echo(f"{email} already has an account: the invitation waits until its owner "
                   "accepts it after logging in (no link is printed).")
    else:
        _print_link(token)


@click.command("create-admin")
@click.argument("email")
@click.option("--name", required=True)
def create_admin_command(email: str, name: str) -> None:
    """Create a system administrator (may create regions) and print a link to set a password."""
    user = db.session.scalar(user_by_email(email))
    if user is None:
        user = User(email=email.lower(), name=name, created_at=utcnow())
        db.session.add(user)
    user.is_superuser = True
    db.session.flush()
    token = services.issue_invitation(user, actor=None, now=utcnow(),
                                      valid_for=current_app.config["INVITE_VALID_FOR"])
    db.session.commit()
    _print_link(token)


COMMANDS = (invite_command, create_admin_command)
