"""Tests for ``python -m nlp redact``: JSON-lines schema, offsets, bad lines, dispatch."""

from __future__ import annotations

import io
import json

import pytest

from nlp import __main__ as nlp_main
from nlp.cli_redact import run
from nlp.redact import LABELS, warm_up


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    warm_up()


def redact_lines(*lines: str) -> tuple[int, list[dict], str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(io.StringIO("".join(line + "\n" for line in lines)), stdout, stderr)
    return status, [json.loads(line) for line in stdout.getvalue().splitlines()], stderr.getvalue()


def test_writes_the_documented_schema_with_input_offsets() -> None:
    text = "Mijn zus Fatima belt op 06-12345678 vanuit Goes 🏠."
    status, records, stderr = redact_lines(json.dumps({"text": text}, ensure_ascii=False))
    assert status == 0 and stderr == ""
    [record] = records
    assert set(record) == {"text", "entities"}
    assert record["text"] == "Mijn zus [naam] belt op [telefoonnummer] vanuit Goes 🏠."
    for entity in record["entities"]:
        assert set(entity) == {"start", "end", "label"}
        assert entity["label"] in LABELS
    assert [text[e["start"] : e["end"]] for e in record["entities"]] == ["Fatima", "06-12345678"]


def test_one_output_line_per_input_line_in_order() -> None:
    texts = ["Bel 06-12345678", "", "Geen PII in Middelburg.", "BSN 123456782"]
    status, records, _ = redact_lines(*(json.dumps({"text": t}) for t in texts))
    assert status == 0
    assert [r["text"] for r in records] == ["Bel [telefoonnummer]", "", texts[2], "BSN [BSN]"]


def test_extra_fields_are_ignored_and_blank_lines_skipped() -> None:
    status, records, _ = redact_lines('{"text": "Bel 06-12345678", "id": 7}', "", "   ")
    assert status == 0
    entity = {"start": 4, "end": 15, "label": "telefoonnummer"}
    assert records == [{"text": "Bel [telefoonnummer]", "entities": [entity]}]


@pytest.mark.parametrize("line", ["not json", "[1, 2]", '{"text": 3}', '{"tekst": "x"}', "{"])
def test_bad_lines_are_reported_without_stopping_the_batch(line: str) -> None:
    status, records, stderr = redact_lines(line, '{"text": "Bel 06-12345678"}')
    assert status == 1
    assert "error" in records[0] and "line 1" in stderr
    assert records[1]["text"] == "Bel [telefoonnummer]"


def test_dispatch_through_python_m_nlp(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "Mijn zus Fatima"}\n')))
    assert nlp_main.main(["redact"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "Mijn zus [naam]"


def test_rejects_arguments() -> None:
    assert nlp_main.main(["redact", "--what"]) == 2
