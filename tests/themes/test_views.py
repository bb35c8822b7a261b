"""Review workspace through HTTP: runs, overview, detail, curation, undo, sign-off, access."""

from __future__ import annotations

import re

from markupsafe import escape
from sqlalchemy import select

from consult.db import db, utcnow
from consult.themes.models import Assignment, CurationEvent, Theme, ThemeSet, ThemeStatus
from tests.theme_factories import make_theme_set


def _themes(run_id: int) -> list[Theme]:
    return db.session.scalars(select(Theme).where(
        Theme.run_id == run_id, Theme.is_residual.is_(False), Theme.is_active.is_(True))
        .order_by(Theme.position)).all()


def test_officer_starts_run_from_round_and_sees_themes(filled_round, login_as, client):
    login_as("policy_officer")
    page = client.get(f"/rondes/{filled_round.id}").get_data(as_text=True)
    assert "Analyse en thema" in page
    response = client.post(f"/analyse/ronde/{filled_round.id}/starten", data={"question": 0})
    assert response.status_code == 302
    run_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "De analyse is klaar" in run_page and "Gestart door" in run_page
    question = filled_round.questions[0]
    overview = client.get(f"/analyse/vraag/{question.id}/themas").get_data(as_text=True)
    assert "3 thema's" in overview or "4 thema's" in overview
    assert "&lt; 5" in overview  # zorgaanbieder cells are small


def test_curation_actions_and_undo(analysed, login_as, client):
    round_, run = analysed
    login_as("policy_officer")
    first, second, third = _themes(run.id)[:3]
    client.post(f"/analyse/thema/{first.id}/rename", data={"label": "Woningnood"})
    client.post(f"/analyse/thema/{first.id}/accept")
    client.post(f"/analyse/thema/{second.id}/exclude", data={"reason": "Buiten scope"})
    client.post(f"/analyse/thema/{first.id}/note", data={"text": "Check met wethouder"})
    db.session.expire_all()
    assert first.label == "Woningnood" and first.status is ThemeStatus.ACCEPTED
    assert second.status is ThemeStatus.EXCLUDED and second.exclusion_reason == "Buiten scope"
    detail = client.get(f"/analyse/thema/{first.id}").get_data(as_text=True)
    assert "Check met wethouder" in detail and "Gedeelde trefwoorden" in detail
    rename = db.session.scalar(select(CurationEvent).where(CurationEvent.type == "rename"))
    client.post(f"/analyse/curatie/{rename.id}/ongedaan")
    db.session.expire_all()
    assert first.label == first.model_label and first.status is ThemeStatus.ACCEPTED


def test_merge_move_off_topic_and_split(analysed, login_as, client):
    round_, run = analysed
    login_as("policy_officer")
    question = round_.questions[0]
    first, second, third = _themes(run.id)[:3]
    size = first.size + second.size
    client.post(f"/analyse/vraag/{question.id}/samenvoegen",
                data={"theme_ids": [first.id, second.id], "target": first.id})
    db.session.expire_all()
    assert first.size == size and second.status is ThemeStatus.MERGED
    answers = [a for a in _answer_ids(third)][:2]
    client.post(f"/analyse/thema/{third.id}/antwoorden", data={
        "answer_ids": answers[:1], "action": "move",
        "target": first.id})
    client.post(f"/analyse/thema/{third.id}/antwoorden", data={
        "answer_ids": answers[1:], "action": "off_topic"})
    client.post(f"/analyse/thema/{third.id}/antwoorden", data={
        "answer_ids": _answer_ids(third)[:2], "action": "split",
        "new_label": "Loket"})
    db.session.expire_all()
    assert first.size == size + 1
    child = db.session.scalar(select(Theme).where(Theme.label == "Loket"))
    assert child.is_active and child.size == 2
    history = client.get(f"/analyse/vraag/{question.id}/geschiedenis").get_data(as_text=True)
    assert "Samengevoegd" in history and "Gesplitst" in history
    split = db.session.scalar(select(CurationEvent).where(CurationEvent.type == "split"))
    client.post(f"/analyse/curatie/{split.id}/ongedaan")
    db.session.expire_all()
    assert not child.is_active


