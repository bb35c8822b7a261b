"""Import a CSV or XLSX file: upload, map columns, preview every row error, confirm."""

from __future__ import annotations

from functools import partial

from flask import Response, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required

from consult.db import db, utcnow
from consult.errors import Conflict, InvalidState, NotFound
from consult.extensions import limiter
from consult.intake import bp, import_worker, messages
from consult.intake import import_services as imports
from consult.intake.files import MAX_BYTES, FileProblem, Table
from consult.intake.forms import (
    ConfirmForm,
    UploadForm,
    WithdrawImportForm,
    build_mapping_form,
)
from consult.rounds.models import Round
from consult.scoping import get_scoped
from consult.submissions.models import ImportBatch

PENDING_KEY = "intake_import"
PREVIEW_ROWS = 10


def _store() -> imports.UploadStore:
    return import_worker.upload_store(current_app)


def _pending(round_: Round) -> tuple[dict, Table] | None:
    """The upload kept for this round in the user's session, with its rows; None if gone."""
    pending = session.get(PENDING_KEY)
    if not pending or pending.get("round") != round_.id:
        return None
    try:
        return pending, _store().load(pending["token"])
    except NotFound:
        return None


def _restart(round_: Round):
    flash(messages.UPLOAD_EXPIRED, "error")
    return redirect(url_for(".upload", round_id=round_.id))


def _import_limit() -> str:
    return current_app.config["RATELIMIT_IMPORT"]


@bp.route("/ronde/<int:round_id>/importeren/voorbeeld.csv")
@login_required
def import_template(round_id: int):
    round_ = get_scoped(Round, round_id, capability="enter_input")
    return Response(imports.template_csv(round_), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=importeren-{round_.slug}.csv"})


@bp.route("/ronde/<int:round_id>/importeren", methods=["GET", "POST"])
@limiter.limit(_import_limit, methods=["POST"])
@login_required
def upload(round_id: int):
    round_ = get_scoped(Round, round_id, capability="enter_input")
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(MAX_BYTES + 1)
        try:
            kept = imports.accept_upload(round_, data, filename=form.file.data.filename or "",
                                         store=_store(), now=utcnow())
        except FileProblem as err:
            form.file.errors.append(messages.file_problem(err))
        except Conflict:
            form.file.errors.append(messages.DUPLICATE)
        except InvalidState:
            form.form_errors.append(messages.CLOSED)
        else:
            _discard()
            session[PENDING_KEY] = {"round": round_.id, "token": kept.token,
                                    "filename": kept.filename, "sha256": kept.sha256}
            return redirect(url_for(".mapping", round_id=round_.id))
    return render_template("intake/upload.html", round=round_, form=form,
                           batches=imports.batches_of(round_))


def _discard() -> None:
    pending = session.pop(PENDING_KEY, None)
    if pending:
        _store().delete(pending["token"])


@bp.route("/ronde/<int:round_id>/importeren/kolommen", methods=["GET", "POST"])
@login_required
def mapping(round_id: int):
    round_ = get_scoped(Round, round_id, capability="enter_input")
    if (loaded := _pending(round_)) is None:
        return _restart(round_)
    pending, table = loaded
    saved = {int(k): v for k, v in (pending.get("mapping") or {}).items()}
    form = build_mapping_form(round_, table.headers,
                              saved or imports.guess_mapping(round_, table.headers),
                              default_group=pending.get("default_group", ""))
    if form.validate_on_submit():
        chosen = {str(k): v for k, v in form.mapping().items()}
        session[PENDING_KEY] = {**pending, "mapping": chosen,
                                "default_group": form.default_group.data or ""}
        return redirect(url_for(".preview", round_id=round_.id))
    return render_template("intake/mapping.html", round=round_, form=form, table=table,
                           pending=pending, sample=table.rows[:3])


def _resolved(round_: Round, pending: dict):
    mapping = {int(k): v for k, v in pending["mapping"].items()}
    group = next((g for g in round_.groups if g.key == pending.get("default_group")), None)
    return mapping, group


@bp.route("/ronde/<int:round_id>/importeren/controleren", methods=["GET", "POST"])
@login_required
def preview(round_id: int):
    round_ = get_scoped(Round, round_id, capability="enter_input")
    if (loaded := _pending(round_)) is None or "mapping" not in loaded[0]:
        return _restart(round_)
    pending, table = loaded
    mapping, group = _resolved(round_, pending)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _confirm(round_, pending, table)
    result = imports.check_rows(round_, table, mapping, default_group=group)
    return render_template("intake/preview.html", round=round_, form=form, table=table,
                           pending=pending, result=result, mapping=mapping,
                           shown=result.rows[:PREVIEW_ROWS],
                           row_error=partial(messages.row_error,
                                             groups=[g.name for g in round_.groups]),
                           imported_before=messages.imported_before)


def _confirm(round_: Round, pending: dict, table: Table):
    mapping, group = _resolved(round_, pending)
    kept = imports.Upload(pending["token"], pending["filename"], pending["sha256"])
    try:
        batch = imports.start_import(round_, kept, table, mapping, default_group=group,
                                     actor=current_user, now=utcnow())
    except imports.RowsInvalid:
        db.session.rollback()
        flash("Er zijn fouten in het bestand. Er is niets geïmporteerd.", "error")
        return redirect(url_for(".preview", round_id=round_.id))
    except (Conflict, InvalidState) as err:
        db.session.rollback()
        _discard()
        flash(messages.DUPLICATE if isinstance(err, Conflict) else messages.CLOSED, "error")
        return redirect(url_for(".upload", round_id=round_.id))
    db.session.commit()
    session.pop(PENDING_KEY, None)  # the upload itself stays for the job, which deletes it
    import_worker.dispatch(current_app._get_current_object(), batch.id)
    return redirect(url_for(".import_status", batch_id=batch.id))


@bp.route("/import/<int:batch_id>")
@login_required
def import_status(batch_id: int):
    batch = get_scoped(ImportBatch, batch_id, capability="enter_input")
    return render_template("intake/import_status.html", batch=batch, round=batch.round,
                           error=messages.IMPORT_ERRORS.get(batch.error or "",
                                                            messages.IMPORT_ERRORS["unexpected"]))


@bp.route("/import/<int:batch_id>/intrekken", methods=["GET", "POST"])
@login_required
def withdraw_import(batch_id: int):
    batch = get_scoped(ImportBatch, batch_id, capability="enter_input")
    form = WithdrawImportForm()
    if batch.withdrawn_at is None and form.validate_on_submit():
        try:
            count = imports.withdraw_import(batch, reason=form.reason.data,
                                            actor=current_user, now=utcnow())
        except InvalidState:
            form.form_errors.append(messages.IMPORT_NOT_WITHDRAWABLE)
        else:
            db.session.commit()
            flash(f"De import van {batch.filename} is ingetrokken: {count} bijdragen zijn "
                  "verwijderd. U kunt het bestand opnieuw importeren.", "success")
            return redirect(url_for(".upload", round_id=batch.round_id))
    return render_template("intake/import_withdraw.html", batch=batch, round=batch.round,
                           form=form)
