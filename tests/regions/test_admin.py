"""Region administration: municipalities, staff, groups, vision chapters; scoped per region."""

from __future__ import annotations

from consult.audit.models import AuditEvent
from consult.auth.models import User
from consult.db import db


def test_admin_adds_and_removes_municipality(client, login_as, region):
    login_as("admin")
    response = client.post(f"/beheer/regio/{region.id}/gemeenten",
                           data={"name": "Veere", "is_central": "y"}, follow_redirects=True)
    assert "Gemeente Veere is toegevoegd." in response.text
    veere = next(m for m in region.municipalities if m.name == "Veere")
    assert veere.is_central
    client.post(f"/beheer/gemeente/{veere.id}/verwijderen")
    assert "Veere" not in [m.name for m in region.municipalities]
    actions = [e.action for e in db.session.query(AuditEvent).all()]
    assert "municipality.create" in actions and "municipality.delete" in actions


def test_duplicate_municipality_gets_dutch_message(client, login_as, region):
    login_as("admin")
    response = client.post(f"/beheer/regio/{region.id}/gemeenten", data={"name": "goes"},
                           follow_redirects=True)
    assert "Deze gemeente staat al in de lijst." in response.text


def test_non_admin_roles_get_403_and_other_regions_404(client, login_as, region, make_region):
    other = make_region("Elders")
    login_as("project_leader")
    assert client.get(f"/beheer/regio/{region.id}").status_code == 403
    assert client.get(f"/beheer/regio/{other.id}").status_code == 404
    assert client.get("/beheer/").status_code == 403


def test_admin_of_one_region_cannot_touch_another(client, login_as, make_region):
    other = make_region("Elders")
    login_as("admin")
    assert client.get(f"/beheer/regio/{other.id}").status_code == 404
    response = client.post(f"/beheer/regio/{other.id}/gemeenten", data={"name": "X"})
    assert response.status_code == 404
    assert "X" not in [m.name for m in other.municipalities]


def test_only_superusers_create_regions(client, login_as):
    login_as("admin")
    assert client.post("/beheer/regio-toevoegen", data={"name": "Nieuw"}).status_code == 403
    client.post("/uitloggen")
    login_as("admin", superuser=True)
    response = client.post("/beheer/regio-toevoegen", data={"name": "Nieuw"},
                           follow_redirects=True)
    assert "Regio Nieuw is toegevoegd." in response.text


def test_a_new_region_can_be_used_right_away(client, login_as):
    login_as("admin", superuser=True)
    response = client.post("/beheer/regio-toevoegen", data={"name": "Nieuw"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Regio Nieuw is toegevoegd." in response.text
    region_path = response.request.path
    added = client.post(f"{region_path}/gemeenten", data={"name": "Veere"},
                        follow_redirects=True)
    assert "Gemeente Veere is toegevoegd." in added.text
    for page in ("medewerkers", "visie"):
        assert client.get(f"{region_path}/{page}").status_code == 200


def test_admin_invites_staff_and_sees_single_use_link(client, login_as, region):
    login_as("admin")
    response = client.post(f"/beheer/regio/{region.id}/medewerkers",
                           data={"name": "Kees", "email": "kees@consult.test",
                                 "role": "facilitator"})
    assert "/uitnodiging/" in response.text
    kees = db.session.query(User).filter_by(email="kees@consult.test").one()
    assert kees.role_in(region.id) == "facilitator"
    again = client.post(f"/beheer/regio/{region.id}/medewerkers",
                        data={"name": "Kees", "email": "kees@consult.test", "role": "admin"})
    assert "al medewerker" in again.text


def test_invalid_email_keeps_typed_name(client, login_as, region):
    login_as("admin")
    response = client.post(f"/beheer/regio/{region.id}/medewerkers",
                           data={"name": "Kees de Boer", "email": "geen-adres", "role": "admin"})
    assert "Vul een geldig e-mailadres in" in response.text
    assert 'value="Kees de Boer"' in response.text


def test_project_leader_edits_chapters_and_groups(client, login_as, region):
    login_as("project_leader")
    response = client.post(f"/beheer/regio/{region.id}/visie",
                           data={"name": "Preventie", "keywords": "preventie, vroeg ,"},
                           follow_redirects=True)
    assert "Hoofdstuk Preventie is opgeslagen." in response.text
    assert region.chapters[0].keywords == "preventie, vroeg"
    client.post(f"/beheer/regio/{region.id}/groepen", data={"group-name": "Huisartsen"})
    assert "Huisartsen" in [g.name for g in region.groups]
