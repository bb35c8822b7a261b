"""Plain-language (B1) hints for Dutch text: Flesch-Douma, long sentences, rare words, passive.

Syllables come from pyphen's nl_NL hyphenation patterns (the LibreOffice dictionary), with
the number of vowel groups as a floor: the patterns leave short words such as "even" or
"idee" whole. Common words are in ``data/common-words-nl.txt`` (see its licence note);
inflected forms are matched through spaCy's Dutch lemma lookup table, read directly so that
this module loads neither spaCy nor anything of the web app. Everything here suggests;
nothing decides.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyphen

TARGET_SCORE = 60.0  # Flesch-Douma at or above this reads as B1 ("vrij makkelijk")
LONG_SENTENCE = 15  # words
WORDS_FILE = Path(__file__).with_name("data") / "common-words-nl.txt"

_LETTERS = "a-zà-öø-ÿ"
WORD = re.compile(rf"[{_LETTERS}]+(?:[-'’][{_LETTERS}]+)*", re.IGNORECASE)
VOWEL_GROUP = re.compile(r"(?:ij|[aeiouyàáâäèéêëíîòóôöúûü])+", re.IGNORECASE)
DIAERESIS = re.compile(r"[ëïöüä]")
# A sentence ends at . ! ? (followed by space and not after an abbreviation) or a line break.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
ABBREVIATIONS = frozenset({"bijv", "bv", "o.a", "art", "nr", "enz", "etc", "d.w.z", "m.a.w",
                           "t/m", "incl", "excl", "ca", "mevr", "dhr", "tel", "zgn", "blz"})

WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
ZIJN = frozenset({"is", "zijn", "was", "waren", "ben", "bent", "geweest"})
HEBBEN = frozenset({"heb", "hebt", "heeft", "hebben", "had", "hadden"})  # "zijn" is then "his"
PARTICLES = ("aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe",
             "uit", "vast", "voor", "weg", "samen", "binnen", "los", "neer", "rond", "thuis")
_PARTICLE = "|".join(PARTICLES)
GE_PARTICIPLE = re.compile(rf"^(?:{_PARTICLE})?ge[{_LETTERS}]{{2,}}(?:t|d|en)$")
PREFIX_PARTICIPLE = re.compile(
    rf"^(?:{_PARTICLE})?(?:be|ver|ont|her|er)[{_LETTERS}]{{2,}}(?:t|d|en)$")
# Words of participle shape that are not participles.
NOT_PARTICIPLES = frozenset({"gebied", "gezond", "geluid", "gemiddeld", "gezicht", "gewicht",
                             "gerecht", "geweld", "gebed", "geleden", "genoeg", "geheid"})
# With "zijn" these form the active perfect ("wij zijn gestart"), not the passive.
ZIJN_VERBS = frozenset({"gaan", "komen", "beginnen", "stoppen", "blijven", "worden", "zijn",
                        "starten", "vertrekken", "verhuizen", "sterven", "vallen", "gebeuren",
                        "veranderen", "groeien", "lukken", "mislukken", "ontstaan", "verdwijnen",
                        "stijgen", "dalen", "slagen", "opgroeien", "terugkomen", "aankomen",
                        "opstaan", "weggaan", "binnenkomen", "meegaan", "overlijden"})


@dataclass(frozen=True)
class Passive:
    """A form of "worden" or "zijn" with a past participle in one sentence."""

    auxiliary: str
    participle: str
    sentence: str


@dataclass(frozen=True)
class Readability:
    """Counts, the Flesch-Douma score (None without words) and the flagged parts."""

    score: float | None
    words: int
    sentences: int
    syllables: int
    long_sentences: tuple[str, ...]
    rare_words: tuple[str, ...]
    passives: tuple[Passive, ...]

    @property
    def is_plain(self) -> bool:
        """Whether the score reaches the B1 target (an empty text has nothing to fix)."""
        return self.score is None or self.score >= TARGET_SCORE

    @property
    def has_hints(self) -> bool:
        return not self.is_plain or bool(self.long_sentences or self.rare_words or self.passives)


def flesch_douma(*, words: int, sentences: int, syllables: int) -> float:
    """206.835 - 0.93 * (words per sentence) - 77 * (syllables per word)."""
    return 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's nl_NL splits, at least one per vowel group."""
    total = 0
    for part in word.lower().replace("’", "'").replace("'", "-").split("-"):
        if not part:
            continue
        by_pattern = len(_hyphenator().positions(part)) + 1
        by_vowels = len(VOWEL_GROUP.findall(part)) + len(DIAERESIS.findall(part[1:]))
        total += max(by_pattern, by_vowels, 1)
    return total


