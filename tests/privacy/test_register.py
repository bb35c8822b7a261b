"""The privacy page: purposes, retention per round and a filterable audit log."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

from flask_login import current_user, login_user

import consult
from consult.audit.labels import ACTION_LABELS
from consult.audit.services import record
from consult.db import db, utcnow
from consult.themes.models import CURATION_LABELS


def test_admin_sees_purposes_retention_and_audit_log(client, login_as, make_round, region):
    round_ = make_round(raw_retention_days=30)
    record("round.close", actor=None, obj=round_, region_id=region.id, now=utcnow())
    record("privacy.erase", actor=None, obj=round_, region_id=region.id,
           now=utcnow() - timedelta(days=3))
    db.session.commit()
    login_as("admin")
    page = client.get("/privacy/")
    assert page.status_code == 200
    for text in ("Doelen van de verwerking", "30 dagen na sluiten", round_.title,
                 "<td>Ronde gesloten</td>", "<td>Inbreng gewist op verzoek</td>",
                 f"<td>Ronde {round_.id}</td>"):
        assert text in page.text
    assert "<td>round.close</td>" not in page.text
    filtered = client.get("/privacy/", query_string={"action": "privacy."})
    assert "<td>Inbreng gewist op verzoek</td>" in filtered.text
    assert "<td>Ronde gesloten</td>" not in filtered.text
    today = utcnow().date().isoformat()
    recent = client.get("/privacy/", query_string={"date_from": today})
    assert "<td>Ronde gesloten</td>" in recent.text
    assert "<td>Inbreng gewist op verzoek</td>" not in recent.text


def test_audit_log_names_the_staff_member_not_the_proxy(app, client, login_as, region):
    user = login_as("admin")
    with app.test_request_context():
        login_user(user)
        event = record("user.totp_reset", actor=current_user, obj=current_user,
                       region_id=region.id, now=utcnow())
    assert event.object_type == "user"
    db.session.commit()
    page = client.get("/privacy/").text
    assert f"<td>Medewerker {user.id}</td>" in page
    assert "localproxy" not in page


def _recorded_actions() -> set[str]:
    """Every action name passed to record() in the code, and each curation kind."""
    found = set()
    for path in Path(consult.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record":
                found |= {c.value for c in ast.walk(node.args[0])
                          if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    found.discard("theme.")
    return found | {f"theme.{kind}" for kind in CURATION_LABELS} | {"user.enable",
                                                                      "user.disable"}


def test_every_audit_action_has_a_dutch_label():
    missing = {a for a in _recorded_actions() if a not in ACTION_LABELS}
    assert not missing


def test_audit_log_of_another_region_is_not_shown(client, login_as, make_region):
    other = make_region("Andere regio")
    record("secret.action", actor=None, region_id=other.id, now=utcnow())
    db.session.commit()
    login_as("admin")
    assert "secret.action" not in client.get("/privacy/").text


def test_only_admins_see_the_privacy_page(client, login_as):
    login_as("project_leader")
    assert client.get("/privacy/").status_code == 403
