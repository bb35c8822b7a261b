"""Reading uploaded files: encodings, delimiters, XLSX, and every limit."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from consult.intake.files import FileProblem, read_table

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