def sentences(text: str) -> list[str]:
    """Split into sentences: at line breaks, and after . ! ? unless it ends an abbreviation."""
    found = []
    for line in text.splitlines():
        start = 0
        for match in SENTENCE_END.finditer(line):
            before = line[start:match.start()].rstrip(".!?\"'”’)").rsplit(" ", 1)[-1].lower()
            if before in ABBREVIATIONS or re.fullmatch(r"\d+", before):
                continue
            found.append(line[start:match.start()].strip())
            start = match.end()
        found.append(line[start:].strip())
    return [s for s in found if WORD.search(s)]


def words(sentence: str) -> list[str]:
    """The words of a sentence (letters, with inner hyphens and apostrophes); no numbers."""
    return WORD.findall(sentence)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list of common Dutch words (lemmas and some forms), lower case."""
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's Dutch lookup lemmas (word form -> lemma) from spacy-lookups-data."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def lemma_set() -> frozenset[str]:
    """Every lemma in the lookup table (mostly verb infinitives and noun singulars)."""
    return frozenset(lemma_table().values())


def base_forms(word: str) -> set[str]:
    """The word and the forms it may inflect from: lookup lemma, stripped endings, participle."""
    forms = {word, lemma_table().get(word, word)}
    for ending in ("s", "e", "n", "en", "t", "d", "er", "ste", "te", "de"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms |= {stem, stem + "en", stem[:-1] if stem[-1:] == stem[-2:-1] else stem,
                      stem[:-1] + {"z": "s", "v": "f"}.get(stem[-1:], stem[-1:])}  # huizen
    if word.startswith("ge") and word[-1:] in "td":  # gebruikt -> gebruiken, gemaakt -> maken
        stem = word[2:-1]
        forms |= {word[:-1] + "en", stem + "en", stem[:-2] + stem[-1] + "en"}
    return forms


def _known(word: str) -> bool:
    return bool(base_forms(word) & common_words())


def is_common(word: str) -> bool:
    """Whether a word, a base form of it, or both halves of a two-part compound are common."""
    lower = word.lower()
    if _known(lower):
        return True
    return any(lower[:i] in common_words() and _known(lower[i:].removeprefix("s"))
               for i in range(3, len(lower) - 2))


def _is_name(word: str, position: int) -> bool:
    return position > 0 and word[:1].isupper() and not word.isupper()


def rare_words(sentence_list: list[str]) -> list[str]:
    """Words not on the common list, once each, in order; names inside a sentence are skipped."""
    seen, rare = set(), []
    for sentence in sentence_list:
        for position, word in enumerate(words(sentence)):
            key = word.lower()
            if key in seen or len(word) < 2 or _is_name(word, position):
                continue
            seen.add(key)
            if not is_common(word):
                rare.append(word)
    return rare


def is_participle(word: str) -> bool:
    """Whether a word looks like a past participle ("gebruikt", "opgeslagen", "bewaard")."""
    word = word.lower()
    if word in NOT_PARTICIPLES or word.endswith("heid"):
        return False
    lemma = lemma_table().get(word)
    verb_lemma = lemma is not None and lemma != word and lemma.endswith("n")
    if GE_PARTICIPLE.match(word):
        return verb_lemma or (lemma is None and not word.endswith("en"))
    if PREFIX_PARTICIPLE.match(word):
        return verb_lemma or (lemma is None and word[-1] in "td"
                              and word[:-1] + "en" in lemma_set())
    return False


def passives(sentence: str) -> list[Passive]:
    """Forms of "worden"/"zijn" with a past participle in the same sentence."""
    tokens = [w.lower() for w in words(sentence)]
    found = []
    auxiliaries = WORDEN if HEBBEN.intersection(tokens) else WORDEN | ZIJN
    for aux in (t for t in tokens if t in auxiliaries):
        participle = next((t for t in tokens if t != aux and is_participle(t)), None)
        if participle is None:
            continue
        if aux in ZIJN and lemma_table().get(participle, "") in ZIJN_VERBS:
            continue
        found.append(Passive(auxiliary=aux, participle=participle, sentence=sentence))
        break
    return found


def analyse(text: str) -> Readability:
    """Score a Dutch text and flag what makes it harder than B1."""
    sentence_list = sentences(text or "")
    per_sentence = [words(s) for s in sentence_list]
    word_count = sum(len(w) for w in per_sentence)
    syllable_count = sum(syllables(w) for ws in per_sentence for w in ws)
    score = (flesch_douma(words=word_count, sentences=len(sentence_list),
                          syllables=syllable_count) if word_count else None)
    return Readability(
        score=score, words=word_count, sentences=len(sentence_list), syllables=syllable_count,
        long_sentences=tuple(s for s, ws in zip(sentence_list, per_sentence, strict=True)
                             if len(ws) > LONG_SENTENCE),
        rare_words=tuple(rare_words(sentence_list)),
        passives=tuple(p for s in sentence_list for p in passives(s)),
    )
