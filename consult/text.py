"""Small text helpers shared by features."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, *, max_length: int = 60, fallback: str = "item") -> str:
    """ASCII lowercase words joined by hyphens: 'Cliënt & naaste' -> 'client-naaste'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or fallback


def with_message(label: str, message: str) -> str:
    """'Naam: Vul dit veld in.', but 'Wat vindt u? Vul dit veld in.' after a full sentence.

    Question prompts and consent labels end in '?' or '.', and '?: ' reads as a glitch.
    """
    label = label.strip()
    if label.endswith(":"):
        label = label[:-1].rstrip()
    if label.endswith((".", "?", "!")):
        return f"{label} {message}"
    return f"{label}: {message}"
