"""What the review workspace shows to make themes trustworthy: near-copies, the engine's
description, chapters to check, unique labels across questions, and filters that submit."""

from __future__ import annotations

import re

from sqlalchemy import select

from consult.db import db, utcnow
from consult.themes import engine, services
from consult.themes.models import AnalysisRun, Theme
from tests.themes.conftest import OPTIONS


def _themes(run_id: int, question_id: int | None = None) -> list[Theme]:
    query = select(Theme).where(Theme.run_id == run_id, Theme.is_residual.is_(False),
                                Theme.is_active.is_(True))
    if question_id is not None:
        query = query.where(Theme.question_id == question_id)
    return db.session.scalars(query.order_by(Theme.position)).all()


def test_overview_counts_near_copies_and_shows_each_themes_description(analysed, login_as,
                                                                       client):
    round_, run = analysed  # every answer of the fixture was sent twice
    login_as("policy_officer")
    themes = _themes(run.id)
    assert sum(t.near_copies for t in themes) == 24
    assert all(t.model_description for t in themes)
    page = client.get(f"/analyse/vraag/{round_.questions[0].id}/themas").get_data(as_text=True)
    assert "24 antwoorden zijn (bijna) gelijk aan een ander antwoord" in page
    for theme in themes:
        assert theme.model_description in page
    detail = client.get(f"/analyse/thema/{themes[0].id}").get_data(as_text=True)
    assert themes[0].model_description in detail and "(Bijna) gelijke antwoorden" in detail


def test_a_description_written_by_a_person_comes_before_the_engines(analysed, login_as, client):
    round_, run = analysed
    login_as("policy_officer")
    theme = _themes(run.id)[0]
    url = f"/analyse/vraag/{round_.questions[0].id}/themas"
    before = client.get(url).get_data(as_text=True).count(theme.model_description)
    client.post(f"/analyse/thema/{theme.id}/describe", data={"description": "Door ons gezegd."})
    page = client.get(url).get_data(as_text=True)
    assert "Door ons gezegd." in page
    assert page.count(theme.model_description) == before - 1  # still a quote, no description


def test_a_weakly_matching_chapter_is_marked_to_check_not_named(analysed, login_as, client):
    from consult.regions.services import save_chapter

    round_, run = analysed
    officer = login_as("policy_officer")
    chapter = save_chapter(round_.region, name="Financiën en solidariteit", keywords="fonds",
                           actor=officer, now=utcnow())
    theme = _themes(run.id)[0]
    theme.suggested_chapter_id, theme.chapter_match, theme.chapter_id = chapter.id, 0.3, None
    db.session.commit()
    page = client.get(f"/analyse/vraag/{round_.questions[0].id}/themas").get_data(as_text=True)
    assert f"past mogelijk bij {chapter.name} (30% van de antwoorden)" in page
    detail = client.get(f"/analyse/thema/{theme.id}").get_data(as_text=True)
    assert "Controleren:" in detail and "30% van de antwoorden past erbij" in detail


def test_no_two_themes_of_a_round_share_a_label(make_round, make_submission, make_user, texts):
    round_ = make_round(questions=2)
    for text in texts:
        make_submission(round_, text, text)  # the same answers to both questions
    officer = make_user("policy_officer", round_.region)
    run = services.start_run(round_, question=None, options=engine.Options(**OPTIONS),
                             actor=officer, now=utcnow())
    db.session.commit()
    services.execute_run(run.id)
    run = db.session.get(AnalysisRun, run.id)
    first, second = (_themes(run.id, q.id) for q in round_.questions)
    labels = [t.label.lower() for t in first + second]
    assert len(labels) == len(set(labels))
    assert any(t.label.endswith("(vraag 2)") for t in second)


def test_the_filter_form_has_no_required_select_with_an_empty_choice(analysed, login_as, client):
    round_, _ = analysed
    login_as("policy_officer")
    url = f"/analyse/vraag/{round_.questions[0].id}/themas"
    page = client.get(url).get_data(as_text=True)
    form = page[page.index('<form method="get"'):]
    form = form[: form.index("</form>")]
    for select_tag in re.findall(r"<select[^>]*>", form):
        assert "required" not in select_tag, select_tag
    response = client.get(url, query_string={"groep": "", "gemeente": "", "kanaal": "",
                                             "hoofdstuk": "", "status": "", "sorteer": "grootte"})
    assert response.status_code == 200 and "thema's</h2>" in response.get_data(as_text=True)
