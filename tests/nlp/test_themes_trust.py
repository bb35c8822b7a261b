"""Themes a policy officer can trust: one answer in one place, readable labels, fair chapters."""

from __future__ import annotations

import numpy as np
import pytest

from nlp import copies, encoders, features
from nlp.pipeline import load_pipeline
from nlp.themes import ChapterSeed, find_themes


@pytest.fixture
def fresh_memory():
    encoders._VECTORS.clear()
    yield
    encoders._VECTORS.clear()


def _encode(texts, monkeypatch, *, batch, readers):
    monkeypatch.setattr(encoders, "BATCH", batch)
    monkeypatch.setattr(encoders, "READERS", readers)
    encoders._VECTORS.clear()
    return encoders.UseEncoder().encode(texts, [["x"]] * len(texts))


def test_a_text_gets_the_same_vector_in_any_batch_and_on_any_number_of_threads(
    monkeypatch, theme_texts, fresh_memory
):
    texts = [f"{t} Nummer {i}." for i in range(3) for t in theme_texts]
    reference = _encode(texts, monkeypatch, batch=len(texts), readers=1)
    for batch, readers in [(1, 1), (7, 3), (64, 2)]:
        assert np.array_equal(_encode(texts, monkeypatch, batch=batch, readers=readers), reference)
    # the same text between different neighbours: read in another order
    backwards = _encode(texts[::-1], monkeypatch, batch=5, readers=2)[::-1]
    assert np.array_equal(backwards, reference)


def test_copies_that_differ_in_spacing_are_read_once_and_share_one_vector(
    monkeypatch, fresh_memory
):
    read = []
    real = encoders._read

    def counting(batches):
        read.extend(t for b in batches for t in b)
        return real(batches)

    monkeypatch.setattr(encoders, "_read", counting)
    texts = ["Er zijn te weinig woningen.", "Er  zijn te weinig\nwoningen. ", "Wonen is duur."]
    vectors = encoders.UseEncoder().encode(texts, [["x"]] * 3)
    assert read == ["Er zijn te weinig woningen.", "Wonen is duur."]
    assert np.array_equal(vectors[0], vectors[1])


def test_themes_do_not_depend_on_batch_size_or_threads(monkeypatch, theme_texts, fresh_memory):
    texts = theme_texts + [theme_texts[0]] * 15  # a campaign among the answers
    runs = []
    for batch, readers in [(64, 3), (3, 1)]:
        monkeypatch.setattr(encoders, "BATCH", batch)
        monkeypatch.setattr(encoders, "READERS", readers)
        encoders._VECTORS.clear()
        runs.append(find_themes(texts, seed=0, segment=False))
    assert runs[0].assignments == runs[1].assignments
    assert [t.label for t in runs[0].themes] == [t.label for t in runs[1].themes]
    assert len({runs[0].assignments[i] for i in [0, *range(60, 75)]}) == 1


def test_near_copies_are_found_and_counted_per_theme():
    letter = ("Ik maak mij grote zorgen over de sluiting van de nachtopvang in onze stad, "
              "want mensen slapen dan buiten in de kou.")
    texts = [
        letter,
        letter + " Met vriendelijke groet, [naam]",
        "Geachte heer, " + letter,
        letter.replace("grote", "ernstige"),
        "De wachtlijst voor beschermd wonen is veel te lang, dat moet echt anders.",
        "Er moet meer betaalbare woonruimte komen voor jongeren die uitstromen.",
        "Ja",
        "Ja",
        "",
    ]
    found = copies.groups(texts)
    assert len({found[i] for i in range(4)}) == 1 and found[0] >= 0
    assert found[4:] == [-1] * 5  # different answers, and short agreement, are no copies
    assert copies.count(found) == 4
    assert copies.count(found, [0, 4, 5]) == 1