def _answer_ids(theme: Theme) -> list[int]:
    from consult.themes.models import Assignment

    return list(db.session.scalars(select(Assignment.answer_id).where(
        Assignment.theme_id == theme.id, Assignment.is_off_topic.is_(False))
        .order_by(Assignment.answer_id)))


def test_rerun_keeps_curation_and_reports_changes(analysed, login_as, client):
    round_, run = analysed
    login_as("policy_officer")
    first = _themes(run.id)[0]
    client.post(f"/analyse/thema/{first.id}/rename", data={"label": "Woningnood"})
    client.post(f"/analyse/thema/{first.id}/accept")
    client.post(f"/analyse/thema/{first.id}/note", data={"text": "Navragen bij de GGD"})
    response = client.post(f"/analyse/ronde/{round_.id}/starten", data={"question": 0})
    assert response.status_code == 302
    ts = db.session.scalar(select(ThemeSet))
    assert ts.run_id != run.id
    carried = db.session.scalar(select(Theme).where(Theme.run_id == ts.run_id,
                                                    Theme.label == "Woningnood"))
    assert carried is not None and carried.status is ThemeStatus.ACCEPTED
    detail = client.get(f"/analyse/thema/{carried.id}").get_data(as_text=True)
    assert "Navragen bij de GGD" in detail  # the note came along, with its author
    overview = client.get(f"/analyse/vraag/{ts.question_id}/themas").get_data(as_text=True)
    assert "Vergeleken met de vorige analyse" in overview and "ongewijzigd" in overview


def test_four_eyes_sign_off(analysed, make_user, login, client):
    round_, run = analysed
    question = round_.questions[0]
    first = login(make_user("policy_officer", round_.region))
    client.post(f"/analyse/vraag/{question.id}/vaststellen")
    client.post(f"/analyse/vraag/{question.id}/besluit", data={"decision": "goedkeuren"})
    ts = db.session.scalar(select(ThemeSet))
    assert ts.status.value == "ter vaststelling"  # the requester cannot approve
    client.post("/uitloggen")
    second = login(make_user("policy_officer", round_.region))
    client.post(f"/analyse/vraag/{question.id}/besluit", data={"decision": "afwijzen"})
    db.session.expire_all()
    assert ts.status.value == "ter vaststelling"  # disagreeing needs a note
    client.post(f"/analyse/vraag/{question.id}/besluit",
                data={"decision": "goedkeuren", "note": ""})
    db.session.expire_all()
    assert ts.status.value == "vastgesteld" and ts.signed_by_id == second.id != first.id


def test_facilitator_cannot_curate_and_other_region_gets_404(
        analysed, login_as, make_region, client):
    round_, run = analysed
    theme = _themes(run.id)[0]
    login_as("facilitator")
    assert client.post(f"/analyse/thema/{theme.id}/accept").status_code == 403
    assert client.get(f"/analyse/thema/{theme.id}").status_code == 403
    client.post("/uitloggen")
    login_as("policy_officer", in_region=make_region("Elders"))
    assert client.get(f"/analyse/thema/{theme.id}").status_code == 404
    assert client.get(f"/analyse/vraag/{theme.question_id}/themas").status_code == 404
    assert client.post(f"/analyse/ronde/{round_.id}/starten").status_code == 404


def test_overview_filters_and_sorts(analysed, login_as, client):
    round_, run = analysed
    login_as("policy_officer")
    question = round_.questions[0]
    first = _themes(run.id)[0]
    client.post(f"/analyse/thema/{first.id}/accept")
    url = f"/analyse/vraag/{question.id}/themas"
    accepted = client.get(url, query_string={"status": "geaccepteerd"}).get_data(as_text=True)
    assert "1 thema's" in accepted and first.label in accepted
    provider = next(g for g in round_.groups if g.key == "zorgaanbieder")
    only = client.get(url, query_string={"groep": provider.id, "sorteer": "naam"})
    assert only.status_code == 200 and "Cliënt:" not in only.get_data(as_text=True)


