"""Uploaded PDFs: checked by their content, stored under a random name. No Flask here."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from consult.errors import NotFound
from consult.intake.files import FileProblem
from consult.text import slugify

MAX_PDF_BYTES = 4 * 1024 * 1024  # below MAX_CONTENT_LENGTH (5 MB), so the form can say why
PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
EOF_WINDOW = 2048  # a PDF ends with %%EOF, possibly followed by a few line ends
# Actions that run code or start programs when the file is opened: a region's page has
# no reason to serve them. (Defence in depth: the file is also served as application/pdf.)
ACTIVE_CONTENT = (b"/JavaScript", b"/JS ", b"/JS(", b"/JS<", b"/Launch", b"/EmbeddedFile")
TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def check_pdf(data: bytes, *, max_bytes: int = MAX_PDF_BYTES) -> None:
    """Raise FileProblem unless the bytes are a complete PDF of acceptable size and content."""
    if not data:
        raise FileProblem("empty")
    if len(data) > max_bytes:
        raise FileProblem("too_large", limit=max_bytes)
    if not PDF_HEADER.match(data[:8]):
        raise FileProblem("wrong_type")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise FileProblem("unreadable")  # cut off halfway, e.g. an interrupted download
    if any(marker in data for marker in ACTIVE_CONTENT):
        raise FileProblem("active_content")


def download_name(title: str) -> str:
    """A safe file name for the download, from the item's title: 'regiovisie-2022.pdf'."""
    # Punctuation such as an en dash has no ASCII form: make it a separator, not nothing.
    return slugify(re.sub(r"[^\w]+", " ", title), max_length=80, fallback="document") + ".pdf"


@dataclass(frozen=True)
class PdfStore:
    """PDFs of public pages in one folder, each under a random name."""

    directory: Path

    def save(self, data: bytes) -> str:
        """Store a checked PDF; returns its token."""
        check_pdf(data)
        self.directory.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(16)
        with open(self.directory / f"{token}.pdf", "xb") as handle:
            handle.write(data)
        return token

    def path(self, token: str) -> Path:
        """Where the token's file is; NotFound for a malformed token or a missing file."""
        if not TOKEN_PATTERN.match(token or ""):
            raise NotFound("bad pdf token")
        path = self.directory / f"{token}.pdf"
        if not path.is_file():
            raise NotFound("pdf missing")
        return path

    def delete(self, token: str) -> None:
        if TOKEN_PATTERN.match(token or ""):
            (self.directory / f"{token}.pdf").unlink(missing_ok=True)
