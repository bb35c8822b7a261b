"""Regions, municipalities, stakeholder groups and vision chapters."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from consult.auth.permissions import regions_with
from consult.db import db, utcnow
from consult.errors import Conflict
from consult.forms import EmptyForm
from consult.regions import bp, services
from consult.regions.forms import ChapterForm, GroupForm, MunicipalityForm, RegionForm
from consult.regions.models import Municipality, Region, StakeholderGroup, VisionChapter
from consult.scoping import get_scoped


@bp.route("/")
@login_required
def index():
    query = select(Region).order_by(Region.name)
    if not current_user.is_superuser:
        managed = set(regions_with(current_user, "manage_region"))
        if not managed:
            abort(403)
        query = query.where(Region.id.in_(managed))
    form = RegionForm() if current_user.is_superuser else None
    return render_template("regions/index.html", regions=db.session.scalars(query), form=form)


@bp.route("/regio-toevoegen", methods=["POST"])
@login_required
def create_region():
    if not current_user.is_superuser:
        abort(403)
    form = RegionForm()
    if form.validate_on_submit():
        try:
            region = services.create_region(form.name.data, actor=current_user, now=utcnow())
        except Conflict:
            flash("Er bestaat al een regio met die naam.", "error")
            return redirect(url_for(".index"))
        db.session.commit()
        flash(f"Regio {region.name} is toegevoegd.", "success")
        return redirect(url_for(".region", region_id=region.id))
    flash("Vul een naam in voor de regio.", "error")
    return redirect(url_for(".index"))


@bp.route("/regio/<int:region_id>")
@login_required
def region(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_region")
    return render_template(
        "regions/region.html", region=region, municipality_form=MunicipalityForm(),
        group_form=GroupForm(), button=EmptyForm(),
    )


@bp.route("/regio/<int:region_id>/gemeenten", methods=["POST"])
@login_required
def add_municipality(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_region")
    form = MunicipalityForm()
    if form.validate_on_submit():
        try:
            services.add_municipality(region, form.name.data, is_central=form.is_central.data,
                                      actor=current_user, now=utcnow())
            db.session.commit()
            flash(f"Gemeente {form.name.data} is toegevoegd.", "success")
        except Conflict:
            flash("Deze gemeente staat al in de lijst.", "error")
    else:
        flash("Vul de naam van de gemeente in.", "error")
    return redirect(url_for(".region", region_id=region.id) + "#gemeenten")


@bp.route("/gemeente/<int:municipality_id>/verwijderen", methods=["POST"])
@login_required
def remove_municipality(municipality_id: int):
    municipality = get_scoped(Municipality, municipality_id, capability="manage_region")
    if EmptyForm().validate_on_submit():
        services.remove_municipality(municipality, actor=current_user, now=utcnow())
        db.session.commit()
        flash(f"Gemeente {municipality.name} is verwijderd.", "success")
    return redirect(url_for(".region", region_id=municipality.region_id) + "#gemeenten")


@bp.route("/regio/<int:region_id>/groepen", methods=["POST"])
@login_required
def add_group(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_rounds")
    form = GroupForm(prefix="group")
    if form.validate_on_submit():
        try:
            services.add_group(region, form.name.data, actor=current_user, now=utcnow())
            db.session.commit()
            flash(f"Groep {form.name.data} is toegevoegd.", "success")
        except Conflict:
            flash("Deze groep bestaat al.", "error")
    else:
        flash("Vul de naam van de groep in.", "error")
    return redirect(url_for(".chapters", region_id=region.id) + "#groepen")


@bp.route("/groep/<int:group_id>/naam", methods=["POST"])
@login_required
def rename_group(group_id: int):
    group = get_scoped(StakeholderGroup, group_id, capability="manage_rounds")
    form = GroupForm()
    if form.validate_on_submit():
        services.rename_group(group, form.name.data, actor=current_user, now=utcnow())
        db.session.commit()
        flash("De naam van de groep is aangepast.", "success")
    return redirect(url_for(".chapters", region_id=group.region_id) + "#groepen")


@bp.route("/regio/<int:region_id>/visie", methods=["GET", "POST"])
@login_required
def chapters(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_rounds")
    form = ChapterForm()
    if form.validate_on_submit():
        try:
            services.save_chapter(region, name=form.name.data, keywords=form.keywords.data or "",
                                  actor=current_user, now=utcnow())
            db.session.commit()
            flash(f"Hoofdstuk {form.name.data} is opgeslagen.", "success")
            return redirect(url_for(".chapters", region_id=region.id))
        except Conflict:
            form.name.errors.append("Er is al een hoofdstuk met deze naam.")
    return render_template("regions/chapters.html", region=region, form=form,
                           group_form=GroupForm(prefix="group", formdata=None), button=EmptyForm())


@bp.route("/hoofdstuk/<int:chapter_id>", methods=["GET", "POST"])
@login_required
def edit_chapter(chapter_id: int):
    chapter = get_scoped(VisionChapter, chapter_id, capability="manage_rounds")
    form = ChapterForm(obj=chapter)
    if form.validate_on_submit():
        try:
            services.save_chapter(chapter.region, name=form.name.data, chapter=chapter,
                                  keywords=form.keywords.data or "", actor=current_user,
                                  now=utcnow())
            db.session.commit()
            flash("Het hoofdstuk is opgeslagen.", "success")
            return redirect(url_for(".chapters", region_id=chapter.region_id))
        except Conflict:
            form.name.errors.append("Er is al een hoofdstuk met deze naam.")
    return render_template("regions/chapter_edit.html", chapter=chapter, form=form)


@bp.route("/hoofdstuk/<int:chapter_id>/verwijderen", methods=["POST"])
@login_required
def delete_chapter(chapter_id: int):
    chapter = get_scoped(VisionChapter, chapter_id, capability="manage_rounds")
    if EmptyForm().validate_on_submit():
        services.delete_chapter(chapter, actor=current_user, now=utcnow())
        db.session.commit()
        flash(f"Hoofdstuk {chapter.name} is verwijderd.", "success")
    return redirect(url_for(".chapters", region_id=chapter.region_id))
