"""The OpenAPI 3.1 document of the read-only API; tests validate every response against it.

It follows the Logius REST API Design Rules (`.spectral.yml`, `make lint-api`); the rules
not followed are listed in docs/api.md.
"""

from __future__ import annotations

API_VERSION = "1.0.0"  # the full version, sent in the API-Version header of every response
BASE_PATH = "/api/v1"  # the major version is part of the URI (ADR /core/uri-version)
CONTACT = {"name": "Consult maintainers",
           "email": "maintainers@users.noreply.r-seed-a1a570af.example",
           "url": "https://example.invalid/consult/consult.git"}  # as in publiccode.yml

STR = {"type": "string"}
INT = {"type": "integer"}
NULLABLE_STR = {"type": ["string", "null"]}
STAMP = {"type": "string", "format": "date-time"}


def _obj(properties: dict, *, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties,
            "required": required if required is not None else list(properties),
            "additionalProperties": False}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(item: dict) -> dict:
    return {"type": "array", "items": item}


SCHEMAS = {
    # RFC 9457 problem details (ADR /core/problem-details)
    "Problem": _obj({"status": INT, "title": STR, "detail": STR}),
    "Landing": _obj({"title": STR, "version": STR, "openapi": STR, "rounds": STR}),
    "Count": _obj({
        "name": STR,
        "value": {"type": ["integer", "null"],
                  "description": "null when the cell is hidden: below the small-cell "
                                 "threshold, or hidden so that a small cell cannot be "
                                 "worked out from the total"},
        "display": {"type": "string", "examples": ["12", "< 5", "verborgen"]},
        "suppressed": {"type": "boolean"},
    }),
    "Round": _obj({
        "id": INT, "slug": STR, "title": STR, "region": STR,
        "state": {"enum": ["concept", "gepland", "open", "gesloten", "gepubliceerd"]},
        "opens_at": STAMP, "closes_at": STAMP,
        "published_at": {"type": ["string", "null"], "format": "date-time"},
        "submissions": INT,
    }),
    "Quote": _obj({"ref": {"type": "string", "pattern": r"^#R\d+-\d{4,}/V\d+$"}, "text": STR}),
    "Theme": _obj({
        "id": INT, "label": STR, "description": STR, "keywords": _list(STR),
        "status": {"enum": ["voorgesteld", "geaccepteerd", "uitgesloten"]},
        "chapter": STR, "size": INT, "by_group": _list(_ref("Count")),
        "by_municipality": _list(_ref("Count")), "quotes": _list(_ref("Quote")),
        "exclusion_reason": NULLABLE_STR,
    }),
    "Assignment": _obj({"answer_id": INT, "ref": STR, "question": INT, "theme_id": INT}),
    "Question": _obj({"number": INT, "prompt": STR, "answers": INT}),
    "AgreementStatus": _obj({
        "municipality_id": INT, "municipality": STR,
        "status": {"enum": ["niet_gestart", "in_voorbereiding", "gerealiseerd",
                            "niet_van_toepassing"],
                   "description": "niet_gestart also when nothing was recorded yet"},
        "reason": {"type": "string", "description": "why niet_van_toepassing; else empty"},
        "status_on": {"type": ["string", "null"], "format": "date"},
        "evidence": STR,
    }),
    "Agreement": _obj({
        "id": INT, "title": STR, "chapter": STR, "description": STR, "owner": STR,
        "due_on": {"type": ["string", "null"], "format": "date"},
        "amount": {"type": ["integer", "null"], "description": "whole euros"},
        "is_public": {"type": "boolean"},
        "themes": _list(_obj({"id": INT, "label": STR, "round_id": INT})),
        "statuses": _list(_ref("AgreementStatus")),
    }),
}

RESPONSES = {
    "RoundList": _obj({"rounds": _list(_ref("Round"))}),
    "Themes": _obj({"round_id": INT, "is_final": {"type": "boolean"},
                    "themes": _list(_ref("Theme"))}),
    "Assignments": _obj({"round_id": INT, "assignments": _list(_ref("Assignment"))}),
    "Counts": _obj({
        "round_id": INT, "small_cell_threshold": INT, "opens_at": STAMP, "closes_at": STAMP,
        "planned_closes_at": STAMP,
        "submissions": INT, "answers": INT, "unassigned": INT, "questions": _list(_ref("Question")),
        "channels": _list(_ref("Count")), "groups": _list(_ref("Count")),
        "municipalities": _list(_ref("Count")),
        "themes": _list(_obj({"id": INT, "label": STR, "size": INT})),
    }),
    "RegionAgreements": _obj({
        "region_id": INT, "region": STR,
        "municipalities": _list(_obj({"id": INT, "name": STR})),
        "agreements": _list(_ref("Agreement")),
    }),
    "MunicipalityStatuses": _obj({
        "municipality_id": INT, "municipality": STR, "region_id": INT,
        "agreements": _list(_ref("Agreement")),
    }),
}


