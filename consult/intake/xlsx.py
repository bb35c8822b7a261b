"""Stream the first sheet of an XLSX workbook as text rows, with hard caps. No Flask.

openpyxl loads the whole shared-strings table before the first row, even in read-only
mode: a 150 KB file with millions of tiny strings held a worker for minutes. Here every
part is read with ``iterparse`` and counted as it streams, so a hostile file is refused
after at most ``max_cells`` strings or ``XML_ELEMENTS_PER_CELL * max_cells`` elements.
openpyxl only lends its table of number formats, to recognise dates.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from xml.etree.ElementTree import Element, ParseError  # nosec B405 (types; defusedxml parses)

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WORKBOOK = "xl/workbook.xml"
SMALL_PART_BYTES = 5 * 1024 * 1024  # workbook, relationships and styles: far below this
XML_ELEMENTS_PER_CELL = 5  # <c><v>, <si><t>, rich-text runs: a real file stays far below
READ_ERRORS = (ParseError, DefusedXmlException, KeyError, IndexError, ValueError, OverflowError,
               zipfile.BadZipFile, zlib.error, EOFError)


class XlsxLimit(Exception):  # noqa: N818  (a limit, not an error in the code)
    """The workbook exceeds a limit; ``code`` and ``limit`` say which."""

    def __init__(self, code: str, limit: int):
        super().__init__(code)
        self.code, self.limit = code, limit


@dataclass(frozen=True)
class _Book:
    strings: list[str]
    date_styles: frozenset[int]
    epoch: datetime


def sheet_rows(archive: zipfile.ZipFile, *, max_cells: int, max_columns: int
               ) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cell texts) for each row of the first sheet that has a cell.

    Raises ``XlsxLimit`` when a cap is hit and one of ``READ_ERRORS`` on a damaged file.
    """
    workbook = _small_part(archive, WORKBOOK)
    targets = _relationships(archive)
    first = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if first is None:
        raise KeyError("workbook without sheets")
    properties = workbook.find(f"{MAIN}workbookPr")
    mac = properties is not None and properties.get("date1904") in ("1", "true")
    strings_part = targets.get("sharedStrings")
    book = _Book(
        strings=_shared_strings(archive, strings_part, max_cells) if strings_part else [],
        date_styles=_date_styles(archive, targets.get("styles")),
        epoch=CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900)
    sheet = targets[first.get(f"{DOC_REL}id", "")]
    yield from _rows(archive, sheet, book, max_cells=max_cells, max_columns=max_columns)


def _small_part(archive: zipfile.ZipFile, name: str) -> Element:
    if archive.getinfo(name).file_size > SMALL_PART_BYTES:
        raise XlsxLimit("too_large", SMALL_PART_BYTES)
    return SafeTree.fromstring(archive.read(name))


def _relationships(archive: zipfile.ZipFile) -> dict[str, str]:
    """Workbook relationships: by id, and by the last word of their type (``styles``)."""
    targets: dict[str, str] = {}
    for rel in _small_part(archive, "xl/_rels/workbook.xml.rels").iter(f"{PKG_REL}Relationship"):
        target = rel.get("Target", "")
        path = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        targets[rel.get("Id", "")] = path
        targets.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], path)
    return targets


def _elements(archive: zipfile.ZipFile, part: str, *, max_cells: int
              ) -> Iterator[Element]:
    """Stream the closed elements of a part; refuse the file after too many of them."""
    budget = XML_ELEMENTS_PER_CELL * max_cells
    with archive.open(part) as stream:
        for count, (_, element) in enumerate(SafeTree.iterparse(stream), start=1):
            if count > budget:
                raise XlsxLimit("too_many_cells", max_cells)
            yield element


def _shared_strings(archive: zipfile.ZipFile, part: str, max_cells: int) -> list[str]:
    strings: list[str] = []
    for element in _elements(archive, part, max_cells=max_cells):
        if element.tag == f"{MAIN}si":
            if len(strings) >= max_cells:  # more distinct texts than a file may have cells
                raise XlsxLimit("too_many_cells", max_cells)
            strings.append(_text(element))
            element.clear()
    return strings


def _text(element: Element) -> str:
    """The text of a string item: plain <t>, or the runs of rich text (not phonetic hints)."""
    runs = [element.find(f"{MAIN}t")] + [r.find(f"{MAIN}t") for r in element.iter(f"{MAIN}r")]
    return "".join(t.text or "" for t in runs if t is not None)


def _date_styles(archive: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    """Indexes of the cell styles whose number format shows a date or time."""
    if part is None or part not in archive.namelist():
        return frozenset()
    styles = _small_part(archive, part)
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(f"{MAIN}numFmt"):
        formats[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
    cell_formats = styles.find(f"{MAIN}cellXfs")
    xfs = [] if cell_formats is None else cell_formats.findall(f"{MAIN}xf")
    return frozenset(index for index, xf in enumerate(xfs)
                     if is_date_format(formats.get(int(xf.get("numFmtId", "0")), "")))


def _rows(archive: zipfile.ZipFile, part: str, book: _Book, *, max_cells: int,
          max_columns: int) -> Iterator[tuple[int, list[str]]]:
    number = 0
    for element in _elements(archive, part, max_cells=max_cells):
        if element.tag != f"{MAIN}row":
            continue
        number = int(element.get("r") or number + 1)
        cells: dict[int, str] = {}
        for position, cell in enumerate(element.iter(f"{MAIN}c"), start=1):
            column = _column(cell.get("r")) or position
            value = _value(cell, book)
            if column > max_columns and value:
                raise XlsxLimit("too_many_columns", max_columns)
            if value:
                cells[column] = value
        element.clear()
        if cells:
            yield number, [cells.get(column, "") for column in range(1, max(cells) + 1)]


def _column(reference: str | None) -> int:
    """Column number of a reference such as ``AB12`` (28), or 0 if there is none."""
    column = 0
    for char in (reference or "").upper():
        if not "A" <= char <= "Z":
            break
        column = column * 26 + ord(char) - 64
    return column


def _value(cell: Element, book: _Book) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{MAIN}is")
        return "" if inline is None else _text(inline)
    raw = cell.findtext(f"{MAIN}v")
    if not raw:  # also a formula whose result was never saved
        return ""
    if kind == "s":
        return book.strings[int(raw)]
    if kind == "b":
        return str(raw.strip() in ("1", "true"))
    if kind != "n":  # str (formula result), e (error), d (ISO date)
        return raw
    if int(cell.get("s", "0")) in book.date_styles:
        return _date_text(from_excel(float(raw), epoch=book.epoch))
    return _number_text(raw)


def _number_text(raw: str) -> str:
    try:
        return str(int(raw))
    except ValueError:
        number = float(raw)
    return str(int(number)) if number.is_integer() else str(number)


def _date_text(value: datetime | date | time | timedelta | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime | date | time) else str(value)
