"""The participant journey in a real browser: submit, receipt, change, withdraw."""

from __future__ import annotations

import re

from playwright.sync_api import expect

SLUG = "zeeland-uitvoeringsplan"


def _fill_and_submit(page, check_a11y, answer: str) -> str:
    page.get_by_label("Cliënt").check()
    page.get_by_label("In welke gemeente").select_option(label="Goes")
    page.get_by_label(re.compile(r"^1\. ")).fill(answer)
    page.get_by_label("Ik geef toestemming om mijn antwoorden te gebruiken").check()
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(re.compile(r"/ontvangen"))
    check_a11y(page)
    return page.locator(".receipt").inner_text()


def test_submit_change_and_withdraw(page, visit, check_a11y):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    visit(f"/r/{SLUG}")
    page.get_by_role("button", name="Versturen").click()  # nothing filled in
    check_a11y(page)
    summary = page.locator(".error-summary")
    assert summary.is_visible() and "Kies een groep." in summary.inner_text()
    code = _fill_and_submit(page, check_a11y, "Ik wacht al een jaar op een woning in Goes.")
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    page.get_by_role("button", name="Bekijk of verander uw antwoorden nu").click()
    check_a11y(page)
    field = page.get_by_label(re.compile(r"^1\. "))
    assert "een jaar op een woning" in field.input_value()
    field.fill("Ik wacht al twee jaar op een woning.")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    check_a11y(page)
    assert "Uw wijzigingen zijn opgeslagen." in page.content()

    page.get_by_role("link", name="Mijn inbreng intrekken").click()
    check_a11y(page)
    page.get_by_role("button", name="Ja, trek mijn inbreng in").click()
    check_a11y(page)
    assert "Uw inbreng is ingetrokken" in page.content()
    visit(f"/r/{SLUG}/mijn-inbreng")
    page.get_by_label("Uw code").fill(code)
    page.get_by_role("button", name="Bekijken").click()
    assert "U heeft uw inbreng met deze code ingetrokken op" in page.content()
    assert "Deze code kennen wij niet" not in page.content()
    check_a11y(page)
    # URLs end up in access and proxy logs; the code must never be part of one.
    spellings = {code, code.lower(), code.replace("-", ""), code.replace("-", "").lower()}
    assert requested and not [url for url in requested if any(s in url for s in spellings)]


def test_keyboard_only_journey(page, visit, check_a11y):
    visit(f"/r/{SLUG}?groep=naaste")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    # Tab to the first answer and type; everything is reachable without a mouse.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    page.keyboard.type("Met alleen het toetsenbord ingevuld.")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "consent_analysis":
            break
    page.keyboard.press("Space")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ontvangen"))
    check_a11y(page)
    assert page.locator(".receipt").is_visible()


def test_narrow_screen_journey(page, visit, check_a11y):
    page.set_viewport_size({"width": 320, "height": 740})
    visit(f"/r/{SLUG}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _fill_and_submit(page, check_a11y, "Op een kleine telefoon ingevuld.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_counter_and_contact_toggle_with_javascript(page, visit):
    visit(f"/r/{SLUG}")
    assert page.get_by_label("E-mailadres of telefoonnummer").is_hidden()
    page.get_by_label("U mag contact met mij opnemen").check()
    assert page.get_by_label("E-mailadres of telefoonnummer").is_visible()
    page.get_by_label(re.compile(r"^1\. ")).fill("abc")
    expect(page.locator("[data-counter-for]").first).to_contain_text("1997")


def test_page_works_without_javascript(browser, base_url):
    # axe needs JavaScript, so this run checks behaviour only; the same pages pass axe above.
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/r/{SLUG}")
    assert page.get_by_label("E-mailadres of telefoonnummer").is_visible()
    receipt = _fill_and_submit(page, lambda page: None, "Zonder JavaScript ingevuld.")
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", receipt)
    page.get_by_role("link", name=re.compile("mijn-inbreng")).click()  # the link to keep
    page.get_by_label("Uw code").fill(receipt)
    page.get_by_role("button", name="Bekijken").click()
    assert "Zonder JavaScript ingevuld." in page.get_by_label(re.compile(r"^1\. ")).input_value()
    context.close()


def test_crisis_answer_shows_help_on_the_receipt_page(page, visit, check_a11y):
    visit(f"/r/{SLUG}")
    code = _fill_and_submit(page, check_a11y, "ik slaap vannacht buiten en wil niet meer leven")
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)  # stored as usual
    help_section = page.get_by_role("region", name="Hulp als het nu niet goed gaat")
    expect(help_section).to_be_visible()
    lines = help_section.get_by_role("listitem")
    expect(lines.first).to_contain_text("0800-0113")
    expect(help_section.get_by_role("link", name="0800-2000")).to_have_attribute(
        "href", "tel:08002000")
    expect(help_section.get_by_role("link", name="112")).to_be_visible()
