"""The tracker's read-only API: valid against OpenAPI, scoped like the web pages."""

from __future__ import annotations

from datetime import date

from consult.api.services import create_token
from consult.db import db, utcnow
from consult.implementation import services
from consult.implementation.models import StatusKind
from tests.api.test_api import get


def _token(user) -> str:
    _, secret = create_token(user, "test", actor=user, now=utcnow())
    db.session.commit()
    return secret


def test_region_agreements_match_the_schema_and_the_data(client, tracker, check_schema):
    services.set_status(tracker.agreement, tracker.goes, services.StatusFields(
        StatusKind.DONE, status_on=date(2026, 9, 1), evidence="Vastgesteld"),
        actor=tracker.leader, now=utcnow())
    db.session.commit()
    body = check_schema("/regions/{region_id}/agreements", get(
        client, f"/api/v1/regions/{tracker.region.id}/agreements", _token(tracker.leader)))
    (agreement,) = body["agreements"]
    assert agreement["title"] == "OGGZ-netwerk" and agreement["chapter"] == "Preventie"
    assert agreement["themes"] == [{"id": tracker.theme.id, "label": "Preventie in de wijk",
                                    "round_id": tracker.theme.round_id}]
    statuses = {s["municipality"]: s for s in agreement["statuses"]}
    assert statuses["Goes"]["status"] == "gerealiseerd"
    assert statuses["Goes"]["status_on"] == "2026-09-01"
    assert statuses["Middelburg"]["status"] == "niet_gestart"


def test_a_municipal_officer_reads_only_their_own_municipality(client, tracker, check_schema):
    secret = _token(tracker.officer)
    own = check_schema("/municipalities/{municipality_id}/statuses", get(
        client, f"/api/v1/municipalities/{tracker.goes.id}/statuses", secret))
    assert [s["municipality"] for s in own["agreements"][0]["statuses"]] == ["Goes"]
    other = get(client, f"/api/v1/municipalities/{tracker.middelburg.id}/statuses", secret)
    assert other.status_code == 403
    check_schema("/municipalities/{municipality_id}/statuses", other)
    region = get(client, f"/api/v1/regions/{tracker.region.id}/agreements", secret)
    assert region.status_code == 403


def test_another_regions_agreements_are_404(client, tracker, make_region, make_user,
                                            check_schema):
    outsider = make_user("project_leader", make_region("Elders"))
    response = get(client, f"/api/v1/regions/{tracker.region.id}/agreements", _token(outsider))
    assert response.status_code == 404
    check_schema("/regions/{region_id}/agreements", response)
