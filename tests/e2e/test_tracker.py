"""The implementation tracker in a real browser, axe-core on every page: the matrix, an
agreement and its history, the editing forms, one municipality, and the public progress."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from consult.db import db
from consult.regions.models import Region

LEADER = "demo.projectleider@consult.test"
OFFICER = "demo.gemeente@consult.test"


@pytest.fixture(scope="session")
def zeeland_id(live_app) -> int:
    with live_app.app_context():
        return db.session.scalar(select(Region.id).where(Region.name == "Zeeland"))


def _shot(page, name: str) -> None:
    if os.environ.get("CONSULT_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['CONSULT_SCREENSHOTS']}/{name}.png", full_page=True)


def test_leader_reads_the_matrix_and_edits_an_agreement(staff_login, visit, page, check_a11y,
                                                        zeeland_id):
    page.set_viewport_size({"width": 1440, "height": 900})
    staff_login(LEADER)
    visit("/uitvoering/")
    page.get_by_role("link", name="Afspraken in Zeeland").click()
    check_a11y(page)
    _shot(page, "matrix")
    table = page.get_by_role("table", name="Stand van zaken per afspraak en gemeente")
    assert table.get_by_role("columnheader", name="Schouwen-Duiveland").count() == 1
    assert table.get_by_role("link", name="Gerealiseerd").count() > 0  # words, not colour
    page.get_by_role("link", name="Bijdrage aan het solidariteitsfonds", exact=True).click()
    check_a11y(page)
    assert "€ 4.800.000" in page.content()
    page.get_by_role("link", name="Afspraak bewerken").click()
    check_a11y(page)
    page.get_by_label("Bedrag in euro's").fill("-5")
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)  # the error summary and the field error
    assert "Vul een getal in van 0 of meer." in page.content()
    assert page.get_by_label("Titel van de afspraak").input_value() == \
        "Bijdrage aan het solidariteitsfonds"
    page.get_by_label("Bedrag in euro's").fill("5000000")
    page.get_by_role("button", name="Opslaan").click()
    assert "€ 5.000.000" in page.content()
    page.get_by_role("link", name="Geschiedenis van deze afspraak").click()
    check_a11y(page)
    assert "Bedrag: € 4.800.000 → € 5.000.000" in page.content()
    visit(f"/uitvoering/regio/{zeeland_id}/nieuwe-afspraak")


def test_officer_updates_their_municipality(staff_login, page, check_a11y):
    staff_login(OFFICER)
    page.get_by_role("link", name="Uitvoering").click()
    check_a11y(page)
    page.get_by_role("link", name="Afspraken van Goes").click()
    check_a11y(page)
    _shot(page, "municipality")
    row = page.locator("tr", has_text="Landelijke toegankelijkheid")
    row.get_by_role("link").first.click()
    check_a11y(page)
    page.get_by_label("Niet van toepassing").check()
    page.get_by_label("Korte toelichting of bewijs").fill("Besproken in het MT")
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    assert "Schrijf waarom deze afspraak niet van toepassing is." in page.content()
    assert page.get_by_label("Korte toelichting of bewijs").input_value() == \
        "Besproken in het MT"
    page.get_by_label("Reden").fill("Loopt via de centrale opvang in Vlissingen.")
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    row = page.locator("tr", has_text="Landelijke toegankelijkheid")
    assert "Niet van toepassing" in row.inner_text()
    assert "Loopt via de centrale opvang in Vlissingen." in row.inner_text()


@pytest.fixture(scope="session")
def zeeland_slug(live_app) -> str:
    with live_app.app_context():
        return db.session.scalar(select(Region.slug).where(Region.name == "Zeeland"))


def test_public_progress_needs_no_login(visit, page, check_a11y, zeeland_slug):
    visit(f"/regio/{zeeland_slug}")
    page.get_by_role("link", name="Bekijk de voortgang van de afspraken").click()
    page.wait_for_url(f"**/regio/{zeeland_slug}/voortgang")
    check_a11y(page)
    _shot(page, "progress")
    assert page.get_by_role("heading", name="OGGZ-netwerk in elke gemeente").count() == 1
    assert "Onafhankelijke deskundigheid" not in page.content()  # not public
    assert page.get_by_role("heading", name="Stand van zaken").count() > 0
