"""Fixtures for the nlp tests: a small Dutch consultation answer set. No app is needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ANSWERS = Path(__file__).with_name("data") / "answers.jsonl"


@pytest.fixture(scope="session")
def theme_answers() -> list[dict]:
    """Sixty short consultation answers on six themes, each with its gold label."""
    return [json.loads(line) for line in ANSWERS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def theme_texts(theme_answers) -> list[str]:
    """Only the answer texts."""
    return [row["text"] for row in theme_answers]
