"""Person names and street addresses via ``deduce``, the Dutch de-identification library.

Deduce brings curated Dutch lists (first names, surnames, tussenvoegsels, streets, place
names, care institutions) and context rules ("mijn zus Fatima", "dhr. Jansen"). We keep
only its person and street-address annotations. Its place-name and institution annotators
stay enabled although we discard their output: in deduce's overlap resolution they win
against name guesses, which is what keeps "Goes" or "Juvent" out of ``[naam]``.

Loading deduce unpickles a ~75 MB lookup cache (seconds); the very first load builds that
cache (minutes). Both happen once per process, in :func:`load`, guarded by a lock.
"""

from __future__ import annotations

import gc
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.redact_lexicon import (
    NAME_GAP,
    NOT_NAMES,
    NOT_NAMES_AFTER_CUE,
    PROTECTED,
    RELATION_NAME,
    TRAILING_PARTICLES,
)

if TYPE_CHECKING:
    from deduce import Deduce

Span = tuple[int, int, str]

# Deduce groups whose output we either detect better ourselves (phonenumbers, stdnum,
# own patterns) or do not want at all (ages). Skipping them also saves time per answer.
_DISABLED = frozenset({
    "dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls", "redactor",
})  # fmt: skip

_NAME_TAGS = frozenset({"persoon", "patient"})
_HAS_DIGIT = re.compile(r"[0-9]")

# Deduce's context annotator extends name chains one token per recursion until nothing
# changes: cubic time and a RecursionError on hostile input such as "Jan " * 1000. Real
# names need a handful of extensions ("M. J. van der Berg-de Vries"), so we stop at this.
_MAX_CONTEXT_ROUNDS = 3

_lock = threading.Lock()
_deduce: Deduce | None = None


def _bound_context_annotator(deduce: Deduce) -> None:
    """Swap deduce's name-context annotator for a subclass with bounded iterations."""
    from deduce.annotator import ContextAnnotator
    from docdeid import AnnotationSet

    class BoundedContextAnnotator(ContextAnnotator):
        def _annotate(
            self, text: str, annotations: AnnotationSet, _round: int = 0
        ) -> AnnotationSet:
            original = annotations.copy()
            for context_pattern in self.pattern:
                annotations = self._apply_context_pattern(text, annotations, context_pattern)
            if _round < _MAX_CONTEXT_ROUNDS:
                changed = AnnotationSet(annotations.difference(original))
                annotations = AnnotationSet(annotations.intersection(original))
                if changed:
                    annotations.update(self._annotate(text, changed, _round + 1))
            return annotations

    annotator = deduce.processors["names"]["name_context"]
    if type(annotator) is not ContextAnnotator or not annotator.iterative:
        raise RuntimeError("deduce's name_context annotator changed; review the bound")
    # Same instance state, bounded behaviour; keeps the processor's position in the group.
    annotator.__class__ = BoundedContextAnnotator


def load() -> Deduce:
    """The process-wide deduce instance; builds or loads its lookup cache on first call."""
    global _deduce
    if _deduce is None:
        with _lock:
            if _deduce is None:
                from deduce import Deduce  # deferred: importing is cheap, loading is not

                # Deduce keeps its cache inside the installed package unless told otherwise;
                # a read-only deployment points this at a writable, persistent directory.
                cache = os.environ.get("CONSULT_DEDUCE_CACHE")
                deduce = Deduce(cache_path=Path(cache)) if cache else Deduce()
                _bound_context_annotator(deduce)
                # Millions of long-lived lookup objects: keep them out of the cyclic
                # garbage collector, whose full passes would otherwise take seconds.
                gc.freeze()
                _deduce = deduce
    return _deduce


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PROTECTED.finditer(text)]


def _inside_protected(start: int, end: int, protected: list[tuple[int, int]]) -> bool:
    return any(p_start <= start and end <= p_end for p_start, p_end in protected)


_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def _cut_at_protected(start: int, end: int, protected: list[tuple[int, int]]) -> int:
    """End a name where an organisation begins: "Peter Jansen van Leger des Heils"."""
    cuts = [p_start for p_start, _ in protected if start < p_start < end]
    return min(cuts, default=end)