def test_near_copies_are_reported_with_each_theme(theme_texts):
    campaign = ["Stop de bezuinigingen op de maatschappelijke opvang in onze regio nu meteen."] * 8
    result = find_themes(theme_texts + campaign, seed=0)
    assert sum(t.near_copies for t in result.themes) + sum(
        1 for i, a in enumerate(result.assignments) if a is None and result.copies[i] >= 0
    ) == 8
    assert result.to_json()["near_copies"] == 8
    assert all(t.to_dict()["near_copies"] == t.near_copies for t in result.themes)


def test_placeholders_stop_words_numbers_and_filler_are_never_keywords():
    texts = [
        f"Ik ben [naam] en ik woon {n} jaar per half jaar in de nachtopvang, alstublieft."
        for n in range(12)
    ] + [
        f"Bel mij op [telefoonnummer], de schulden bij de bank zijn hoog ({n} euro)."
        for n in range(12)
    ]
    result = find_themes(texts, seed=0)
    words = {w for t in result.themes for k in t.keywords for w in k.split()}
    assert words, "the answers have topic words"
    forbidden = {"naam", "telefoonnummer", "per", "half", "alstublieft", "ik", "de", "en", "jaar"}
    assert not words & forbidden
    assert not any(w.isdigit() for w in words)
    assert not any(set(t.label.split()) & (forbidden - {"en"}) for t in result.themes)


def test_placeholders_are_not_words_that_link_answers():
    doc = load_pipeline().nlp("Ik ben [naam] en ik woon in [adres] bij de opvang.")
    assert "naam" not in features.doc_words(doc) and "adres" not in features.doc_words(doc)
    assert "opvang" in features.doc_words(doc)


def test_labels_are_unique_never_repeat_a_word_and_come_with_a_description(theme_texts):
    result = find_themes(theme_texts, seed=0)
    labels = [t.label for t in result.themes]
    assert len(set(labels)) == len(labels)
    for theme in result.themes:
        words = [w for w in theme.label.split() if w != "en"]
        assert len(words) == len(set(words)), theme.label
        assert theme.description, theme.label
        members = [theme_texts[i] for i, a in enumerate(result.assignments) if a == theme.id]
        assert any(theme.description in " ".join(m.split()) for m in members)


def test_labels_read_as_written_and_do_not_repeat_across_themes():
    from collections import Counter

    from nlp.keywords import make_labels

    keywords = [["ambulant begeleiding", "ambulant", "begeleiding"], ["woning", "huur"],
                ["woning", "huur"], []]
    forms = {"ambulant begeleiding": Counter({"ambulante begeleiding": 3}),
             "woning": Counter({"woningen": 5, "woning": 1})}
    labels = make_labels(keywords, forms=forms, taken=["Wonen"])
    assert labels[0] == "ambulante begeleiding"
    assert labels[1] == "woningen en huur"
    assert labels[2] not in labels[:2] and labels[2]
    assert labels[3] == "overig"
    pos = {"huur": Counter({"NOUN": 2}), "helpen": Counter({"VERB": 4}),
           "woning": Counter({"NOUN": 3})}
    assert make_labels([["helpen", "huur", "woning"]], pos=pos) == ["huur en woning"]


def test_a_chapter_seed_that_does_not_fit_the_answers_does_not_name_their_theme(theme_texts):
    seeds = [ChapterSeed("Schulden", ("schuld", "incasso")),
             ChapterSeed("Financiën en solidariteit", ("fonds", "bijdrage", "begroting"))]
    result = find_themes(theme_texts, seeds=seeds, seed=0)
    by_label = {t.label: t for t in result.themes}
    assert "Schulden" in by_label and by_label["Schulden"].chapter_match >= 0.5
    # nobody wrote about a shared fund: no theme may carry that chapter's name
    assert "Financiën en solidariteit" not in by_label
    for theme in result.themes:
        if theme.chapter == "Financiën en solidariteit":
            assert theme.chapter_match < 0.5 and theme.label != theme.chapter
