"""Pattern-based PII detectors for Dutch answers: everything except names and street names.

Each detector returns ``(start, end, label)`` spans over the input text. Digit classes are
spelled ``[0-9]`` rather than ``\\d`` on purpose: ``\\d`` also matches Arabic-Indic and other
Unicode digits, which would glue hostile characters onto real numbers. Every pattern is
anchored on a left boundary so a long run of letters or digits is scanned once, not once
per start position (which would be quadratic on a 50k-character answer).
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.nl import bsn as stdnum_bsn

Span = tuple[int, int, str]

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"(?![A-Za-z0-9])"
)

# Explicit URLs, plus bare domains on the top-level domains people here actually type.
_URL = re.compile(
    r"(?<![A-Za-z0-9@./-])(?:"
    r"(?:https?://|www\.)[^\s<>\"'`()\[\]{}]+"
    r"|(?:[A-Za-z0-9-]+\.)+(?:nl|com|org|net|eu|be|info|nu|de|frl)(?![A-Za-z0-9-])"
    r"(?:/[^\s<>\"'`()\[\]{}]*)?"
    r")",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?"

# A BSN is written as nine digits, 3-3-3 or 4-2-3 groups; other groupings are too
# rare to justify the false positives they would bring.
_BSN = re.compile(
    r"(?<![0-9])(?<![0-9][.-])"
    r"(?:[0-9]{9}|[0-9]{3}([ .-])[0-9]{3}\1[0-9]{3}|[0-9]{4}([ .])[0-9]{2}\2[0-9]{3})"
    r"(?![0-9])(?![.-][0-9])"
)

# Greedy candidate; the valid IBAN is the longest checksum-valid prefix of it. Zero-width
# so candidates may overlap: "is 123 456 782 en ... NL 91 ABNA ..." must not hide the IBAN.
_IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(?=([A-Za-z]{2} ?[0-9]{2}(?: ?[A-Za-z0-9]){11,30}))"
)
# An IBAN with bank code, valid or not: its account digits must not count as a phone number.
_IBAN_SHAPE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2} ?[0-9]{2} ?[A-Z]{4}(?: ?[0-9]{1,4}){2,5}(?![A-Za-z0-9])",
    re.IGNORECASE,
)

_MONTHS = (
    "januari|jan|februari|febr|feb|maart|mrt|mar|april|apr|mei|juni|jun|juli|jul|augustus|aug"
    "|september|sept|sep|oktober|okt|oct|november|nov|december|dec"
)
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
# Only full day-month-year dates: they can identify a person (typically a date of birth).
# "januari 2023", "op 1 maart" and weekdays stay, because they carry the analysis.
_DATE = re.compile(
    rf"(?<![0-9A-Za-z/.-])(?:"
    rf"{_DAY}([-/.]){_MONTH_NUM}\1(?:(?:19|20)[0-9]{{2}}|'?[0-9]{{2}})"
    rf"|(?:19|20)[0-9]{{2}}-{_MONTH_NUM}-{_DAY}"
    rf"|{_DAY}(?:e|ste|de)?[ -](?:{_MONTHS})\.?[ -](?:(?:19|20)[0-9]{{2}}|'[0-9]{{2}})"
    rf")(?![0-9A-Za-z])(?![/-][0-9])",
    re.IGNORECASE,
)

# Dutch licence plate side codes 1-14 (L = letter, D = digit), written with dashes; without
# dashes they are indistinguishable from other codes unless the word "kenteken" precedes.
_PLATE_SHAPES = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)  # fmt: skip


def _plate_regex() -> re.Pattern[str]:
    parts = []
    for shape in _PLATE_SHAPES:
        groups = shape.split("-")
        parts.append(
            "-".join(f"[A-Z]{{{len(g)}}}" if g[0] == "L" else f"[0-9]{{{len(g)}}}" for g in groups)
        )
    return re.compile(
        rf"(?<![A-Za-z0-9-])(?:{'|'.join(parts)})(?![A-Za-z0-9]|-[A-Za-z0-9])", re.IGNORECASE
    )


_PLATE = _plate_regex()

# Postcode (never SA, SD or SS), optionally followed by a house number ("4461 AB 12").
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z0-9])"
    r"(?:,? (?:nr\.? ?)?[0-9]{1,5}(?:[ -]?[A-Za-z](?![A-Za-z]))?(?![0-9A-Za-z]))?"
)


def _regex_spans(pattern: re.Pattern[str], text: str, label: str) -> list[Span]:
    return [(m.start(), m.end(), label) for m in pattern.finditer(text)]


def find_emails(text: str) -> list[Span]:
    return _regex_spans(_EMAIL, text, "e-mail")


def find_urls(text: str) -> list[Span]:
    spans = []
    for match in _URL.finditer(text):
        # Sentence punctuation right after a URL belongs to the sentence, not the URL.
        value = match.group().rstrip(_URL_TRAILING)
        if value:
            spans.append((match.start(), match.start() + len(value), "url"))
    return spans


# Trunk 0, +31 or 0031 (optionally "(0)"), then the nine national digits in any grouping:
# "06-12345678", "(0113) 12 34 56", "+31 (0)6 1234 5678", "06 - 12 34 56 78".
_PHONE_NL = re.compile(
    r"(?<![0-9A-Za-z+])(?:(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?|\(?0)"
    r"[1-9](?:[ ()./-]{0,3}[0-9]){8}(?![0-9])"
)
# Other countries: "+32 470 12 34 56", "0049 30 1234567"; kept only if libphonenumber
# says the number is valid for its country.
_PHONE_INTL = re.compile(
    r"(?<![0-9A-Za-z+])(?:\+|00)(?!31)[1-9][0-9]{0,2}[ .-]?(?:\(0\)[ .-]?)?"
    r"[0-9](?:[ ()./-]{0,3}[0-9]){5,13}(?![0-9])"
)


def _parses_as_phone(candidate: str, *, dutch: bool) -> bool:
    try:
        number = phonenumbers.parse(candidate, "NL")
    except phonenumbers.NumberParseException:
        return False
    if dutch:
        # Any well-formed Dutch number, also in ranges not (yet) allocated: to a reader
        # it is someone's phone number all the same.
        return len(phonenumbers.national_significant_number(number)) == 9
    return phonenumbers.is_valid_number(number)


def _phone_span(match: re.Match) -> Span:
    # "(0113) 12 34 56" keeps its bracket, but in "Jan (06-12345678)" the brackets are the
    # sentence's: an opening bracket that the number does not close stays in the text.
    start = match.start()
    if match.group().startswith("(") and ")" not in match.group():
        start += 1
    return (start, match.end(), "telefoonnummer")


def find_phones(text: str) -> list[Span]:
    # Own patterns propose, libphonenumber checks. Its own PhoneNumberMatcher glues
    # space-separated numbers and counts together ("06-12345678 12 keer") and is
    # quadratic on digit-heavy text, so it is not used for finding.
    spans = [
        _phone_span(m)
        for pattern, dutch in ((_PHONE_NL, True), (_PHONE_INTL, False))
        for m in pattern.finditer(text)
        if _parses_as_phone(m.group(), dutch=dutch)
    ]
    # The account digits of an IBAN, even an invalid one, are not a phone number.
    ibans = [(m.start(), m.end()) for m in _IBAN_SHAPE.finditer(text)]
    return [p for p in spans if not any(s < p[1] and p[0] < e for s, e in ibans)]


# Right after a cue word, a number is what the cue says even in a shorter or dashless form:
# a BSN without its leading zero ("BSN 12345672"), a plate without dashes ("kenteken
# 12ABC3"). Without the cue such strings are too often something else to remove them.
_CUE_GAP = r"(?:\s*(?:is|was|nummer|nr\.?|:|=)\s*)*\s*"
_BSN_CUED = re.compile(
    rf"\b(?:bsn|burgerservicenummer|sofi-?nummer){_CUE_GAP}([0-9]{{8}})(?![0-9])", re.IGNORECASE
)
_PLATE_CUED = re.compile(
    rf"\bkenteken(?:nummer)?{_CUE_GAP}([A-Z0-9]{{6}})(?![A-Za-z0-9])", re.IGNORECASE
)


def find_bsns(text: str) -> list[Span]:
    spans = [
        (m.start(), m.end(), "BSN") for m in _BSN.finditer(text) if stdnum_bsn.is_valid(m.group())
    ]
    spans += [
        (m.start(1), m.end(1), "BSN")
        for m in _BSN_CUED.finditer(text)
        if stdnum_bsn.is_valid(m.group(1))
    ]
    return spans


@functools.cache
def _iban_length(country: str) -> int:
    """IBAN length for a country code per stdnum's IBAN registry, 0 if unknown."""
    properties = numdb.get("iban").info(country)[0][1]
    bban = properties.get("bban", "")
    return 4 + sum(int(n) for n in re.findall(r"([0-9]+)!", bban)) if bban else 0


