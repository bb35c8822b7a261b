"""Load the demo regions, staff, rounds and input. Idempotent. No Flask here."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select

from consult.auth.models import Membership, Role, User, user_by_email
from consult.auth.services import set_password
from consult.db import db
from consult.demo import content
from consult.demo.tracker import load_tracker_demo
from consult.regions import services as regions
from consult.regions.models import Region
from consult.rounds import services as rounds
from consult.rounds.models import Round
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


def load_demo(*, now: datetime, per_round: int = 110) -> dict[str, int]:
    """Create whatever part of the demo is missing; returns counts of what was added."""
    added = {"regions": 0, "users": 0, "rounds": 0, "submissions": 0}
    zeeland = _region("Zeeland", content.ZEELAND_MUNICIPALITIES, content.ZEELAND_CHAPTERS,
                      central=None, now=now, added=added)
    meierij = _region("Meierij en Bommelerwaard", content.MEIERIJ_MUNICIPALITIES,
                      content.MEIERIJ_CHAPTERS, central="'s-Hertogenbosch", now=now, added=added)
    _staff(zeeland, meierij, now=now, added=added)
    admin = db.session.scalar(user_by_email("demo.admin@consult.test"))
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
        submission, _ = submit(round_, intake, now=now)
        age = timedelta(days=13.5 * (count - i) / count, minutes=rng.randint(0, 600))
        submission.created_at = now - age
    db.session.flush()
    return count


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
