"""Search and dashboard in a real browser, each page passing axe-core."""

from __future__ import annotations

POLICY_OFFICER = "demo.beleid@consult.test"


def open_demo_round(page, check_a11y) -> None:
    page.get_by_role("link", name="Uitvoeringsplan Beschermd Wonen").click()
    check_a11y(page)


def test_search_in_answers(staff_login, page, check_a11y):
    staff_login(POLICY_OFFICER)
    open_demo_round(page, check_a11y)
    page.get_by_role("link", name="Zoeken in antwoorden").click()
    check_a11y(page)
    page.get_by_label("Zoekwoorden").fill("begeleiding")
    page.get_by_role("button", name="Zoeken").click()
    check_a11y(page)
    assert "gevonden met: begeleiding" in page.content()
    assert page.locator(".search-result mark").count() > 0
    page.get_by_label("Zoekwoorden").fill('"NEAR( 😀 *')
    page.get_by_role("button", name="Zoeken").click()
    check_a11y(page)
    assert page.get_by_role("heading", name="Resultaten").is_visible()


def test_dashboard(staff_login, page, check_a11y):
    staff_login(POLICY_OFFICER)
    open_demo_round(page, check_a11y)
    page.get_by_role("link", name="Dashboard").click()
    check_a11y(page)
    assert page.locator('svg[role="img"]').count() == 4
    assert page.get_by_role("img", name="Inzendingen per gemeente").is_visible()
    assert page.get_by_role("heading", name="Wie hoorden wij nog weinig?").is_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    check_a11y(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
