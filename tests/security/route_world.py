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
from consult.auth.models import MUNICIPAL_ROLES, Membership, Role, User
from consult.auth.services import set_password
from consult.db import UTCDateTime, db, utcnow
from consult.regions import services as region_services
from consult.regions.models import Region
from consult.rounds import services as round_services
from consult.submissions import services as submissions
from consult.submissions.models import Channel, ImportBatch, InputSession

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Public endpoints: the participant pages live under /r/; these few are public as well.
PUBLIC_ENDPOINTS = {"static", "core.home", "core.healthz", "core.favicon", "core.accessibility",
                    "auth.login", "auth.totp_login", "auth.accept_invitation", "api.openapi",
                    "api.index", "groupsession.enter", "groupsession.follow"}
PUBLIC_PREFIXES = ("/r/", "/regio/")  # participant pages; a region's public page
ALIASES = {"group": "stakeholder_groups", "chapter": "vision_chapters", "session": "input_sessions",
           "batch": "import_batches", "import": "import_batches", "run": "analysis_runs",
           "token": "api_tokens", "set": "theme_sets", "theme_set": "theme_sets",
           "event": "curation_events", "item": "page_items"}


# What each staff route needs, named as in the access model table of docs/deployment.md: a
# right in the region of the route's objects, or "staff" (any staff member: their own
# account, lists of their own regions) or "superuser". A new route must be added here.
ENDPOINT_RIGHTS = {
    "api.assignments": "analyse", "api.counts": "analyse", "api.themes": "analyse",
    "api.round_detail": "view_round", "api.rounds": "staff",
    "api.profile": "staff", "api.revoke": "staff",
    "auth.logout": "staff", "auth.totp_setup": "staff", "auth.totp_disable": "staff",
    "auth.pending_memberships": "staff", "auth.answer_membership": "staff",
    "exports.page": "export", "exports.download": "export",
    "feedback.editor": "publish", "feedback.publish": "publish",
    "feedback.unpublish": "publish",
    "groupsession.sessions": "manage_rounds", "groupsession.close": "manage_rounds",
    "insight.dashboard": "view_round", "insight.search": "view_round",
    "intake.correct": "enter_input", "intake.remove": "enter_input",
    "intake.withdraw_import": "enter_input", "intake.upload": "enter_input",
    "intake.import_template": "enter_input", "intake.import_status": "enter_input",
    "intake.preview": "enter_input", "intake.mapping": "enter_input",
    "intake.sessions": "enter_input", "intake.enter": "enter_input",
    "intake.session_detail": "view_round",
    "privacy.overview": "manage_region", "privacy.erase_for_participant": "manage_rounds",
    "privacy.region_contact": "manage_rounds",
    "regions.index": "manage_region", "regions.create_region": "superuser",
    "regions.region": "manage_region", "regions.add_municipality": "manage_region",
    "regions.remove_municipality": "manage_region", "regions.staff": "manage_region",
    "regions.toggle_user": "manage_region", "regions.new_link": "manage_account",
    "regions.reset_totp": "manage_account",
    "regions.add_group": "manage_rounds", "regions.rename_group": "manage_rounds",
    "regions.chapters": "manage_rounds", "regions.edit_chapter": "manage_rounds",
    "regions.delete_chapter": "manage_rounds",
    "safeguarding.queue": "follow_signals", "safeguarding.signal": "follow_signals",
    "safeguarding.contacts": "name_safeguarding_contacts",
    "regionpage.editor": "publish", "regionpage.add_item": "publish",
    "regionpage.edit_item": "publish", "regionpage.delete_item": "publish",
    "rounds.index": "staff", "rounds.detail": "view_round", "rounds.create": "manage_rounds",
    "rounds.edit": "manage_rounds", "rounds.change_state": "manage_rounds",
    "rounds.close": "manage_rounds",
    "rounds.add_question": "manage_rounds", "rounds.edit_question": "manage_rounds",
    "rounds.question_action": "manage_rounds",
    "themes.runs": "analyse", "themes.start": "analyse", "themes.run": "analyse",
    "themes.run_status": "analyse", "themes.cancel": "analyse", "themes.theme": "analyse",
    "themes.overview": "analyse", "themes.history": "analyse",
    "themes.theme_action": "curate", "themes.answers_action": "curate",
    "themes.split": "curate", "themes.merge": "curate", "themes.undo": "curate",
    "themes.request_sign_off": "sign_off", "themes.decide": "sign_off",
    "api.agreements": "view_agreements", "api.municipality_statuses": "view_municipality",
    "implementation.index": "staff", "implementation.matrix": "view_agreements",
    "implementation.agreement": "view_agreements", "implementation.history": "view_agreements",
    "implementation.export_region": "view_agreements",
    "implementation.create": "manage_agreements", "implementation.edit": "manage_agreements",
    "implementation.delete": "manage_agreements",
    "implementation.municipality": "view_municipality",
    "implementation.export_municipality": "view_municipality",
    "implementation.status": "update_status",
}
# Id arguments that point at something other than "the table's object of the region".
ARGUMENT_TABLES = {("auth.answer_membership", "membership_id"): "pending_memberships",
                   # regions.remove_municipality deletes the world's first municipality.
                   **{(f"implementation.{name}", "municipality_id"): "tracked_municipalities"
                      for name in ("municipality", "export_municipality", "status")},
                   ("api.municipality_statuses", "municipality_id"): "tracked_municipalities"}
