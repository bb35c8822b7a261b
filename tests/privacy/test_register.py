"""The privacy page: purposes, retention per round and a filterable audit log."""

from __future__ import annotations

from datetime import timedelta

from consult.audit.services import record
from consult.db import db, utcnow


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
                 "round.close", "privacy.erase"):
        assert text in page.text
    filtered = client.get("/privacy/", query_string={"action": "privacy"})
    assert "privacy.erase" in filtered.text and "round.close" not in filtered.text
    today = utcnow().date().isoformat()
    recent = client.get("/privacy/", query_string={"date_from": today})
    assert "round.close" in recent.text and "privacy.erase" not in recent.text


def test_audit_log_of_another_region_is_not_shown(client, login_as, make_region):
    other = make_region("Andere regio")
    record("secret.action", actor=None, region_id=other.id, now=utcnow())
    db.session.commit()
    login_as("admin")
    assert "secret.action" not in client.get("/privacy/").text


def test_only_admins_see_the_privacy_page(client, login_as):
    login_as("project_leader")
    assert client.get("/privacy/").status_code == 403
