"""Crisis signals in a Dutch answer: suicide, danger at home, acute homelessness, medical.

Rule-based and local: the word patterns live in ``nlp/data/signals-nl.json`` (versioned,
reviewed as data). Text is normalised (lower case, no accents, straight quotes) with every
character kept in place, so spans point into the original text. A *phrase* fires on its
own; a *topic* word ("zelfmoord", "huiselijk geweld") fires only when its clause also
speaks about the writer ("ik", "me"). A negation cue just before a match in the same
clause ("ik denk er niet aan om...", "nooit", "geen"), or just after it, cancels it; so
does an overlapping figurative use ("ik ga dood van het lachen") or a kind's exclusion
("mijn oom pleegde zelfmoord"). Recall comes first: when in doubt, a pattern fires.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "signals-nl.json"
KINDS = ("suicide", "danger", "homeless", "medical")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """One pattern hit: its kind and character offsets into the original text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Signals:
    """The kinds found (in ``KINDS`` order) and the merged spans that triggered them."""

    kinds: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class _Kind:
    phrases: tuple[re.Pattern[str], ...]
    topics: tuple[re.Pattern[str], ...]
    context: re.Pattern[str]
    excludes: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Rules:
    """The compiled pattern lists of one version of the data file."""

    version: str
    kinds: dict[str, _Kind]
    figurative: tuple[re.Pattern[str], ...]
    clause_break: re.Pattern[str]
    cue: re.Pattern[str]
    window: int
    blockers: re.Pattern[str]
    after: re.Pattern[str]
    after_window: int


_GAP = r"(?:\w+ )"
_GAP_WITHOUT_NEGATION = r"(?:(?!(?:niet|nooit|geen|nergens)\b)\w+ )"


def _compile(pattern: str) -> re.Pattern[str]:
    """Wrap in word boundaries; a space matches white space (" ?": optional white space);
    a word gap ``(?:\\w+ )`` never swallows a negation ("ik slaap niet meer in de auto")."""
    pattern = pattern.replace(_GAP, _GAP_WITHOUT_NEGATION)
    pattern = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
    return re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)")


@lru_cache(maxsize=2)
def load_rules(path: Path = DATA) -> Rules:
    """Read and compile the pattern lists (once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    negation = data["negation"]
    kinds = {
        name: _Kind(
            phrases=tuple(_compile(p) for p in spec["phrases"]),
            topics=tuple(_compile(p) for p in spec["topic"]),
            context=re.compile(spec["context"]),
            excludes=tuple(_compile(p) for p in spec.get("exclude", [])),
        )
        for name, spec in data["kinds"].items()
    }
    return Rules(
        version=data["version"], kinds=kinds,
        figurative=tuple(_compile(p) for p in data["figurative"]),
        clause_break=re.compile(data["clause_break"]), cue=re.compile(negation["cue"]),
        window=negation["window"], blockers=re.compile(negation["blockers"]),
        after=re.compile(negation["after"]), after_window=negation["after_window"],
    )


def normalise(text: str) -> str:
    """Lower case without accents and with straight quotes, the same length as ``text``."""
    out = []
    for char in text.translate(_QUOTES):
        low = char.lower()
        base = unicodedata.normalize("NFD", low)[0] if len(low) == 1 else char
        out.append(base if len(base) == 1 else char)
    return "".join(out)


def _spans(patterns: Iterable[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in p.finditer(text)]


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


class _Clauses:
    """Clause limits of one text, from punctuation and a few conjunctions."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        found = list(pattern.finditer(text))
        self.ends = [m.end() for m in found]
        self.starts = [m.start() for m in found]
        self.length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        before = bisect.bisect_right(self.ends, start) - 1
        after = bisect.bisect_left(self.starts, end)
        left = self.ends[before] if before >= 0 else 0
        right = self.starts[after] if after < len(self.starts) else self.length
        return left, right


def _negated(text: str, start: int, end: int, clause: tuple[int, int], rules: Rules) -> bool:
    """A cue shortly before the match, with no verb or subordinate clause in between, or
    a cue right after it ("hij slaat me niet meer")."""
    before = text[clause[0] : start]
    for token in list(_TOKEN.finditer(before))[-rules.window :]:
        if rules.cue.match(before, token.start()) and not rules.blockers.search(
                before, token.end()):
            return True
    after = text[end : min(clause[1], end + rules.after_window)]
    return bool(rules.after.match(after))


def detect(text: str, *, rules: Rules | None = None) -> Signals:
    """The crisis signals in one answer."""
    rules = rules or load_rules()
    norm = normalise(text)
    clauses = _Clauses(norm, rules.clause_break)
    figurative = _spans(rules.figurative, norm)
    matches: list[Match] = []
    for name, kind in rules.kinds.items():
        excluded = figurative + _spans(kind.excludes, norm)
        candidates = [(span, False) for span in _spans(kind.phrases, norm)]
        candidates += [(span, True) for span in _spans(kind.topics, norm)]
        for (start, end), needs_context in candidates:
            clause = clauses.around(start, end)
            if needs_context and not kind.context.search(norm, clause[0], clause[1]):
                continue
            if _overlaps((start, end), excluded) or _negated(norm, start, end, clause, rules):
                continue
            matches.append(Match(kind=name, start=start, end=end))
    found = {m.kind for m in matches}
    return Signals(kinds=tuple(k for k in KINDS if k in found), spans=_merge(matches),
                   matches=tuple(sorted(matches, key=lambda m: (m.start, m.end))))


def _merge(matches: list[Match]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        if merged and match.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], match.end)
        else:
            merged.append([match.start, match.end])
    return tuple((start, end) for start, end in merged)


def detect_many(texts: Iterable[str]) -> list[Signals]:
    """``detect`` for each text, in order."""
    rules = load_rules()
    return [detect(text, rules=rules) for text in texts]