def test_stale_run_is_reported_as_interrupted(filled_round, make_user, login, client):
    from datetime import timedelta

    from consult.themes import engine, services
    from consult.themes.models import RunStatus

    officer = login(make_user("policy_officer", filled_round.region))
    run = services.start_run(filled_round, question=None, options=engine.Options(),
                             actor=officer, now=utcnow())
    run.status, run.started_at = RunStatus.RUNNING, utcnow() - timedelta(hours=1)
    db.session.commit()
    page = client.get(f"/analyse/run/{run.id}").get_data(as_text=True)
    assert "De analyse is onderbroken" in page


HOUSING = [
    "Er zijn te weinig betaalbare huurwoningen in de regio.",
    "Betaalbare huurwoningen voor jongeren zijn er bijna niet.",
    "De wachtlijst voor een betaalbare huurwoning duurt jaren.",
    "Na de opvang is er geen betaalbare huurwoning te vinden.",
]
DEBT = [
    "Schuldhulp moet sneller, de schulden lopen op.",
    "Bij schulden duurt het te lang voordat schuldhulp begint.",
    "Vroeg ingrijpen bij schulden voorkomt veel ellende, dus snellere schuldhulp.",
    "Mensen met schulden wachten maanden op schuldhulp.",
]


def test_automatic_split_offers_sub_themes_and_applies_them(make_round, make_submission,
                                                            login_as, client):
    round_ = make_round(questions=1)
    texts = (HOUSING + DEBT) * 2  # one theme that plainly holds two subjects
    answers = [make_submission(round_, text).answers[0] for text in texts]
    subject = {a.id: "wonen" if t in HOUSING else "schulden" for a, t in zip(answers, texts)}
    _, (theme,) = make_theme_set(round_, round_.questions[0],
                                 [{"label": "Wonen en schulden", "answers": answers}])
    login_as("policy_officer")
    page = client.get(f"/analyse/thema/{theme.id}/splitsen?k=2").get_data(as_text=True)
    assert "Deze splitsing toepassen" in page
    offered = re.findall(r"<li><strong>([^<]+)</strong> \((\d+) antwoorden\)", page)
    assert sorted(int(n) for _, n in offered) == [8, 8]
    response = client.post(f"/analyse/thema/{theme.id}/splitsen", data={"k": 2})
    assert response.status_code == 302
    children = db.session.scalars(select(Theme).where(Theme.parent_id == theme.id)).all()
    assert all(c.is_active for c in children)
    assert sorted((str(escape(c.label)), str(c.size)) for c in children) == sorted(offered)
    parts = [{subject[a] for a in db.session.scalars(select(Assignment.answer_id).where(
        Assignment.theme_id == child.id))} for child in children]
    assert sorted(map(sorted, parts)) == [["schulden"], ["wonen"]]  # one subject each


def test_withdrawn_input_leaves_the_themes(analysed, make_submission, login_as, client):
    from consult.submissions import services as submission_services

    round_, run = analysed
    submission = make_submission(round_, "Er zijn te weinig betaalbare woningen.")
    login_as("policy_officer")
    question = round_.questions[0]
    before = client.get(f"/analyse/vraag/{question.id}/themas").get_data(as_text=True)
    assert "later binnengekomen" in before
    submission_services.withdraw(submission, now=utcnow())
    db.session.commit()
    after = client.get(f"/analyse/vraag/{question.id}/themas").get_data(as_text=True)
    assert "later binnengekomen" not in after


def test_run_page_describes_its_settings_in_words(analysed, login_as, client):
    _, run = analysed
    login_as("policy_officer")
    page = client.get(f"/analyse/run/{run.id}").get_data(as_text=True)
    assert "aantal thema&#39;s: " in page or "aantal thema's: " in page
    assert "learn_words" not in page
    assert "alleen gedeelde woorden" in page  # the method in words (tests run lexical-only)


def test_methods_are_described_in_words():
    from consult.themes.engine import describe_pipeline

    assert describe_pipeline("blank:nl+lookup-lemmas+sentencizer; vectors=static-e5") == (
        "woordbetekenissen uit het taalmodel e5; woorden gelezen met de eenvoudige "
        "Nederlandse spaCy-pijplijn")
    assert describe_pipeline("nl_core_news_md-3.8.0; vectors=lexical").startswith(
        "alleen gedeelde woorden; woorden gelezen met een getrainde")
    assert describe_pipeline("") == "onbekend"
