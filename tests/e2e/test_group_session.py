"""Group sessions in a real browser: a project leader opens one and shows its QR code; a
participant types the code, sends the form through the session; the session is closed."""

from __future__ import annotations

import re

from sqlalchemy import select

from consult.db import db
from consult.groupsession.models import GroupSession
from consult.submissions.models import Channel, Submission

LEADER = "demo.projectleider@consult.test"
ROUND_TITLE = "Uitvoeringsplan Beschermd Wonen"
SCREENSHOT = "/tmp/groepssessie-beheer.png"


def _to_group_sessions(page, check_a11y) -> None:
    page.get_by_role("link", name=re.compile(ROUND_TITLE)).first.click()
    page.get_by_role("link", name="Groepssessies").click()
    check_a11y(page)


def test_a_group_session_from_opening_to_closing(staff_login, page, check_a11y, visit,
                                                 live_app):
    staff_login(LEADER)
    _to_group_sessions(page, check_a11y)
    page.get_by_label("Maximaal aantal inzendingen").fill("0")
    page.get_by_role("button", name="Groepssessie openen").click()
    check_a11y(page)  # with the error summary
    assert "Kies een aantal van 1 tot en met 1000." in page.content()
    page.get_by_label("Maximaal aantal inzendingen").fill("30")
    page.get_by_role("button", name="Groepssessie openen").click()
    check_a11y(page)
    code = page.locator(".group-session__code").first.inner_text().strip()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code)
    qr = page.get_by_role("img", name=f"QR-code voor groepssessie {code}")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150
    assert page.get_by_text(f"/groep/{code}").first.is_visible()
    assert page.get_by_text("0 van de 30").is_visible()
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.get_by_role("button", name="Uitloggen").click()
    visit("/groep")
    page.get_by_label("Code van de groepssessie").fill("zz99zz")
    page.get_by_role("button", name="Verder").click()
    check_a11y(page)
    assert page.get_by_text("Deze code kennen wij niet.").first.is_visible()
    page.screenshot(path="/tmp/groepssessie-code.png", full_page=True)
    page.get_by_label("Code van de groepssessie").fill(f"{code[:3]} {code[3:]}".lower())
    page.get_by_role("button", name="Verder").click()
    check_a11y(page)
    assert page.locator("#groepssessie").filter(has_text=code).is_visible()
    page.screenshot(path="/tmp/groepssessie-formulier.png")
    page.get_by_label("Cliënt", exact=True).check()
    page.locator("textarea").first.fill("Een vaste begeleider die blijft, ook na de verhuizing.")
    page.get_by_label(re.compile("toestemming om mijn antwoorden te gebruiken")).check()
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(re.compile(r"/ontvangen$"))
    check_a11y(page)
    with live_app.app_context():
        session = db.session.scalar(select(GroupSession).where(GroupSession.code == code))
        sent = db.session.scalars(select(Submission).where(
            Submission.group_session_id == session.id)).all()
        assert [s.channel for s in sent] == [Channel.GROUP_SESSION]

    staff_login(LEADER)
    _to_group_sessions(page, check_a11y)
    assert page.get_by_text("1 van de 30").is_visible()
    page.get_by_role("button", name=f"Groepssessie {code} sluiten").click()
    check_a11y(page)
    assert page.get_by_text(f"De groepssessie {code} is gesloten.").is_visible()
    assert page.get_by_role("img", name=f"QR-code voor groepssessie {code}").count() == 0
    row = page.get_by_role("row").filter(has_text=code)
    assert "Gesloten" in row.inner_text()
