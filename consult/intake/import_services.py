"""Import a file of input: keep the upload, map columns, check every row, store all or nothing.

No Flask here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import Conflict, ConsultError, InvalidState, NotFound
from consult.intake.files import Table, read_table
from consult.intake.services import MAX_REASON_LENGTH, accepts_staff_input
from consult.regions.models import Municipality, StakeholderGroup
from consult.rounds.models import Question, Round
from consult.submissions.models import (
    IMPORT_DONE,
    IMPORT_RUNNING,
    ImportBatch,
    Submission,
)
from consult.submissions.redaction import redact_text
from consult.submissions.services import erase

GROUP = "group"
MUNICIPALITY = "municipality"
GROUP_HEADERS = {"groep", "doelgroep", "stakeholdergroep", "group", "rol", "ik doe mee als"}
MUNICIPALITY_HEADERS = {"gemeente", "woonplaats", "municipality", "plaats", "woongemeente"}
ANSWER_HEADERS = {"antwoord", "inbreng", "tekst", "opmerking", "reactie"}
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
SHOWN = 60  # characters of a cell value repeated in an error
log = logging.getLogger(__name__)


def question_target(question_id: int) -> str:
    return f"q{question_id}"


@dataclass(frozen=True)
class Upload:
    token: str
    filename: str
    sha256: str


@dataclass(frozen=True)
class RowError:
    """One problem in one row; ``code`` is translated for the user by the view."""

    row: int
    code: str
    column: str = ""
    value: str = ""


@dataclass(frozen=True)
class ParsedRow:
    row: int
    group: StakeholderGroup
    municipality: Municipality | None
    answers: dict[int, str]


@dataclass(frozen=True)
class Preview:
    rows: list[ParsedRow]
    errors: list[RowError]
    # Row number -> file name of an earlier import into this round with the same input.
    imported_before: dict[int, str] = field(default_factory=dict)


class RowsInvalid(ConsultError):
    """At least one row has an error, so nothing was imported."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} row errors")
        self.errors = errors


@dataclass(frozen=True)
class UploadStore:
    """Uploads, parsed once, kept between upload and confirmation, keyed by a random token.

    The rows are kept as JSON, not as the file: the later steps must not parse a
    spreadsheet again (an XLSX file can be expensive to read).
    """

    directory: Path

    def save(self, table: Table) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._purge_old()
        token = secrets.token_urlsafe(24)
        content = {"headers": table.headers, "rows": table.rows}
        (self.directory / token).write_text(json.dumps(content, ensure_ascii=False),
                                            encoding="utf-8")
        return token

    def load(self, token: str) -> Table:
        path = self._path(token)
        if not path.is_file():
            raise NotFound("upload expired")
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
            return Table(headers=content["headers"],
                         rows=[(line, cells) for line, cells in content["rows"]])
        except (ValueError, KeyError, TypeError) as err:  # e.g. a raw file from before
            raise NotFound("upload unreadable") from err

    def delete(self, token: str) -> None:
        self._path(token).unlink(missing_ok=True)

    def _path(self, token: str) -> Path:
        if not TOKEN_PATTERN.match(token or ""):
            raise NotFound("bad upload token")
        return self.directory / token

    def _purge_old(self) -> None:
        cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
        for path in self.directory.iterdir():
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


def find_duplicate(round_: Round, sha256: str) -> ImportBatch | None:
    """The earlier import of the same file into this round, if any."""
    return db.session.scalar(
        select(ImportBatch).where(ImportBatch.round_id == round_.id, ImportBatch.sha256 == sha256)
    )


