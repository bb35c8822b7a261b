"""Personal data planted in answers for export tests: each item is one the redactor catches.

Two answers, so that both are a theme's representative quotes and appear in a summary.
"""

from __future__ import annotations

import re

PLANTED_ANSWERS = (
    "Ik ben Jan Bakker. Mijn begeleider Sandra de Vries belt me op 06-12345678; mail gerust "
    "naar jan.bakker@voorbeeld.nl. Mijn BSN 111222333 moest ik drie keer doorgeven. Stort het "
    "geld maar op NL91ABNA0417164300.",
    "Ik ben geboren op 14-03-1987 en woonde op de Lange Kerkstraat 12, 4461 AB Goes. Bel mijn "
    "zus Fatima El Amrani op 0118-412345 of mijn vriend Pieter van den Berg op +31 6 24681357.",
)
# Whole values and the parts that identify on their own (a surname, the digits of a number).
PLANTED_VALUES = (
    "Jan Bakker", "Bakker", "Sandra de Vries", "Sandra", "Vries", "Fatima El Amrani", "Fatima",
    "Amrani", "Pieter van den Berg", "Pieter", "van den Berg",
    "06-12345678", "12345678", "0118-412345", "412345", "+31 6 24681357", "24681357",
    "jan.bakker@voorbeeld.nl", "jan.bakker", "111222333", "NL91ABNA0417164300", "0417164300",
    "Lange Kerkstraat 12", "4461 AB", "14-03-1987",
)
# The tag each kind of planted data leaves behind; all must show up in an export that
# quotes the answers, or the test would pass without looking at them.
PLANTED_TAGS = ("[naam]", "[telefoonnummer]", "[e-mail]", "[BSN]", "[IBAN]", "[adres]",
                "[datum]")


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def leaked(text: str) -> list[str]:
    """Planted values found in the text, also when a line break or space splits them."""
    squashed = _squashed(text)
    return [value for value in PLANTED_VALUES if _squashed(value) in squashed]
