"""The adapter to the theme engine: one way to split a theme, the engine's."""

from __future__ import annotations

from consult.themes import engine


def test_sub_themes_come_from_the_engines_one_split_rule(monkeypatch, texts):
    import nlp.split

    calls = []
    real = nlp.split.split_texts

    def spy(given, **kwargs):
        calls.append(len(given))
        return real(given, **kwargs)

    monkeypatch.setattr(nlp.split, "split_texts", spy)
    found = engine.split(texts)
    assert calls == [len(texts)]
    assert 1 <= len(found.themes) <= nlp.split.split_range(len(texts))[1]
    assert len(found.assignments) == len(texts)
