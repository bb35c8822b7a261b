"""Full-text search over a round's redacted answers."""

from __future__ import annotations

import pytest

from consult.db import db, utcnow
from consult.insight import services
from consult.insight.search import query_terms, render_marked
from consult.submissions import services as submission_services


def search_page(client, round_, query: str, **params):
    return client.get(f"/rondes/{round_.id}/zoeken", query_string={"q": query, **params})


def test_finds_words_and_marks_them(client, login_as, make_round, make_submission):
    login_as("policy_officer")
    round_ = make_round()
    make_submission(round_, "Er zijn te weinig woningen in Goes.")
    make_submission(round_, "De wachtlijst voor begeleiding is lang.")
    response = search_page(client, round_, "woningen")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "1 antwoord gevonden" in html
    assert "<mark>woningen</mark>" in html
    assert "wachtlijst" not in html


def test_every_word_must_match_and_prefixes_count(app, make_round, make_submission):
    round_ = make_round()
    make_submission(round_, "Betaalbare woningen voor jongeren.")
    make_submission(round_, "Woningen voor ouderen met begeleiding.")
    assert services.search_round(round_, "woningen jongeren").total == 1
    assert services.search_round(round_, "woning").total == 2  # prefix or stem


def test_postgres_finds_stemmed_dutch_words(app, make_round, make_submission):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("Dutch stemming is a PostgreSQL feature; FTS5 matches prefixes")
    round_ = make_round()
    make_submission(round_, "Er is geen woning vrij.")
    page = services.search_round(round_, "woningen")
    assert page.total == 1
    assert "<mark>woning</mark>" in page.hits[0].marked


def test_highlight_escapes_html_in_answers(client, login_as, make_round, make_submission):
    login_as("policy_officer")
    round_ = make_round()
    make_submission(round_, '<script>alert("x")</script> <b>woningen</b> & meer')
    html = search_page(client, round_, "woningen").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;<mark>woningen</mark>&lt;/b&gt; &amp; meer" in html


def test_marker_characters_in_answers_are_not_trusted():
    assert render_marked("a \x02b\x03", "a b") == "a <mark>b</mark>"
    assert render_marked("\x02<i>\x03", "<i>") == "<mark>&lt;i&gt;</mark>"
    assert render_marked("x \x02\x02y\x03\x03", "x \x02y\x03") == "x \x02y\x03"
    assert render_marked("changed", "original") == "original"


@pytest.mark.parametrize("query", [
    '"', "*", "-", "woning*", '"woning', "NEAR(woning begeleiding)", "(", ")", "()",
    "AND OR NOT", "woning OR", "^woning", "text: woning", "{text}: woning", "😀", "😀 woning",
    "'; DROP TABLE answers; --", "\x00woning", "_", "a" * 300, "   ", "%", "\\",
])
def test_hostile_queries_never_fail(client, login_as, make_round, make_submission, query):
    login_as("facilitator")
    round_ = make_round()
    make_submission(round_, "Meer woningen en begeleiding in Goes.")
    response = search_page(client, round_, query)
    assert response.status_code == 200
    assert "Er ging iets mis" not in response.get_data(as_text=True)


def test_query_terms_keep_only_words():
    assert query_terms('NEAR("woning" * -x) 😀 Cliënten') == ["near", "woning", "x", "cliënten"]
    assert query_terms("*() - _") == []


def test_withdrawn_input_is_never_found(app, make_round, make_submission):
    round_ = make_round()
    erased = make_submission(round_, "Woningen bij de zee.")
    submission_services.withdraw(erased, now=utcnow())
    hidden = make_submission(round_, "Woningen in de stad.")
    hidden.withdrawn_at = utcnow()  # even if its text were still there
    make_submission(round_, "Woningen op het platteland.")
    db.session.commit()
    page = services.search_round(round_, "woningen")
    assert page.total == 1
    assert "platteland" in page.hits[0].marked


def test_raw_text_is_not_searchable(app, make_round, make_submission):
    round_ = make_round()
    make_submission(round_, "Mail mij op jan.jansen@example.nl over woningen.")
    assert services.search_round(round_, "woningen").total == 1
    assert services.search_round(round_, "example").total == 0


def test_changed_and_deleted_answers_update_the_index(app, make_round, make_submission):
    round_ = make_round()
    submission = make_submission(round_, "Woningen zijn duur.")
    submission_services.change(submission, {round_.questions[0].id: "Begeleiding is goed."},
                               quote=True, now=utcnow())
    db.session.commit()
    assert services.search_round(round_, "woningen").total == 0
    assert services.search_round(round_, "begeleiding").total == 1
    db.session.delete(submission)
    db.session.commit()
    assert services.search_round(round_, "begeleiding").total == 0


def test_results_are_paged(client, login_as, make_round, make_submission):
    login_as("policy_officer")
    round_ = make_round()
    for i in range(23):
        make_submission(round_, f"Woningen nummer {i}.")
    page = services.search_round(round_, "woningen", page=2)
    assert (page.total, page.pages, len(page.hits)) == (23, 2, 3)
    html = search_page(client, round_, "woningen", pagina=2).get_data(as_text=True)
    assert "pagina 2 van 2" in html
    assert 'aria-current="page">Pagina 2' in html
    assert "Vorige pagina" in html
    assert search_page(client, round_, "woningen", pagina=10**30).status_code == 200


def test_search_within_one_question(app, make_round, make_submission):
    round_ = make_round()
    make_submission(round_, "Woningen in Goes.", "Woningen in Vlissingen.")
    second = round_.questions[1].id
    page = services.search_round(round_, "woningen", question_id=second)
    assert page.total == 1
    assert "Vlissingen" in page.hits[0].marked


def test_other_regions_round_is_not_found(client, login_as, make_round, make_region,
                                          make_submission):
    login_as("policy_officer")
    other = make_round(in_region=make_region("Elders"))
    make_submission(other, "Woningen elders.")
    assert search_page(client, other, "woningen").status_code == 404
    assert client.get(f"/rondes/{other.id}/dashboard").status_code == 404


def test_search_needs_login(client, make_round):
    round_ = make_round()
    assert search_page(client, round_, "woningen").status_code in (302, 401)


def test_results_show_the_current_theme(client, login_as, make_round, make_submission):
    from consult.themes.models import AnalysisRun, Assignment, Theme, ThemeSet

    login_as("policy_officer")
    round_ = make_round()
    submission = make_submission(round_, "Te weinig woningen.")
    question = round_.questions[0]
    old, current = AnalysisRun(round_id=round_.id), AnalysisRun(round_id=round_.id)
    db.session.add_all([old, current])
    db.session.flush()
    db.session.add(ThemeSet(round_id=round_.id, question_id=question.id, run_id=current.id))
    for run, label in ((old, "Oud thema"), (current, "Betaalbaar wonen")):
        theme = Theme(run_id=run.id, round_id=round_.id, question_id=question.id, label=label)
        db.session.add(theme)
        db.session.flush()
        db.session.add(Assignment(run_id=run.id, answer_id=submission.answers[0].id,
                                  theme_id=theme.id, model_theme_id=theme.id))
    db.session.commit()
    html = search_page(client, round_, "woningen").get_data(as_text=True)
    assert "<dt>Thema</dt><dd>Betaalbaar wonen</dd>" in html
    assert "Oud thema" not in html
