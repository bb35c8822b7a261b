"""Editing the region's public page: texts, publications and events (project leader, admin)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from consult.db import db, utcnow
from consult.errors import InvalidState
from consult.forms import EmptyForm
from consult.intake.files import FileProblem
from consult.regionpage import bp, services
from consult.regionpage.files import MAX_PDF_BYTES
from consult.regionpage.forms import ItemForm, PageTextsForm
from consult.regionpage.models import ItemKind, PageItem, items_of
from consult.regionpage.views import pdf_store
from consult.regions import services as regions
from consult.regions.models import Region
from consult.scoping import get_scoped

CAPABILITY = "publish"  # docs/deployment.md: the feedback report and the public page
PDF_PROBLEMS = {
    "empty": "Het bestand is leeg. Kies een ander bestand.",
    "too_large": f"Het bestand is te groot. Het mag maximaal {MAX_PDF_BYTES // 2**20} MB zijn.",
    "wrong_type": "Dit is geen PDF-bestand. Kies een bestand dat eindigt op .pdf.",
    "unreadable": "Het PDF-bestand is niet compleet of beschadigd. Sla het opnieuw op als PDF "
                  "en probeer het nog een keer.",
    "active_content": "Dit PDF-bestand bevat programmacode, een bijlage of een opdracht om een "
                      "programma te starten. Dat is niet veilig voor bezoekers. Sla het opnieuw "
                      "op met 'Afdrukken als PDF' en upload dat bestand.",
}
BOTH = "Kies een link of een PDF-bestand, niet allebei."
CHOOSE_AGAIN = ("Kies het PDF-bestand opnieuw. Uw browser onthoudt een gekozen bestand niet "
                "als het formulier een fout heeft.")


@bp.route("/beheer/regio/<int:region_id>/openbare-pagina", methods=["GET", "POST"])
@login_required
def editor(region_id: int):
    region = get_scoped(Region, region_id, capability=CAPABILITY)
    form = PageTextsForm(obj=region)
    if form.validate_on_submit():
        if regions.save_page_texts(region, background=form.background.data or "",
                                   goal=form.goal.data or "", actor=current_user, now=utcnow()):
            db.session.commit()
            flash("De teksten zijn opgeslagen.", "success")
        else:
            flash("Er was niets veranderd.", "info")
        return redirect(url_for(".editor", region_id=region.id))
    items = db.session.scalars(items_of(region.id)).all()
    return render_template("regionpage/editor.html", region=region, form=form, items=items,
                           button=EmptyForm()), 422 if form.errors else 200


@bp.route("/beheer/regio/<int:region_id>/openbare-pagina/toevoegen", methods=["GET", "POST"])
@login_required
def add_item(region_id: int):
    region = get_scoped(Region, region_id, capability=CAPABILITY)
    return _item_page(region, None, ItemForm())


@bp.route("/beheer/pagina-item/<int:item_id>", methods=["GET", "POST"])
@login_required
def edit_item(item_id: int):
    item = get_scoped(PageItem, item_id, capability=CAPABILITY)
    form = ItemForm(obj=item)
    if not form.is_submitted():
        form.kind.data = item.kind.value
    return _item_page(item.region, item, form)


def _item_page(region: Region, item: PageItem | None, form: ItemForm):
    if form.validate_on_submit() and _save(region, item, form):
        db.session.commit()
        flash(f"'{form.title.data}' staat op de openbare pagina.", "success")
        return redirect(url_for(".editor", region_id=region.id) + "#publicaties")
    if form.errors and _upload(form) is not None and not form.pdf.errors:
        form.pdf.errors = [CHOOSE_AGAIN]
    status = 422 if request.method == "POST" else 200
    return render_template("regionpage/item.html", region=region, item=item, form=form), status


def _upload(form: ItemForm) -> bytes | None:
    file = form.pdf.data
    if not file or not getattr(file, "filename", ""):
        return None
    return file.read(MAX_PDF_BYTES + 1)


def _save(region: Region, item: PageItem | None, form: ItemForm) -> bool:
    """Save through the service; a refusal becomes an error beside the field."""
    fields = services.ItemFields(
        kind=ItemKind(form.kind.data), title=form.title.data, happened_on=form.happened_on.data,
        description=form.description.data or "", link_url=form.link_url.data or "")
    change = services.PdfChange(data=_upload(form), remove=bool(form.remove_pdf.data))
    try:
        services.save_item(region, fields, item=item, pdf=change, store=pdf_store(),
                           actor=current_user, now=utcnow())
    except FileProblem as err:
        form.pdf.errors = [PDF_PROBLEMS.get(err.code, PDF_PROBLEMS["unreadable"])]
    except InvalidState:
        form.link_url.errors = [BOTH]
    else:
        return True
    return False


@bp.route("/beheer/pagina-item/<int:item_id>/verwijderen", methods=["POST"])
@login_required
def delete_item(item_id: int):
    item = get_scoped(PageItem, item_id, capability=CAPABILITY)
    if EmptyForm().validate_on_submit():
        services.delete_item(item, store=pdf_store(), actor=current_user, now=utcnow())
        db.session.commit()
        flash(f"'{item.title}' is van de openbare pagina gehaald.", "success")
    return redirect(url_for(".editor", region_id=item.region_id) + "#publicaties")
