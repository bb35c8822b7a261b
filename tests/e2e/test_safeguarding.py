"""The safeguarding contact's queue, a flagged answer and the close form, each passing axe."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from consult.db import db
from consult.rounds.models import Round

SLUG = "zeeland-uitvoeringsplan"


def _round(live_app) -> tuple[int, int]:
    with live_app.app_context():
        round_ = db.session.scalar(select(Round).where(Round.slug == SLUG))
        return round_.id, round_.region_id


def test_contact_follows_up_a_signal_from_the_round_overview(live_app, staff_login, visit,
                                                              page, check_a11y):
    round_id, region_id = _round(live_app)
    staff_login("demo.beleid@consult.test")
    visit(f"/rondes/{round_id}")
    expect(page.locator(".signals-summary")).to_contain_text(
        "1 signaal wacht langer dan 2 werkdagen.")
    page.screenshot(path="/tmp/safeguarding-round.png")
    page.locator(".signals-summary").get_by_role("link", name="Bekijk de signalen").click()
    check_a11y(page)
    # The demo's two, and any that earlier browser tests sent to the same live app.
    heading = page.get_by_role("heading", name=re.compile(r"^Open signalen \(\d+\)$"))
    expect(heading).to_be_visible()
    open_before = int(re.search(r"\d+", heading.inner_text()).group())
    assert open_before >= 2
    expect(page.get_by_text("Wacht langer dan 2 werkdagen")).to_have_count(1)
    page.screenshot(path="/tmp/safeguarding-queue.png", full_page=True)

    page.locator(".card", has_text="Niemand belt mij terug").get_by_role("link").click()
    check_a11y(page)
    expect(page.get_by_text("06-98765432")).to_be_visible()  # consented contact details
    page.get_by_role("button", name="Vastleggen").click()
    check_a11y(page)  # error summary and the field error
    expect(page.get_by_text("Kies wat u heeft gedaan.").first).to_be_visible()
    page.get_by_label("Contact opgenomen").check()
    page.get_by_label("Korte notitie").fill("Gebeld, afspraak bij het wijkteam gemaakt.")
    page.screenshot(path="/tmp/safeguarding-close-form.png", full_page=True)
    page.get_by_role("button", name="Vastleggen").click()
    check_a11y(page)
    expect(page.get_by_text("Het signaal is gesloten.")).to_be_visible()
    expect(page.get_by_text("Gebeld, afspraak bij het wijkteam gemaakt.")).to_be_visible()
    expect(page.get_by_role("button", name="Vastleggen")).to_have_count(0)

    visit(f"/beheer/regio/{region_id}/signalen")
    expect(page.get_by_role("heading", name=f"Open signalen ({open_before - 1})")).to_be_visible()
    expect(page.get_by_role("heading", name="Gesloten signalen (1)")).to_be_visible()


def test_project_leader_names_contacts(live_app, staff_login, visit, page, check_a11y):
    _, region_id = _round(live_app)
    staff_login("demo.projectleider@consult.test")
    visit(f"/beheer/regio/{region_id}/aandachtsfunctionarissen")
    expect(page.get_by_role("cell", name="Bea Beleid", exact=True)).to_be_visible()
    page.get_by_role("button", name="Aanwijzen", exact=True).click()
    check_a11y(page)
    expect(page.get_by_text("Kies een medewerker.").first).to_be_visible()
    page.screenshot(path="/tmp/safeguarding-contacts.png", full_page=True)
    visit(f"/beheer/regio/{region_id}/signalen", status=403)
