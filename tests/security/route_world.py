"""Every route of the app, and a world of objects in two regions to call them with.

The route list comes from app.url_map, so routes that other features add are covered as
they land. Rows for tables this module does not know are made up column by column.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from sqlalchemy import JSON, Boolean, Date, Enum, Float, Integer, String, Table, Text
from werkzeug.routing import Rule

from consult import create_app
from consult.auth.models import Membership, Role, User
from consult.auth.services import set_password
from consult.db import UTCDateTime, db, utcnow
from consult.regions import services as region_services
from consult.regions.models import Region
from consult.rounds import services as round_services
from consult.submissions import services as submissions
from consult.submissions.models import Channel, ImportBatch, InputSession

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Public endpoints: the participant pages live under /r/; these few are public as well.
PUBLIC_ENDPOINTS = {"static", "core.home", "core.healthz", "core.favicon", "auth.login",
                    "auth.totp_login", "auth.accept_invitation", "api.openapi"}
PUBLIC_PREFIXES = ("/r/",)
ALIASES = {"group": "stakeholder_groups", "chapter": "vision_chapters", "session": "input_sessions",
           "batch": "import_batches", "import": "import_batches", "run": "analysis_runs",
           "token": "api_tokens", "set": "theme_sets", "theme_set": "theme_sets",
           "event": "curation_events"}


def all_rules() -> list[Rule]:
    """The app's routes, static files excluded."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "routes"})
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint != "static"),
                  key=lambda r: (r.rule, r.endpoint))


def is_public(rule: Rule) -> bool:
    return rule.endpoint in PUBLIC_ENDPOINTS or rule.rule.startswith(PUBLIC_PREFIXES)


def methods(rule: Rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def id_arguments(rule: Rule) -> list[str]:
    return [name for name, conv in rule._converters.items()
            if type(conv).__name__ == "IntegerConverter"]


def table_for(argument: str) -> str | None:
    """The table an id argument points into: round_id -> rounds, group_id -> stakeholder_groups."""
    base = argument.removesuffix("_id")
    names = {t.name for t in db.metadata.sorted_tables}
    candidates = [ALIASES.get(base, ""), base + "s", base + "es", base[:-1] + "ies"]
    for name in candidates:
        if name in names:
            return name
    matches = sorted(n for n in names if n.endswith("_" + base + "s"))
    return matches[0] if matches else None


def build_url(rule: Rule, values: dict) -> str:
    """The rule's path with values filled in; `any` converters take their first option."""
    args = {}
    for name, conv in rule._converters.items():
        if name in values:
            args[name] = values[name]
        elif type(conv).__name__ == "AnyConverter":
            args[name] = _first_any(rule, name)
        elif type(conv).__name__ == "IntegerConverter":
            args[name] = 1
        else:
            args[name] = "x"
    return rule.build(args, append_unknown=False)[1]


def _first_any(rule: Rule, name: str) -> str:
    part = rule.rule.split(f":{name}>")[0]
    return part.rsplit("any(", 1)[1].split(",")[0].strip(" )")


def _dummy(column, n: str):
    kind = column.type
    if isinstance(kind, Enum):
        return kind.enums[0]
    if isinstance(kind, UTCDateTime):
        return utcnow()
    if isinstance(kind, Date):
        return date.today()
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Float):
        return 0.0
    if isinstance(kind, JSON):
        return []
    if isinstance(kind, String | Text):
        return (n + secrets.token_hex(4))[: kind.length or 40]
    return None


def fabricate(table: Table, ids: dict[str, int]) -> int | None:
    """Insert one made-up row that hangs off the region's objects; returns its id."""
    row = {}
    for column in table.columns:
        if column.primary_key:
            continue
        fk = next(iter(column.foreign_keys), None)
        if fk is not None:
            target = fk.column.table.name
            if target in ids:
                row[column.name] = ids[target]
            elif not column.nullable:
                return None
        elif not column.nullable and column.default is None and column.server_default is None:
            row[column.name] = _dummy(column, column.name[:3])
    if not any(next(iter(c.foreign_keys), None) for c in table.columns if c.name in row):
        return None
    result = db.session.execute(table.insert().values(**row))
    return result.inserted_primary_key[0]


def build_world(name: str, *, password: str) -> tuple[dict[str, int], User]:
    """A region with one object of every table; returns their ids and an admin of it."""
    now = utcnow()
    region = region_services.create_region(name, actor=None, now=now)
    region_services.add_municipality(region, "Goes", actor=None, now=now)
    user = region_member(region, password=password)
    round_ = round_services.save_round(region, round_services.RoundFields(
        title=f"Ronde {name}", slug="", intro="Vertel het ons.",
        opens_on=date.today() - timedelta(days=3), closes_on=date.today() + timedelta(days=9),
        group_ids=[g.id for g in region.groups]), actor=user, now=now)
    round_services.save_question(round_, round_services.QuestionFields(
        prompt="Wat vindt u belangrijk?", help_text="", is_required=True, max_length=500),
        actor=user, now=now)
    round_services.release(round_, actor=user, now=now)
    session = InputSession(round_id=round_.id, label="Sessie", held_on=date.today(),
                           channel=Channel.MEETING, created_at=now)
    batch = ImportBatch(round_id=round_.id, filename="x.csv", sha256=secrets.token_hex(32),
                        row_count=1, created_at=now)
    db.session.add_all([session, batch])
    db.session.flush()
    # Entered for the session, so the routes that correct such input have an object too.
    submission, _ = submissions.submit(round_, submissions.Intake(
        group=region.groups[0], municipality=None, answers={round_.questions[0].id: "Meer hulp."},
        consent=submissions.Consent(analysis=True, verbal=True), channel=Channel.MEETING,
        is_verbatim=False, input_session=session), entered_by=user, now=now)
    ids = {"regions": region.id, "rounds": round_.id, "users": user.id,
           "questions": round_.questions[0].id, "submissions": submission.id,
           "answers": submission.answers[0].id, "municipalities": region.municipalities[0].id,
           "stakeholder_groups": region.groups[0].id, "input_sessions": session.id,
           "import_batches": batch.id, "memberships": user.memberships[0].id}
    if region.chapters:
        ids["vision_chapters"] = region.chapters[0].id
    for table in db.metadata.sorted_tables:
        single_id = [c.name for c in table.primary_key.columns] == ["id"]
        if table.name not in ids and single_id and table.name not in SKIP_FABRICATION:
            if (new_id := fabricate(table, ids)) is not None:
                ids[table.name] = new_id
    db.session.commit()
    return ids, user


SKIP_FABRICATION = {"staff_sessions", "invitations", "audit_events"}


def region_member(region: Region, *, password: str, role: Role = Role.ADMIN) -> User:
    """A fresh user with a role in the region."""
    user = User(email=f"{secrets.token_hex(4)}@consult.test", name="Lid", created_at=utcnow())
    set_password(user, password)
    user.memberships.append(Membership(region_id=region.id, role=role, created_at=utcnow()))
    db.session.add(user)
    db.session.flush()
    return user