def _longest_valid_iban(candidate: str) -> int:
    """Length of the checksum-valid IBAN at the start of ``candidate``, or 0.

    Only the one prefix with the country's IBAN length is validated, so a text full of
    IBAN-like fragments costs one check per fragment.
    """
    wanted = _iban_length(candidate[:2].upper())
    seen = 0
    for end, char in enumerate(candidate, start=1):
        seen += char != " "
        if seen == wanted:
            # Only cut at a space, so the redaction never splits a word in half.
            at_boundary = end == len(candidate) or candidate[end] == " "
            return end if at_boundary and stdnum_iban.is_valid(candidate[:end]) else 0
    return 0


def find_ibans(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _IBAN_CANDIDATE.finditer(text):
        start = match.start()
        if spans and start < spans[-1][1]:
            continue
        length = _longest_valid_iban(match.group(1))
        if length:
            spans.append((start, start + length, "IBAN"))
    return spans


def find_dates(text: str) -> list[Span]:
    return _regex_spans(_DATE, text, "datum")


def find_plates(text: str) -> list[Span]:
    spans = _regex_spans(_PLATE, text, "kenteken")
    for m in _PLATE_CUED.finditer(text):
        dashed = _dash(m.group(1).upper())
        if dashed and _PLATE.fullmatch(dashed):
            spans.append((m.start(1), m.end(1), "kenteken"))
    return spans


def _dash(code: str) -> str | None:
    """The side-code spelling with dashes of a six-character plate written without them."""
    shape = "".join("L" if ch.isalpha() else "D" for ch in code)
    for side in _PLATE_SHAPES:
        if side.replace("-", "") == shape:
            cut = [len(g) for g in side.split("-")]
            return f"{code[: cut[0]]}-{code[cut[0] : cut[0] + cut[1]]}-{code[cut[0] + cut[1] :]}"
    return None


def find_postcodes(text: str) -> list[Span]:
    return _regex_spans(_POSTCODE, text, "adres")


DETECTORS = (
    find_emails, find_urls, find_phones, find_bsns, find_ibans, find_dates, find_plates,
    find_postcodes,
)  # fmt: skip


def find_all(text: str) -> list[Span]:
    """Every pattern-based detection; overlaps are resolved by the caller."""
    spans: list[Span] = []
    for detector in DETECTORS:
        spans.extend(detector(text))
    return spans