def withdraw_import(batch: ImportBatch, *, reason: str, actor: User, now: datetime) -> int:
    """Take a whole import back: its contributions are erased everywhere; returns how many.

    The batch stays listed as withdrawn. Its digest is replaced, so the same file, with a
    corrected column mapping, can be imported again; the audit event keeps the original.
    """
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON_LENGTH:
        raise InvalidState(f"a reason of at most {MAX_REASON_LENGTH} characters is required")
    if batch.withdrawn_at is not None:
        raise InvalidState("import already withdrawn")
    if batch.status != IMPORT_DONE:
        raise InvalidState("import not finished")
    if not accepts_staff_input(batch.round, now):
        raise InvalidState("round does not accept input")
    live = db.session.scalars(select(Submission).where(
        Submission.import_batch_id == batch.id, Submission.withdrawn_at.is_(None))).all()
    for submission in live:
        erase(submission, now=now)
    original = batch.sha256
    batch.sha256 = hashlib.sha256(f"{original}:withdrawn:{batch.id}".encode()).hexdigest()
    batch.withdrawn_at = now
    db.session.flush()
    record("import.withdraw", actor=actor, obj=batch, region_id=batch.round.region_id, now=now,
           filename=batch.filename, sha256=original, rows=len(live),
           reason=redact_text(reason)[0])
    return len(live)


def batches_of(round_: Round) -> list[tuple[ImportBatch, User | None]]:
    """The round's earlier imports, newest first, each with the user who imported it."""
    query = (
        select(ImportBatch, User)
        .outerjoin(User, User.id == ImportBatch.created_by_id)
        .where(ImportBatch.round_id == round_.id)
        .order_by(ImportBatch.created_at.desc(), ImportBatch.id.desc())
    )
    return [(batch, user) for batch, user in db.session.execute(query)]


def accept_upload(round_: Round, data: bytes, *, filename: str, store: UploadStore,
                  now: datetime) -> Upload:
    """Check the file (type, size, rows, not imported before); parse it once, keep the rows."""
    if not accepts_staff_input(round_, now):
        raise InvalidState("round does not accept input")
    table = read_table(data)
    digest = hashlib.sha256(data).hexdigest()
    if find_duplicate(round_, digest) is not None:
        raise Conflict("file imported before")
    name = Path(filename.replace("\\", "/")).name[:255] or "bestand"
    return Upload(token=store.save(table), filename=name, sha256=digest)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def guess_mapping(round_: Round, headers: list[str]) -> dict[int, str]:
    """A sensible first mapping of columns to group, municipality and questions, by header."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        target = _guess(round_, _norm(header), taken)
        if target:
            mapping[index] = target
            taken.add(target)
    return mapping


def template_csv(round_: Round) -> bytes:
    """An empty file to fill in: columns that guess_mapping links by itself, ';' for Excel."""
    headers = ["Groep", "Gemeente"] + [
        f"Vraag {number}: {question.prompt}"
        for number, question in enumerate(round_.questions, start=1)]
    out = io.StringIO(newline="")
    # A prompt starting with = + - @ would run as a formula in a spreadsheet.
    csv.writer(out, delimiter=";").writerow(
        "'" + h if h.startswith(("=", "+", "-", "@")) else h for h in headers)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _guess(round_: Round, header: str, taken: set[str]) -> str:
    if header in GROUP_HEADERS:
        return GROUP if GROUP not in taken else ""
    if header in MUNICIPALITY_HEADERS:
        return MUNICIPALITY if MUNICIPALITY not in taken else ""
    questions = round_.questions
    for number, question in enumerate(questions, start=1):
        target = question_target(question.id)
        prompt = _norm(question.prompt)
        numbered = {f"vraag {number}", f"v{number}", f"antwoord {number}", str(number)}
        similar = len(header) >= 8 and (header in prompt or prompt in header)
        if target not in taken and (header == prompt or header in numbered or similar):
            return target
    only = question_target(questions[0].id) if len(questions) == 1 else ""
    return only if header in ANSWER_HEADERS and only not in taken else ""


@dataclass(frozen=True)
class _Lookup:
    """What cell values are matched against: the round's groups, municipalities, questions."""

    groups: dict[str, StakeholderGroup]
    municipalities: dict[str, Municipality]
    questions: dict[str, Question]

    @classmethod
    def of(cls, round_: Round) -> _Lookup:
        groups = {}
        for group in round_.groups:
            groups[group.key.lower()] = groups[group.name.lower()] = group
        return cls(groups=groups,
                   municipalities={m.name.lower(): m for m in round_.region.municipalities},
                   questions={question_target(q.id): q for q in round_.questions})


