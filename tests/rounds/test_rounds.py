"""Rounds: state derivation, editing, questions, scoping per region and role."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from consult.dates import format_date, format_datetime
from consult.db import db, utcnow
from consult.rounds import services as round_services
from consult.rounds.models import Round, RoundState

T0 = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "changes,now,expected",
    [
        ({"is_released": False}, T0, RoundState.DRAFT),
        ({}, T0 - timedelta(days=1), RoundState.SCHEDULED),
        ({}, T0, RoundState.OPEN),
        ({}, T0 + timedelta(days=10), RoundState.CLOSED),
        ({"closed_at": T0 + timedelta(days=1)}, T0 + timedelta(days=2), RoundState.CLOSED),
        ({"published_at": T0}, T0, RoundState.PUBLISHED),
        ({"is_released": False, "published_at": T0}, T0, RoundState.PUBLISHED),
    ],
)
def test_state_is_derived_from_dates_and_status(changes, now, expected):
    round_ = Round(opens_at=T0, closes_at=T0 + timedelta(days=10), is_released=True)
    for key, value in changes.items():
        setattr(round_, key, value)
    assert round_.state_at(now) is expected


def _form(**overrides):
    data = {"title": "Wonen in de regio", "slug": "", "intro": "Doe mee.",
            "opens_on": "2026-12-01", "closes_on": "2027-01-31", "groups": []}
    data.update(overrides)
    return data


def test_project_leader_creates_round(client, login_as, region):
    login_as("project_leader")
    data = _form(groups=[str(g.id) for g in region.groups[:3]])
    response = client.post(f"/rondes/regio/{region.id}/nieuw", data=data, follow_redirects=True)
    assert "De ronde is aangemaakt." in response.text
    round_ = db.session.query(Round).one()
    assert round_.slug == "wonen-in-de-regio"
    assert len(round_.groups) == 3
    assert round_.state is RoundState.DRAFT


def test_end_of_life_date_is_stored_and_checked(client, login_as, region):
    login_as("project_leader")
    groups = [str(region.groups[0].id)]
    early = client.post(f"/rondes/regio/{region.id}/nieuw",
                        data=_form(groups=groups, delete_on="2027-01-01"))
    assert "na de einddatum" in early.text
    client.post(f"/rondes/regio/{region.id}/nieuw", data=_form(groups=groups,
                                                                delete_on="2028-01-31"))
    round_ = db.session.query(Round).one()
    assert round_.delete_after is not None and round_.delete_after.year == 2028


def test_round_form_errors_keep_input(client, login_as, region):
    login_as("project_leader")
    data = _form(opens_on="2027-02-01", intro="Mijn lange uitleg", groups=[])
    response = client.post(f"/rondes/regio/{region.id}/nieuw", data=data)
    assert "De einddatum ligt vóór de begindatum." in response.text
    assert "Kies minstens één groep." in response.text
    assert "Mijn lange uitleg" in response.text
    assert db.session.query(Round).count() == 0


def test_slug_must_be_unique(client, login_as, region, make_round):
    make_round(slug="bezet")
    login_as("project_leader")
    data = _form(slug="bezet", groups=[str(region.groups[0].id)])
    response = client.post(f"/rondes/regio/{region.id}/nieuw", data=data)
    assert "al in gebruik" in response.text


def test_questions_add_move_delete_and_release(client, login_as, make_round):
    round_ = make_round(questions=0, released=False)
    login_as("project_leader")
    assert "Voeg eerst minstens één vraag toe." in client.post(
        f"/rondes/{round_.id}/vrijgeven", follow_redirects=True).text
    for prompt in ("Eerste?", "Tweede?"):
        client.post(f"/rondes/{round_.id}/vragen/nieuw",
                    data={"prompt": prompt, "help_text": "", "max_length": "500"})
    second = round_.questions[1]
    client.post(f"/rondes/vraag/{second.id}/omhoog")
    assert [q.prompt for q in round_.questions] == ["Tweede?", "Eerste?"]
    client.post(f"/rondes/vraag/{second.id}/verwijderen")
    assert [q.prompt for q in round_.questions] == ["Eerste?"]
    client.post(f"/rondes/{round_.id}/vrijgeven")
    assert round_.is_released


def test_question_buttons_name_their_own_question(client, login_as, make_round):
    """Screen readers hear "Verwijder vraag 1" on question 1's button, not the button's index."""
    round_ = make_round(questions=3, released=False)
    login_as("project_leader")
    html = client.get(f"/rondes/{round_.id}").text
    position = {q.id: i for i, q in enumerate(round_.questions, start=1)}
    # Each control: the question it acts on (from its URL) and the name a screen reader hears.
    controls = re.findall(
        r'(?:href|action)="/rondes/vraag/(\d+)(?:/(\w+))?".*?'
        r'(Wijzig|Omhoog|Omlaag|Verwijder)<span class="visually-hidden"> vraag (\d+)</span>',
        html, flags=re.S)
    assert len(controls) == 3 * 4, "every question has Wijzig, Omhoog, Omlaag and Verwijder"
    for question_id, _action, label, spoken in controls:
        assert int(spoken) == position[int(question_id)], f"{label} vraag {spoken}"


def test_questions_are_fixed_once_input_arrived(client, login_as, make_round, make_submission):
    round_ = make_round()
    make_submission(round_, "Meer woningen graag.")
    login_as("project_leader")
    response = client.post(f"/rondes/vraag/{round_.questions[0].id}/verwijderen",
                           follow_redirects=True)
    assert "De vragen liggen vast" in response.text
    assert len(round_.questions) == 2


def test_close_and_reopen(client, login_as, make_round):
    round_ = make_round()
    login_as("project_leader")
    client.post(f"/rondes/{round_.id}/sluiten")
    assert round_.state is RoundState.CLOSED
    client.post(f"/rondes/{round_.id}/heropenen")
    assert round_.state is RoundState.OPEN


def test_closing_early_asks_first_and_every_page_shows_the_real_closing_day(
        client, login_as, make_round):
    round_ = make_round(closes_in_days=21)
    planned = format_date(round_.closes_at - timedelta(seconds=1))
    login_as("project_leader")
    detail = client.get(f"/rondes/{round_.id}").text
    assert f'href="/rondes/{round_.id}/sluiten"' in detail
    assert f'action="/rondes/{round_.id}/sluiten"' not in detail  # no one-click close
    page = client.get(f"/rondes/{round_.id}/sluiten")
    assert "Ronde nu sluiten?" in page.text and "Ja, sluit de ronde nu" in page.text
    assert round_.state is RoundState.OPEN  # looking at the question changes nothing
    response = client.post(f"/rondes/{round_.id}/sluiten", follow_redirects=True)
    today = format_date(utcnow())
    assert round_.state is RoundState.CLOSED and round_.closed_at is not None
    assert f"De ronde is gesloten op {today}" in response.text
    assert f"tot en met {today} (eerder gesloten; gepland tot en met {planned})" in response.text
    assert f"tot en met {today}" in client.get("/rondes/").text
    assert "Ja, sluit de ronde nu" not in client.get(f"/rondes/{round_.id}/sluiten").text


@pytest.mark.parametrize("role", ["policy_officer", "facilitator"])
def test_roles_without_manage_rights_get_403(client, login_as, make_round, role):
    round_ = make_round()
    login_as(role)
    assert client.get(f"/rondes/{round_.id}").status_code == 200
    assert client.get(f"/rondes/{round_.id}/bewerken").status_code == 403
    assert client.post(f"/rondes/{round_.id}/sluiten").status_code == 403
    assert client.post(f"/rondes/vraag/{round_.questions[0].id}/verwijderen").status_code == 403


@pytest.mark.parametrize("role", ["admin", "project_leader", "policy_officer", "facilitator"])
def test_other_regions_rounds_are_404(client, login_as, make_round, make_region, role):
    elsewhere = make_round(in_region=make_region("Elders"))
    login_as(role)
    assert client.get(f"/rondes/{elsewhere.id}").status_code == 404
    assert client.get(f"/rondes/{elsewhere.id}/bewerken").status_code == 404
    assert client.get(f"/rondes/vraag/{elsewhere.questions[0].id}").status_code == 404
    assert elsewhere.title not in client.get("/rondes/").text


def test_rounds_cli_lists_rounds(runner, make_round):
    round_ = make_round(slug="lijst-test")
    result = runner.invoke(args=["rounds"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if "lijst-test" in line)
    assert str(round_.id) in line and "open" in line and round_.region.name in line


def test_dates_are_dutch_calendar_days(make_round):
    round_ = make_round(opens_in_days=0, closes_in_days=0)
    assert round_.state_at(utcnow()) is RoundState.OPEN
    assert (round_.closes_at - round_.opens_at) == timedelta(days=1) or \
        (round_.closes_at - round_.opens_at) in (timedelta(hours=23), timedelta(hours=25))


def test_last_day_shows_as_the_same_day_everywhere(client, login_as, make_round):
    year = utcnow().year + 1
    closes_at = round_services.end_of_day(date(year, 1, 31))
    round_ = make_round(title="Ronde tot eind januari", closes_at=closes_at)
    last_day = f"31 januari {year}"
    home = client.get("/").text
    assert f"open tot en met {last_day}" in home and f"1 februari {year}" not in home
    assert f"U kunt meedoen tot en met {last_day}." in client.get(f"/r/{round_.slug}").text
    login_as("project_leader")
    staff_list = client.get("/rondes/").text
    assert f"tot en met {last_day}" in staff_list and f"1 februari {year}" not in staff_list


@pytest.mark.parametrize("moment,expected", [
    (datetime(2027, 1, 31, 22, 59, tzinfo=UTC), "31 januari 2027, 23:59"),
    (datetime(2027, 1, 31, 23, 0, tzinfo=UTC), "1 februari 2027, 00:00"),
    (datetime(2026, 7, 31, 22, 30, tzinfo=UTC), "1 augustus 2026, 00:30"),
])
def test_moments_read_in_dutch_local_time(moment, expected):
    assert format_datetime(moment) == expected
    assert format_date(moment) == expected.split(",")[0]
