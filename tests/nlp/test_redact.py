"""Tests for nlp.redact: every entity type, what must stay, offsets and hostile input."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import redact_names
from nlp.redact import LABELS, Entity, Redaction, redact, redact_many, warm_up


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    # Deduce loads once per process (seconds); every test below reuses it.
    warm_up()


def found(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in redact(text).entities]


POSITIVES = [
    ("Mijn begeleider Sandra de Vries belt me vaak.", "Sandra de Vries", "naam"),
    ("Mijn zus Fatima helpt mij.", "Fatima", "naam"),
    ("Mijn vriend Tesfay woont ook in de opvang.", "Tesfay", "naam"),
    ("Meneer van der Berg van het wijkteam is betrokken.", "van der Berg", "naam"),
    ("Ik sprak met Piet de Jong over mijn schulden.", "Piet de Jong", "naam"),
    ("Ahmad Al-Hassan helpt mij met de taal.", "Ahmad Al-Hassan", "naam"),
    ("Ik heet Tesfay en woon in Goes.", "Tesfay", "naam"),
    ("Dat is mijn mening.\nMet vriendelijke groet,\nYonas", "Yonas", "naam"),
    ("Mail naar jan.jansen@gmail.com graag.", "jan.jansen@gmail.com", "e-mail"),
    ("Bel 06-12345678 na vijf uur.", "06-12345678", "telefoonnummer"),
    ("Bel 06 12 34 56 78 na vijf uur.", "06 12 34 56 78", "telefoonnummer"),
    ("Bel +31 6 1234 5678 na vijf uur.", "+31 6 1234 5678", "telefoonnummer"),
    ("Bel 0113-123456 na vijf uur.", "0113-123456", "telefoonnummer"),
    ("Bel (0113) 12 34 56 na vijf uur.", "(0113) 12 34 56", "telefoonnummer"),
    ("Bel 0031 6 98765432 voor mijn moeder.", "0031 6 98765432", "telefoonnummer"),
    ("Mijn BSN is 123456782.", "123456782", "BSN"),
    ("Mijn BSN is 123.456.782.", "123.456.782", "BSN"),
    ("BSN 1234 56 782 staat op de brief.", "1234 56 782", "BSN"),
    ("Stort het op NL91 ABNA 0417 1643 00 graag.", "NL91 ABNA 0417 1643 00", "IBAN"),
    ("Stort het op NL91ABNA0417164300.", "NL91ABNA0417164300", "IBAN"),
    ("Ik woon op de Lange Kerkstraat 12 in Goes.", "Lange Kerkstraat 12", "adres"),
    ("Postcode 4461 AB en ik woon in Goes.", "4461 AB", "adres"),
    ("Ik ben geboren op 12-03-1985 in Goes.", "12-03-1985", "datum"),
    ("Geb. 12 maart 1985, woont in Oss.", "12 maart 1985", "datum"),
    ("Mijn geboortedatum is 1985-03-12.", "1985-03-12", "datum"),
    ("Kijk op https://www.emergis.nl/contact.", "https://www.emergis.nl/contact", "url"),
    ("Kijk op www.opvanggoes.nl voor info.", "www.opvanggoes.nl", "url"),
    ("Mijn auto 12-ABC-3 staat bij de opvang.", "12-ABC-3", "kenteken"),
    ("De bus AB-123-C rijdt niet meer.", "AB-123-C", "kenteken"),
    ("Mijn BSN is 12345672, zonder nul ervoor.", "12345672", "BSN"),
    ("Burgerservicenummer: 12345672.", "12345672", "BSN"),
    ("Mijn kenteken is 12abc3, de auto staat voor de deur.", "12abc3", "kenteken"),
    ("kenteken XX999X", "XX999X", "kenteken"),
]


@pytest.mark.parametrize(("text", "value", "label"), POSITIVES)
def test_detects_each_entity_type(text: str, value: str, label: str) -> None:
    # A title may be part of the span ("Meneer van der Berg"); the value must be inside.
    assert any(value in span and found_label == label for span, found_label in found(text))
    assert f"[{label}]" in redact(text).text
    assert value not in redact(text).text


NEGATIVES = [
    "Mijn klantnummer is 123456789, dat faalt de elfproef.",
    "Het rekeningnummer NL91 ABNA 0417 1643 01 klopt niet.",
    "Beschermd Wonen in Goes is te klein, de Maatschappelijke Opvang in Vlissingen zit vol.",
    "Het Leger des Heils, RIBW Brabant, Emergis, Novadic-Kentron en Juvent werken samen.",
    "Het wijkteam en het WMO-loket in 's-Hertogenbosch en Oss zijn slecht bereikbaar.",
    "In Middelburg helpt de GGZ en bij Reinier van Arkel kreeg ik een diagnose.",
    "Sinds januari 2023 woon ik hier, op 1 maart krijg ik een kamer.",
    "Elke dinsdag om 14.30 uur is er inloop; ik ben 34 jaar.",
    "Mijn schuld is gezakt van 12.000 naar 8.500 euro in 2024.",
    "Dossiernummer 2023-00451 staat op elke brief.",
    "Groeten uit Goes. Groeten, Ik hoop dat het beter wordt.",
    "Het kostte 12345672 euro en de code was 12ABC3.",
    "BSN-nummer 12345678 is fout ingevuld, dat faalt de elfproef.",
    "Mijn kenteken ABCDEF is een verzonnen woord.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_non_pii_alone(text: str) -> None:
    assert redact(text) == Redaction(text=text, entities=())


def test_name_stops_where_an_organisation_starts() -> None:
    text = "Mijn casemanager Peter Jansen van Leger des Heils regelt alles."
    assert redact(text).text == "Mijn casemanager [naam] van Leger des Heils regelt alles."


@pytest.mark.parametrize(("text", "expected"), [
    ("Jan de Vries (06-12345678) raakte zijn huis kwijt.",
     "[naam] ([telefoonnummer]) raakte zijn huis kwijt."),
    ("Bel mij (0113) 12 34 56.", "Bel mij [telefoonnummer]."),
    ("Bel mij (+31 6 12345678).", "Bel mij ([telefoonnummer])."),
])
def test_brackets_around_a_phone_number_stay_in_pairs(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_postcode_keeps_the_town() -> None:
    assert redact("Kerkplein 3, 4331 JK Middelburg").text == "[adres], [adres] Middelburg"


def test_imperative_is_not_part_of_a_name() -> None:
    assert redact("Bel Sandra de Vries op 06-12345678.").text == "Bel [naam] op [telefoonnummer]."


def test_offsets_refer_to_the_input_and_replacement_is_exact() -> None:
    text = "Bel Fatima op 06-12345678 of mail fatima@example.nl, BSN 123456782."
    result = redact(text)
    assert [(text[e.start : e.end], e.label) for e in result.entities] == [
        ("Fatima", "naam"),
        ("06-12345678", "telefoonnummer"),
        ("fatima@example.nl", "e-mail"),
        ("123456782", "BSN"),
    ]
    assert result.text == "Bel [naam] op [telefoonnummer] of mail [e-mail], BSN [BSN]."


def test_longest_detection_wins_overlaps() -> None:
    # The e-mail contains a name and the IBAN contains phone-like digits.
    assert found("Mail sandra.devries@gmail.com") == [("sandra.devries@gmail.com", "e-mail")]
    assert found("IBAN NL91 ABNA 0417 1643 00") == [("NL91 ABNA 0417 1643 00", "IBAN")]


def test_entities_and_redaction_are_frozen() -> None:
    result = redact("Bel 06-12345678")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.entities[0].label = "x"  # type: ignore[misc]


def test_redact_many_matches_redact() -> None:
    texts = ["Bel 06-12345678", "", "Mijn zus Fatima"]
    assert redact_many(texts) == [redact(t) for t in texts]
    assert redact_many(iter(texts)) == [redact(t) for t in texts]


def test_deduce_is_loaded_once_and_warm_up_is_idempotent() -> None:
    first = redact_names.load()
    warm_up()
    assert redact_names.load() is first


def test_concurrent_requests_agree() -> None:
    text = "Mijn begeleider Sandra de Vries belt me op 06-12345678."
    expected = redact(text)
    results: list[Redaction] = []
    threads = [threading.Thread(target=lambda: results.append(redact(text))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 8


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x1b[31m Jan \x7f\u200b\ufeff",
        "Fatima 👩‍👧 belt 📞 06-12345678 🏠",
        "مرحبا أحمد، שלום Jan de Vries \u202eBel 06-12345678\u202c",
        "<script>alert('Jan')</script><b>Sandra de Vries</b> &amp; 06-12345678",
        "\ud800 lone surrogate and Jan",
        "Jan " * 3000,
        ("Bel Sandra op 06-12345678. Ik woon in Goes. " * 1200)[:50_000],
    ],
)
def test_hostile_input_does_not_crash(text: str) -> None:
    result = redact(text)
    assert_consistent(text, result)


def assert_consistent(text: str, result: Redaction) -> None:
    """Entities are sorted, disjoint, in bounds, labelled, and exactly replaced."""
    rebuilt, position = [], 0
    for entity in result.entities:
        assert entity.label in LABELS
        assert position <= entity.start < entity.end <= len(text)
        rebuilt += [text[position : entity.start], f"[{entity.label}]"]
        position = entity.end
    assert result.text == "".join(rebuilt) + text[position:]


# Letters and digits are left out of the filler on purpose: a filler letter glued to a
# value would legitimately change what the value is ("x06-12345678" is not a number).
FILLER = st.text(
    alphabet=st.characters(
        blacklist_categories=("Lu", "Ll", "Lt", "Nd"), blacklist_characters="@.-+/()"
    ),
    max_size=40,
)
VALUES = st.sampled_from(
    [
        "06-12345678",
        "+31 6 1234 5678",
        "jan.jansen@gmail.com",
        "123456782",
        "NL91 ABNA 0417 1643 00",
        "https://www.example.nl/pad",
        "12-03-1985",
        "12-ABC-3",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_consistent_redaction(text: str) -> None:
    assert_consistent(text, redact(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, VALUES), min_size=1, max_size=4), FILLER)
def test_detected_values_never_survive(parts: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{filler} {value} " for filler, value in parts) + tail
    result = redact(text)
    assert_consistent(text, result)
    for _, value in parts:
        assert value not in result.text


def test_entity_is_a_plain_value_object() -> None:
    assert Entity(1, 2, "naam") == Entity(start=1, end=2, label="naam")


def test_importing_is_cheap_and_independent_of_the_web_app() -> None:
    # Deduce loads on warm_up, not on import; nlp never pulls in Flask or SQLAlchemy.
    code = (
        "import sys, nlp.redact, nlp.cli_redact; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'sqlalchemy', 'consult', 'deduce')]; print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
