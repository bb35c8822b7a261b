"""Turn texts into word lists (for embedding) and lemma terms (for keywords and TF-IDF)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc, Span, Token

from nlp.pipeline import Pipeline, lemma

# Words that appear in almost every consultation answer and say nothing about its theme.
BOILERPLATE = frozenset(
    """
    vinden vind denk denken graag eigenlijk echt gewoon beter goed heel erg veel meer
    mensen mens ervaring vraag antwoord reactie opmerking punt idee belangrijk zien
    gaan komen maken krijgen moeten kunnen willen zullen zeggen staan laten doen hebben
    zijn worden blijven weten nemen geven houden vinden lijken zou zouden jaar keer
    dank bedankt hoop hopen gedaan eerlijk gezegd opvallen mee weet nodig
    """.split()
)
# Words that are never a keyword nor a reason to link answers, though spaCy's stop list lacks
# them: function words, politeness filler, and calendar words (a question about "januari"
# is no theme of its own).
FILLER = frozenset(
    """
    per half via circa zowel alsmede echter wel niet nee ja oke oké okay etc enzovoort
    alstublieft alsjeblieft svp graag groet groeten vriendelijk hartelijk bedankt dank
    beste geachte meneer mevrouw heer hallo hoi succes sorry excuus excuses
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    eerste tweede derde vierde vijfde elk elke enkele sommige diverse verschillende
    hoeveel hoe waarom welke wanneer waar
    """.split()
)
# Parts of speech that carry no topic (when the pipeline has a tagger).
FUNCTION_POS = frozenset(
    {"ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NUM", "PART", "PRON", "PUNCT", "SCONJ",
     "SYM", "X"}
)
MAX_WORDS = 400


@dataclass(frozen=True)
class Parsed:
    """Per text: lower-case words, lemma terms, and sentences (char offsets and words).

    ``forms``: per term, how it was written (lower case), to show a label as people wrote
    it: "ambulant begeleiding" reads as "ambulante begeleiding". ``pos``: per term, the
    parts of speech of its last word (empty without a tagger).
    """

    words: list[list[str]]
    terms: list[list[str]]
    sentences: list[list[tuple[int, int]]]
    sentence_words: list[list[list[str]]]
    forms: dict[str, Counter] = field(default_factory=dict)
    pos: dict[str, Counter] = field(default_factory=dict)


def parse(
    texts: Sequence[str],
    pipe: Pipeline,
    *,
    sentences: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Parsed:
    """Run the pipeline over all texts once and keep what the theme engine needs."""
    words, terms, spans, sentence_words = [], [], [], []
    forms: dict[str, Counter] = {}
    pos: dict[str, Counter] = {}
    for doc in pipe.pipe(texts):
        words.append(doc_words(doc))
        terms.append(doc_terms(doc, forms=forms, pos=pos))
        sents = [s for s in doc.sents if s.text.strip()]
        spans.append([(s.start_char, s.end_char) for s in sents])
        several = sentences and len(sents) > 1
        sentence_words.append([doc_words(s) for s in sents] if several else [])
        if progress:
            progress(1)
    return Parsed(words, terms, spans, sentence_words, forms, pos)


def content(tokens: Doc | Span) -> list:
    """Alphabetic tokens that are not stop words nor placeholders, capped for long answers."""
    return [
        t
        for t in tokens
        if t.is_alpha and not t.is_stop and len(t) > 1 and not t.like_num
        and not is_placeholder(t)
    ][:MAX_WORDS]


def is_placeholder(token: Token) -> bool:
    """Whether the token is the tag of a redaction, such as ``naam`` in ``[naam]``."""
    doc, i = token.doc, token.i
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "[" and doc[i + 1].text == "]"


def doc_words(tokens: Doc | Span) -> list[str]:
    """Lower-case content words, the unit looked up in the static table."""
    return [sys.intern(t.lower_) for t in content(tokens)]  # interned: 100k answers share words


def doc_terms(
    tokens: Doc | Span,
    *,
    forms: dict[str, Counter] | None = None,
    pos: dict[str, Counter] | None = None,
) -> list[str]:
    """Lemmas that can carry a topic, plus bigrams of adjacent kept lemmas.

    ``forms`` and ``pos``, when given, collect how each term was written and tagged.
    """
    kept: list[tuple[int, str, Token]] = []
    for tok in content(tokens):
        lem = lemma(tok)
        if is_topic_word(tok, lem):
            kept.append((tok.i, lem, tok))
    bigrams = [
        (f"{a} {b}", f"{x.lower_} {y.lower_}", y)
        for (i, a, x), (j, b, y) in zip(kept, kept[1:], strict=False)
        if j == i + 1 and a != b
    ]
    terms = [(lem, tok.lower_, tok) for _, lem, tok in kept] + bigrams
    if forms is not None and pos is not None:
        for term, written, last in terms:
            forms.setdefault(term, Counter())[written] += 1
            if last.pos_:
                pos.setdefault(term, Counter())[last.pos_] += 1
    return [sys.intern(term) for term, _, _ in terms]


def is_topic_word(token: Token, lem: str) -> bool:
    """Whether a content word may be a keyword: no boilerplate, filler or function word."""
    return (
        len(lem) > 2
        and lem not in BOILERPLATE
        and lem not in FILLER
        and token.lower_ not in FILLER
        and not token.vocab[lem].is_stop
        and token.pos_ not in FUNCTION_POS
    )


def tfidf(terms: Sequence[Sequence[str]], *, min_df: int = 2):
    """Sparse TF-IDF matrix (sublinear, L2) and its vocabulary over precomputed terms."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = min_df if len(terms) >= 20 else 1
    vec = TfidfVectorizer(analyzer=lambda x: x, min_df=min_df, sublinear_tf=True)
    try:
        matrix = vec.fit_transform(terms)
    except ValueError:  # no term survives min_df
        return None, []
    return matrix, list(vec.get_feature_names_out())


def lsa(matrix, *, dim: int = 100, seed: int = 0) -> np.ndarray:
    """Dense unit vectors from TF-IDF by truncated SVD (the lexical-only fallback)."""
    from sklearn.decomposition import TruncatedSVD

    dim = min(dim, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if dim < 2:
        dense = matrix.toarray().astype(np.float32)
    else:
        dense = TruncatedSVD(dim, random_state=seed).fit_transform(matrix).astype(np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return dense / np.maximum(norms, 1e-9)
