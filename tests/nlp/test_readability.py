"""Plain-language hints: Flesch-Douma, long sentences, uncommon words and passive voice."""

from __future__ import annotations

import pytest

from nlp import readability
from nlp.readability import analyse, flesch_douma, is_participle, sentences, syllables


def test_flesch_douma_formula():
    # 10 words in 2 sentences with 15 syllables: 206.835 - 0.93 * 5 - 77 * 1.5
    assert flesch_douma(words=10, sentences=2, syllables=15) == pytest.approx(86.685)


@pytest.mark.parametrize(("word", "count"), [
    ("u", 1), ("huis", 1), ("even", 2), ("idee", 2), ("toestemming", 3),
    ("antwoorden", 3), ("e-mailadres", 4), ("geïnteresseerd", 5), ("privacyverklaring", 6),
])
def test_syllables(word, count):
    assert syllables(word) == count


def test_score_of_a_known_text():
    text = "Wij willen uw mening weten. Het duurt tien minuten."
    result = analyse(text)
    assert (result.words, result.sentences) == (9, 2)
    assert result.syllables == 14  # wij wil-len uw me-ning we-ten / het duurt tien mi-nu-ten
    assert result.score == pytest.approx(206.835 - 0.93 * 4.5 - 77 * 14 / 9)
    assert result.is_plain and not result.has_hints


def test_hard_text_scores_below_b1():
    result = analyse("De implementatie van het solidariteitsfonds vereist een multidisciplinaire "
                     "benadering.")
    assert result.score < readability.TARGET_SCORE
    assert not result.is_plain
    assert {"implementatie", "multidisciplinaire"} <= set(result.rare_words)


def test_sentences_split_at_punctuation_and_lines_not_after_abbreviations():
    text = "Kies bijv. een groep. Klaar!\nEen kop zonder punt\nVraag 2. Wat vindt u?"
    assert sentences(text) == ["Kies bijv. een groep.", "Klaar!", "Een kop zonder punt",
                               "Vraag 2. Wat vindt u?"]


def test_flags_sentences_over_fifteen_words():
    fifteen = "Wij vragen u in een paar zinnen te vertellen wat u van de hulp vindt."
    sixteen = "Wij vragen u in een paar korte zinnen te vertellen wat u van de hulp vindt."
    assert len(analyse(fifteen).long_sentences) == 0
    assert analyse(sixteen).long_sentences == (sixteen,)


def test_common_words_pass_and_inflections_are_recognised():
    result = analyse("Wij gebruiken uw antwoorden. De gemeenten hebben veel huizen gebouwd.")
    assert result.rare_words == ()


def test_names_inside_a_sentence_are_not_flagged():
    assert analyse("Wij wonen in Vlissingen.").rare_words == ()


@pytest.mark.parametrize(("text", "phrase"), [
    ("Uw antwoorden worden door ons gebruikt.", ("worden", "gebruikt")),
    ("Uw antwoord wordt bewaard tot het einde.", ("wordt", "bewaard")),
    ("Daarna werden de gegevens verwijderd.", ("werden", "verwijderd")),
    ("Uw antwoord is opgeslagen.", ("is", "opgeslagen")),
    ("Wij weten dat het plan gemaakt wordt.", ("wordt", "gemaakt")),
])
def test_passive_voice_is_flagged(text, phrase):
    found = analyse(text).passives
    assert [(p.auxiliary, p.participle) for p in found] == [phrase]
    assert found[0].sentence == text


@pytest.mark.parametrize("text", [
    "Wij gebruiken uw antwoorden.",
    "De gemeenten zijn gestart met een plan.",  # active perfect with "zijn"
    "Wij zijn gisteren gekomen.",
    "Hij heeft zijn huis verkocht.",  # "zijn" is "his" here
    "Het gebied wordt groter.",
])
def test_active_sentences_are_not_flagged(text):
    assert analyse(text).passives == ()


@pytest.mark.parametrize(("word", "expected"), [
    ("gebruikt", True), ("gemaakt", True), ("verwijderd", True), ("opgeslagen", True),
    ("ingetrokken", True), ("gebied", False), ("gemeenten", False), ("beleid", False),
    ("bericht", False),
])
def test_participles(word, expected):
    assert is_participle(word) is expected


def test_empty_text_has_no_score_and_no_hints():
    result = analyse("  ")
    assert result.score is None and result.is_plain and not result.has_hints
