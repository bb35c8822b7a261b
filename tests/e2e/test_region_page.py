"""A region's public page, the home page's list of regions and the editing forms."""

from __future__ import annotations

from tests.regionpage.conftest import MINIMAL_PDF

LEADER = "demo.projectleider@consult.test"


def test_home_page_leads_to_the_public_pages(visit, page, check_a11y):
    visit("/")
    page.get_by_role("link", name="Meierij en Bommelerwaard").click()
    check_a11y(page)
    assert page.locator("h1").inner_text() == "Wonen, hulp en opvang in Meierij en Bommelerwaard"
    assert page.get_by_role("heading", name="Doelstelling").is_visible()
    assert page.get_by_role("link", name="Geef uw mening").count() == 1
    page.screenshot(path="/tmp/regio-meierij.png", full_page=True)
    visit("/regio/zeeland")
    assert page.get_by_text("Borsele").is_visible() and page.get_by_text("Vlissingen").is_visible()


def test_public_page_works_without_javascript(browser, base_url, check_a11y):
    context = browser.new_context(base_url=base_url, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        assert page.goto("/regio/zeeland").status == 200
        assert page.get_by_role("heading", name="Publicaties en bijeenkomsten").is_visible()
        page.get_by_role("link", name="Gemeenten", exact=True).click()
        assert page.url.endswith("#gemeenten")
    finally:
        context.close()


def test_leader_edits_the_page_and_adds_a_pdf(staff_login, visit, page, check_a11y, tmp_path):
    staff_login(LEADER)
    page.get_by_role("link", name="Openbare pagina van Zeeland").click()
    check_a11y(page)
    page.get_by_label("Doelstelling").fill("Iedereen in Zeeland een veilige plek om te wonen.")
    page.get_by_role("button", name="Teksten opslaan").click()
    check_a11y(page)
    assert "De teksten zijn opgeslagen." in page.content()
    page.get_by_role("link", name="Publicatie of bijeenkomst toevoegen").click()
    check_a11y(page)
    page.get_by_role("button", name="Opslaan").click()  # empty: errors, in Dutch
    check_a11y(page)
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Rapport").check()
    page.get_by_label("Titel").fill("Jaarverslag preventie 2024")
    page.get_by_label("Datum").fill("2025-03-01")
    page.get_by_label("Korte beschrijving").fill("Wat de gemeenten in 2024 deden.")
    page.get_by_label("Link").fill("javascript:alert(1)")
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    assert "Een link moet beginnen met https://" in page.content()
    page.screenshot(path="/tmp/regio-item-form.png", full_page=True)
    assert page.get_by_label("Titel").input_value() == "Jaarverslag preventie 2024"
    page.get_by_label("Link").fill("")
    pdf = tmp_path / "jaarverslag.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.get_by_label("PDF-bestand").set_input_files(str(pdf))
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    assert "staat op de openbare pagina" in page.content()
    page.screenshot(path="/tmp/regio-editor.png", full_page=True)
    page.get_by_role("link", name="Jaarverslag preventie 2024 wijzigen").click()
    check_a11y(page)
    assert page.get_by_label("Het huidige PDF-bestand verwijderen").is_visible()
    visit("/regio/zeeland")
    assert "Iedereen in Zeeland een veilige plek om te wonen." in page.content()
    link = page.get_by_role("link", name="Jaarverslag preventie 2024")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == MINIMAL_PDF
    page.screenshot(path="/tmp/regio-zeeland.png", full_page=True)
