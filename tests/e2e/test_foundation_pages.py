"""Every foundation page in a real browser, each passing axe-core."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit


def test_public_home_and_login(visit, page):
    visit("/")
    assert page.locator("h1").count() == 1
    visit("/inloggen")
    visit("/bestaat-niet", status=404)


def test_admin_pages(staff_login, visit, page, check_a11y):
    staff_login("demo.admin@consult.test")
    check_a11y(page)
    visit("/beheer/")
    page.get_by_role("link", name="Gemeenten").first.click()
    check_a11y(page)
    assert "Vlissingen" in page.content() or "Oss" in page.content()
    visit("/beheer/")
    page.get_by_role("link", name="Medewerkers").first.click()
    check_a11y(page)
    page.get_by_label("Naam", exact=True).fill("Nieuwe Collega")
    page.get_by_label("E-mailadres").fill("nieuw@consult.test")
    page.get_by_label("Rol").select_option("facilitator")
    page.get_by_role("button", name="Uitnodigen").click()
    check_a11y(page)
    link = page.get_by_label("Link").input_value()
    assert "/uitnodiging/" in link
    page.get_by_role("button", name="Uitloggen").click()
    page.goto(link)
    check_a11y(page)
    page.get_by_label("Nieuw wachtwoord").fill("een lange zin als wachtwoord")
    page.get_by_label("Herhaal het wachtwoord").fill("een lange zin als wachtwoord")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_url("**/rondes/")
    check_a11y(page)


def test_project_leader_round_pages(staff_login, visit, page, check_a11y):
    staff_login("demo.projectleider@consult.test")
    page.get_by_role("link", name="Uitvoeringsplan Beschermd Wonen").click()
    check_a11y(page)
    page.get_by_role("link", name="Ronde bewerken").click()
    check_a11y(page)
    visit("/rondes/")
    page.get_by_role("link", name="Nieuwe ronde in Zeeland").click()
    check_a11y(page)
    page.get_by_role("button", name="Opslaan").click()  # empty: errors, nothing lost
    check_a11y(page)
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Titel").fill("Ronde over preventie")
    page.get_by_label("Uitleg voor deelnemers").fill("Wij willen weten wat u vindt.")
    opens = date.today() + timedelta(days=30)  # in the future, so the round is "Gepland"
    page.get_by_label("Open vanaf").fill(opens.isoformat())
    page.get_by_label("Open tot en met").fill((opens + timedelta(days=45)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    check_a11y(page)
    assert page.locator("h1").inner_text() == "Ronde over preventie"
    page.get_by_role("link", name="Vraag toevoegen").click()
    check_a11y(page)
    page.get_by_label("Vraag", exact=True).fill("Wat helpt u het meest?")
    page.get_by_role("button", name="Opslaan").click()
    assert "Wat helpt u het meest?" in page.content()
    page.get_by_role("button", name="Vrijgeven").click()
    check_a11y(page)
    assert "Gepland" in page.content()
    page.get_by_role("link", name="Nu sluiten").click()  # asks first, works without JS
    check_a11y(page)
    page.get_by_role("link", name="Nee, niet sluiten").click()
    assert "Gepland" in page.content()
    page.get_by_role("link", name="Nu sluiten").click()
    page.get_by_role("button", name="Ja, sluit de ronde nu").click()
    check_a11y(page)
    assert "De ronde is gesloten op" in page.content() and "Gesloten" in page.content()
    visit("/beheer/regio/1/visie")


def test_narrow_screen_has_no_horizontal_scroll(page, visit):
    page.set_viewport_size({"width": 320, "height": 800})
    visit("/")
    visit("/inloggen")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_narrow_staff_pages_have_no_horizontal_scroll(staff_login, page, visit):
    staff_login("demo.beleid@consult.test")
    page.set_viewport_size({"width": 320, "height": 800})
    visit("/rondes/1")
    assert _page_width(page) <= 320
    visit("/rondes/1/zoeken?q=begeleiding")
    assert page.locator(".search-result").count() > 0
    assert _page_width(page) <= 320


def _top(page, selector: str) -> float:
    return page.locator(selector).bounding_box()["y"]


def test_consent_labels_sit_beside_their_checkbox(page, visit):
    for width in (320, 1024):
        page.set_viewport_size({"width": width, "height": 800})
        visit("/r/zeeland-uitvoeringsplan")
        for name in ("consent_analysis", "consent_quote", "consent_contact"):
            box = page.locator(f"#{name}").bounding_box()
            label = page.locator(f"label[for={name}]").bounding_box()
            assert label["x"] > box["x"] + box["width"], f"{name} label below its box at {width}"
            assert label["y"] < box["y"] + box["height"], f"{name} label below its box at {width}"


def test_favicon_is_served_and_linked(page, visit):
    visit("/")
    icons = page.locator("link[rel=icon]")
    assert icons.count() == 2
    for href in icons.evaluate_all("links => links.map(link => link.href)"):
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"].startswith("image/")
    response = page.request.get("/favicon.ico")
    assert response.ok and response.body()[:4] == b"\x00\x00\x01\x00"


def test_a_new_region_opens_with_its_pages(staff_login, page, check_a11y):
    staff_login("demo.admin@consult.test")
    page.goto("/beheer/")
    page.get_by_label("Naam van de regio").fill("West-Brabant")
    page.get_by_role("button", name="Regio toevoegen").click()
    check_a11y(page)
    assert "Regio West-Brabant is toegevoegd." in page.content()
    assert page.locator("h1").inner_text() == "Gemeenten in West-Brabant"
    page.get_by_label("Naam van de gemeente").fill("Roosendaal")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    assert "Gemeente Roosendaal is toegevoegd." in page.content()
    for link in ("Medewerkers", "Visie en groepen"):
        page.get_by_role("link", name=link).click()
        check_a11y(page)
        assert page.locator("h1").count() == 1 and "Pagina niet gevonden" not in page.content()
        page.go_back()


def test_nl_design_system_components_style_the_pages_from_local_files(page, visit, base_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    visit("/r/zeeland-uitvoeringsplan")

    def style(locator, prop: str) -> str:
        return locator.evaluate(f"e => getComputedStyle(e).{prop}")

    # Colours come from our tokens, applied by the vendored Utrecht components.
    assert style(page.locator(".utrecht-page-header"), "backgroundColor") == "rgb(7, 55, 99)"
    send = page.get_by_role("button", name="Versturen")
    assert style(send, "backgroundColor") == "rgb(11, 83, 148)"
    assert style(send, "color") == "rgb(255, 255, 255)"
    assert style(page.get_by_label("In welke gemeente"), "borderTopWidth") == "2px"
    page.keyboard.press("Tab")  # the skip link appears on focus, in our focus colour
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.is_visible() and style(skip, "backgroundColor") == "rgb(255, 191, 71)"
    assert style(skip, "outlineWidth") == "3px"
    assert hosts == {urlsplit(base_url).netloc}  # nothing from a CDN or any other host