# `any` choices to use instead of the first one: declining an invitation grants nothing.
ANY_CHOICES = {("auth.answer_membership", "action"): "weigeren"}


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
        elif (rule.endpoint, name) in ANY_CHOICES:
            args[name] = ANY_CHOICES[rule.endpoint, name]
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


def build_world(name: str, *, password: str,
                role: Role = Role.ADMIN) -> tuple[dict[str, int], User]:
    """A region with one object of every table; returns their ids and a member of it.

    The member also has a pending invitation to a region of its own ("pending_memberships").
    """
    now = utcnow()
    region = region_services.create_region(name, actor=None, now=now)
    region_services.add_municipality(region, "Goes", actor=None, now=now)
    tracked = region_services.add_municipality(region, "Middelburg", actor=None, now=now)
    user = region_member(region, password=password, role=role, municipality=tracked)
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
           "import_batches": batch.id, "memberships": user.memberships[0].id,
           "pending_memberships": _pending_invitation(user, f"{name}, uitnodiging"),
           "tracked_municipalities": tracked.id}
    if region.chapters:
        ids["vision_chapters"] = region.chapters[0].id
    for table in db.metadata.sorted_tables:
        single_id = [c.name for c in table.primary_key.columns] == ["id"]
        if table.name not in ids and single_id and table.name not in SKIP_FABRICATION:
            if (new_id := fabricate(table, ids)) is not None:
                ids[table.name] = new_id
    db.session.commit()
    return ids, user


# A made-up safeguarding contact would be the world's own member, who would then follow
# signals whatever the role: tests/safeguarding covers the contacts instead.
SKIP_FABRICATION = {"staff_sessions", "invitations", "audit_events", "safeguarding_contacts"}


def _pending_invitation(user: User, region_name: str) -> int:
    """An invitation to another region that the user has not accepted yet; its id."""
    region = region_services.create_region(region_name, actor=None, now=utcnow())
    membership = Membership(region_id=region.id, role=Role.ADMIN, created_at=utcnow(),
                            is_pending=True)
    user.memberships.append(membership)
    db.session.flush()
    return membership.id


def region_member(region: Region, *, password: str, role: Role = Role.ADMIN,
                  municipality=None) -> User:
    """A fresh user with a role in the region (a municipal role: for ``municipality``)."""
    user = User(email=f"{secrets.token_hex(4)}@consult.test", name="Lid", created_at=utcnow())
    set_password(user, password)
    municipality = municipality or region.municipalities[0]
    municipality_id = municipality.id if role in MUNICIPAL_ROLES else None
    user.memberships.append(Membership(region_id=region.id, role=role, created_at=utcnow(),
                                       municipality_id=municipality_id))
    db.session.add(user)
    db.session.flush()
    return user
