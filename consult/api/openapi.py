"""The OpenAPI 3.1 document of the read-only API; tests validate every response against it."""

from __future__ import annotations

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
    "Error": _obj({"error": _obj({"code": STR, "message": STR})}),
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
        "state": {"enum": ["concept", "gepland", "open", "gesloten", "geanalyseerd",
                           "gepubliceerd"]},
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


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _get(summary: str, schema: str, *, with_round: bool = True,
         parameter: str = "round_id", thing: str = "round") -> dict:
    responses = {"200": _json(_ref(schema), "OK"),
                 "401": _json(_ref("Error"), "Missing, revoked or unknown token")}
    if with_round:
        responses["403"] = _json(_ref("Error"), f"Your role in the {thing}'s region does not "
                                 "allow this (the same rights as the web pages)")
        responses["404"] = _json(_ref("Error"), f"No such {thing} in your regions")
    operation = {"summary": summary, "security": [{"bearer": []}], "responses": responses}
    if with_round:
        operation["parameters"] = [{"name": parameter, "in": "path", "required": True,
                                    "schema": INT}]
    return {"get": operation}


def openapi_document() -> dict:
    """The document served at /api/openapi.json."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Consult API", "version": "1.0",
                 "description": "Read-only API for staff tooling. Create a token on /profiel; "
                                "you see the rounds of your own regions only, and only "
                                "what your role there may see on the web pages. Texts are "
                                "redacted; counts below the threshold are suppressed."},
        "paths": {
            "/api/rounds": _get("Rounds in your regions", "RoundList", with_round=False),
            "/api/rounds/{round_id}": _get("One round", "Round"),
            "/api/rounds/{round_id}/themes": _get("Current themes with breakdowns and quotes",
                                                  "Themes"),
            "/api/rounds/{round_id}/assignments": _get("Answer-to-theme assignments",
                                                       "Assignments"),
            "/api/rounds/{round_id}/counts": _get("Numbers of the round and its themes",
                                                  "Counts"),
            "/api/regions/{region_id}/agreements": _get(
                "The region's agreements with every municipality's status", "RegionAgreements",
                parameter="region_id", thing="region"),
            "/api/municipalities/{municipality_id}/statuses": _get(
                "The region's agreements with one municipality's status (a municipal "
                "officer: their own municipality only)", "MunicipalityStatuses",
                parameter="municipality_id", thing="municipality"),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {**SCHEMAS, **RESPONSES},
        },
    }
