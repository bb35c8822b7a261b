"""Crisis signals: each kind, negation, figurative speech, spans, data file and CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from nlp import __main__ as nlp_main
from nlp.cli_signals import run
from nlp.signals import DATA, KINDS, detect, load_rules, normalise


@pytest.mark.parametrize(("text", "kind"), [
    ("ik wil gewoon niet meer leven", "suicide"),
    ("Ik heb al weken zelfmoordgedachten", "suicide"),
    ("soms denk ik aan zelfmoord", "suicide"),
    ("ik spaar mijn pillen op", "suicide"),
    ("ik zie het echt niet meer zitten", "suicide"),
    ("Ik ben suïcidaal", "suicide"),
    ("mijn vriend slaat me als hij gedronken heeft", "danger"),
    ("ik weet niet waarom hij me slaat", "danger"),
    ("ik ben niet veilig thuis", "danger"),
    ("hij dreigt me te vermoorden", "danger"),
    ("ik durf niet meer naar huis", "danger"),
    ("ik slaap vannacht buiten", "homeless"),
    ("ik word vandaag uit mijn huis gezet", "homeless"),
    ("weet niet waar ik vanavond moet slapen", "homeless"),
    ("omdat ik geen woning heb slaap ik in mijn auto", "homeless"),
    ("ik heb te veel pillen genomen", "medical"),
    ("ik heb pijn op mijn borst", "medical"),
    ("ik ben al dagen zonder medicatie", "medical"),
    ("nu mijn moeder dood is, wil ik ook niet meer leven", "suicide"),
    ("volgens mij is mijn gezin beter af zonder mij", "suicide"),
    ("ik liep naar het viaduct en wou eraf springen", "suicide"),
    ("we pitten nu in het busje van mijn broer", "homeless"),
    ("ik heb Veilig Thuis gebeld omdat ik bang ben", "danger"),
])
def test_each_kind_is_found(text: str, kind: str) -> None:
    assert kind in detect(text).kinds


@pytest.mark.parametrize("text", [
    "ik denk er niet aan om zelfmoord te plegen",
    "ik heb nooit aan zelfmoord gedacht",
    "er is geen huiselijk geweld bij ons",
    "hij slaat me niet meer sinds hij in therapie is",
    "ik slaap niet meer in mijn auto, ik heb nu een kamer",
    "ik ben niet suïcidaal, wel boos op de gemeente",
    "ik wil niet dood, ik wil gewoon een huis",
])
def test_negation_cancels_a_signal(text: str) -> None:
    assert detect(text).kinds == ()


@pytest.mark.parametrize("text", [
    "ik word gek van die wachtlijst",
    "ik ga dood van het lachen",
    "die regels maken me kapot",
    "ik sterf van de honger",
    "ik verveel me dood in de dagbesteding",
    "ik ga buiten wandelen met mijn hond",
    "er moet meer aandacht komen voor zelfmoordpreventie",
    "mijn oom heeft zelfmoord gepleegd toen ik klein was",
    "daklozen slapen in de winter buiten",
    "ik voel me veilig thuis",
    "mijn tante werkt bij Veilig Thuis",
    "we sliepen in een tentje op de camping",
    "in de zomer wil ik met mijn neefje van de brug springen om te zwemmen",
])
def test_figurative_and_third_person_uses_do_not_fire(text: str) -> None:
    assert detect(text).kinds == ()


def test_negation_does_not_reach_across_a_clause() -> None:
    assert detect("ik heb geen geld meer, ik wil dood").kinds == ("suicide",)
    assert detect("ik kan niet anders dan in mijn auto slapen").kinds == ("homeless",)


def test_spans_point_into_the_original_text_and_kinds_keep_their_order() -> None:
    text = "Ik slaap vannacht BUITEN en eigenlijk wil ik dood."
    found = detect(text)
    assert found.kinds == ("suicide", "homeless")
    assert [text[start:end] for start, end in found.spans] == [
        "slaap vannacht BUITEN", "wil ik dood"]


def test_normalise_keeps_every_offset() -> None:
    text = "İk ben suïcidaal’s nachts"
    assert len(normalise(text)) == len(text)
    assert "suicidaal's" in normalise(text)


def test_pattern_data_is_versioned_and_complete() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert data["version"] == load_rules().version
    assert data["changelog"][0].startswith(data["version"])
    assert set(data["kinds"]) == set(KINDS)


def signal_lines(*lines: str) -> tuple[int, list[dict], str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(io.StringIO("".join(line + "\n" for line in lines)), stdout, stderr)
    return status, [json.loads(line) for line in stdout.getvalue().splitlines()], stderr.getvalue()


def test_cli_writes_one_line_per_input_in_order() -> None:
    texts = ["ik wil dood", "ik word gek van die wachtlijst", "hij slaat me"]
    status, records, stderr = signal_lines(*(json.dumps({"text": t}) for t in texts), "")
    assert status == 0 and stderr == ""
    assert records == [{"signals": ["suicide"], "spans": [[3, 11]]},
                       {"signals": [], "spans": []},
                       {"signals": ["danger"], "spans": [[4, 12]]}]


def test_cli_reports_a_bad_line_without_stopping() -> None:
    status, records, stderr = signal_lines('{"tekst": 1}', '{"text": "ik wil dood"}')
    assert status == 1 and "line 1" in stderr
    assert "error" in records[0] and records[1]["signals"] == ["suicide"]


def test_python_m_nlp_signals_runs_from_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "nlp", "signals"], capture_output=True,
                          text=True, input='{"text": "ik heb geen slaapplek voor vannacht"}\n')
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["signals"] == ["homeless"]
    assert nlp_main.main(["signals", "extra"]) == 2
