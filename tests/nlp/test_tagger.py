"""The Dutch UPOS tagger shipped in nlp/data/tagger-nl, and the lemmas that use its tags."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from nlp.pipeline import BLANK_NAME, TAGGER_PATH, lemma, load_pipeline
from nlp.train_tagger import CONFIG, HELD_OUT, accuracy, bucket, read_conllu

SAMPLE = Path(__file__).with_name("data") / "ud-nl-heldout.conllu"
ROOT = Path(__file__).resolve().parents[2]
MIN_ACCURACY = 0.92  # the shipped model scores 0.949 on this sample (3,145 tokens)


@pytest.fixture(scope="module")
def nlp():
    pipe = load_pipeline(name="nl_core_news_does_not_exist")
    return pipe.nlp


@pytest.fixture(scope="module")
def heldout():
    return list(read_conllu(SAMPLE))


def test_pipeline_reports_the_tagger_and_loads_it_from_the_repository(nlp):
    assert "ud-tagger-upos" in BLANK_NAME
    assert TAGGER_PATH.is_relative_to(ROOT / "nlp" / "data")
    assert nlp.pipe_names[:2] == ["tok2vec", "morphologizer"]
    meta = json.loads((TAGGER_PATH / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert "Alpino" in (TAGGER_PATH / "README.md").read_text(encoding="utf-8")


def test_tags_nouns_and_adjectives_of_a_consultation_sentence(nlp):
    doc = nlp("De wachtlijsten voor betaalbare woningen zijn lang.")
    tags = {t.text: t.pos_ for t in doc}
    assert tags["wachtlijsten"] == "NOUN"
    assert tags["woningen"] == "NOUN"
    assert tags["betaalbare"] == "ADJ"


def test_sample_was_held_out_of_training(heldout):
    assert len(heldout) == 200
    assert all(bucket(s.sent_id) in HELD_OUT for s in heldout)


def test_upos_accuracy_on_held_out_sentences(nlp, heldout):
    correct, total = accuracy(nlp, heldout)
    assert total > 3000
    assert correct / total >= MIN_ACCURACY


def test_accuracy_check_rejects_an_untrained_tagger(heldout):
    config = spacy.util.load_config(CONFIG, interpolate=False)
    untrained = spacy.util.load_model_from_config(config, auto_fill=True)
    vocab = untrained.vocab
    untrained.initialize(lambda: [Example(s.doc(vocab, gold=False), s.doc(vocab))
                                  for s in heldout])  # labels and shapes only, no training
    correct, total = accuracy(untrained, heldout)
    assert correct / total < MIN_ACCURACY


@pytest.mark.parametrize(("word", "expected"), [
    ("woningen", "woning"), ("cliënten", "cliënt"), ("gemeenten", "gemeente"),
    ("wachtlijsten", "wachtlijst"),
])
def test_plural_nouns_get_their_singular_lemma(nlp, word, expected):
    doc = nlp(f"Wij praten over de {word} in de regio.")
    token = next(t for t in doc if t.lower_ == word)
    assert token.pos_ == "NOUN"
    assert lemma(token) == expected


def test_a_verb_is_not_lemmatised_as_a_plural_noun(nlp):
    doc = nlp("Veel mensen wachten te lang op hulp.")
    lemmas = {t.text: lemma(t) for t in doc}
    assert lemmas["mensen"] == "mens"
    assert lemmas["wachten"] == "wachten"  # not "wacht", the guard's post


def test_tagger_files_ship_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["nlp"]
    shipped = {p for pattern in patterns for p in (ROOT / "nlp").glob(pattern) if p.is_file()}
    needed = {p for p in TAGGER_PATH.rglob("*") if p.is_file()}
    assert needed and needed <= shipped
