"""Facilitator intake in a real browser: enter, correct and remove contributions; a CSV import."""

from __future__ import annotations

import re

FACILITATOR = "demo.facilitator@consult.test"
ROUND_TITLE = "Uitvoeringsplan Beschermd Wonen"


def _open_round(page, check_a11y) -> None:
    page.get_by_role("link", name=re.compile(ROUND_TITLE)).first.click()
    check_a11y(page)


def test_facilitator_enters_a_session_and_views_provenance(staff_login, page, check_a11y):
    staff_login(FACILITATOR)
    _open_round(page, check_a11y)
    page.get_by_role("link", name="Inbreng invoeren").click()
    check_a11y(page)
    page.get_by_role("button", name="Sessie aanmaken").click()  # empty: errors shown
    check_a11y(page)
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Naam van de sessie").fill("Inloopochtend Middelburg")
    page.get_by_label("Datum van de sessie").fill("2026-11-20")
    page.get_by_label("Papier").check()
    page.get_by_role("button", name="Sessie aanmaken").click()
    check_a11y(page)
    assert "Inloopochtend Middelburg" in page.content()

    for group, text in (("Cliënt", "Meer hulp bij schulden, bel 06-12345678."),
                        ("Ervaringsdeskundige", "Eerder signaleren in de wijk.")):
        page.get_by_label("Groep van de deelnemer").select_option(label=group)
        page.locator("textarea").first.fill(text)
        page.get_by_label("Samengevat of in mijn eigen woorden").check()
        page.get_by_label(re.compile("mondeling toestemming")).check()
        page.get_by_role("button", name="Bijdrage opslaan").click()
        check_a11y(page)
        assert page.locator(".utrecht-alert--ok").filter(has_text="is opgeslagen").is_visible()
        assert page.locator("textarea").first.input_value() == ""

    page.get_by_role("link", name="Bekijk de bijdragen van deze sessie").click()
    check_a11y(page)
    content = page.content()
    assert "Fatih Facilitator" in content
    assert "[telefoonnummer]" in content and "06-12345678" not in content
    assert page.locator(".card").count() == 2

    page.get_by_role("link", name=re.compile("^Corrigeren bijdrage #R")).first.click()
    check_a11y(page)
    text = page.locator("textarea").first
    assert text.input_value() == "Meer hulp bij schulden, bel [telefoonnummer]."
    text.fill("Meer hulp bij schulden en bij de post, mail a.jansen@example.nl.")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    check_a11y(page)
    assert page.locator(".utrecht-alert--ok").filter(has_text="is gecorrigeerd").is_visible()
    content = page.content()
    assert "bij de post, mail [e-mail]." in content and "a.jansen" not in content

    page.get_by_role("link", name=re.compile("^Corrigeren bijdrage #R")).last.click()
    page.get_by_role("button", name="Bijdrage verwijderen").click()  # no reason: error shown
    check_a11y(page)
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Waarom verwijdert u deze bijdrage?").fill("Dubbel ingevoerd.")
    page.get_by_role("button", name="Bijdrage verwijderen").click()
    check_a11y(page)
    assert page.locator(".utrecht-alert--ok").filter(has_text="is verwijderd").is_visible()
    assert page.locator(".card").count() == 1


def test_facilitator_imports_a_csv(staff_login, page, check_a11y, tmp_path):
    csv_file = tmp_path / "bijeenkomst.csv"
    csv_file.write_text("Groep;Gemeente;Vraag 1\n"
                        "Cliënt;Goes;Een vast aanspreekpunt voor hulp.\n"
                        "naaste;Vlissingen;Minder wachten op een plek.\n", encoding="utf-8")
    staff_login(FACILITATOR)
    _open_round(page, check_a11y)
    page.get_by_role("link", name="Bestand importeren").click()
    check_a11y(page)
    page.get_by_label("Bestand").set_input_files(str(csv_file))
    page.get_by_role("button", name="Volgende stap").click()
    check_a11y(page)
    assert page.get_by_label(re.compile("Kolom 1: Groep")).input_value() == "group"
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    check_a11y(page)
    assert "Een vast aanspreekpunt voor hulp." in page.content()
    page.get_by_role("button", name="Importeren").click()  # consent not confirmed yet
    check_a11y(page)
    page.get_by_label(re.compile("Alle deelnemers in dit bestand")).check()
    page.get_by_role("button", name="Importeren").click()
    check_a11y(page)  # the status page, while the import runs or once it is done
    # The import runs in the background; the status page reloads itself until it is done.
    page.locator(".utrecht-alert--ok").filter(has_text="2 bijdragen").wait_for(timeout=60_000)
    check_a11y(page)

    page.get_by_role("link", name="Bestand importeren").click()
    page.get_by_label("Bestand").set_input_files(str(csv_file))
    page.get_by_role("button", name="Volgende stap").click()
    check_a11y(page)
    assert "al eerder geïmporteerd" in page.content()

    # the import was wrong after all: withdraw it, with a reason
    page.get_by_role("link", name=re.compile("Intrekken bijeenkomst.csv")).click()
    check_a11y(page)
    page.get_by_role("button", name="Import intrekken").click()  # no reason yet
    check_a11y(page)
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Waarom trekt u deze import in?").fill("Verkeerde ronde gekozen.")
    page.get_by_role("button", name="Import intrekken").click()
    check_a11y(page)
    assert page.locator(".utrecht-alert--ok").filter(has_text="is ingetrokken").is_visible()
    assert "Ingetrokken op" in page.content()
