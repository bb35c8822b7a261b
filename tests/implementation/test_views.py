"""The tracker's pages: who may do what, validation that keeps input, and the chain."""

from __future__ import annotations

from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.implementation import services
from consult.implementation.models import AgreementStatus, StatusKind


def _status_url(tracker, municipality) -> str:
    return f"/uitvoering/afspraak/{tracker.agreement.id}/gemeente/{municipality.id}"


def test_the_officer_updates_their_own_municipality_only(client, login, tracker):
    login(tracker.officer)
    response = client.post(_status_url(tracker, tracker.goes), data={
        "status": "gerealiseerd", "status_on": "2026-11-02", "evidence": "Besluit college"})
    assert response.status_code == 302
    assert f"/uitvoering/gemeente/{tracker.goes.id}" in response.headers["Location"]
    page = client.get(f"/uitvoering/gemeente/{tracker.goes.id}").text
    assert "Gerealiseerd" in page and "Besluit college" in page
    assert client.post(_status_url(tracker, tracker.middelburg),
                       data={"status": "gerealiseerd"}).status_code == 403
    assert client.get(f"/uitvoering/gemeente/{tracker.middelburg.id}").status_code == 403
    stored = db.session.scalars(select(AgreementStatus)).all()
    assert [(s.municipality_id, s.status) for s in stored] == [
        (tracker.goes.id, StatusKind.DONE)]


def test_the_officer_cannot_change_or_see_the_whole_region(client, login, tracker):
    login(tracker.officer)
    agreement = tracker.agreement.id
    assert client.post(f"/uitvoering/afspraak/{agreement}/bewerken",
                       data={"title": "Gekaapt", "chapter": 0}).status_code == 403
    assert client.post(f"/uitvoering/afspraak/{agreement}/verwijderen").status_code == 403
    assert client.get(f"/uitvoering/regio/{tracker.region.id}").status_code == 403
    assert client.get(f"/rondes/{tracker.theme.round_id}").status_code == 403
    db.session.expire_all()
    assert tracker.agreement.title == "OGGZ-netwerk"


def test_niet_van_toepassing_without_reason_keeps_what_was_typed(client, login, tracker):
    login(tracker.leader)
    response = client.post(_status_url(tracker, tracker.goes), data={
        "status": "niet_van_toepassing", "evidence": "Overlegd met wethouder"})
    assert response.status_code == 422
    assert "Schrijf waarom deze afspraak niet van toepassing is." in response.text
    assert 'value="Overlegd met wethouder"' in response.text
    assert db.session.scalars(select(AgreementStatus)).all() == []


def test_the_leader_creates_an_agreement_linked_to_a_theme(client, login, tracker):
    login(tracker.leader)
    form = client.get(f"/uitvoering/regio/{tracker.region.id}/nieuwe-afspraak").text
    assert "Preventie in de wijk" in form
    response = client.post(f"/uitvoering/regio/{tracker.region.id}/nieuwe-afspraak", data={
        "title": "Solidariteitsfonds", "chapter": tracker.region.chapters[1].id,
        "amount": "1250000", "themes": [tracker.theme.id], "is_public": "y"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Solidariteitsfonds" in page and "€ 1.250.000" in page
    assert "Preventie in de wijk" in page  # u zei
    theme_page = client.get(f"/analyse/thema/{tracker.theme.id}").text
    assert "Wij spraken af" in theme_page and "Solidariteitsfonds" in theme_page


def test_a_bad_amount_is_refused_in_dutch_and_the_title_stays(client, login, tracker):
    login(tracker.leader)
    response = client.post(f"/uitvoering/regio/{tracker.region.id}/nieuwe-afspraak", data={
        "title": "Fonds", "chapter": 0, "amount": "veel"})
    assert response.status_code == 422
    assert "Vul een heel getal in" in response.text and 'value="Fonds"' in response.text


def test_matrix_shows_status_words_per_municipality_and_the_history(client, login, tracker):
    services.set_status(tracker.agreement, tracker.goes, services.StatusFields(
        StatusKind.PREPARING), actor=tracker.leader, now=utcnow())
    db.session.commit()
    login(tracker.leader)
    page = client.get(f"/uitvoering/regio/{tracker.region.id}").text.replace("\u00ad", "")
    assert page.count("In voorbereiding") == 2  # the legend and the Goes cell (soft hyphens)
    assert "In voorbereiding<span class=\"visually-hidden\">: Goes, OGGZ-netwerk" in page
    assert "0 van 3 gerealiseerd" in page and "Preventie" in page
    history = client.get(f"/uitvoering/afspraak/{tracker.agreement.id}/geschiedenis").text
    assert "Goes: van niet gestart naar in voorbereiding" in history
    assert "Afspraak toegevoegd" in history


def test_public_progress_needs_no_login_and_shows_the_chain(client, tracker):
    services.save_agreement(tracker.region, services.AgreementFields(
        title="Intern overleg", chapter_id=None), actor=tracker.leader, now=utcnow())
    tracker.theme.round.published_at = utcnow()
    db.session.commit()
    page = client.get(f"/regio/{tracker.region.slug}/voortgang").text
    assert "U zei" in page and "Preventie in de wijk" in page
    assert "OGGZ-netwerk" in page and "Intern overleg" not in page
    assert "0 van de 3 gemeenten zijn klaar." in page
    feedback = client.get(f"/r/{tracker.theme.round.slug}/terugkoppeling").text
    assert f"/regio/{tracker.region.slug}/voortgang#afspraak-{tracker.agreement.id}" in feedback
    assert "Bekijk de voortgang van de afspraken" in feedback
    assert client.get("/regio/bestaat-niet/voortgang").status_code == 404


def test_region_page_links_to_progress_only_with_public_agreements(client, tracker):
    link = f'href="/regio/{tracker.region.slug}/voortgang"'
    assert link in client.get(f"/regio/{tracker.region.slug}").text
    tracker.agreement.is_public = False
    db.session.commit()
    html = client.get(f"/regio/{tracker.region.slug}").text
    assert link not in html and 'id="voortgang"' not in html


def test_exports_are_audited(client, login, tracker):
    login(tracker.officer)
    response = client.post(f"/uitvoering/gemeente/{tracker.goes.id}/export/docx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert client.post(f"/uitvoering/regio/{tracker.region.id}/export/xlsx").status_code == 403
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "agreements.export" in actions