def check_rows(round_: Round, table: Table, mapping: dict[int, str], *,
               default_group: StakeholderGroup | None = None) -> Preview:
    """Resolve every row against the round; collect all row errors instead of stopping."""
    lookup = _Lookup.of(round_)
    rows, errors = [], []
    for line, cells in table.rows:
        row, row_errors = _check_row(line, cells, table.headers, mapping, lookup, default_group)
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    return Preview(rows=rows, errors=errors, imported_before=imported_before(round_, rows))


def _row_key(group_id: int, municipality_id: int | None, answers: dict[int, str]) -> tuple:
    filled = tuple(sorted((qid, " ".join(text.split())) for qid, text in answers.items() if text))
    return group_id, municipality_id, filled


def imported_before(round_: Round, rows: list[ParsedRow]) -> dict[int, str]:
    """Rows whose group, municipality and answers match live input imported from another file.

    Compared on the text as typed while it is kept; after retention removed it, on the
    redacted text, so rows without personal data are still recognised.
    """
    query = (select(Submission, ImportBatch.filename)
             .join(ImportBatch, Submission.import_batch_id == ImportBatch.id)
             .where(Submission.round_id == round_.id, Submission.withdrawn_at.is_(None))
             .options(selectinload(Submission.answers)))
    earlier = {}
    for submission, filename in db.session.execute(query):
        answers = {a.question_id: a.raw_text or a.text for a in submission.answers}
        earlier[_row_key(submission.group_id, submission.municipality_id, answers)] = filename
    found = {}
    for row in rows:
        key = _row_key(row.group.id, row.municipality.id if row.municipality else None,
                       row.answers)
        if key in earlier:
            found[row.row] = earlier[key]
    return found


def _check_row(line: int, cells: list[str], headers: list[str], mapping: dict[int, str],
               lookup: _Lookup, default_group: StakeholderGroup | None
               ) -> tuple[ParsedRow | None, list[RowError]]:
    errors: list[RowError] = []
    group, municipality, answers = default_group, None, {}
    for index, target in mapping.items():
        value, column = cells[index], headers[index]
        if target == GROUP and value:
            group = lookup.groups.get(value.lower())
            if group is None:
                errors.append(RowError(line, "unknown_group", column, value[:SHOWN]))
        elif target == MUNICIPALITY and value:
            municipality = lookup.municipalities.get(value.lower())
            if municipality is None:
                errors.append(RowError(line, "unknown_municipality", column, value[:SHOWN]))
        elif question := lookup.questions.get(target):
            if len(value) > question.max_length:
                errors.append(RowError(line, "too_long", column, str(question.max_length)))
            answers[question.id] = value
    if group is None and not errors_with(errors, "unknown_group"):
        errors.append(RowError(line, "missing_group"))
    if not any(answers.values()):
        errors.append(RowError(line, "no_answers"))
    return (None if errors else ParsedRow(line, group, municipality, answers)), errors


def errors_with(errors: list[RowError], code: str) -> list[RowError]:
    return [error for error in errors if error.code == code]


def start_import(round_: Round, upload: Upload, table: Table, mapping: dict[int, str], *,
                 default_group: StakeholderGroup | None, actor: User, now: datetime
                 ) -> ImportBatch:
    """Check the file once more and record the import as running; ``import_job`` stores it.

    Raises RowsInvalid, Conflict or InvalidState and then records nothing.
    """
    if not accepts_staff_input(round_, now):
        raise InvalidState("round does not accept input")
    if find_duplicate(round_, upload.sha256) is not None:
        raise Conflict("file imported before")
    preview = check_rows(round_, table, mapping, default_group=default_group)
    if preview.errors:
        raise RowsInvalid(preview.errors)
    batch = ImportBatch(round_id=round_.id, filename=upload.filename, sha256=upload.sha256,
                        row_count=len(preview.rows), created_by_id=actor.id, created_at=now,
                        status=IMPORT_RUNNING, rows_done=0,
                        job={"token": upload.token,
                             "mapping": {str(k): v for k, v in mapping.items()},
                             "default_group": default_group.id if default_group else None})
    db.session.add(batch)
    try:
        db.session.flush()
    except IntegrityError as err:  # the same file confirmed twice at the same moment
        raise Conflict("file imported before") from err
    return batch
