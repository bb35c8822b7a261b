"""Privacy and two-factor pages in a real browser, each passing axe-core."""

from __future__ import annotations

import os
import re
import time

import pyotp
from playwright.sync_api import expect

from consult.auth.models import Membership, Role, User
from consult.auth.services import set_password
from consult.db import db, utcnow
from consult.regions.models import Region
from tests.e2e.conftest import DEMO_PASSWORD

SLUG = "zeeland-uitvoeringsplan"


def test_participant_erasure_page(visit, page, check_a11y):
    visit(f"/r/{SLUG}/verwijderen")
    page.get_by_role("button", name="Verwijder mijn inbreng").click()
    check_a11y(page)  # error summary and field errors
    assert page.get_by_text("Vul uw code in.").first.is_visible()
    page.get_by_label("Uw code").fill("AAAA-BBBB-CCCC")
    page.get_by_label("Ik begrijp dat mijn antwoorden").check()
    page.get_by_role("button", name="Verwijder mijn inbreng").click()
    check_a11y(page)
    assert page.get_by_text("Deze code kennen wij niet").first.is_visible()


def test_privacy_register_and_audit_log(staff_login, visit, page, check_a11y):
    staff_login("demo.admin@consult.test")
    visit("/privacy/")
    assert page.get_by_role("heading", name="Doelen van de verwerking").is_visible()
    page.get_by_label("Actie").select_option(label="Rondes (alle acties)")
    page.get_by_role("button", name="Filteren").click()
    check_a11y(page)
    actions = page.locator("#auditlog ~ .table-wrap td:nth-child(3)").all_inner_texts()
    assert actions and "Ronde opgeslagen" in actions
    assert not [a for a in actions if re.fullmatch(r"[a-z_]+\.[a-z_]+", a)]


def test_staff_erasure_request_page(staff_login, page, check_a11y, visit):
    staff_login("demo.projectleider@consult.test")
    page.get_by_role("link", name="Uitvoeringsplan Beschermd Wonen").first.click()
    round_id = re.search(r"/rondes/(\d+)", page.url).group(1)
    visit(f"/privacy/ronde/{round_id}/verwijderverzoek")
    page.get_by_label("Code van de deelnemer").fill("AAAA-BBBB-CCCC")
    page.get_by_label("Ik heb gecontroleerd").check()
    page.get_by_role("button", name="Inbreng verwijderen").click()
    check_a11y(page)
    assert page.get_by_text("Deze code kennen wij niet").first.is_visible()


def _fresh_staff_member(live_app) -> str:
    with live_app.app_context():
        region = db.session.query(Region).filter_by(name="Zeeland").one()
        user = User(email="totp.e2e@consult.test", name="Tineke Tweestaps", created_at=utcnow())
        set_password(user, DEMO_PASSWORD)
        user.memberships.append(Membership(region_id=region.id, role=Role.POLICY_OFFICER,
                                           created_at=utcnow()))
        db.session.add(user)
        db.session.commit()
        return user.email


def test_two_factor_set_up_and_login(live_app, staff_login, visit, page, check_a11y):
    email = _fresh_staff_member(live_app)
    staff_login(email)
    visit("/account/tweestapsverificatie")
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    if os.environ.get("CONSULT_SCREENSHOTS"):
        page.screenshot(path=os.environ["CONSULT_SCREENSHOTS"] + "/totp-setup.png",
                        full_page=True)
    href = page.get_by_role("link", name="account toevoegen aan uw app").get_attribute("href")
    secret = re.search(r"secret=([A-Z2-7]+)", href).group(1)
    page.get_by_label("Code uit uw app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(page).to_have_url(re.compile(r".*/rondes/$"))  # polls: no navigation race
    check_a11y(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r".*/inloggen/code$"))
    check_a11y(page)
    # the set-up code was used once already: a code is accepted once, so take the next one
    page.get_by_label("Code uit uw app").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r".*/rondes/$"))  # polls: no navigation race
