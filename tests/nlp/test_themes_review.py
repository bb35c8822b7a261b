"""Assign new answers, split a theme, match themes between runs, store the model as JSON."""

import json

import pytest

from nlp.model import ThemeModel
from nlp.review import assign, match_themes
from nlp.split import split_range, split_texts, split_theme
from nlp.themes import find_themes


@pytest.fixture(scope="module")
def result(theme_texts):
    return find_themes(theme_texts, seed=0)


def test_new_answers_join_the_theme_of_similar_answers(result, theme_texts):
    debt_answer = "Incassobureaus maken de schulden alleen maar hoger."
    debt = result.assignments[theme_texts.index(debt_answer)]
    placed = assign(["Mijn schulden bij incassobureaus worden steeds hoger.", ""], result.model)
    assert placed == (debt, None)


def test_model_survives_a_json_round_trip(result, theme_texts):
    stored = json.loads(json.dumps(result.model.to_dict()))
    assert ThemeModel.from_dict(stored) == result.model
    assert assign(theme_texts[:5], stored) == assign(theme_texts[:5], result.model)


def test_split_theme_gives_sub_themes_with_original_indices(result, theme_texts):
    big = result.themes[0]
    sub = split_theme(theme_texts, result, big.id, k=2)
    assert 1 <= len(sub.themes) <= 2
    members = {i for i, a in enumerate(result.assignments) if a == big.id}
    assert {i for i, a in enumerate(sub.assignments) if a is not None} <= members
    assert all(i in members for t in sub.themes for i in t.representatives)


def test_match_themes_maps_a_rerun_onto_the_earlier_run(result, theme_texts):
    again = find_themes(theme_texts, seed=0)
    mapping = match_themes(result.model, again.model)
    assert mapping == {t.id: t.id for t in result.themes}


def test_match_themes_ignores_runs_in_different_spaces(result, theme_texts):
    lexical = find_themes(theme_texts, semantic=False)
    assert match_themes(result.model, lexical.model) == {}


def test_answers_are_placed_with_the_encoder_that_made_the_model(theme_texts):
    use = find_themes(theme_texts, seed=0)
    lexical = find_themes(theme_texts, seed=0, encoder="lexical")
    new = ["Ik heb al maanden geen woning en sta op een lange wachtlijst."]
    for found in (use, lexical):
        stored = json.loads(json.dumps(found.model.to_dict()))
        placed = assign(new, stored)
        assert placed == assign(new, found.model)
        assert placed[0] is not None
    assert match_themes(use.model, lexical.model) == {}


def test_a_model_of_the_removed_word_table_places_nothing(result):
    # Runs made with the static e5 table store space "static-e5" (and a teacher projection);
    # the web app then falls back to shared keywords instead of failing.
    stored = {**result.model.to_dict(), "space": "static-e5", "projection": [[0.0]]}
    assert assign(["Mijn schulden worden steeds hoger.", ""], stored) == (None, None)


@pytest.mark.parametrize(("n", "expected"), [(3, (2, 2)), (8, (2, 4)), (40, (2, 6))])
def test_one_rule_for_how_many_sub_themes_a_split_may_give(n, expected):
    assert split_range(n) == expected


def test_split_theme_and_splitting_its_texts_are_one_path(result, theme_texts):
    big = result.themes[0]
    members = [i for i, a in enumerate(result.assignments) if a == big.id]
    sub = split_theme(theme_texts, result, big.id)
    alone = split_texts([theme_texts[i] for i in members])
    assert len(sub.themes) == len(alone.themes) <= split_range(len(members))[1]
    assert [sub.assignments[i] for i in members] == list(alone.assignments)
