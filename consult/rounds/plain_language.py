"""Adapter to the B1 language hints in nlp.readability, for the round and question forms."""

from __future__ import annotations

from nlp.readability import analyse


def hints(**texts: str | None) -> dict:
    """B1 hints per text field; they suggest and never block."""
    return {name: analyse(text) for name, text in texts.items() if text and text.strip()}
