"""python -m nlp warm: the old on-disk word cache (participants' words) is deleted."""

from nlp.warm_themes import warm_themes


def test_warm_up_deletes_the_old_word_cache_and_nothing_else(monkeypatch, tmp_path, capsys):
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("e5-learned-words.npz", ".e5-learned-words.123.npz", "e5-static-nl.npz"):
        (cache / name).write_bytes(b"woorden van deelnemers")
    (cache / "notes.txt").write_text("van de beheerder", encoding="utf-8")
    monkeypatch.setenv("CONSULT_NLP_CACHE", str(cache))
    warm_themes()
    assert sorted(p.name for p in cache.iterdir()) == ["notes.txt"]
    assert "removed old word cache" in capsys.readouterr().err


def test_warm_up_removes_the_emptied_cache_directory(monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "e5-learned-words.npz").write_bytes(b"woorden")
    monkeypatch.setenv("CONSULT_NLP_CACHE", str(cache))
    warm_themes()
    assert not cache.exists()
    warm_themes()  # nothing left to remove: still fine
