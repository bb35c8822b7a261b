"""The read-only API: tokens, region scoping, and every response valid against OpenAPI."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from consult.api.models import ApiToken
from consult.audit.models import AuditEvent
from consult.db import db


@pytest.fixture
def check_schema(client):
    """Validate a response body against the response schema in /api/v1/openapi.json."""
    document = client.get("/api/v1/openapi.json").get_json()
    Draft202012Validator.check_schema(document["components"]["schemas"]["Theme"])

    def check(path_template: str, response) -> dict:
        operation = document["paths"][path_template]["get"]
        content = operation["responses"][str(response.status_code)]["content"]
        assert list(content) == [response.mimetype]
        schema = content[response.mimetype]["schema"]
        validator = Draft202012Validator({**schema, "components": document["components"]})
        errors = list(validator.iter_errors(response.get_json()))
        assert not errors, [e.message for e in errors[:3]]
        return response.get_json()

    return check


def get(client, path, secret=None):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(path, headers=headers)


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": "/api/v1", "description": "This Consult server"}]
    assert set(document["paths"]) >= {"/", "/openapi.json", "/rounds",
                                      "/rounds/{round_id}/themes"}
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["API-Version"] == document["info"]["version"] == "1.0.0"


def test_landing_page_links_to_the_document(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response.headers["API-Version"] == "1.0.0"
    assert client.get(response.get_json()["openapi"]).status_code == 200


def test_every_endpoint_matches_the_schema(app, client, themed_round, token_for, check_schema):
    secret = token_for()
    rid = themed_round.id
    rounds = check_schema("/rounds", get(client, "/api/v1/rounds", secret))
    assert [r["id"] for r in rounds["rounds"]] == [rid]
    check_schema("/rounds/{round_id}", get(client, f"/api/v1/rounds/{rid}", secret))
    themes = check_schema("/rounds/{round_id}/themes",
                          get(client, f"/api/v1/rounds/{rid}/themes", secret))
    assert themes["is_final"] and {t["label"] for t in themes["themes"]} >= {"Lange wachtlijsten"}
    assignments = check_schema("/rounds/{round_id}/assignments",
                               get(client, f"/api/v1/rounds/{rid}/assignments", secret))
    sizes = {t["id"]: t["size"] for t in themes["themes"]}
    for theme_id, size in sizes.items():
        assert sum(a["theme_id"] == theme_id for a in assignments["assignments"]) == size
    counts = check_schema("/rounds/{round_id}/counts",
                          get(client, f"/api/v1/rounds/{rid}/counts", secret))
    adviesraad = next(g for g in counts["groups"] if g["name"] == "Adviesraad")
    assert adviesraad["value"] is None and adviesraad["display"] == "< 5"


@pytest.mark.parametrize("path", ["/api/v1/rounds", "/api/v1/rounds/1/themes"])
def test_missing_or_wrong_token_is_401(app, client, path, check_schema):
    for secret in (None, "cst_not-a-real-token"):
        response = get(client, path, secret)
        assert response.status_code == 401
        assert response.get_json()["status"] == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        check_schema(path.removeprefix("/api/v1").replace("/1/", "/{round_id}/"), response)


def test_session_cookie_does_not_open_the_api(app, client, login_as):
    login_as("project_leader")
    assert client.get("/api/v1/rounds").status_code == 401


def test_rounds_outside_the_users_regions_are_404(app, client, themed_round, token_for,
                                                  make_region, check_schema):
    secret = token_for(in_region=make_region("Elders"))
    assert get(client, "/api/v1/rounds", secret).get_json() == {"rounds": []}
    response = get(client, f"/api/v1/rounds/{themed_round.id}/themes", secret)
    assert response.status_code == 404
    check_schema("/rounds/{round_id}/themes", response)


def test_profile_creates_token_once_and_revokes(app, client, login_as):
    user = login_as("policy_officer")
    page = client.get("/profiel").get_data(as_text=True)
    assert user.email in page and "Beleidsmedewerker" in page
    created = client.post("/profiel", data={"name": "rapportage"}).get_data(as_text=True)
    secret = created.split('id="nieuwe-sleutel" value="')[1].split('"')[0]
    assert secret.startswith("cst_")
    token = db.session.scalar(select(ApiToken))
    assert token.token_hash != secret and secret not in client.get("/profiel").get_data(
        as_text=True)
    assert get(client, "/api/v1/rounds", secret).status_code == 200
    client.post(f"/profiel/sleutels/{token.id}/intrekken")
    assert get(client, "/api/v1/rounds", secret).status_code == 401
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"api_token.create", "api_token.revoke"} <= actions


def test_profile_token_name_is_required(app, client, login_as):
    login_as("facilitator")
    page = client.post("/profiel", data={"name": ""}).get_data(as_text=True)
    assert "Geef de sleutel een naam." in page


def test_cannot_revoke_someone_elses_token(app, client, login_as, token_for):
    token_for()
    other = db.session.scalar(select(ApiToken))
    login_as("policy_officer")
    assert client.post(f"/profiel/sleutels/{other.id}/intrekken").status_code == 404


# What the web pages let each role see of a round (themes, quotes and counts need
# "analyse"); the API must give the same answer for the same role.
ROLE_SEES_ANALYSIS = {"admin": True, "project_leader": True, "policy_officer": True,
                      "facilitator": False}


@pytest.mark.parametrize("role", sorted(ROLE_SEES_ANALYSIS))
def test_api_grants_what_the_pages_grant_to_each_role(app, client, themed_round, token_for,
                                                      login_as, check_schema, role):
    rid = themed_round.id
    secret = token_for(role)
    assert get(client, f"/api/v1/rounds/{rid}", secret).status_code == 200
    login_as(role)
    page = client.get(f"/analyse/ronde/{rid}").status_code
    assert page == (200 if ROLE_SEES_ANALYSIS[role] else 403)
    for part in ("themes", "assignments", "counts"):
        response = get(client, f"/api/v1/rounds/{rid}/{part}", secret)
        assert response.status_code == page, f"{role} {part}"
        if page == 403:
            body = check_schema(f"/rounds/{{round_id}}/{part}", response)
            assert body == {"status": 403, "title": "Forbidden",
                            "detail": "Your role in this region does not allow this."}
            assert "themes" not in body and "assignments" not in body