def _trim_name(
    text: str, start: int, end: int, protected: list[tuple[int, int]]
) -> tuple[int, int]:
    """Shrink a name span to its name words; (start, start) when nothing is left.

    Deduce chains "van"/"de" onto a following capitalised word, so a name can run on
    into an organisation ("Annelies van Dam van Juvent"), and it takes imperatives for
    first names ("Bel Sandra"). Both would hide analysis-relevant words.
    """
    end = _cut_at_protected(start, end, protected)
    words = list(_WORD.finditer(text, start, end))
    while words and words[0].group().lower() in NOT_NAMES:
        words.pop(0)
    while words and words[-1].group().lower() in NOT_NAMES | TRAILING_PARTICLES:
        words.pop()
    if not words:
        return start, start
    return max(start, words[0].start()), min(end, words[-1].end())


_ADDRESS_TOKEN = re.compile(r"\S+")
_POSTCODE_CORE = re.compile(r"[1-9][0-9]{3} ?[A-Z]{2}(?![A-Za-z])")
# House-number additions deduce leaves out: "12A-2", "12-III", "12 hs", "12 bis".
_HOUSE_ADDITION = re.compile(r"(?:-[0-9A-Za-z]{1,4}|\s(?:hs|bis|I{1,3}|[0-9]?hoog))(?![0-9A-Za-z])")


def _trim_address(text: str, start: int, end: int) -> int:
    """New end for an address span, dropping a trailing place name ("4461 AB Goes").

    Deduce merges a postcode with the town after it; the town is analysis data, not PII.
    The span ends after the last token with a digit, a one-letter house-number suffix
    ("Zuidsingel 4 a") or the letters of a postcode.
    """
    tokens = list(_ADDRESS_TOKEN.finditer(text, start, end))
    last = max((i for i, t in enumerate(tokens) if _HAS_DIGIT.search(t.group())), default=None)
    if last is None:
        return end
    new_end = tokens[last].end()
    if last + 1 < len(tokens) and len(tokens[last + 1].group().rstrip(".,")) == 1:
        new_end = tokens[last + 1].end()
    postcodes = [m.end() for m in _POSTCODE_CORE.finditer(text, start, end)]
    new_end = max([new_end, *postcodes])
    addition = _HOUSE_ADDITION.match(text, new_end)
    return addition.end() if addition and new_end == tokens[last].end() else new_end


def _label_for(tag: str, value: str) -> str | None:
    if tag in _NAME_TAGS:
        return "naam"
    # After deduce's own clean-up a "locatie" with a digit is a street plus house number
    # or a postcode; without a digit it is a place name, which we keep.
    if tag == "locatie" and _HAS_DIGIT.search(value):
        return "adres"
    return None


def _relation_names(text: str) -> list[Span]:
    spans = []
    for match in RELATION_NAME.finditer(text):
        name = match.group("name")
        # The relation word matched case-insensitively, but the name must be capitalised
        # and not an acronym ("mijn begeleider GGZ") or an ordinary word.
        ordinary = name.lower() in NOT_NAMES or name.lower() in NOT_NAMES_AFTER_CUE
        if name[0].isupper() and not name.isupper() and not ordinary:
            spans.append((match.start("name"), match.end("name"), "naam"))
    return spans


def _merge_name_parts(text: str, spans: list[Span]) -> list[Span]:
    """Join name spans separated only by whitespace, hyphens or a particle ("Al-")."""
    names = sorted(s for s in spans if s[2] == "naam")
    merged: list[Span] = []
    for start, end, label in names:
        previous_end = merged[-1][1] if merged else -1
        if merged and (start <= previous_end or NAME_GAP.fullmatch(text, previous_end, start)):
            merged[-1] = (merged[-1][0], max(end, previous_end), label)
        else:
            merged.append((start, end, label))
    return merged + [s for s in spans if s[2] != "naam"]


def find_names_and_addresses(text: str) -> list[Span]:
    """``naam`` and ``adres`` spans from deduce, minus protected organisation names."""
    if not text.strip():
        return []
    document = load().deidentify(text, disabled=set(_DISABLED))
    protected = _protected_spans(text)
    spans = []
    for annotation in document.annotations:
        start, end = annotation.start_char, annotation.end_char
        label = _label_for(annotation.tag, text[start:end])
        if label == "naam":
            start, end = _trim_name(text, start, end, protected)
            if start == end or _inside_protected(start, end, protected):
                continue
        elif label == "adres":
            end = _trim_address(text, start, end)
        else:
            continue
        spans.append((start, end, label))
    spans.extend(s for s in _relation_names(text) if not _inside_protected(s[0], s[1], protected))
    return _merge_name_parts(text, spans)
