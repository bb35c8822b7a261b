"""Load the Dutch spaCy pipeline once: a trained ``nl_core_news_*`` if installed, else ours.

Ours is the small UPOS tagger shipped in ``nlp/data/tagger-nl`` (trained by
``nlp/train_tagger.py`` on UD Dutch), with the lookup lemmatizer and a sentence splitter.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from thinc.api import use_ops

DEFAULT_TRAINED = "nl_core_news_md"
TAGGER_PATH = Path(__file__).with_name("data") / "tagger-nl"
BLANK_NAME = "blank:nl+ud-tagger-upos+lookup-lemmas+sentencizer"
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline and the name reported in results."""

    nlp: Language
    name: str
    trained: bool

    def pipe(self, texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
        """Process texts in batches."""
        return self.nlp.pipe(texts, batch_size=batch_size)


def trained_name() -> str:
    """Name of the trained pipeline to prefer (``CONSULT_SPACY_MODEL`` or nl_core_news_md)."""
    return os.environ.get("CONSULT_SPACY_MODEL", DEFAULT_TRAINED)


@lru_cache(maxsize=4)
def load_pipeline(*, name: str | None = None) -> Pipeline:
    """Load the trained pipeline ``name`` if installed, otherwise the shipped tagger fallback."""
    wanted = name or trained_name()
    if wanted and spacy.util.is_package(wanted):
        nlp = spacy.load(wanted, exclude=["ner"])
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer")
        return Pipeline(nlp=nlp, name=f"{wanted}-{nlp.meta.get('version', '?')}", trained=True)
    return Pipeline(nlp=blank_pipeline(), name=BLANK_NAME, trained=False)


def blank_pipeline() -> Language:
    """The shipped UPOS tagger with the lookup lemmatizer and a rule-based sentence splitter."""
    # thinc's own BLIS kernels ran the tagger 1.4x slower than NumPy's BLAS (bench/pipeline.py).
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(TAGGER_PATH)
    # Initialise only the new lemmatizer: nlp.initialize() would reset the trained tagger.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    nlp.add_pipe("sentencizer")
    return nlp


NOUN_TAGS = frozenset({"NOUN", "PROPN", ""})  # "": a pipeline without part of speech


def lemma(token: Token) -> str:
    """Lower-case lemma; spaCy's noun exceptions fill irregular plurals the lookup misses."""
    text = token.lower_
    found = token.lemma_.lower() or text
    if found[:1] != text[:1]:  # the lookup table's few slips: "hoog" -> "oog"
        found = text
    if found == text and token.pos_ in NOUN_TAGS:  # the verb "wachten" is no plural of "wacht"
        found = noun_exceptions().get(text, text)
    return found


@lru_cache(maxsize=1)
def noun_exceptions() -> dict[str, str]:
    """Irregular Dutch noun plurals (mensen -> mens, gemeenten -> gemeente)."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_exc.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        nouns = json.load(handle).get("noun", {})
    return {form: lemmas[0] for form, lemmas in nouns.items() if lemmas}
