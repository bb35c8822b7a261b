"""Agreements, statuses per municipality, the audit trail and the two-way chain."""

from __future__ import annotations

from datetime import date

import pytest

from consult.db import db, utcnow
from consult.errors import NotAllowed, NotFound
from consult.implementation import overview, services
from consult.implementation.models import StatusKind
from consult.implementation.services import ReasonRequired, StatusFields


def test_a_new_status_shows_in_the_matrix_and_unset_ones_read_niet_gestart(tracker):
    services.set_status(tracker.agreement, tracker.goes,
                        StatusFields(StatusKind.DONE, status_on=date(2026, 11, 1),
                                     evidence="Netwerk draait sinds november."),
                        actor=tracker.officer, now=utcnow())
    db.session.commit()
    matrix = overview.matrix(tracker.region)
    assert [c.name for c in matrix.chapters] == ["Preventie"]
    (row,) = matrix.rows
    by_name = {cell.municipality.name: cell for cell in row.cells}
    assert by_name["Goes"].status is StatusKind.DONE
    assert by_name["Goes"].evidence == "Netwerk draait sinds november."
    assert by_name["Middelburg"].status is StatusKind.NOT_STARTED
    assert row.done_text == "1 van 3 gerealiseerd"


def test_niet_van_toepassing_needs_a_reason_and_is_not_counted(tracker):
    with pytest.raises(ReasonRequired):
        services.set_status(tracker.agreement, tracker.goes,
                            StatusFields(StatusKind.NOT_APPLICABLE, reason="  "),
                            actor=tracker.leader, now=utcnow())
    services.set_status(tracker.agreement, tracker.goes,
                        StatusFields(StatusKind.NOT_APPLICABLE, reason="Geen eigen opvang."),
                        actor=tracker.leader, now=utcnow())
    (row,) = overview.matrix(tracker.region).rows
    assert row.done_text == "0 van 2 gerealiseerd"
    assert row.cells[0].reason == "Geen eigen opvang."


def test_a_municipal_officer_cannot_touch_another_municipality_or_an_agreement(tracker):
    with pytest.raises(NotAllowed):
        services.set_status(tracker.agreement, tracker.middelburg, StatusFields(StatusKind.DONE),
                            actor=tracker.officer, now=utcnow())
    with pytest.raises(NotAllowed):
        services.save_agreement(tracker.region, services.AgreementFields(
            title="Anders", chapter_id=None), agreement=tracker.agreement,
            actor=tracker.officer, now=utcnow())
    with pytest.raises(NotAllowed):
        services.delete_agreement(tracker.agreement, actor=tracker.officer, now=utcnow())
    assert tracker.agreement.statuses == [] and tracker.agreement.title == "OGGZ-netwerk"


def test_a_municipality_of_another_region_is_refused(tracker, make_region):
    elsewhere = make_region("Elders", municipalities=("Oss",)).municipalities[0]
    with pytest.raises(NotFound):
        services.set_status(tracker.agreement, elsewhere, StatusFields(StatusKind.DONE),
                            actor=tracker.leader, now=utcnow())


def test_themes_and_chapters_of_another_region_cannot_be_linked(tracker, make_region):
    other = make_region("Elders")
    with pytest.raises(NotFound):
        services.save_agreement(other, services.AgreementFields(
            title="X", chapter_id=None, theme_ids=(tracker.theme.id,)),
            actor=_leader_of(other, tracker), now=utcnow())
    with pytest.raises(NotFound):
        services.save_agreement(tracker.region, services.AgreementFields(
            title="X", chapter_id=999_999), actor=tracker.leader, now=utcnow())


def _leader_of(region, tracker):
    from consult.auth.models import Membership, Role

    tracker.leader.memberships.append(Membership(region_id=region.id, role=Role.PROJECT_LEADER))
    db.session.flush()
    return tracker.leader


def test_every_change_lands_in_the_agreements_history(tracker):
    services.save_agreement(tracker.region, services.AgreementFields(
        title="OGGZ-netwerk in elke gemeente", chapter_id=tracker.region.chapters[1].id,
        description="Elke gemeente heeft een OGGZ-netwerk.", owner="Projectleider preventie",
        due_on=date(2027, 12, 31), amount=25_000, is_public=True,
        theme_ids=(tracker.theme.id,)), agreement=tracker.agreement,
        actor=tracker.leader, now=utcnow())
    services.set_status(tracker.agreement, tracker.goes,
                        StatusFields(StatusKind.PREPARING, evidence="Startbijeenkomst 3 maart"),
                        actor=tracker.officer, now=utcnow())
    db.session.commit()
    entries = overview.history(tracker.agreement)
    assert [e.action for e in entries] == [
        "Stand van zaken van een gemeente bijgewerkt", "Afspraak gewijzigd", "Afspraak toegevoegd"]
    assert entries[0].lines == ("Goes: van niet gestart naar in voorbereiding",
                                "Bewijs: Startbijeenkomst 3 maart")
    assert entries[0].who == tracker.officer.name
    assert set(entries[1].lines) == {
        "Titel: OGGZ-netwerk → OGGZ-netwerk in elke gemeente",
        "Hoofdstuk: Preventie → Toegang", "Bedrag: (leeg) → € 25.000"}
    assert "Thema's: Preventie in de wijk" in entries[2].lines


def test_the_chain_runs_both_ways(tracker):
    (row,) = overview.matrix(tracker.region).rows
    assert [t.label for t in row.themes] == ["Preventie in de wijk"]
    assert overview.agreements_for_theme(tracker.theme.id) == [tracker.agreement]
    services.save_agreement(tracker.region, services.AgreementFields(
        title="OGGZ-netwerk", chapter_id=tracker.region.chapters[0].id, theme_ids=()),
        agreement=tracker.agreement, actor=tracker.leader, now=utcnow())
    assert overview.agreements_for_theme(tracker.theme.id) == []


def test_public_progress_shows_only_public_agreements_and_published_themes(tracker):
    internal = services.save_agreement(tracker.region, services.AgreementFields(
        title="Intern overleg", chapter_id=None, theme_ids=(tracker.theme.id,)),
        actor=tracker.leader, now=utcnow())
    assert overview.agreements_for_theme(tracker.theme.id) == [tracker.agreement, internal]
    public = overview.matrix(tracker.region, public_only=True)
    assert [r.agreement.title for r in public.rows] == ["OGGZ-netwerk"]
    assert public.rows[0].themes == ()  # the round's feedback is not published yet
    tracker.theme.round.published_at = utcnow()
    assert [t.label for t in overview.matrix(tracker.region, public_only=True).rows[0].themes] \
        == ["Preventie in de wijk"]
    assert overview.agreements_for_theme(tracker.theme.id, public_only=True) == [
        tracker.agreement]
    assert {r.agreement.title for r in overview.matrix(tracker.region).rows} == {
        "OGGZ-netwerk", "Intern overleg"}
