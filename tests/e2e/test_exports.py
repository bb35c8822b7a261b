"""Export page, response editor, public feedback page, receipt-code view and profile, in a
real browser with axe-core on every page.

The tests use their own closed, signed-off round in the demo region Zeeland, so the demo
rounds other browser tests use stay open.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.auth.models import user_by_email
from consult.db import db, utcnow
from consult.feedback import services as feedback
from consult.feedback.models import ResponseKind
from consult.regions.models import Region
from consult.rounds import services as rounds
from consult.submissions.models import Channel
from consult.submissions.services import Consent, Intake, submit
from tests.theme_factories import make_theme_set

LEADER = "demo.projectleider@consult.test"
TEXTS = (
    "Er zijn te weinig betaalbare woningen voor mensen die uit de opvang komen.",
    "De wachtlijst voor beschermd wonen is veel te lang.",
)


@pytest.fixture(scope="session")
def published(live_app):
    """A published round with two themes; returns its id, slug and one receipt code."""
    with live_app.app_context():
        now = utcnow()
        region = db.session.scalar(select(Region).where(Region.name == "Zeeland"))
        leader = db.session.scalar(user_by_email(LEADER))
        round_ = rounds.save_round(region, rounds.RoundFields(
            title="Terugkoppeling wonen", slug="terugkoppeling-wonen", intro="Vertel het ons.",
            opens_on=rounds.local_date(now - timedelta(days=3)),
            closes_on=rounds.local_date(now + timedelta(days=3)),
            group_ids=[g.id for g in region.groups]), actor=leader, now=now)
        rounds.save_question(round_, rounds.QuestionFields(
            prompt="Wat vindt u belangrijk?", help_text="", is_required=True, max_length=500),
            actor=leader, now=now)
        rounds.release(round_, actor=leader, now=now)
        answers, code = {0: [], 1: []}, None
        for i in range(12):
            sub, new_code = submit(round_, Intake(
                group=region.groups[i % 3], municipality=region.municipalities[i % 2],
                answers={round_.questions[0].id: TEXTS[i % 2]}, channel=Channel.WEB,
                consent=Consent(analysis=True, quote=True)), now=now)
            answers[i % 2].append(sub.answers[0])
            code = code or new_code
        round_.closed_at = now
        db.session.commit()
        make_theme_set(round_, round_.questions[0], [
            {"label": "Betaalbare woningen", "answers": answers[0],
             "chapter": region.chapters[3]},
            {"label": "Lange wachtlijsten", "answers": answers[1],
             "chapter": region.chapters[1]},
        ], signed_by=leader)
        for item in feedback.feedback_for(round_, now=now).items:
            feedback.save_response(round_, item.theme.id, ResponseKind.EXPLORE,
                                   "We bespreken dit met de woningcorporaties.", actor=leader,
                                   now=now)
        feedback.publish(round_, actor=leader, now=now)
        db.session.commit()
        return {"id": round_.id, "slug": round_.slug, "code": code}


def test_export_page_and_download(staff_login, visit, page, published):
    staff_login(LEADER)
    visit(f"/rondes/{published['id']}")
    page.get_by_role("link", name="Exporteren").click()
    visit(f"/rondes/{published['id']}/export")
    assert "Deze samenvatting is definitief" in page.content()
    assert "Vraag 1: vastgesteld door" in page.content()
    with page.expect_download(timeout=120_000) as download:  # a shared CI machine is slow
        page.get_by_role("button", name="Samenvatting als PDF").click(no_wait_after=True)
    assert download.value.suggested_filename == "terugkoppeling-wonen-samenvatting.pdf"


def test_response_editor(staff_login, visit, page, check_a11y, published):
    staff_login(LEADER)
    visit(f"/rondes/{published['id']}/terugkoppeling")
    assert page.get_by_role("button", name="Alle reacties opslaan").count() == 1
    section = page.locator("section", has_text="Betaalbare woningen")
    section.get_by_label("Dit nemen we niet mee, omdat ...").check()
    page.get_by_label("Toelichting bij Betaalbare woningen").fill("")
    page.get_by_label("Toelichting bij Lange wachtlijsten").fill("Wij praten met de regio.")
    page.get_by_role("button", name="Alle reacties opslaan").click()
    check_a11y(page)
    summary = page.locator(".error-summary")
    assert summary.is_visible() and summary.bounding_box()["y"] < section.bounding_box()["y"]
    summary.get_by_role("link", name="Toelichting bij Betaalbare woningen").click()
    assert page.evaluate("document.activeElement.id").endswith("-text")
    assert page.get_by_label("Toelichting bij Lange wachtlijsten").input_value() == \
        "Wij praten met de regio."  # nothing typed is lost
    section = page.locator("section", has_text="Betaalbare woningen")
    section.get_by_label("Dit nemen we mee", exact=True).check()
    page.get_by_label("Toelichting bij Betaalbare woningen").fill("We bouwen meer woningen.")
    page.get_by_role("button", name="Alle reacties opslaan").click()
    check_a11y(page)
    assert "De reacties zijn opgeslagen." in page.content()
    assert "Wij praten met de regio." in page.content()


def test_public_feedback_page(visit, page, published):
    visit(f"/r/{published['slug']}")
    page.get_by_role("link", name="Lees wat wij met de antwoorden doen").click()
    visit(f"/r/{published['slug']}/terugkoppeling")
    assert page.locator("h1").inner_text() == "Wat wij doen met uw antwoorden"
    assert "Lange wachtlijsten" in page.content()


def test_receipt_code_view(visit, page, check_a11y, published):
    visit(f"/r/{published['slug']}/terugkoppeling/mijn-inbreng")
    page.get_by_label("Uw code").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Bekijken").click()
    check_a11y(page)
    assert "Deze code kennen wij niet" in page.content()
    page.get_by_label("Uw code").fill(published["code"])
    page.get_by_role("button", name="Bekijken").click()
    check_a11y(page)
    content = page.content()  # the first code's answer is in "Betaalbare woningen" only
    assert "Betaalbare woningen" in content and "Lange wachtlijsten" not in content
    assert "We bespreken dit met" in content or "We bouwen meer woningen." in content


def test_profile_and_api_token(staff_login, visit, page, check_a11y):
    staff_login(LEADER)
    page.get_by_role("link", name="Mijn profiel").click()
    visit("/profiel")
    page.get_by_label("Naam van de sleutel").fill("rapportage")
    page.get_by_role("button", name="Sleutel maken").click()
    check_a11y(page)
    secret = page.get_by_label("Nieuwe sleutel").input_value()
    assert secret.startswith("cst_")
    response = page.request.get("/api/v1/rounds", headers={"Authorization": f"Bearer {secret}"})
    assert response.status == 200 and response.json()["rounds"]
