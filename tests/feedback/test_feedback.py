"""Responses per theme, publishing, the public feedback page and the receipt-code view."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.auth.services import hash_token
from consult.db import db, utcnow
from consult.errors import InvalidState
from consult.feedback import services
from consult.feedback.models import ResponseKind
from consult.submissions.models import Submission
from consult.themes.models import Assignment, Theme, ThemeStatus
from tests.theme_factories import make_theme_set


def shown_themes(round_):
    return db.session.scalars(select(Theme).where(
        Theme.round_id == round_.id, Theme.status != ThemeStatus.EXCLUDED)).all()


def respond_all(round_, actor, kind=ResponseKind.ADOPT, text="We zorgen voor meer woningen."):
    for theme in shown_themes(round_):
        services.save_response(round_, theme.id, kind, text, actor=actor, now=utcnow())
    db.session.commit()


def test_editor_saves_a_response_per_theme(app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    theme = shown_themes(round_)[0]
    page = client.get(f"/rondes/{round_.id}/terugkoppeling").get_data(as_text=True)
    assert theme.label in page and "Dit zoeken we verder uit" in page
    response = client.post(f"/rondes/{round_.id}/terugkoppeling",
                           data={f"t{theme.id}-kind": "uitzoeken",
                                 f"t{theme.id}-text": "We praten met de corporaties."})
    assert response.status_code == 302
    page = client.get(f"/rondes/{round_.id}/terugkoppeling").get_data(as_text=True)
    assert "We praten met de corporaties." in page
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert "feedback.response" in actions


def test_declining_needs_a_reason(app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    theme = shown_themes(round_)[0]
    response = client.post(f"/rondes/{round_.id}/terugkoppeling",
                           data={f"t{theme.id}-kind": "niet_meenemen", f"t{theme.id}-text": ""})
    assert response.status_code == 422
    assert "Schrijf op waarom de regio dit niet meeneemt." in response.get_data(as_text=True)


def test_editor_saves_every_theme_in_one_form_and_links_errors_from_the_top(
        app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    first, second = shown_themes(round_)[:2]
    url = f"/rondes/{round_.id}/terugkoppeling"
    page = client.get(url).get_data(as_text=True)
    assert page.count('<form method="post" action="' + url + '"') == 1
    assert page.count("Alle reacties opslaan") == 1
    typed = "Wij praten hierover met de corporaties in Goes."
    bad = client.post(url, data={f"t{first.id}-kind": "meenemen", f"t{first.id}-text": typed,
                                 f"t{second.id}-kind": "niet_meenemen",
                                 f"t{second.id}-text": ""})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422
    summary = text.index('class="error-summary"')
    assert summary < text.index(f'id="thema-{first.id}"')  # at the top, before the themes
    assert (f'<a class="utrecht-link" href="#t{second.id}-text">'
            f'Toelichting bij {second.label}: Schrijf op waarom '
            "de regio dit niet meeneemt.</a>") in text
    assert f'id="t{second.id}-text"' in text and typed in text  # nothing typed is lost
    assert services.feedback_for(round_, now=utcnow()).missing  # nothing half-saved
    good = client.post(url, data={f"t{first.id}-kind": "meenemen", f"t{first.id}-text": typed,
                                  f"t{second.id}-kind": "niet_meenemen",
                                  f"t{second.id}-text": "Daar is geen geld voor."})
    assert good.status_code == 302
    saved = {i.theme.id: i.response for i in services.feedback_for(round_, now=utcnow()).items}
    assert saved[first.id].text == typed and saved[second.id].kind is ResponseKind.DECLINE


def test_a_radio_error_links_to_its_first_option(app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    theme = shown_themes(round_)[0]
    bad = client.post(f"/rondes/{round_.id}/terugkoppeling",
                      data={f"t{theme.id}-kind": "", f"t{theme.id}-text": "Alleen tekst."})
    text = bad.get_data(as_text=True)
    assert (f'<a class="utrecht-link" href="#t{theme.id}-kind-0">'
            f'Wat doet de regio met {theme.label}?') in text
    assert f'id="t{theme.id}-kind-0"' in text


@pytest.mark.parametrize("role,status", [("policy_officer", 403), ("admin", 200)])
def test_editor_needs_publish_capability(app, client, login_as, themed_round, role, status):
    round_ = themed_round()
    login_as(role)
    assert client.get(f"/rondes/{round_.id}/terugkoppeling").status_code == status


def test_publish_requires_closed_signed_and_complete(app, make_user, region, themed_round,
                                                    make_round):
    actor = make_user("project_leader", region)
    open_round = make_round(title="Open ronde", slug="open-ronde")
    with pytest.raises(InvalidState, match="round not closed"):
        services.publish(open_round, actor=actor, now=utcnow())
    unsigned = themed_round(signed=False)
    with pytest.raises(InvalidState, match="themes not signed off"):
        services.publish(unsigned, actor=actor, now=utcnow())


def test_publish_needs_every_response_then_sets_published_at(app, make_user, region,
                                                            themed_round):
    round_ = themed_round()
    actor = make_user("project_leader", region)
    with pytest.raises(InvalidState, match="responses missing"):
        services.publish(round_, actor=actor, now=utcnow())
    respond_all(round_, actor)
    services.publish(round_, actor=actor, now=utcnow())
    db.session.commit()
    assert round_.published_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "round.publish"))
    assert event.user_id == actor.id


def test_public_page_only_after_publishing(app, client, make_user, region, themed_round):
    round_ = themed_round()
    assert client.get(f"/r/{round_.slug}/terugkoppeling").status_code == 404
    actor = make_user("project_leader", region)
    respond_all(round_, actor, ResponseKind.DECLINE, "het geld op is.")
    services.publish(round_, actor=actor, now=utcnow())
    db.session.commit()
    page = client.get(f"/r/{round_.slug}/terugkoppeling").get_data(as_text=True)
    assert "Betaalbare woningen" in page
    assert "Dit nemen we niet mee</strong>, omdat het geld" in page
    assert "Niet over het onderwerp" not in page  # excluded themes are not shown
    assert "<td>Adviesraad</td><td>&lt; 5</td>" in page  # small groups suppressed
    # and one more, else the total minus the other groups would give the 2 away
    assert "<td>Ervaringsdeskundige</td><td>verborgen</td>" in page
    assert f'href="/regio/{region.slug}">Naar de pagina van {region.name}</a>' in page
    not_open = client.get(f"/r/{round_.slug}").get_data(as_text=True)
    assert f"/r/{round_.slug}/terugkoppeling" in not_open


def test_publish_view_explains_what_is_missing(app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    response = client.post(f"/rondes/{round_.id}/publiceren", follow_redirects=True)
    assert "Schrijf eerst bij elk thema" in response.get_data(as_text=True)
    assert round_.published_at is None


def test_receipt_code_shows_own_themes_and_responses(app, client, make_user, region,
                                                     themed_round, make_submission):
    round_ = themed_round()
    actor = make_user("project_leader", region)
    respond_all(round_, actor, ResponseKind.EXPLORE, "We onderzoeken dit in 2027.")
    services.publish(round_, actor=actor, now=utcnow())
    db.session.commit()
    wonen = next(t for t in shown_themes(round_) if t.label == "Betaalbare woningen")
    submission = db.session.scalars(select(Submission).where(
        Submission.round_id == round_.id).order_by(Submission.id)).first()
    assert submission.answers[0].id in {a for a in _members(wonen)}
    code = _new_code(submission)
    path = f"/r/{round_.slug}/terugkoppeling/mijn-inbreng"
    assert "Uw code" in client.get(path).get_data(as_text=True)
    wrong = client.post(path, data={"code": "AAAA-BBBB-CCCC"}).get_data(as_text=True)
    assert "Deze code kennen wij niet" in wrong
    page = client.post(path, data={"code": code.lower()}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Betaalbare woningen" in text and "We onderzoeken dit in 2027." in text
    assert "Lange wachtlijsten" not in text


def _members(theme):
    return db.session.scalars(select(Assignment.answer_id).where(
        Assignment.theme_id == theme.id)).all()


def _new_code(submission):
    """Give the submission a known receipt code (the factory's code is per submit)."""
    code = "K7PM-4RXQ-2D9T"
    submission.receipt_hash = hash_token(code)
    db.session.commit()
    return code


def test_response_carries_over_to_the_theme_of_a_rerun(app, make_user, region, themed_round):
    round_ = themed_round()
    actor = make_user("project_leader", region)
    old = shown_themes(round_)[0]
    services.save_response(round_, old.id, ResponseKind.ADOPT, "", actor=actor, now=utcnow())
    db.session.commit()
    make_theme_set(round_, round_.questions[1], [
        {"label": "Nieuw", "answers": [], "previous_id": old.id}])
    feedback = services.feedback_for(round_, now=utcnow())
    new = next(i for i in feedback.items if i.theme.label == "Nieuw")
    assert new.response is not None and new.response.kind is ResponseKind.ADOPT


def test_project_leader_takes_the_feedback_offline_and_publishes_again(
        app, client, make_user, region, login, themed_round):
    round_ = themed_round()
    leader = make_user("project_leader", region)
    respond_all(round_, leader)
    services.publish(round_, actor=leader, now=utcnow())
    db.session.commit()
    login(leader)
    editor = client.get(f"/rondes/{round_.id}/terugkoppeling").get_data(as_text=True)
    assert "Terugkoppeling offline halen" in editor
    done = client.post(f"/rondes/{round_.id}/publicatie-intrekken", follow_redirects=True)
    assert "De terugkoppeling is offline gehaald" in done.get_data(as_text=True)
    assert round_.published_at is None
    assert client.get(f"/r/{round_.slug}/terugkoppeling").status_code == 404
    actions = list(db.session.scalars(select(AuditEvent.action)))
    assert "round.unpublish" in actions
    again = client.post(f"/rondes/{round_.id}/publiceren", follow_redirects=True)
    assert "De terugkoppeling is gepubliceerd" in again.get_data(as_text=True)
    assert client.get(f"/r/{round_.slug}/terugkoppeling").status_code == 200


def test_only_publishers_take_feedback_offline(app, client, make_user, region, login,
                                               themed_round):
    round_ = themed_round()
    leader = make_user("project_leader", region)
    respond_all(round_, leader)
    services.publish(round_, actor=leader, now=utcnow())
    db.session.commit()
    login(make_user("policy_officer", region))
    assert client.post(f"/rondes/{round_.id}/publicatie-intrekken").status_code == 403
    assert round_.published_at is not None
    services.unpublish(round_, actor=leader, now=utcnow())
    with pytest.raises(InvalidState, match="not published"):
        services.unpublish(round_, actor=leader, now=utcnow())


def test_editor_lists_the_conditions_first_and_offers_publiceren_only_when_met(
        app, client, make_user, region, login, themed_round):
    round_ = themed_round()
    leader = make_user("project_leader", region)
    login(leader)
    url = f"/rondes/{round_.id}/terugkoppeling"
    themes = shown_themes(round_)
    services.save_response(round_, themes[0].id, ResponseKind.ADOPT, "Meer woningen.",
                           actor=leader, now=utcnow())
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert page.index("Voorwaarden om te publiceren") < page.index(f'id="thema-{themes[0].id}"')
    assert "Klaar: de ronde is gesloten." in page
    assert "Nog niet: elk thema heeft een reactie (1 van de 2)" in page
    assert f'<a class="utrecht-link" href="#thema-{themes[1].id}">{themes[1].label}</a>' in page
    assert f'<a class="utrecht-link" href="#thema-{themes[0].id}">' not in page
    assert ">Publiceren</button>" not in page
    respond_all(round_, leader)
    page = client.get(url).get_data(as_text=True)
    assert "Klaar: elk thema heeft een reactie (2 van de 2)" in page
    assert ">Publiceren</button>" in page
    done = client.post(f"/rondes/{round_.id}/publiceren", follow_redirects=True)
    assert "De terugkoppeling is gepubliceerd" in done.get_data(as_text=True)


def test_an_open_round_shows_closing_as_the_missing_condition(
        app, client, login_as, make_round):
    round_ = make_round()
    login_as("project_leader")
    page = client.get(f"/rondes/{round_.id}/terugkoppeling").get_data(as_text=True)
    assert "Nog niet: de ronde is gesloten." in page and ">Publiceren</button>" not in page
