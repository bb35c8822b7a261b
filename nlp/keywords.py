"""Keywords, labels and representative answers for clustered answers."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from nlp.encoders import without_speaker

N_KEYWORDS = 8
N_REPRESENTATIVES = 5
MAX_SIMILAR = 0.97


def theme_keywords(
    terms: Sequence[Sequence[str]], labels: np.ndarray, n_themes: int, *, top: int = N_KEYWORDS
) -> list[list[str]]:
    """Distinctive lemmas and bigrams per theme by class-based TF-IDF (as in BERTopic)."""
    from sklearn.feature_extraction.text import CountVectorizer

    if n_themes == 0 or not any(terms):
        return [[] for _ in range(n_themes)]
    vec = CountVectorizer(analyzer=lambda x: x, binary=True)
    counts = vec.fit_transform(terms)
    vocab = vec.get_feature_names_out()
    member = labels >= 0
    onehot = sparse.csr_matrix(
        (np.ones(member.sum()), (labels[member], np.flatnonzero(member))),
        shape=(n_themes, len(terms)),
    )
    per_theme = (onehot @ counts).toarray().astype(np.float64)
    return [_pick(per_theme, t, vocab, top=top) for t in range(n_themes)]


def _pick(per_theme: np.ndarray, theme: int, vocab: np.ndarray, *, top: int) -> list[str]:
    row = per_theme[theme]
    total = per_theme.sum(axis=0)
    avg = per_theme.sum() / max(len(per_theme), 1)
    score = (row / max(row.sum(), 1.0)) * np.log1p(avg / np.maximum(total, 1.0))
    score[row < min(2.0, row.max())] = 0.0  # a keyword should recur inside its theme
    chosen: list[str] = []
    covered: set[str] = set()
    for i in np.argsort(-score, kind="stable"):
        if score[i] <= 0 or len(chosen) == top:
            break
        words = set(vocab[i].split())
        if words <= covered:
            continue
        chosen.append(str(vocab[i]))
        covered |= words
    return chosen


NOUNS = frozenset({"NOUN", "PROPN"})
MAX_DESCRIPTION = 240


def make_labels(
    keywords: Sequence[Sequence[str]],
    *,
    forms: Mapping[str, Counter] | None = None,
    pos: Mapping[str, Counter] | None = None,
    taken: Sequence[str] = (),
) -> list[str]:
    """A short, readable and unique label per theme, as people wrote it.

    The label is the theme's most distinctive phrase that ends in a noun ("wachttijd
    ambulante begeleiding", "betaalbare woningen"), or two such words joined by "en". It
    never repeats a word, and no two themes (nor any label in ``taken``) share one.
    Without a tagger every keyword counts as a noun.
    """
    forms = forms or {}
    pos = pos or {}
    used = {label.lower() for label in taken}
    labels: list[str] = []
    for words in keywords:
        options = _candidates(words, forms, pos) or ["overig"]
        label = next((c for c in options if c.lower() not in used), "")
        label = label or _numbered(options[0], used)
        used.add(label.lower())
        labels.append(label)
    return labels


def _candidates(
    keywords: Sequence[str], forms: Mapping[str, Counter], pos: Mapping[str, Counter]
) -> list[str]:
    """Labels for one theme, best first."""
    nouns = [k for k in keywords if _is_noun(k, pos)]
    singles = [k for k in nouns if " " not in k]
    out: list[str] = []
    # A phrase leads when it is among the two most distinctive nouns, or holds the first.
    first_words = set(nouns[0].split()) if nouns else set()
    for phrase in [k for k in nouns[:3] if " " in k]:
        if phrase in nouns[:2] or first_words & set(phrase.split()):
            out.append(_written(phrase, forms))
    for i, first in enumerate(singles[:3]):
        for second in [w for w in singles[i + 1 :] if not _related(first, w)][:2]:
            out.append(f"{_written(first, forms)} en {_written(second, forms)}")
    out += [_written(k, forms) for k in nouns[:4] if " " in k]
    out += [_written(k, forms) for k in singles[:3]]
    return [label for label in dict.fromkeys(out) if _no_repeats(label)]


def _related(a: str, b: str) -> bool:
    """Words of one family ("woning", "huurwoning"; "begeleiding", "begeleider")."""
    return a in b or b in a or len(os.path.commonprefix([a, b])) >= 5


def _is_noun(term: str, pos: Mapping[str, Counter]) -> bool:
    tags = pos.get(term)
    if not tags:  # no tagger in the pipeline
        return True
    return tags.most_common(1)[0][0] in NOUNS


def _written(term: str, forms: Mapping[str, Counter]) -> str:
    """How people most often wrote the term."""
    seen = forms.get(term)
    return seen.most_common(1)[0][0] if seen else term


def _no_repeats(label: str) -> bool:
    words = [w for w in label.split() if w != "en"]
    return len(words) == len(set(words))


def _numbered(base: str, used: set[str]) -> str:
    n = 2
    while f"{base} ({n})".lower() in used:
        n += 1
    return f"{base} ({n})"


def describe(sentences: Sequence[str], vectors: np.ndarray, centroid: np.ndarray) -> str:
    """The sentence closest to the theme's centre, shortened to ``MAX_DESCRIPTION``.

    Sentences without a redaction tag go first: "Ik ben [naam] en ..." says little.
    """
    if not len(sentences):
        return ""
    sims = vectors @ centroid
    has_tag = np.array(["[" in s for s in sentences])
    sims = np.where(has_tag & ~has_tag.all(), sims - 2.0, sims)
    best = without_speaker(" ".join(sentences[int(np.argmax(sims))].split()))
    best = best[:1].upper() + best[1:]
    if len(best) <= MAX_DESCRIPTION:
        return best
    return best[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


def representatives(
    vectors: np.ndarray,
    members: np.ndarray,
    centroid: np.ndarray,
    texts: Sequence[str],
    *,
    top: int = N_REPRESENTATIVES,
) -> list[int]:
    """Answers closest to the centroid that are not near-copies of one already chosen."""
    order = members[np.argsort(-(vectors[members] @ centroid), kind="stable")]
    chosen: list[int] = []
    seen: set[str] = set()
    for idx in order:
        key = " ".join(texts[idx].lower().split())
        if key in seen:
            continue
        if chosen and np.max(vectors[chosen] @ vectors[idx]) > MAX_SIMILAR:
            continue
        chosen.append(int(idx))
        seen.add(key)
        if len(chosen) == top:
            break
    return chosen
