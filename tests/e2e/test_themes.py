"""Theme analysis and curation in a real browser: run, curate, undo, re-run, sign-off."""

from __future__ import annotations

import re

import pytest

OFFICER = "demo.beleid@consult.test"
LEADER = "demo.projectleider@consult.test"
ROUND_TITLE = "Uitvoeringsplan Beschermd Wonen"
FAST = {"k": 4, "seed": 0, "semantic": False}


@pytest.fixture(autouse=True)
def fast_engine(live_app):
    """Background analyses with the lexical engine and a fixed number of themes."""
    live_app.config["ANALYSIS_OPTIONS"] = FAST


def _open_analysis(page, check_a11y) -> None:
    page.goto("/rondes/")
    page.get_by_role("link", name=re.compile(ROUND_TITLE)).first.click()
    check_a11y(page)
    page.get_by_role("link", name="Analyse en thema's").click()
    check_a11y(page)


def _run_and_wait(page, check_a11y) -> None:
    page.get_by_role("button", name="Analyse starten").click()
    check_a11y(page)
    page.get_by_text("De analyse is klaar").wait_for(timeout=180_000)
    check_a11y(page)


def _flash(page, text: str) -> None:
    assert page.locator(".utrecht-alert--ok").filter(has_text=text).is_visible()


def _do(page, check_a11y, button: str, flash: str) -> None:
    page.get_by_role("button", name=button).click()
    check_a11y(page)
    _flash(page, flash)


def test_officer_runs_curates_undoes_and_reruns(staff_login, page, check_a11y):
    staff_login(OFFICER)
    _open_analysis(page, check_a11y)
    _run_and_wait(page, check_a11y)
    page.get_by_role("link", name=re.compile("Thema's van vraag")).first.click()
    check_a11y(page)
    overview = page.url
    page.locator("tbody tr td:nth-child(2) a").first.click()
    check_a11y(page)
    page.get_by_label("Naam van het thema").fill("Woningnood")
    _do(page, check_a11y, "Naam opslaan", "De naam is gewijzigd")
    page.get_by_label("Korte beschrijving").fill("Te weinig woningen na de opvang.")
    _do(page, check_a11y, "Beschrijving opslaan", "De beschrijving is opgeslagen")
    page.get_by_label("Hoofdstuk van de visie").select_option(index=1)
    _do(page, check_a11y, "Hoofdstuk koppelen", "Het hoofdstuk is gekoppeld")
    _do(page, check_a11y, "Thema accepteren", "Het thema is geaccepteerd")
    page.get_by_label("Notitie").fill("Bespreken in de stuurgroep.")
    _do(page, check_a11y, "Notitie toevoegen", "De notitie is toegevoegd")
    _answers(page, check_a11y, 1, "Verplaatsen", target=True)
    _answers(page, check_a11y, 1, "Markeren als niet relevant")
    _answers(page, check_a11y, 2, "Afsplitsen als nieuw thema", label="Afgesplitst")
    assert "Bespreken in de stuurgroep." in page.content()

    page.goto(overview)
    check_a11y(page)
    boxes = page.locator("tbody input[type=checkbox]")
    boxes.nth(1).check()
    boxes.nth(2).check()
    page.get_by_label("Samenvoegen in").select_option(index=1)
    _do(page, check_a11y, "Samenvoegen", "samengevoegd")
    page.locator("tbody tr td:nth-child(2) a").nth(1).click()
    check_a11y(page)
    page.get_by_label("Reden van uitsluiten").fill("Gaat niet over deze vraag.")
    _do(page, check_a11y, "Thema uitsluiten", "Het thema is uitgesloten")
    page.get_by_role("link", name="Automatisch splitsen in deelthema's").click()
    check_a11y(page)
    if page.get_by_role("button", name="Deze splitsing toepassen").count():
        _do(page, check_a11y, "Deze splitsing toepassen", "gesplitst")

    page.goto(overview)
    page.get_by_role("link", name="Geschiedenis en ongedaan maken").click()
    check_a11y(page)
    page.get_by_role("button", name=re.compile("^Ongedaan maken")).first.click()
    check_a11y(page)
    _flash(page, "ongedaan gemaakt")
    assert "Ongedaan gemaakt op" in page.content()

    _open_analysis(page, check_a11y)
    _run_and_wait(page, check_a11y)
    page.goto(overview)
    check_a11y(page)
    content = page.content()
    assert "Vergeleken met de vorige analyse" in content and "Woningnood" in content
    assert re.search(r"\d+ besluit(en zijn| is) overgenomen, \d+ (moet|moeten) opnieuw", content)
    # Every decision is where it was (on a theme of the new run) or listed, with the old
    # decision in words, under "Opnieuw beoordelen" on the overview.
    seen = [content]
    for href in page.locator("tbody tr td:nth-child(2) a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"):
        page.goto(href)
        seen.append(page.content())
    everything = "\n".join(seen)
    for decision in ("Woningnood", "Te weinig woningen na de opvang.",
                     "Bespreken in de stuurgroep.", "Gaat niet over deze vraag.", "Afgesplitst"):
        assert decision in everything, decision


def _answers(page, check_a11y, count: int, action: str, *, target=False, label="") -> None:
    boxes = page.locator("tbody input[type=checkbox]")
    for i in range(count):
        boxes.nth(i).check()
    page.get_by_label("Actie").select_option(label=action)
    if target:
        page.get_by_label("Verplaatsen naar thema").select_option(index=1)
    if label:
        page.get_by_label("Naam van het nieuwe thema").fill(label)
    page.get_by_role("button", name="Uitvoeren").click()
    check_a11y(page)
    assert page.locator(".utrecht-alert--ok").is_visible()


def test_second_person_signs_off(staff_login, page, check_a11y):
    staff_login(OFFICER)
    _open_analysis(page, check_a11y)
    if page.get_by_role("link", name=re.compile("Thema's bekijken")).count() == 0:
        _run_and_wait(page, check_a11y)
        _open_analysis(page, check_a11y)
    page.get_by_role("link", name=re.compile("Thema's bekijken")).first.click()
    check_a11y(page)
    overview = page.url
    _do(page, check_a11y, "Aanbieden ter vaststelling", "aangeboden ter vaststelling")
    assert "Een tweede persoon moet de thema's vaststellen." in page.content()
    page.get_by_role("button", name="Uitloggen").click()
    staff_login(LEADER)
    page.goto(overview)
    check_a11y(page)
    page.get_by_label("Ik keur de thema's goed").check()
    _do(page, check_a11y, "Besluit vastleggen", "Uw besluit is vastgelegd")
    assert "De thema's zijn vastgesteld." in page.content()
