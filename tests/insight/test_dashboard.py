"""The round dashboard: counts, small-cell suppression, reach monitor and charts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from consult.db import db, utcnow
from consult.insight import services
from consult.submissions.models import Channel

Z = UTC


def municipality(round_, name):
    return next(m for m in round_.region.municipalities if m.name == name)


@pytest.fixture
def filled_round(make_round, make_submission):
    """Client 5 (Goes), ervaringsdeskundige 5 (Middelburg), naaste 2, adviesraad 1 + 1 gone."""
    round_ = make_round()
    goes, middelburg = municipality(round_, "Goes"), municipality(round_, "Middelburg")
    for _ in range(5):
        make_submission(round_, "Meer woningen.", municipality=goes)
        make_submission(round_, "Betere begeleiding.", group_key="ervaringsdeskundige",
                        municipality=middelburg, channel=Channel.MEETING)
    make_submission(round_, "Hulp bij schulden.", group_key="naaste", municipality=goes)
    make_submission(round_, "Hulp bij schulden.", group_key="naaste")
    make_submission(round_, "Preventie.", group_key="adviesraad", municipality=goes)
    withdrawn = make_submission(round_, "Weg.", group_key="adviesraad", municipality=goes)
    withdrawn.withdrawn_at = utcnow()
    db.session.commit()
    return round_


def counts(cells):
    return {c.label: c.count.public() for c in cells}


def test_breakdowns_match_the_data_and_hide_small_cells(app, filled_round):
    data = services.round_dashboard(filled_round, now=utcnow())
    assert data.total == 13
    groups = counts(data.by_group)
    assert groups["Cliënt"] == 5
    assert groups["Ervaringsdeskundige"] == 5
    assert groups["Naaste (familie of vriend)"] is None  # 2: suppressed
    assert groups["Adviesraad"] is None  # 1 (the withdrawn one does not count)
    assert groups["Zorgaanbieder"] == 0
    places = counts(data.by_municipality)
    # one small cell (1 without municipality) also hides the next smallest, Middelburg
    assert places == {"Goes": 7, "Middelburg": None, "Vlissingen": 0, "Niet ingevuld": None}
    channels = counts(data.by_channel)
    assert channels["Bijeenkomst"] == 5
    assert channels["Webformulier"] == 8


def test_a_single_small_cell_hides_the_next_smallest(app, make_round, make_submission):
    round_ = make_round()
    for _ in range(6):
        make_submission(round_, "Woningen.")
    for _ in range(7):
        make_submission(round_, "Woningen.", group_key="adviesraad")
    make_submission(round_, "Woningen.", group_key="naaste")
    groups = counts(services.round_dashboard(round_, now=utcnow()).by_group)
    assert groups["Naaste (familie of vriend)"] is None
    assert groups["Cliënt"] is None  # else 14 - 7 - 6 gives the naaste away
    assert groups["Adviesraad"] == 7


@pytest.mark.parametrize(("items", "shown"), [
    ([("a", "A", 9), ("b", "B", 0)], {"a": 9, "b": 0}),
    ([("a", "A", 9), ("b", "B", 3), ("c", "C", 1)], {"a": 9, "b": None, "c": None}),
    ([("a", "A", 9), ("b", "B", 6), ("c", "C", 4)], {"a": 9, "b": None, "c": None}),
    ([("a", "A", 4)], {"a": None}),
    ([("a", "A", 5), ("b", "B", 5)], {"a": 5, "b": 5}),
])
def test_cells_use_the_one_small_cell_rule(items, shown):
    assert {c.key: c.count.public() for c in services.cells(items, 5)} == shown


def test_reach_monitor_lists_missing_groups_and_municipalities(app, filled_round):
    data = services.round_dashboard(filled_round, now=utcnow())
    groups = {g.label: g.is_empty for g in data.groups_to_reach}
    assert groups["Naaste (familie of vriend)"] is False
    assert groups["Adviesraad"] is False
    assert groups["Zorgaanbieder"] is True
    assert "Cliënt" not in groups
    assert {m.label: m.is_empty for m in data.municipalities_to_reach} == {"Vlissingen": True}


def test_per_day_counts_local_days_and_fills_gaps():
    start = datetime(2026, 3, 1, 9, tzinfo=Z)
    moments = [datetime(2026, 3, 1, 22, 30, tzinfo=Z),  # 23:30 in Amsterdam: 1 March
               datetime(2026, 3, 1, 23, 30, tzinfo=Z),  # 00:30 in Amsterdam: 2 March
               datetime(2026, 3, 4, 12, tzinfo=Z)]
    days = services.per_day(moments, start=start, end=datetime(2026, 3, 4, 13, tzinfo=Z))
    assert days == [(date(2026, 3, 1), 1), (date(2026, 3, 2), 1), (date(2026, 3, 3), 0),
                    (date(2026, 3, 4), 1)]
    assert services.per_day([], start=start, end=start - timedelta(days=1)) == []


def test_dashboard_page_shows_charts_tables_and_hidden_cells(client, login_as, filled_round):
    login_as("facilitator")
    response = client.get(f"/rondes/{filled_round.id}/dashboard")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    svgs = re.findall(r'<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"', html)
    assert len(svgs) == 4
    for labelledby in svgs:
        for element_id in labelledby.split():
            assert f'id="{element_id}"' in html
    assert "<desc id=\"grafiek-groep-beschrijving\">" in html
    assert "Naaste (familie of vriend): minder dan 5" in html
    assert '<th scope="row">Cliënt</th><td class="num">5</td>' in html
    assert '<th scope="row">Adviesraad</th><td class="num">&lt; 5</td>' in html
    # Middelburg (5) is hidden so that "Niet ingevuld" (1) cannot be worked out; it is not
    # below 5, so the page must not say so.
    assert '<th scope="row">Middelburg</th><td class="num">verborgen</td>' in html
    assert "Middelburg: verborgen" in html
    assert "Zorgaanbieder: geen inbreng" in html
    assert "Naaste (familie of vriend): weinig inbreng" in html
    assert "Vlissingen: geen inbreng" in html
    assert "<strong>13</strong> inzendingen" in html


def test_dashboard_of_an_empty_round(client, login_as, make_round):
    login_as("project_leader")
    round_ = make_round(opens_in_days=3)
    html = client.get(f"/rondes/{round_.id}/dashboard").get_data(as_text=True)
    assert "De ronde is nog niet open." in html
    assert "Vlissingen: geen inbreng" in html


def test_round_page_links_to_search_and_dashboard(client, login_as, make_round):
    login_as("policy_officer")
    round_ = make_round()
    html = client.get(f"/rondes/{round_.id}").get_data(as_text=True)
    assert f'href="/rondes/{round_.id}/zoeken">Zoeken in antwoorden' in html
    assert f'href="/rondes/{round_.id}/dashboard">Dashboard' in html