VERSION_HEADER = {"API-Version": {"description": "The full version of the API",
                                   "schema": {"type": "string", "examples": [API_VERSION]}}}
CORS_HEADER = {"access-control-allow-origin": {
    "description": "Any origin may read this document", "schema": {"const": "*"}}}


def _ok(schema: dict, description: str, *, headers: dict | None = None) -> dict:
    return {"description": description, "headers": {**VERSION_HEADER, **(headers or {})},
            "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict:
    return {"description": description,
            "content": {"application/problem+json": {"schema": _ref("Problem")}}}


def _get(operation_id: str, summary: str, description: str, schema: str, *,
         with_round: bool = True, parameter: str = "round_id", thing: str = "round",
         tag: str = "rounds") -> dict:
    responses = {"200": _ok(_ref(schema), "OK"),
                 "401": _problem("Missing, revoked or unknown token")}
    if with_round:
        responses["403"] = _problem(f"Your role in the {thing}'s region does not allow this "
                                    "(the same rights as the web pages)")
        responses["404"] = _problem(f"No such {thing} in your regions")
    operation = {"operationId": operation_id, "tags": [tag], "summary": summary,
                 "description": description, "security": [{"bearer": []}],
                 "responses": responses}
    if with_round:
        operation["parameters"] = [{"name": parameter, "in": "path", "required": True,
                                    "description": f"The {thing}'s id", "schema": INT}]
    return {"get": operation}


def _public(operation_id: str, tag: str, summary: str, schema: dict, *,
            headers: dict | None = None) -> dict:
    return {"get": {"operationId": operation_id, "tags": [tag], "summary": summary,
                    "description": summary + "; no token needed.", "security": [],
                    "responses": {"200": _ok(schema, "OK", headers=headers)}}}


def openapi_document() -> dict:
    """The document served at /api/v1/openapi.json; paths are relative to the server URL."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Consult API", "version": API_VERSION, "contact": CONTACT,
                 "description": "Read-only API for staff tooling. Create a token on /profiel; "
                                "you see the rounds of your own regions only, and only "
                                "what your role there may see on the web pages. Texts are "
                                "redacted; counts below the threshold are suppressed."},
        "servers": [{"url": BASE_PATH, "description": "This Consult server"}],
        "tags": [{"name": "about", "description": "The API itself"},
                 {"name": "rounds", "description": "Consultation rounds and their themes"},
                 {"name": "implementation",
                  "description": "Agreements and where each municipality stands with them"}],
        "paths": {
            "/": _public("getLanding", "about", "Where the API and its description live",
                         _ref("Landing")),
            "/openapi.json": _public("getOpenapiJson", "about", "This OpenAPI document",
                                     {"type": "object"}, headers=CORS_HEADER),
            "/rounds": _get("listRounds", "Rounds in your regions",
                            "Every round in the regions where you have a role.", "RoundList",
                            with_round=False),
            "/rounds/{round_id}": _get("getRound", "One round",
                                       "The round with its state and number of submissions.",
                                       "Round"),
            "/rounds/{round_id}/themes": _get(
                "listThemes", "Current themes with breakdowns and quotes",
                "The themes of the round's current analysis, excluded themes last.", "Themes"),
            "/rounds/{round_id}/assignments": _get(
                "listAssignments", "Answer-to-theme assignments",
                "Which answer belongs to which theme.", "Assignments"),
            "/rounds/{round_id}/counts": _get(
                "getCounts", "Numbers of the round and its themes",
                "Submissions, answers and breakdowns, small cells suppressed.", "Counts"),
            "/regions/{region_id}/agreements": _get(
                "listRegionAgreements", "The region's agreements",
                "The region's agreements with every municipality's status.", "RegionAgreements",
                parameter="region_id", thing="region", tag="implementation"),
            "/municipalities/{municipality_id}/statuses": _get(
                "listMunicipalityStatuses", "One municipality's statuses",
                "The region's agreements with one municipality's status (a municipal officer: "
                "their own municipality only).", "MunicipalityStatuses",
                parameter="municipality_id", thing="municipality", tag="implementation"),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {**SCHEMAS, **RESPONSES},
        },
    }


if __name__ == "__main__":  # `make lint-api` lints this output with spectral
    import json

    print(json.dumps(openapi_document(), indent=2))
