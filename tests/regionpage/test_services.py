"""Slugs, links, PDFs and the rules for publications and events, without the web."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.errors import InvalidState
from consult.intake.files import FileProblem
from consult.regionpage import services
from consult.regionpage.files import MAX_PDF_BYTES, PdfStore, check_pdf, download_name
from consult.regionpage.models import ItemKind, PageItem
from consult.regions import services as regions
from tests.regionpage.conftest import MINIMAL_PDF


@pytest.mark.parametrize(("name", "taken", "slug"), [
    ("Zeeland", set(), "zeeland"),
    ("Meierij en Bommelerwaard", set(), "meierij-en-bommelerwaard"),
    ("'s-Hertogenbosch e.o.", set(), "s-hertogenbosch-e-o"),
    ("Fryslân & Groningen", set(), "fryslan-groningen"),
    ("Zeeland", {"zeeland"}, "zeeland-2"),
    ("Zeeland", {"zeeland", "zeeland-2", "zeeland-3"}, "zeeland-4"),
    ("!!!", set(), "regio"),
    ("x" * 100, set(), "x" * 60),
])
def test_slug_comes_from_the_name_and_never_repeats(name, taken, slug):
    assert regions.unique_slug(name, taken) == slug


def test_new_regions_get_unique_slugs(app):
    first = regions.create_region("Zeeland", actor=None, now=utcnow())
    second = regions.create_region("ZEELAND", actor=None, now=utcnow())
    third = regions.create_region("Zeeland!", actor=None, now=utcnow())
    assert [first.slug, second.slug, third.slug] == ["zeeland", "zeeland-2", "zeeland-3"]
    assert regions.region_by_slug("zeeland-2") is second


@pytest.mark.parametrize("url", [
    "https://www.zeeland.nl/beschermd-wonen",
    "http://example.org/podcast?aflevering=3#start",
    "  https://www.youtube.com/watch?v=abc  ",
    "HTTPS://WWW.S-HERTOGENBOSCH.NL/",
])
def test_http_and_https_links_are_accepted(url):
    assert services.check_link(url) == url.strip()


@pytest.mark.parametrize(("url", "code"), [
    ("javascript:alert(1)", "scheme"),
    ("data:text/html,<b>x</b>", "malformed"),
    ("ftp://example.org/rapport.pdf", "scheme"),
    ("www.zeeland.nl", "scheme"),
    ("//example.org/x", "scheme"),
    ("https://", "malformed"),
    ("https://intranet/x", "malformed"),
    ("https://user:secret@example.org/", "malformed"),
    ("https://example.org:99999/", "malformed"),
    ("https://example.org/a b", "malformed"),
    ("https://example.org/\"onmouseover=x", "malformed"),
    ("https://example.org/" + "a" * 500, "too_long"),
])
def test_other_links_are_refused_with_a_reason(url, code):
    with pytest.raises(services.InvalidLink) as err:
        services.check_link(url)
    assert err.value.code == code


def test_a_real_pdf_passes():
    check_pdf(MINIMAL_PDF)


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"),
    (b"<html><script>alert(1)</script></html>%%EOF", "wrong_type"),
    (b"PK\x03\x04 a docx pretending to be a pdf %%EOF", "wrong_type"),
    (b"  %PDF-1.4 leading junk\n%%EOF", "wrong_type"),
    (MINIMAL_PDF[:60], "unreadable"),
    (MINIMAL_PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript "
                         b"/JS (app.alert(1)) >>"), "active_content"),
    (MINIMAL_PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /Launch >>"),
     "active_content"),
    (MINIMAL_PDF + b" " * MAX_PDF_BYTES, "too_large"),
])
def test_anything_else_is_refused_with_a_reason(data, code):
    with pytest.raises(FileProblem) as err:
        check_pdf(data)
    assert err.value.code == code


def test_store_keeps_files_under_random_names_only(tmp_path):
    store = PdfStore(tmp_path)
    token = store.save(MINIMAL_PDF)
    assert store.path(token).read_bytes() == MINIMAL_PDF
    assert store.path(token).parent == tmp_path
    with pytest.raises(FileProblem):
        store.save(b"not a pdf")
    for bad in ("../../etc/passwd", token.upper(), token + "/x", ""):
        with pytest.raises(services.ConsultError):
            store.path(bad)
    store.delete(token)
    assert list(tmp_path.iterdir()) == []


def test_download_names_are_safe():
    assert (download_name("Regiovisie 2022–2025: ‘Samen thuis’")
            == "regiovisie-2022-2025-samen-thuis.pdf")
    assert download_name('../../x"; y.html') == "x-y-html.pdf"
    assert download_name("???") == "document.pdf"


FIELDS = services.ItemFields(kind=ItemKind.PODCAST, title="Podcast over wonen",
                             happened_on=date(2021, 3, 4), description="Aflevering 1.")


def _actions(region) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.region_id == region.id, AuditEvent.action.like("page_item.%"))
        .order_by(AuditEvent.id)))


def test_items_keep_link_or_pdf_and_every_change_is_audited(app, region, make_user, tmp_path):
    leader, store, now = make_user("project_leader", region), PdfStore(tmp_path), utcnow()
    linked = services.save_item(region, FIELDS.__class__(**{**FIELDS.__dict__, "link_url":
                                "https://example.org/podcast"}), store=store, actor=leader,
                                now=now)
    with pytest.raises(InvalidState):  # a link and a PDF at once is ambiguous
        services.save_item(region, FIELDS.__class__(**{**FIELDS.__dict__, "link_url":
                           "https://example.org/x"}), item=linked,
                           pdf=services.PdfChange(data=MINIMAL_PDF), store=store, actor=leader,
                           now=now)
    item = services.save_item(region, FIELDS, pdf=services.PdfChange(data=MINIMAL_PDF),
                              store=store, actor=leader, now=now)
    first = store.path(item.pdf_token)
    services.save_item(region, FIELDS, item=item, store=store, actor=leader, now=now)
    assert first.exists(), "saving without a new file keeps the PDF"
    services.save_item(region, FIELDS, item=item, pdf=services.PdfChange(data=MINIMAL_PDF),
                       store=store, actor=leader, now=now)
    assert not first.exists() and store.path(item.pdf_token).exists(), "replaced, old removed"
    services.save_item(region, FIELDS, item=item, pdf=services.PdfChange(remove=True),
                       store=store, actor=leader, now=now)
    assert item.pdf_token is None and item.pdf_size is None
    assert list(tmp_path.iterdir()) == []
    services.delete_item(linked, store=store, actor=leader, now=now)
    db.session.commit()
    assert db.session.get(PageItem, linked.id) is None
    assert _actions(region) == ["page_item.create", "page_item.create", "page_item.update",
                                "page_item.update", "page_item.update", "page_item.delete"]


def test_deleting_an_item_removes_its_pdf(app, region, make_user, tmp_path):
    leader, store = make_user("project_leader", region), PdfStore(tmp_path)
    item = services.save_item(region, FIELDS, pdf=services.PdfChange(data=MINIMAL_PDF),
                              store=store, actor=leader, now=utcnow())
    services.delete_item(item, store=store, actor=leader, now=utcnow())
    assert list(tmp_path.iterdir()) == []


def test_page_texts_are_saved_once_and_audited(app, region, make_user):
    leader = make_user("project_leader", region)
    assert regions.save_page_texts(region, background="Eerste.\r\n\r\nTweede.", goal="Doel.",
                                   actor=leader, now=utcnow())
    assert region.background == "Eerste.\n\nTweede."
    assert not regions.save_page_texts(region, background="Eerste.\n\nTweede.", goal="Doel.",
                                       actor=leader, now=utcnow())
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "region.page_texts")).all()
    assert len(events) == 1 and events[0].user_id == leader.id
    assert events[0].details == {"background_changed": True, "goal_changed": True}
