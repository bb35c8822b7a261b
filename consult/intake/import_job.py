"""The background job of a confirmed import: store its rows, showing progress, all or nothing.

``import_services.start_import`` records the import as running; ``import_worker`` starts this
job (inline, on RQ or in a thread). No Flask here.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from sqlalchemy import select

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import ConsultError, InvalidState, NotFound
from consult.intake.files import Table
from consult.intake.import_services import RowsInvalid, UploadStore, check_rows
from consult.intake.services import accepts_staff_input
from consult.submissions.models import (
    IMPORT_DONE,
    IMPORT_FAILED,
    IMPORT_RUNNING,
    Channel,
    ImportBatch,
    Submission,
)
from consult.submissions.services import Consent, Intake, submit
from consult.submissions.signals import announce_on_commit

PROGRESS_EVERY = 100  # rows stored between two progress updates of a running import
log = logging.getLogger(__name__)


def run_import(batch_id: int, store: UploadStore, *, now: datetime,
               chunk: int | None = None) -> None:
    """The background job: store every row of a running import, committing progress as it goes.

    Rows are committed in chunks so that the status page can show progress. When anything
    fails, the rows stored so far are deleted again and the batch is marked failed with an
    error code (see ``IMPORT_ERRORS``): an import is stored whole or not at all.
    """
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None or batch.status != IMPORT_RUNNING:
        return
    token = batch.job["token"]
    try:
        _store_rows(batch, store.load(token), now=now, chunk=chunk or PROGRESS_EVERY)
    except Exception as err:  # noqa: BLE001 - any failure must undo the import, not half-do it
        db.session.rollback()
        if not isinstance(err, ConsultError):
            log.exception("import %s failed", batch_id)
        _fail(batch_id, _error_code(err), now=now)
    finally:
        store.delete(token)


def _store_rows(batch: ImportBatch, table: Table, *, now: datetime, chunk: int) -> None:
    round_, job = batch.round, batch.job
    actor = db.session.get(User, batch.created_by_id) if batch.created_by_id else None
    if actor is None:
        raise InvalidState("the user who confirmed the import is gone")
    if not accepts_staff_input(round_, now):
        raise InvalidState("round does not accept input")
    mapping = {int(k): v for k, v in job["mapping"].items()}
    group = next((g for g in round_.groups if g.id == job["default_group"]), None)
    preview = check_rows(round_, table, mapping, default_group=group)
    if preview.errors:
        raise RowsInvalid(preview.errors)
    batch_id, filename, total = batch.id, batch.filename, len(preview.rows)
    for done, row in enumerate(preview.rows, start=1):
        intake = Intake(group=row.group, municipality=row.municipality, answers=row.answers,
                        consent=Consent(analysis=True), channel=Channel.IMPORT,
                        import_batch_id=batch_id)
        submit(round_, intake, entered_by=actor, now=now, announce=False)
        if done % chunk == 0 and done < total:
            batch.rows_done = done
            db.session.commit()
    stored = db.session.scalars(select(Submission.id).where(
        Submission.import_batch_id == batch_id).order_by(Submission.id)).all()
    announce_on_commit(list(stored))  # one signal for all rows: e.g. one theme-placement job
    record("import.create", actor=actor, obj=batch, region_id=round_.region_id, now=now,
           filename=filename, rows=total)
    batch.rows_done, batch.row_count, batch.status, batch.job = total, total, IMPORT_DONE, None
    db.session.commit()


def _error_code(err: Exception) -> str:
    if isinstance(err, RowsInvalid):
        return "rows_invalid"
    if isinstance(err, InvalidState):
        return "closed"
    if isinstance(err, NotFound):
        return "upload_gone"
    return "unexpected"


def _fail(batch_id: int, code: str, *, now: datetime) -> None:
    """Delete what a failed import stored and mark it failed; the file may be imported again."""
    batch = db.session.get(ImportBatch, batch_id)
    for submission in db.session.scalars(
            select(Submission).where(Submission.import_batch_id == batch_id)):
        db.session.delete(submission)
    batch.sha256 = hashlib.sha256(f"{batch.sha256}:failed:{batch.id}".encode()).hexdigest()
    batch.status, batch.error, batch.rows_done, batch.job = IMPORT_FAILED, code, 0, None
    db.session.commit()
