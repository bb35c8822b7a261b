"""Read an uploaded CSV or XLSX file into a header and rows of text, within limits. No Flask."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from consult.errors import ConsultError

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_CELLS = 100_000  # 5,000 rows of 20 columns; also caps an XLSX file's shared strings
MAX_CELL_CHARS = 10_000  # the longest answer a question may allow
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # a 2 MB xlsx that inflates beyond this is a zip bomb
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
DELIMITERS = (";", ",", "\t")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileProblem(ConsultError):
    """The file cannot be used; ``code`` says why, ``limit`` gives the limit exceeded."""

    def __init__(self, code: str, *, limit: int | None = None):
        super().__init__(code)
        self.code = code
        self.limit = limit


@dataclass(frozen=True)
class Table:
    """A header row and the non-blank data rows, each with its line number in the file."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]


def read_table(data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> Table:
    """Parse CSV or XLSX content (decided by the content, not the name) into a Table."""
    if not data.strip():
        raise FileProblem("empty")
    if len(data) > max_bytes:
        raise FileProblem("too_large", limit=max_bytes)
    if data.startswith(b"PK\x03\x04"):
        return _table(_xlsx_rows(data), max_rows=max_rows)
    return _table(enumerate(_csv_rows(_decode(data)), start=1), max_rows=max_rows)


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise FileProblem("wrong_type")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if CONTROL_CHARS.search(text):
            raise FileProblem("wrong_type")
        return text
    raise FileProblem("encoding")


def _csv_rows(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as err:
        raise FileProblem("unreadable") from err


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from consult.intake import xlsx

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise FileProblem("wrong_type") from err
    names = set(archive.namelist())
    if not all(part in names for part in XLSX_PARTS):
        raise FileProblem("wrong_type")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        raise FileProblem("too_large", limit=MAX_BYTES)
    try:
        yield from xlsx.sheet_rows(archive, max_cells=MAX_CELLS, max_columns=MAX_COLUMNS)
    except xlsx.XlsxLimit as err:
        raise FileProblem(err.code, limit=MAX_BYTES if err.code == "too_large" else err.limit
                          ) from err
    except xlsx.READ_ERRORS as err:
        raise FileProblem("unreadable") from err


def _table(raw_rows: Iterable[tuple[int, list[str]]], *, max_rows: int) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line, raw in raw_rows:
        cells = [cell.strip() for cell in raw]
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise FileProblem("cell_too_long", limit=MAX_CELL_CHARS)
        if not any(cells):
            if line > 10 * max_rows:  # endless blank rows: stop reading
                break
            continue
        if headers is None:
            headers = cells
            continue
        if len(rows) >= max_rows:
            raise FileProblem("too_many_rows", limit=max_rows)
        rows.append((line, cells))
    if headers is None or not rows:
        raise FileProblem("no_rows")
    width = max(len(headers), *(len(cells) for _, cells in rows))
    if width > MAX_COLUMNS:
        raise FileProblem("too_many_columns", limit=MAX_COLUMNS)
    headers = [h or f"Kolom {i + 1}" for i, h in enumerate(headers + [""] * (width - len(headers)))]
    return Table(headers=headers, rows=[(n, c + [""] * (width - len(c))) for n, c in rows])
