"""The Dutch pipeline: trained if installed, otherwise the blank fallback with lemmas."""

from nlp.pipeline import BLANK_NAME, lemma, load_pipeline


def test_falls_back_to_blank_dutch_when_trained_pipeline_is_missing():
    pipe = load_pipeline(name="nl_core_news_does_not_exist")
    assert pipe.name == BLANK_NAME
    assert not pipe.trained
    assert pipe.nlp.lang == "nl"


def test_blank_pipeline_lemmatises_and_splits_sentences():
    pipe = load_pipeline(name="nl_core_news_does_not_exist")
    doc = next(pipe.pipe(["De wachtlijsten zijn lang. Woningen zijn er niet."]))
    assert len(list(doc.sents)) == 2
    lemmas = {lemma(t) for t in doc}
    assert {"wachtlijst", "woning"} <= lemmas


def test_pipeline_is_loaded_once():
    assert load_pipeline() is load_pipeline()
