"""A region's public page: publications and events, links, PDFs, rounds. No Flask here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from blinker import Namespace

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import ConsultError, InvalidState
from consult.regionpage.files import PdfStore
from consult.regionpage.models import ItemKind, PageItem
from consult.regions.models import Region
from consult.rounds import phases
from consult.rounds.models import Round, rounds_in_regions

MAX_URL = 500
MAX_DESCRIPTION = 600
URL_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f<>\"\\]")

signals = Namespace()
# The implementation tracker (Uitvoering) connects here to put its public progress link on
# the page: a receiver gets the Region as sender and returns a URL, or None.
progress_link = signals.signal("region-page-progress-link")


class InvalidLink(ConsultError):
    """A link that is not an absolute http(s) address; ``code`` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def check_link(url: str) -> str:
    """The link, trimmed, if it is an absolute http or https address; else InvalidLink."""
    url = (url or "").strip()
    if len(url) > MAX_URL:
        raise InvalidLink("too_long")
    if URL_FORBIDDEN.search(url):
        raise InvalidLink("malformed")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError as err:
        raise InvalidLink("malformed") from err
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidLink("scheme")
    host = parts.hostname or ""
    if not host or parts.username or parts.password or (port is not None and port == 0):
        raise InvalidLink("malformed")
    if "." not in host and host != "localhost":
        raise InvalidLink("malformed")
    return url


@dataclass(frozen=True)
class ItemFields:
    """What the form gives for a publication or event."""

    kind: ItemKind
    title: str
    happened_on: date
    description: str = ""
    link_url: str = ""


@dataclass(frozen=True)
class PdfChange:
    """A new file to store (``data``), or ``remove`` the current one; neither keeps it."""

    data: bytes | None = None
    remove: bool = False


def save_item(region: Region, fields: ItemFields, *, item: PageItem | None = None,
              pdf: PdfChange = PdfChange(), store: PdfStore | None, actor: User,
              now: datetime) -> PageItem:
    """Create or update a publication or event; a link and a PDF exclude each other."""
    link = check_link(fields.link_url) if fields.link_url.strip() else None
    keeps_pdf = item is not None and item.has_pdf and not pdf.remove
    if link and (pdf.data is not None or keeps_pdf):
        raise InvalidState("link and pdf")
    old_token = item.pdf_token if item is not None else None
    if store is None and (pdf.data is not None or (old_token and pdf.remove)):
        raise ValueError("a store is needed to change a PDF")
    token = store.save(pdf.data) if pdf.data is not None else None  # checks the PDF first
    created = item is None
    if item is None:
        item = PageItem(region_id=region.id, created_at=now)
        db.session.add(item)
    item.kind, item.title, item.happened_on = fields.kind, fields.title.strip(), fields.happened_on
    item.description = fields.description.strip()[:MAX_DESCRIPTION]
    item.link_url, item.updated_at = link, now
    if token is not None or pdf.remove:
        item.pdf_token = token
        item.pdf_size = len(pdf.data) if token is not None else None
    db.session.flush()
    record("page_item.create" if created else "page_item.update", actor=actor, obj=item,
           region_id=region.id, now=now, title=item.title, kind=item.kind.value,
           pdf="nieuw" if token else ("verwijderd" if pdf.remove and old_token else None))
    if old_token and old_token != item.pdf_token and store is not None:
        store.delete(old_token)
    return item


def delete_item(item: PageItem, *, store: PdfStore, actor: User, now: datetime) -> None:
    """Remove a publication or event from the page, and its PDF from the disk."""
    record("page_item.delete", actor=actor, obj=item, region_id=item.region_id, now=now,
           title=item.title, kind=item.kind.value)
    token = item.pdf_token
    db.session.delete(item)
    db.session.flush()
    if token:
        store.delete(token)


@dataclass(frozen=True)
class PublicRounds:
    open: list[Round]
    earlier: list[Round]  # closed, analysed or published: their feedback page if published


def public_rounds(region: Region, *, now: datetime) -> PublicRounds:
    """The rounds the public may see: open now, and those that ended (never a draft)."""
    rounds = db.session.scalars(rounds_in_regions([region.id])).all()
    return PublicRounds(
        open=[r for r in rounds if phases.takes_participant_input(r, now)],
        earlier=[r for r in rounds if phases.is_over(r, now)])


def progress_url(region: Region) -> str | None:
    """The public progress page's address, when the tracker offers one for this region."""
    urls = [url for _, url in progress_link.send(region) if url]
    return urls[0] if urls else None
