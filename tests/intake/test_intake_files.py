"""Reading uploaded files: encodings, delimiters, XLSX, and every limit."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from consult.intake.files import (
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_UNZIPPED_BYTES,
    FileProblem,
    read_table,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = [("xl/workbook.xml", "sheet.main"), ("xl/worksheets/sheet1.xml", "worksheet"),
                 ("xl/sharedStrings.xml", "sharedStrings")]
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def shared_strings_xlsx(rows, *, unused: int = 0, sheet_xml: bytes | None = None) -> bytes:
    """A workbook as Excel writes it: text in a shared-strings table, plus ``unused`` entries.

    With ``unused`` in the millions this is the hostile file: tiny, but a huge table.
    """
    texts = [str(v) for row in rows for v in row]
    cells = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="s"><v>{texts.index(str(v))}</v>'
                                   "</c>" for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, start=1))
    sheet = sheet_xml or (f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData>'
                          "</worksheet>").encode()
    strings = (f'<sst xmlns="{MAIN}">'.encode()
               + b"".join(f"<si><t>{t}</t></si>".encode() for t in texts)
               + b"<si><t>a</t></si>" * unused + b"</sst>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<Types xmlns="{CT}">' + "".join(
            f'<Override PartName="/{part}" ContentType="{OOXML}.{kind}+xml"/>'
            for part, kind in CONTENT_TYPES) + "</Types>")
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                         f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                         '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">'
                         f'<Relationship Id="rId1" Type="{REL}/worksheet" '
                         'Target="worksheets/sheet1.xml"/>'
                         f'<Relationship Id="rId2" Type="{SST_REL}" Target="sharedStrings.xml"/>'
                         "</Relationships>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", strings)
    return buffer.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def unzipped_size(data: bytes) -> int:
    return sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())


@pytest.mark.parametrize("content", [
    'Groep;Antwoord\r\nCliënt;"Meer hulp; graag"\r\n'.encode(),
    "\ufeffGroep;Antwoord\nCliënt;\"hulp; graag\"\n".encode(),
    "Groep,Antwoord\nCliënt,\"hulp; graag\"\n".encode("cp1252"),
    "Groep\tAntwoord\nCliënt\thulp; graag\n".encode(),
])
def test_csv_encodings_and_delimiters(content):
    table = read_table(content)
    assert table.headers == ["Groep", "Antwoord"]
    assert table.rows[0][1][0] == "Cliënt"
    assert table.rows[0][1][1].endswith("hulp; graag")


def test_blank_rows_are_skipped_but_line_numbers_kept():
    table = read_table(b"Groep;Antwoord\n\nclient;ja\n;\nnaaste;nee\n")
    assert [line for line, _ in table.rows] == [3, 5]


def test_short_rows_are_padded_and_empty_headers_named():
    table = read_table(b"Groep;\nclient\nnaaste;tekst;extra\n")
    assert table.headers == ["Groep", "Kolom 2", "Kolom 3"]
    assert table.rows[0][1] == ["client", "", ""]


def test_xlsx_cells_become_text():
    table = read_table(xlsx_bytes([["Groep", "Nummer", "Antwoord"], ["client", 3, "Meer hulp"],
                                   [None, None, None], ["naaste", 2.5, None]]))
    assert table.headers == ["Groep", "Nummer", "Antwoord"]
    assert table.rows == [(2, ["client", "3", "Meer hulp"]), (4, ["naaste", "2.5", ""])]


@pytest.mark.parametrize(("content", "code"), [
    (b"", "empty"),
    (b"   \n", "empty"),
    (PNG + b"\x00" * 100, "wrong_type"),
    (b"Groep;Antwoord\x07\nclient;ja\n", "wrong_type"),
    (b"Groep;Antwoord\n", "no_rows"),
    (b"\x81\x8d\x8f\x90\x9d", "encoding"),
])
def test_unusable_files(content, code):
    with pytest.raises(FileProblem) as err:
        read_table(content)
    assert err.value.code == code


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(FileProblem) as err:
        read_table(buffer.getvalue())
    assert err.value.code == "wrong_type"


def test_a_damaged_workbook_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml")
        archive.writestr("xl/workbook.xml", "not xml")
    with pytest.raises(FileProblem) as err:
        read_table(buffer.getvalue())
    assert err.value.code == "unreadable"


def test_limits():
    with pytest.raises(FileProblem) as err:
        read_table(b"a;b\n" + b"x;y\n" * 11, max_rows=10)
    assert (err.value.code, err.value.limit) == ("too_many_rows", 10)
    with pytest.raises(FileProblem) as err:
        read_table(b"a;b\n" + b"x" * 3000, max_bytes=2000)
    assert err.value.code == "too_large"
    with pytest.raises(FileProblem) as err:
        read_table((";".join(f"k{i}" for i in range(60)) + "\nx\n").encode())
    assert err.value.code == "too_many_columns"


def test_xlsx_with_a_shared_strings_table_is_read():
    table = read_table(shared_strings_xlsx([["Groep", "Antwoord"], ["client", "Meer hulp"],
                                            ["naaste", "client"]]))
    assert table.headers == ["Groep", "Antwoord"]
    assert table.rows == [(2, ["client", "Meer hulp"]), (3, ["naaste", "client"])]


def test_a_small_xlsx_with_a_huge_shared_strings_table_is_refused(monkeypatch):
    from consult.intake import xlsx

    hostile = shared_strings_xlsx([["Groep", "Antwoord"], ["client", "ja"]],
                                  unused=2 * MAX_CELLS)
    assert len(hostile) < MAX_BYTES and unzipped_size(hostile) < MAX_UNZIPPED_BYTES
    read, real_text = [], xlsx._text
    monkeypatch.setattr(xlsx, "_text", lambda element: read.append(1) or real_text(element))
    with pytest.raises(FileProblem) as err:
        read_table(hostile)
    assert (err.value.code, err.value.limit) == ("too_many_cells", MAX_CELLS)
    assert len(read) == MAX_CELLS  # it stopped reading at the cap, not at the end


def test_a_sheet_of_endless_empty_cells_is_refused():
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()
             + b'<c r="A1"/>' * (6 * MAX_CELLS) + b"</row></sheetData></worksheet>")
    hostile = shared_strings_xlsx([["Groep"]], sheet_xml=sheet)
    assert len(hostile) < MAX_BYTES and unzipped_size(hostile) < MAX_UNZIPPED_BYTES
    with pytest.raises(FileProblem) as err:
        read_table(hostile)
    assert err.value.code == "too_many_cells"


def test_xlsx_columns_far_out_are_refused_only_when_they_hold_text():
    def sheet(far_cell: str) -> bytes:
        return (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                f'</row><row r="2"><c r="A2" t="s"><v>1</v></c>{far_cell}</row></sheetData>'
                "</worksheet>").encode()

    rows = [["Groep"], ["client"]]
    styled_only = read_table(shared_strings_xlsx(rows, sheet_xml=sheet('<c r="XFD2" s="1"/>')))
    assert styled_only.rows == [(2, ["client"])]
    with pytest.raises(FileProblem) as err:
        read_table(shared_strings_xlsx(rows, sheet_xml=sheet('<c r="XFD2" t="s"><v>0</v></c>')))
    assert (err.value.code, err.value.limit) == ("too_many_columns", 50)


@pytest.mark.parametrize("content", [
    ("Groep;Antwoord\nclient;" + "x" * (MAX_CELL_CHARS + 1) + "\n").encode(),
    shared_strings_xlsx([["Groep", "Antwoord"], ["client", "x" * (MAX_CELL_CHARS + 1)]]),
])
def test_a_cell_longer_than_any_answer_is_refused(content):
    with pytest.raises(FileProblem) as err:
        read_table(content)
    assert (err.value.code, err.value.limit) == ("cell_too_long", MAX_CELL_CHARS)
