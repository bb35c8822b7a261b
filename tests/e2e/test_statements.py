"""Privacy and accessibility statements, region contacts and B1 hints in a real browser (axe)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

SLUG = "zeeland-uitvoeringsplan"
HARD = ("De implementatie van het solidariteitsfonds wordt door de centrumgemeente in "
        "samenwerking met alle betrokken ketenpartners en zorgaanbieders uitgevoerd.")


def test_privacy_statement_from_the_form_footer(visit, page, check_a11y):
    visit(f"/r/{SLUG}")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacyverklaring").click()
    check_a11y(page)
    expect(page.get_by_role("heading", name="Privacyverklaring", level=1)).to_be_visible()
    expect(page.locator("#wie + p")).to_contain_text(
        "Gemeente Vlissingen, namens de dertien Zeeuwse gemeenten")
    expect(page.get_by_text("Uw woorden laten zien in een verslag")).to_be_visible()
    expect(page.get_by_role("link", name="privacy@vlissingen.example")).to_be_visible()
    page.screenshot(path="/tmp/statement-privacy.png", full_page=True)
    page.get_by_role("link", name="Uw inbreng laten verwijderen").click()
    check_a11y(page)
    expect(page.get_by_role("heading", name="Uw inbreng laten verwijderen")).to_be_visible()


def test_consent_text_links_the_privacy_statement(visit, page):
    visit(f"/r/{SLUG}")
    page.locator("#meedoen").get_by_role("link", name="privacyverklaring").click()
    expect(page).to_have_url(re.compile(rf"/r/{SLUG}/privacy$"))


def test_accessibility_statement_from_the_footer(visit, page, check_a11y):
    visit("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    check_a11y(page)
    expect(page.get_by_role("heading", name="Status: voldoet gedeeltelijk")).to_be_visible()
    expect(page.get_by_text("meedoen@bwmo-zeeland.example")).to_be_visible()
    page.screenshot(path="/tmp/statement-accessibility.png", full_page=True)


def test_form_can_be_used_with_the_keyboard_only(visit, page):
    """The keyboard check the accessibility statement names: Tab reaches every control."""
    visit(f"/r/{SLUG}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    names, outline = [], []
    for _ in range(60):
        page.keyboard.press("Tab")
        active = page.evaluate("[document.activeElement.id || document.activeElement.textContent,"
                               " getComputedStyle(document.activeElement).outlineStyle]")
        names.append(active[0].strip())
        outline.append(active[1])
        if active[0].strip() == "Versturen":
            break
    assert "Versturen" in names, names
    assert {"consent_analysis", "consent_quote", "consent_contact"} <= set(names)
    assert "website" not in names  # the honeypot is out of the tab order
    assert all(style != "none" for style in outline), list(zip(names, outline, strict=True))


def _chapters_url(page) -> str:
    page.goto("/rondes/")
    page.get_by_role("link", name="Uitvoeringsplan Beschermd Wonen").first.click()
    page.get_by_role("link", name="Ronde bewerken").click()
    return page.get_by_role("link", name="Visie en groepen").get_attribute("href")


def test_project_leader_edits_the_region_contacts(staff_login, page, check_a11y):
    staff_login("demo.projectleider@consult.test")
    page.goto(_chapters_url(page))
    page.get_by_role("link", name="Privacy en contact voor deelnemers").click()
    check_a11y(page)
    page.get_by_label("E-mailadres voor privacyvragen").fill("geen adres")
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    expect(page.get_by_text("Vul een geldig e-mailadres in.").first).to_be_visible()
    page.get_by_label("E-mailadres voor privacyvragen").fill("privacy@vlissingen.example")
    page.get_by_label("Telefoonnummer voor deelnemers").fill("0118 - 000 002")
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    expect(page.get_by_text("De privacy- en contactgegevens zijn opgeslagen.")).to_be_visible()
    page.screenshot(path="/tmp/statement-region-contact.png", full_page=True)


def test_authoring_hints_on_the_round_form(staff_login, page, check_a11y):
    staff_login("demo.projectleider@consult.test")
    page.get_by_role("link", name="Uitvoeringsplan Beschermd Wonen").first.click()
    page.get_by_role("link", name="Ronde bewerken").click()
    check_a11y(page)
    page.get_by_role("textbox", name="Uitleg voor deelnemers").fill(HARD)
    page.get_by_role("button", name="Taal controleren").click()
    check_a11y(page)
    hints = page.locator("#taaltips-uitleg")
    expect(hints.get_by_text("Dit is moeilijker dan taalniveau B1")).to_be_visible()
    expect(hints.get_by_text("wordt … uitgevoerd")).to_be_visible()
    expect(page.get_by_role("textbox", name="Uitleg voor deelnemers")).to_have_value(HARD)
    page.screenshot(path="/tmp/statement-hints.png", full_page=True)
