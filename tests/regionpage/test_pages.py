"""The public page shows only what is public; the home page lists the regions."""

from __future__ import annotations

from datetime import date

import pytest

from consult.db import db, utcnow
from consult.regionpage import services
from consult.regionpage.models import ItemKind
from consult.regionpage.views import pdf_store
from consult.regions import services as regions
from tests.regionpage.conftest import MINIMAL_PDF


@pytest.fixture
def page_of(app, region, make_user):
    """Factory: a region's public page with texts, a linked podcast and a PDF report."""

    def make(target=None):
        target = target or region
        leader = make_user("project_leader", target)
        regions.save_page_texts(target, background="Wij werken samen.\n\nOok met cliënten.",
                                goal="Iedereen een thuis.", actor=leader, now=utcnow())
        podcast = services.save_item(target, services.ItemFields(
            kind=ItemKind.PODCAST, title="Podcast Thuis in de wijk", happened_on=date(2021, 2, 1),
            description="Drie ervaringsdeskundigen vertellen.",
            link_url="https://example.org/podcast"), store=pdf_store(), actor=leader,
            now=utcnow())
        report = services.save_item(target, services.ItemFields(
            kind=ItemKind.REPORT, title="Regiovisie 2022–2025", happened_on=date(2022, 1, 15)),
            pdf=services.PdfChange(data=MINIMAL_PDF), store=pdf_store(), actor=leader,
            now=utcnow())
        db.session.commit()
        return podcast, report

    return make


def test_page_shows_texts_municipalities_and_items(client, region, page_of):
    podcast, report = page_of()
    html = client.get(f"/regio/{region.slug}").text
    assert "<p>Wij werken samen.</p>" in html and "<p>Ook met cliënten.</p>" in html
    assert "Iedereen een thuis." in html
    assert all(name in html for name in ("Goes", "Middelburg", "Vlissingen"))
    assert 'href="https://example.org/podcast"' in html and "Luister naar de podcast" in html
    assert "1 februari 2021" in html and "Podcast" in html
    assert f"/regio/{region.slug}/publicatie/{report.id}.pdf" in html
    assert report.pdf_token not in html, "the stored file name stays private"
    assert html.index("Regiovisie 2022") < html.index("Podcast Thuis"), "newest first"
    assert "<script" not in html, "works without JavaScript"


def test_only_released_rounds_show_and_earlier_ones_link_their_feedback(client, region,
                                                                         make_round):
    make_round(title="Concept over schulden", released=False)
    make_round(title="Later over werk", opens_in_days=10, closes_in_days=30)
    open_round = make_round(title="Nu open over wonen")
    waiting = make_round(title="Gesloten over toegang", opens_in_days=-30, closes_in_days=-5)
    published = make_round(title="Klaar over preventie", opens_in_days=-60, closes_in_days=-30,
                           published_at=utcnow())
    html = client.get(f"/regio/{region.slug}").text
    assert "Concept over schulden" not in html, "a draft round is not public"
    assert "Later over werk" not in html
    assert f'href="/r/{open_round.slug}"' in html and "Geef uw mening" in html
    assert "Gesloten over toegang" in html
    assert f"/r/{waiting.slug}/terugkoppeling" not in html, "no feedback page before publishing"
    assert f'href="/r/{published.slug}/terugkoppeling"' in html


def test_no_staff_content_or_other_regions_on_the_page(client, region, make_region, page_of,
                                                       login_as):
    other = make_region("Andere regio", municipalities=("Oss",))
    page_of(other)
    login_as("project_leader")
    html = client.get(f"/regio/{region.slug}").text
    assert "Oss" not in html and "Podcast Thuis" not in html
    assert "/beheer/" not in html, "no editing links on the public page, even for staff"
    assert "Achtergrond" not in html, "empty texts show no empty heading"


def test_pdf_is_served_as_pdf_with_a_safe_name(client, region, page_of, make_region):
    _, report = page_of()
    response = client.get(f"/regio/{region.slug}/publicatie/{report.id}.pdf")
    assert response.status_code == 200 and response.data == MINIMAL_PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        "inline; filename=regiovisie-2022-2025.pdf")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    other = make_region("Andere regio")
    assert client.get(f"/regio/{other.slug}/publicatie/{report.id}.pdf").status_code == 404


def test_item_without_pdf_and_unknown_region_are_404(client, region, page_of):
    podcast, _ = page_of()
    assert client.get(f"/regio/{region.slug}/publicatie/{podcast.id}.pdf").status_code == 404
    assert client.get("/regio/bestaat-niet").status_code == 404


def test_progress_link_shows_only_when_the_tracker_offers_one(client, region):
    assert "Voortgang" not in client.get(f"/regio/{region.slug}").text

    def offer(sender):
        return f"/regio/{sender.slug}/voortgang"

    services.progress_link.connect(offer)
    try:
        html = client.get(f"/regio/{region.slug}").text
    finally:
        services.progress_link.disconnect(offer)
    assert f'href="/regio/{region.slug}/voortgang"' in html and "Voortgang" in html


def test_home_page_lists_the_regions(client, region, make_region):
    make_region("Meierij en Bommelerwaard")
    html = client.get("/").text
    assert f'href="/regio/{region.slug}"' in html
    assert 'href="/regio/meierij-en-bommelerwaard">Meierij en Bommelerwaard</a>' in html
