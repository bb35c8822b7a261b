"""Regions, municipalities, stakeholder groups and vision chapters. No Flask here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from consult.audit.services import record
from consult.auth.models import Membership, Role, User
from consult.db import db
from consult.errors import Conflict
from consult.regions.models import (
    DEFAULT_GROUPS,
    Municipality,
    Region,
    StakeholderGroup,
    VisionChapter,
)
from consult.text import slugify

SLUG_LENGTH = 60
MAX_PAGE_TEXT = 4000


def unique_slug(name: str, taken: set[str]) -> str:
    """The region's address from its name, '-2', '-3', ... added when already taken."""
    base = slugify(name, max_length=SLUG_LENGTH, fallback="regio")
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def region_by_slug(slug: str) -> Region | None:
    """The region whose public page lives at /regio/<slug>."""
    return db.session.scalar(select(Region).where(Region.slug == slug))


def create_region(name: str, *, actor: User | None, now: datetime) -> Region:
    """A new region with the default stakeholder groups; its creator becomes its admin."""
    if db.session.scalar(select(Region).where(Region.name == name)) is not None:
        raise Conflict("region name taken")
    slug = unique_slug(name, set(db.session.scalars(select(Region.slug))))
    region = Region(name=name, slug=slug, created_at=now)
    for position, (key, label) in enumerate(DEFAULT_GROUPS):
        region.groups.append(StakeholderGroup(key=key, name=label, position=position))
    db.session.add(region)
    db.session.flush()
    if actor is not None:
        # Every staff page is scoped to the regions one belongs to: without this membership
        # the creator gets a 404 on the region they have just made.
        actor.memberships.append(Membership(region_id=region.id, role=Role.ADMIN, created_at=now))
        db.session.flush()
    record("region.create", actor=actor, obj=region, region_id=region.id, now=now)
    return region


def add_municipality(
    region: Region, name: str, *, is_central: bool = False, actor: User | None, now: datetime
) -> Municipality:
    """Add a municipality to a region; names are unique per region."""
    if any(m.name.lower() == name.lower() for m in region.municipalities):
        raise Conflict("municipality exists")
    municipality = Municipality(name=name, is_central=is_central)
    region.municipalities.append(municipality)
    db.session.flush()
    record("municipality.create", actor=actor, obj=municipality, region_id=region.id, now=now)
    return municipality


def remove_municipality(municipality: Municipality, *, actor: User, now: datetime) -> None:
    """Remove a municipality; submissions keep their input without one."""
    record(
        "municipality.delete", actor=actor, obj=municipality,
        region_id=municipality.region_id, now=now, name=municipality.name,
    )
    db.session.delete(municipality)


def add_group(region: Region, name: str, *, actor: User, now: datetime) -> StakeholderGroup:
    """Add a stakeholder group to the region's editable list."""
    key = slugify(name, max_length=40, fallback="groep")
    if any(g.key == key or g.name.lower() == name.lower() for g in region.groups):
        raise Conflict("group exists")
    group = StakeholderGroup(key=key, name=name, position=len(region.groups))
    region.groups.append(group)
    db.session.flush()
    record("group.create", actor=actor, obj=group, region_id=region.id, now=now)
    return group


def rename_group(group: StakeholderGroup, name: str, *, actor: User, now: datetime) -> None:
    """Rename a group; its key (used in invite links) stays the same."""
    record("group.rename", actor=actor, obj=group, region_id=group.region_id, now=now,
           old=group.name, new=name)
    group.name = name


def save_chapter(
    region: Region,
    *,
    name: str,
    keywords: str,
    chapter: VisionChapter | None = None,
    actor: User,
    now: datetime,
) -> VisionChapter:
    """Create or update one of the region's vision chapters."""
    clash = next((c for c in region.chapters if c.name.lower() == name.lower()), None)
    if clash is not None and clash is not chapter:
        raise Conflict("chapter exists")
    if chapter is None:
        chapter = VisionChapter(position=len(region.chapters))
        region.chapters.append(chapter)
    chapter.name = name
    chapter.keywords = ", ".join(k.strip() for k in keywords.split(",") if k.strip())
    db.session.flush()
    record("chapter.save", actor=actor, obj=chapter, region_id=region.id, now=now, name=name)
    return chapter


def delete_chapter(chapter: VisionChapter, *, actor: User, now: datetime) -> None:
    """Delete a vision chapter; themes linked to it lose the link."""
    record("chapter.delete", actor=actor, obj=chapter, region_id=chapter.region_id, now=now,
           name=chapter.name)
    db.session.delete(chapter)


def save_page_texts(region: Region, *, background: str, goal: str, actor: User,
                    now: datetime) -> bool:
    """Set the public page's background and goal; returns whether anything changed."""
    background, goal = (text.replace("\r\n", "\n").strip()[:MAX_PAGE_TEXT]
                        for text in (background, goal))
    if (region.background, region.goal) == (background, goal):
        return False
    record("region.page_texts", actor=actor, obj=region, region_id=region.id, now=now,
           background_changed=region.background != background, goal_changed=region.goal != goal)
    region.background, region.goal = background, goal
    db.session.flush()
    return True
