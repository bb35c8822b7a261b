"""Editing the public page: who may, what is refused in Dutch, and what is audited."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.db import db
from consult.regionpage.models import ItemKind, PageItem
from tests.conftest import PASSWORD
from tests.regionpage.conftest import MINIMAL_PDF

ITEM = {"kind": "talkshow", "title": "Beweging in kwetsbaarheid, aflevering 1",
        "happened_on": "2021-01-28", "description": "Over wonen in de wijk.",
        "link_url": "https://example.org/talkshow-1"}


def _editor(region) -> str:
    return f"/beheer/regio/{region.id}/openbare-pagina"


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.mark.parametrize("role", ["policy_officer", "facilitator"])
def test_roles_without_publish_are_refused(client, region, login_as, role):
    login_as(role)
    assert client.get(_editor(region)).status_code == 403
    assert client.post(_editor(region) + "/toevoegen", data=ITEM).status_code == 403
    assert db.session.scalar(select(PageItem.id)) is None


def test_staff_of_another_region_get_404(client, region, make_region, login_as, make_user):
    other = make_region("Andere regio")
    login_as("project_leader", in_region=other)
    assert client.get(_editor(region)).status_code == 404
    assert client.post(_editor(region), data={"background": "Gekaapt"}).status_code == 404
    db.session.refresh(region)
    assert region.background == ""


def test_anonymous_is_sent_to_login(client, region):
    response = client.get(_editor(region))
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


@pytest.mark.parametrize("role", ["project_leader", "admin"])
def test_leader_and_admin_edit_texts_and_items(client, region, login_as, role):
    login_as(role)
    response = client.post(_editor(region), data={"background": "Samen sterk.",
                                                  "goal": "Een thuis voor iedereen."})
    assert response.status_code == 302
    response = client.post(_editor(region) + "/toevoegen", data=ITEM)
    assert response.status_code == 302
    item = db.session.scalar(select(PageItem))
    assert item.kind is ItemKind.TALK_SHOW and item.link_url == ITEM["link_url"]
    html = client.get(f"/regio/{region.slug}").text
    assert "Samen sterk." in html and "Beweging in kwetsbaarheid, aflevering 1" in html
    edit = client.post(f"/beheer/pagina-item/{item.id}", data={**ITEM, "title": "Aflevering 1"})
    assert edit.status_code == 302
    assert client.post(f"/beheer/pagina-item/{item.id}/verwijderen").status_code == 302
    assert db.session.scalar(select(PageItem.id)) is None
    assert _actions()[-4:] == ["region.page_texts", "page_item.create", "page_item.update",
                               "page_item.delete"]


@pytest.mark.parametrize(("link", "message"), [
    ("javascript:alert(1)", "Een link moet beginnen met https:// of http://."),
    ("https://zonder punt", "Dit is geen geldige link."),
])
def test_a_bad_link_is_explained_and_nothing_typed_is_lost(client, region, login_as, link,
                                                           message):
    login_as("project_leader")
    response = client.post(_editor(region) + "/toevoegen", data={**ITEM, "link_url": link})
    assert response.status_code == 422
    assert message in response.text
    assert "Beweging in kwetsbaarheid, aflevering 1" in response.text
    assert "Over wonen in de wijk." in response.text and 'value="2021-01-28"' in response.text
    assert db.session.scalar(select(PageItem.id)) is None


def _upload(data: bytes, name: str = "rapport.pdf") -> dict:
    return {**ITEM, "kind": "rapport", "link_url": "", "pdf": (io.BytesIO(data), name)}


def test_a_pdf_is_uploaded_and_served(client, region, login_as, pdf_dir):
    login_as("project_leader")
    response = client.post(_editor(region) + "/toevoegen", data=_upload(MINIMAL_PDF),
                           content_type="multipart/form-data")
    assert response.status_code == 302
    item = db.session.scalar(select(PageItem))
    assert [p.name for p in pdf_dir.iterdir()] == [f"{item.pdf_token}.pdf"]
    served = client.get(f"/regio/{region.slug}/publicatie/{item.id}.pdf")
    assert served.data == MINIMAL_PDF and served.mimetype == "application/pdf"


@pytest.mark.parametrize(("data", "message"), [
    (b"<html>geen pdf</html>", "Dit is geen PDF-bestand."),
    (MINIMAL_PDF[:50], "niet compleet of beschadigd"),
])
def test_a_false_pdf_is_refused_in_dutch(client, region, login_as, pdf_dir, data, message):
    login_as("project_leader")
    response = client.post(_editor(region) + "/toevoegen", data=_upload(data, "rapport.pdf"),
                           content_type="multipart/form-data")
    assert response.status_code == 422 and message in response.text
    assert "Beweging in kwetsbaarheid, aflevering 1" in response.text
    assert db.session.scalar(select(PageItem.id)) is None
    assert not pdf_dir.exists() or list(pdf_dir.iterdir()) == []


def test_link_and_pdf_together_are_refused(client, region, login_as):
    login_as("project_leader")
    data = {**_upload(MINIMAL_PDF), "link_url": "https://example.org/x"}
    response = client.post(_editor(region) + "/toevoegen", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Kies een link of een PDF-bestand, niet allebei." in response.text
    assert "Kies het PDF-bestand opnieuw." in response.text


def test_audit_log_shows_the_changes_in_dutch(app, client, region, login_as, make_user):
    login_as("project_leader")
    client.post(_editor(region) + "/toevoegen", data=ITEM)
    admin, browser = make_user("admin", region), app.test_client()
    assert browser.post("/inloggen", data={"email": admin.email,
                                           "password": PASSWORD}).status_code == 302
    response = browser.get("/privacy/")
    assert response.status_code == 200
    assert "<td>Publicatie of bijeenkomst toegevoegd aan de openbare pagina</td>" in response.text
