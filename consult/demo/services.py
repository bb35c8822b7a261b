"""Load the demo regions, staff, rounds and input. Idempotent. No Flask here."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select

from consult.auth import totp
from consult.auth.models import Membership, Role, User, user_by_email
from consult.auth.services import set_password
from consult.db import db
from consult.demo import content
from consult.demo.page_content import PAGES
from consult.demo.tracker import load_tracker_demo
from consult.privacy import statement
from consult.regionpage import services as region_page
from consult.regionpage.models import ItemKind, items_of
from consult.regions import services as regions
from consult.regions.models import Region
from consult.rounds import services as rounds
from consult.rounds.models import Round
from consult.safeguarding import services as safeguarding
from consult.submissions.models import Channel, Submission
from consult.submissions.services import Consent, Intake, submit

ROUNDS = (
    ("Zeeland", "zeeland", "zeeland-uitvoeringsplan",
     "Uitvoeringsplan Beschermd Wonen en Maatschappelijke Opvang Zeeland",
     "De dertien Zeeuwse gemeenten maken samen een plan voor wonen, hulp en opvang. Het gaat "
     "over drie dingen: problemen eerder zien en voorkomen, hoe u hulp aanvraagt, en hoe de "
     "gemeenten samen betalen. Wij willen graag weten wat u ervan vindt. Het invullen duurt "
     "ongeveer 10 minuten."),
    ("Meierij en Bommelerwaard", "meierij", "regiovisie-meierij-bommelerwaard",
     "Regiovisie Beschermd Wonen en Maatschappelijke Opvang",
     "De gemeenten in Meierij en Bommelerwaard schrijven een nieuwe regiovisie. Daarin staat "
     "hoe wij mensen helpen die een veilige plek en steun nodig hebben. Uw ervaring helpt ons. "
     "Vertel in uw eigen woorden wat goed gaat en wat beter moet."),
)
TOPIC_BIAS = {
    ("zeeland", 1): ("preventie", "schulden", "begeleiding", "wachtlijst"),
    ("meierij", 0): ("wonen", "begeleiding", "werk", "schulden"),
}


def load_demo(*, now: datetime, per_round: int = 110,
              totp_key: bytes | None = None) -> dict[str, int]:
    """Create whatever part of the demo is missing; returns counts of what was added.

    With ``totp_key`` (``auth.totp.sealing_key`` of the app's SECRET_KEY) the two-step demo
    account gets its documented authenticator key; without it, it logs in with a password.
    """
    added = {"regions": 0, "users": 0, "rounds": 0, "submissions": 0}
    zeeland = _region("Zeeland", content.ZEELAND_MUNICIPALITIES, content.ZEELAND_CHAPTERS,
                      central=None, now=now, added=added)
    meierij = _region("Meierij en Bommelerwaard", content.MEIERIJ_MUNICIPALITIES,
                      content.MEIERIJ_CHAPTERS, central="'s-Hertogenbosch", now=now, added=added)
    _staff(zeeland, meierij, now=now, added=added)
    for region in (zeeland, meierij):
        if statement.stored_contact(region) is None:
            statement.save_contact(region, content.PRIVACY_CONTACTS[region.name], actor=None,
                                   now=now)
    if totp_key is not None:
        _two_step(totp_key)
    admin = db.session.scalar(user_by_email("demo.admin@consult.test"))
    leader = db.session.scalar(user_by_email("demo.projectleider@consult.test"))
    for region in (zeeland, meierij):
        _public_page(region, actor=leader, now=now)
    for region_name, key, slug, title, intro in ROUNDS:
        region = zeeland if region_name == "Zeeland" else meierij
        round_ = db.session.scalar(select(Round).where(Round.slug == slug))
        if round_ is None:
            round_ = _round(region, key, slug, title, intro, actor=admin, now=now)
            added["rounds"] += 1
        have = db.session.scalar(
            select(func.count()).select_from(Submission).where(Submission.round_id == round_.id)
        )
        if have == 0:
            added["submissions"] += _input(round_, key, count=per_round, now=now)
            if key == "zeeland":
                added["submissions"] += _crisis_input(round_, now=now)
    _safeguarding_contact(admin, now=now)
    added["agreements"] = load_tracker_demo(actor=admin, now=now)
    return added


def _region(name, municipalities, chapters, *, central, now, added) -> Region:
    region = db.session.scalar(select(Region).where(Region.name == name))
    if region is not None:
        return region
    region = regions.create_region(name, actor=None, now=now)
    for municipality in municipalities:
        regions.add_municipality(region, municipality, is_central=municipality == central,
                                 actor=None, now=now)
    for chapter_name, keywords in chapters:
        regions.save_chapter(region, name=chapter_name, keywords=keywords, actor=None, now=now)
    added["regions"] += 1
    return region


def _staff(zeeland: Region, meierij: Region, *, now, added) -> None:
    both = {"admin", "project_leader"}
    for email, name, role in content.STAFF:
        user = db.session.scalar(user_by_email(email))
        if user is not None:
            continue
        user = User(email=email, name=name, created_at=now, is_superuser=role == "admin")
        set_password(user, content.DEMO_PASSWORD)
        for region in (zeeland, meierij) if role in both else (zeeland,):
            user.memberships.append(
                Membership(region_id=region.id, role=Role(role), created_at=now)
            )
        db.session.add(user)
        added["users"] += 1
    db.session.flush()


def _two_step(totp_key: bytes) -> None:
    """Two-step login for its demo account, unless its key can be read already."""
    user = db.session.scalar(user_by_email(content.TWO_STEP_ACCOUNT))
    if user.totp_secret is None or totp.unseal(user.totp_secret, totp_key) is None:
        user.totp_secret, user.totp_last_step = totp.seal(content.TWO_STEP_KEY, totp_key), None


def _public_page(region: Region, *, actor: User, now: datetime) -> None:
    """Texts, publications and events for the region's public page, unless it has some."""
    background, goal, items = PAGES[region.name]
    if not (region.background or region.goal):
        regions.save_page_texts(region, background=background, goal=goal, actor=actor, now=now)
    if db.session.scalars(items_of(region.id)).first() is not None:
        return
    for kind, title, day, description, link in items:
        region_page.save_item(region, region_page.ItemFields(
            kind=ItemKind(kind), title=title, happened_on=day, description=description,
            link_url=link), store=None, actor=actor, now=now)


def _round(region, key, slug, title, intro, *, actor, now) -> Round:
    fields = rounds.RoundFields(
        title=title, slug=slug, intro=intro,
        opens_on=rounds.local_date(now - timedelta(days=14)),
        closes_on=rounds.local_date(now + timedelta(days=28)),
        group_ids=[g.id for g in region.groups],
    )
    round_ = rounds.save_round(region, fields, actor=actor, now=now)
    for prompt, help_text, required in content.QUESTIONS[key]:
        rounds.save_question(
            round_, rounds.QuestionFields(prompt=prompt, help_text=help_text,
                                          is_required=required, max_length=2000),
            actor=actor, now=now,
        )
    rounds.release(round_, actor=actor, now=now)
    return round_


def _input(round_: Round, key: str, *, count: int, now: datetime) -> int:
    rng = random.Random(f"demo-{key}")  # noqa: S311  # nosec B311 - demo content, not security
    groups = round_.groups
    weights = [5, 4, 2, 1, 2, 2, 1, 1][: len(groups)] + [1] * max(0, len(groups) - 8)
    municipalities = round_.region.municipalities
    pii = list(content.PII_ANSWERS[:5] if key == "zeeland" else content.PII_ANSWERS[3:])
    for i in range(count):
        answers = {}
        for q_index, question in enumerate(round_.questions):
            if q_index == 0 or rng.random() < 0.75:
                answers[question.id], _ = compose_answer(rng, key, q_index)
        if pii and i % 13 == 5:
            answers[round_.questions[0].id] = pii.pop()
        channel = rng.choices([Channel.WEB, Channel.MEETING, Channel.PAPER], [8, 1, 1])[0]
        intake = Intake(
            group=rng.choices(groups, weights)[0],
            municipality=rng.choice(municipalities) if rng.random() < 0.85 else None,
            answers=answers, channel=channel,
            consent=Consent(analysis=True, quote=rng.random() < 0.7, verbal=channel != Channel.WEB),
        )
        # A new round has no themes yet: nothing to place, so no one needs to hear of it.
        submission, _ = submit(round_, intake, now=now, announce=False)
        age = timedelta(days=13.5 * (count - i) / count, minutes=rng.randint(0, 600))
        submission.created_at = now - age
    db.session.flush()
    return count


def _crisis_input(round_: Round, *, now: datetime) -> int:
    """Answers that raise a crisis signal at intake (one old enough to be late)."""
    for text, hours_ago, contact in content.CRISIS_ANSWERS:
        intake = Intake(group=round_.groups[0], municipality=round_.region.municipalities[0],
                        answers={round_.questions[0].id: text}, contact=contact,
                        consent=Consent(analysis=True, contact=contact is not None))
        submit(round_, intake, now=now - timedelta(hours=hours_ago))
    db.session.flush()
    return len(content.CRISIS_ANSWERS)


def _safeguarding_contact(actor: User, *, now: datetime) -> None:
    email, region_name = content.SAFEGUARDING_CONTACT
    user = db.session.scalar(user_by_email(email))
    region = db.session.scalar(select(Region).where(Region.name == region_name))
    if not safeguarding.is_contact(user, region.id):
        safeguarding.add_contact(region.id, user, actor=actor, now=now)


def compose_answer(rng: random.Random, key: str, q_index: int) -> tuple[str, str]:
    """A demo answer from hand-written sentences, and the topic it is mainly about."""
    bias = TOPIC_BIAS.get((key, q_index))
    topics = list(content.TOPICS)
    first = rng.choice(bias) if bias and rng.random() < 0.6 else rng.choice(topics)
    chosen = [first] + ([rng.choice(topics)] if rng.random() < 0.3 else [])
    sentences = []
    for topic in chosen:
        pool = content.TOPICS[topic]
        sentences += rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2])))
    text = " ".join(sentences)
    opener = rng.choice(content.OPENERS)
    if opener:
        text = opener + text[0].lower() + text[1:]
    return text + rng.choice(content.CLOSERS), first
