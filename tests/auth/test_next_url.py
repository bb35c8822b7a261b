"""After login Consult only goes to a path on its own site, whatever ``next`` holds."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.urls import iri_to_uri

from consult.auth.next_url import safe_next

SITE = "https://consult.example/inloggen"
HOSTILE = [
    "/\t/evil.example/",
    "/\r\n/x",
    "/\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example/",
    "HTTPS:evil.example",
    "javascript:alert(1)",
    "/\x00/evil.example",
    "/\x0b/evil.example",
    "/\u200b/evil.example",
    "/\u2028/evil.example",
    "/\x7f/evil.example",
    "evil.example",
    "",
    "/" + "a" * 5000,
]


def browser_target(location: str) -> str:
    """The host a browser would go to for this Location header (WHATWG URL rules)."""
    location = re.sub(r"[\t\n\r]", "", location).strip("".join(map(chr, range(0x21))))
    return urlsplit(urljoin(SITE, location.replace("\\", "/"))).netloc


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_next_sends_the_user_to_the_round_list(make_user, region, client, target):
    user = make_user("policy_officer", region)
    response = client.post("/inloggen", query_string={"next": target},
                           data={"email": user.email, "password": "test-wachtwoord-123"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/rondes/"
    assert client.get("/rondes/").status_code == 200  # the login itself went through


@pytest.mark.parametrize(("target", "location"), [
    ("/rondes/", "/rondes/"),
    ("/invoer/ronde/3/importeren?stap=2#bestand", "/invoer/ronde/3/importeren?stap=2#bestand"),
    ("/regio/zeeland/financiën", "/regio/zeeland/financi%C3%ABn"),
])
def test_a_path_on_this_site_is_followed(make_user, region, client, target, location):
    user = make_user("policy_officer", region)
    response = client.post("/inloggen", query_string={"next": target},
                           data={"email": user.email, "password": "test-wachtwoord-123"})
    assert response.headers["Location"] == location


FRAGMENTS = st.sampled_from(["/", "//", "\\", ":", "@", "%09", "%2f", ".", "?", "#", " ", "\t",
                             "\r", "\n", "\x00", "\x0b", "\x7f", "\u200b", "\u3000", "https:",
                             "evil.example", "rondes"])
URLISH = st.lists(FRAGMENTS | st.text(max_size=3), max_size=8).map("".join)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=URLISH)
def test_no_next_value_leaves_the_site(app, target):
    with app.test_request_context("/inloggen"):
        chosen = safe_next(target)
    location = iri_to_uri(chosen)  # what Werkzeug puts in the Location header
    assert browser_target(location) == "consult.example"
    assert location.startswith("/") and not location.startswith("//")
    assert not re.search(r"[\x00-\x20\x7f\\]", location)
