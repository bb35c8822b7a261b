"""The theme overview in a real browser: every filter and sort applies, and each theme shows
its description; the page passes axe."""

from __future__ import annotations

import os
import re

from tests.e2e.test_themes import OFFICER, _open_analysis, _run_and_wait

FILTERS = ("Groep", "Gemeente", "Kanaal", "Hoofdstuk", "Status", "Sorteren")


def test_every_filter_and_sort_applies(staff_login, page, check_a11y):
    staff_login(OFFICER)
    _open_analysis(page, check_a11y)
    _run_and_wait(page, check_a11y)
    page.get_by_role("link", name=re.compile("Thema's van vraag")).first.click()
    check_a11y(page)
    overview = page.url.split("?")[0]
    descriptions = page.locator("tbody tr td:nth-child(2)")
    assert descriptions.count() > 0
    if os.environ.get("CONSULT_SCREENSHOTS"):
        page.screenshot(path=os.environ["CONSULT_SCREENSHOTS"] + "/overview.png", full_page=True)
    form = page.locator("form.filters")
    for name in FILTERS:
        select = form.get_by_label(name, exact=False).first
        options = select.locator("option")
        assert options.count() >= 2, name
        for index in range(options.count()):
            page.goto(overview)
            form.get_by_label(name, exact=False).first.select_option(index=index)
            form.get_by_role("button", name="Toepassen").click()
            page.wait_for_load_state()
            assert page.url.startswith(overview + "?"), (name, index, page.url)
            assert page.get_by_role("heading", name=re.compile("thema's$")).is_visible()
    check_a11y(page)
