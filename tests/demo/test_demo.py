"""Demo data: idempotent, realistic volume, and each demo account sees what its role allows."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from consult.db import db, utcnow
from consult.demo.content import DEMO_PASSWORD, DEMO_PII
from consult.demo.services import load_demo
from consult.rounds.models import Round
from consult.submissions.models import Answer, Submission


@pytest.fixture
def demo(app):
    load_demo(now=utcnow())
    db.session.commit()
    return {r.slug: r for r in db.session.scalars(select(Round))}


def _answers(round_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Answer).join(Submission)
        .where(Submission.round_id == round_id))


def test_demo_is_idempotent_and_large_enough(app, demo, runner):
    assert set(demo) == {"zeeland-uitvoeringsplan", "regiovisie-meierij-bommelerwaard"}
    counts = {slug: _answers(r.id) for slug, r in demo.items()}
    assert all(n >= 150 for n in counts.values()), counts
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0
    assert "0 submissions added" in result.output
    assert {slug: _answers(r.id) for slug, r in demo.items()} == counts
    zeeland = demo["zeeland-uitvoeringsplan"].region
    assert len(zeeland.municipalities) == 13


def test_demo_pii_was_redacted_at_intake(demo):
    texts = [a.text for a in db.session.scalars(select(Answer))]
    assert any("[naam]" in t for t in texts) and any("[telefoonnummer]" in t for t in texts)
    for value in DEMO_PII:
        assert not any(value in t for t in texts), f"{value!r} survived redaction"


def _login(client, email):
    response = client.post("/inloggen", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302


EXPECTED = {
    # email: (sees Meierij round, may edit rounds, may administer)
    "demo.admin@consult.test": (True, True, True),
    "demo.projectleider@consult.test": (True, True, False),
    "demo.beleid@consult.test": (False, False, False),
    "demo.facilitator@consult.test": (False, False, False),
}


@pytest.mark.parametrize("email", EXPECTED)
def test_demo_accounts_see_what_their_role_allows(client, demo, email):
    sees_meierij, edits, administers = EXPECTED[email]
    _login(client, email)
    zeeland, meierij = demo["zeeland-uitvoeringsplan"], demo["regiovisie-meierij-bommelerwaard"]
    listing = client.get("/rondes/").text
    assert zeeland.title in listing
    assert (meierij.title in listing) is sees_meierij
    assert client.get(f"/rondes/{meierij.id}").status_code == (200 if sees_meierij else 404)
    assert client.get(f"/rondes/{zeeland.id}/bewerken").status_code == (200 if edits else 403)
    assert client.get("/beheer/").status_code == (200 if administers else 403)
    region_page = client.get(f"/beheer/regio/{zeeland.region_id}").status_code
    assert region_page == (200 if administers else 403)


SKIP = re.compile(r"/(uitloggen|static/)|\.(css|js)$")


def test_no_staff_page_shows_raw_pii(client, demo):
    """Crawl every staff page reachable from the round list; no demo PII may appear."""
    _login(client, "demo.admin@consult.test")
    seen, queue, pages = set(), deque(["/rondes/", "/beheer/"]), 0
    while queue and pages < 400:
        path = queue.popleft()
        if path in seen or SKIP.search(path):
            continue
        seen.add(path)
        response = client.get(path)
        pages += 1
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        for value in DEMO_PII:
            assert value not in response.text, f"{value!r} shown on {path}"
        for href in re.findall(r'href="([^"#]+)', response.text):
            parts = urlsplit(href)
            if not parts.netloc or parts.netloc == "localhost":
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert pages > 10


def test_the_two_step_demo_account_asks_for_a_code_from_the_readme_key(app, client, runner):
    """`flask demo` (what `make run` runs) gives the README's two-step account its key."""
    import pyotp

    from consult.demo.content import TWO_STEP_ACCOUNT, TWO_STEP_KEY

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert TWO_STEP_ACCOUNT in readme and " ".join(
        TWO_STEP_KEY[i:i + 4] for i in range(0, len(TWO_STEP_KEY), 4)) in readme
    assert runner.invoke(args=["demo"]).exit_code == 0
    step = client.post("/inloggen", data={"email": TWO_STEP_ACCOUNT, "password": DEMO_PASSWORD})
    assert step.headers["Location"].endswith("/inloggen/code")
    assert client.get("/rondes/").status_code == 302  # the password alone is not enough
    done = client.post("/inloggen/code", data={"code": pyotp.TOTP(TWO_STEP_KEY).now()})
    assert done.status_code == 302 and client.get("/rondes/").status_code == 200


def test_demo_regions_have_public_pages_once(app, demo, client):
    """Both regions get a page with texts and a few items; loading again adds nothing."""
    load_demo(now=utcnow())
    db.session.commit()
    zeeland = client.get("/regio/zeeland").text
    assert "dertien gemeenten" in zeeland and "Uitvoeringsplan Beschermd Wonen" in zeeland
    assert "Podcast Thuis in Zeeland" in zeeland and "Inloopavond" in zeeland
    meierij = client.get("/regio/meierij-en-bommelerwaard").text
    assert "meer dan honderd mensen" in meierij
    assert meierij.count(">Beweging in kwetsbaarheid, aflevering") == 3, "not twice"
    assert 'href="/r/regiovisie-meierij-bommelerwaard"' in meierij
    home = client.get("/").text
    assert 'href="/regio/zeeland"' in home and 'href="/regio/meierij-en-bommelerwaard"' in home
