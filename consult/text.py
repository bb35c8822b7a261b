"""Small text helpers shared by features."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, *, max_length: int = 60, fallback: str = "item") -> str:
    """ASCII lowercase words joined by hyphens: 'Cliënt & naaste' -> 'client-naaste'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or fallback
