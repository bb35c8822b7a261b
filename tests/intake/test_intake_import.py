"""Importing a CSV or XLSX file: upload, mapping, preview with every row error, confirm."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.intake import files, import_job, import_services, import_worker
from consult.submissions.models import Answer, Channel, ImportBatch, Submission
from consult.themes import worker as theme_worker
from tests.intake.test_intake_files import PNG, shared_strings_xlsx, xlsx_bytes

IMPORT_BUTTON = 'type="submit" class="utrecht-button utrecht-button--primary-action">Importeren'

CSV = ("Groep;Gemeente;Vraag 1;Vraag 2\n"
       "Cliënt;Goes;Meer begeleiding na de opvang;Sneller een woning\n"
       "adviesraad;middelburg;Bel mij op 06-12345678 over preventie;\n")


def _count(model=Submission) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _mapping(round_, *targets: str) -> dict:
    """Form data for the mapping step; 'q1' and 'q2' stand for the round's questions."""
    ids = {f"q{n}": f"q{q.id}" for n, q in enumerate(round_.questions, start=1)}
    return {f"column_{i}": ids.get(t, t) for i, t in enumerate(targets)}


def _import(client, upload, round_, content: bytes, filename="inbreng.csv", mapping=None):
    response = upload(round_, content, filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    base = f"/invoer/ronde/{round_.id}/importeren"
    data = mapping or _mapping(round_, "group", "municipality", "q1", "q2")
    assert client.post(f"{base}/kolommen", data=data).status_code == 302
    preview = client.get(f"{base}/controleren").get_data(as_text=True)
    return preview, client.post(f"{base}/controleren", data={"consent": "y"})


@pytest.mark.parametrize("content", [
    CSV.encode(),
    ("\ufeff" + CSV).encode(),
    CSV.replace(";", ",").encode("cp1252"),
    xlsx_bytes([line.split(";") for line in CSV.strip().split("\n")]),
])
def test_import_through_preview_and_confirm(client, login_as, open_round, upload, content):
    user = login_as("facilitator")
    preview, confirmed = _import(client, upload, open_round, content)
    assert "Meer begeleiding na de opvang" in preview and IMPORT_BUTTON in preview
    assert confirmed.status_code == 302
    batch = db.session.scalars(select(ImportBatch)).one()
    assert (batch.row_count, batch.created_by_id, batch.filename) == (2, user.id, "inbreng.csv")
    rows = db.session.scalars(select(Submission).order_by(Submission.id)).all()
    assert [(s.group.key, s.municipality.name) for s in rows] == [
        ("client", "Goes"), ("adviesraad", "Middelburg")]
    assert {s.channel for s in rows} == {Channel.IMPORT}
    assert {(s.import_batch_id, s.entered_by_id) for s in rows} == {(batch.id, user.id)}
    assert len(rows[0].answers) == 2 and len(rows[1].answers) == 1
    page = client.get(confirmed.location).get_data(as_text=True)
    assert "is geïmporteerd: 2 bijdragen" in page
    assert "import.create" in db.session.scalars(select(AuditEvent.action)).all()


def test_imported_text_is_redacted(client, login_as, open_round, upload):
    login_as("facilitator")
    _import(client, upload, open_round, CSV.encode())
    texts = db.session.scalars(select(Answer.text)).all()
    assert "Bel mij op [telefoonnummer] over preventie" in texts
    assert not any("06-12345678" in text for text in texts)


def test_mapping_page_guesses_columns_by_header(client, login_as, open_round, upload):
    login_as("facilitator")
    upload(open_round, CSV.encode())
    page = client.get(f"/invoer/ronde/{open_round.id}/importeren/kolommen").get_data(as_text=True)
    q1 = open_round.questions[0]
    assert '<option selected value="group">' in page
    assert '<option selected value="municipality">' in page
    assert f'<option selected value="q{q1.id}">' in page
    assert "Meer begeleiding na de opvang" in page  # example values per column


def test_guess_mapping_by_prompt_and_number(app, open_round):
    q1, q2 = open_round.questions
    headers = ["Doelgroep", "Woonplaats", q2.prompt, "V1", "Opmerking", "Gemeente"]
    assert import_services.guess_mapping(open_round, headers) == {
        0: "group", 1: "municipality", 2: f"q{q2.id}", 3: f"q{q1.id}"}


def test_mapping_needs_a_question_and_no_doubles(client, login_as, open_round, upload):
    login_as("facilitator")
    upload(open_round, CSV.encode())
    url = f"/invoer/ronde/{open_round.id}/importeren/kolommen"
    page = client.post(url, data=_mapping(open_round, "group", "", "", "")).get_data(as_text=True)
    assert "Koppel minstens één kolom aan een vraag." in page
    page = client.post(url, data=_mapping(open_round, "group", "group", "q1", "")).get_data(
        as_text=True)
    assert "hoogstens één kolom" in page


def test_preview_lists_every_row_error_and_nothing_is_saved(client, login_as, open_round,
                                                             upload):
    login_as("facilitator")
    content = ("Groep;Gemeente;Vraag 1;Vraag 2\n"
               "Cliënt;Goes;Goed antwoord;\n"
               "Bestuurder;Goes;Onbekende groep;\n"
               "naaste;Amsterdam;Onbekende gemeente;\n"
               f"client;;{'x' * 501};\n"
               "toegang;Vlissingen;;\n"
               ";;Geen groep;\n").encode()
    preview, confirmed = _import(client, upload, open_round, content)
    assert "Er zijn 5 fouten in het bestand" in preview
    groups = ", ".join(g.name for g in open_round.groups)
    assert f"Gebruik een van deze groepen: {groups}." in preview
    for message in ("Regel 3: kolom ‘Groep’: de groep ‘Bestuurder’ kennen wij niet",
                    "Regel 4: kolom ‘Gemeente’: de gemeente ‘Amsterdam’ hoort niet bij",
                    "Regel 5: kolom ‘Vraag 1’: het antwoord is langer dan 500 tekens",
                    "Regel 6: alle antwoorden zijn leeg",
                    "Regel 7: er is geen groep ingevuld"):
        assert message in preview
    assert IMPORT_BUTTON not in preview
    assert confirmed.status_code == 302  # confirming anyway is refused
    assert (_count(), _count(ImportBatch)) == (0, 0)


def test_default_group_fills_rows_without_group(client, login_as, open_round, upload):
    login_as("facilitator")
    content = b"Gemeente;Antwoord 1\nGoes;Eerste\nGoes;Tweede\n"
    mapping = {**_mapping(open_round, "municipality", "q1"), "default_group": "naaste"}
    _, confirmed = _import(client, upload, open_round, content, mapping=mapping)
    assert confirmed.status_code == 302
    groups = db.session.scalars(select(Submission.group_id)).all()
    naaste = next(g for g in open_round.groups if g.key == "naaste")
    assert groups == [naaste.id, naaste.id]


@pytest.mark.parametrize("chunk", [1, 100])
def test_failure_halfway_saves_nothing(client, login_as, open_round, upload, monkeypatch,
                                       chunk):
    login_as("facilitator")
    monkeypatch.setattr(import_job, "PROGRESS_EVERY", chunk)  # 1: row 1 was committed
    real_submit, calls = import_job.submit, []

    def failing_submit(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(import_job, "submit", failing_submit)
    _, confirmed = _import(client, upload, open_round, CSV.encode())
    assert confirmed.status_code == 302
    assert len(calls) == 2
    assert (_count(), _count(Answer)) == (0, 0)
    batch = db.session.scalars(select(ImportBatch)).one()
    assert (batch.status, batch.error, batch.rows_done) == ("failed", "unexpected", 0)
    page = client.get(confirmed.location).get_data(as_text=True)
    assert "Er is niets geïmporteerd" in page and "http-equiv=\"refresh\"" not in page
    assert "import.create" not in db.session.scalars(select(AuditEvent.action)).all()
    monkeypatch.setattr(import_job, "submit", real_submit)
    _, again = _import(client, upload, open_round, CSV.encode())  # the same file may be retried
    assert "is geïmporteerd: 2 bijdragen" in client.get(again.location).get_data(as_text=True)
    assert _count() == 2


def test_confirm_records_a_running_import_and_leaves_the_rows_to_the_job(
        app, client, login_as, open_round, upload, monkeypatch):
    login_as("facilitator")
    dispatched = []
    monkeypatch.setattr(import_worker, "dispatch",
                        lambda app_, batch_id: dispatched.append(batch_id))
    _, confirmed = _import(client, upload, open_round, CSV.encode())
    batch = db.session.scalars(select(ImportBatch)).one()
    assert confirmed.status_code == 302 and confirmed.location.endswith(f"/import/{batch.id}")
    assert dispatched == [batch.id]
    assert (batch.status, batch.rows_done, batch.row_count) == ("running", 0, 2)
    assert _count() == 0  # the request itself stores no rows
    page = client.get(confirmed.location).get_data(as_text=True)
    assert "Import wordt verwerkt: 0 van 2 rijen" in page and 'http-equiv="refresh"' in page
    listing = client.get(f"/invoer/ronde/{open_round.id}/importeren").get_data(as_text=True)
    assert "Wordt verwerkt" in listing

    with app.app_context():  # the job, as the worker runs it
        import_job.run_import(batch.id, import_worker.upload_store(app), now=utcnow())
    db.session.expire_all()
    batch = db.session.get(ImportBatch, batch.id)
    assert (batch.status, batch.rows_done, batch.job) == ("done", 2, None)
    assert _count() == 2
    page = client.get(confirmed.location).get_data(as_text=True)
    assert "is geïmporteerd: 2 bijdragen" in page and 'http-equiv="refresh"' not in page
    assert list(Path(app.config["INTAKE_UPLOAD_DIR"]).iterdir()) == []


def test_the_job_commits_progress_as_it_goes(app, client, login_as, open_round, upload,
                                            monkeypatch):
    login_as("facilitator")
    monkeypatch.setattr(import_worker, "dispatch", lambda app_, batch_id: None)
    # Only the import's own commits: not the theme placement that follows the last one.
    monkeypatch.setattr(theme_worker, "place_arrivals", lambda app_, ids: None)
    rows = "".join(f"Cliënt;Goes;Antwoord nummer {n};\n" for n in range(5))
    _, confirmed = _import(client, upload, open_round, f"Groep;Gemeente;V1;V2\n{rows}".encode())
    batch_id = db.session.scalars(select(ImportBatch.id)).one()
    seen, real_commit = [], db.session.commit

    def watching_commit():
        real_commit()
        page = client.get(confirmed.location).get_data(as_text=True)  # another request
        seen.append(re.search(r"Import wordt verwerkt: (\d+) van (\d+) rijen|geïmporteerd: \d+",
                              page).group(0))

    monkeypatch.setattr(db.session, "commit", watching_commit)
    import_job.run_import(batch_id, import_worker.upload_store(app), now=utcnow(),
                               chunk=2)
    assert seen == ["Import wordt verwerkt: 2 van 5 rijen", "Import wordt verwerkt: 4 van 5 rijen",
                    "geïmporteerd: 5"]


def test_same_file_twice_is_refused(client, login_as, open_round, upload):
    login_as("facilitator")
    _import(client, upload, open_round, CSV.encode())
    again = upload(open_round, CSV.encode(), "kopie.csv")
    page = again.get_data(as_text=True)
    assert "Dit bestand is al eerder geïmporteerd in deze ronde" in page
    assert "Eerdere imports in deze ronde" in page and "inbreng.csv" in page  # provenance
    assert (_count(), _count(ImportBatch)) == (2, 1)


def test_confirming_twice_imports_once(client, login_as, open_round, upload):
    login_as("facilitator")
    _, first = _import(client, upload, open_round, CSV.encode())
    second = client.post(f"/invoer/ronde/{open_round.id}/importeren/controleren",
                         data={"consent": "y"})
    assert second.status_code == 302 and second.location.endswith("/importeren")
    assert _count(ImportBatch) == 1


def test_confirm_needs_consent(client, login_as, open_round, upload):
    login_as("facilitator")
    upload(open_round, CSV.encode())
    base = f"/invoer/ronde/{open_round.id}/importeren"
    client.post(f"{base}/kolommen", data=_mapping(open_round, "group", "municipality", "q1", "q2"))
    assert "Meer begeleiding" in client.get(f"{base}/controleren").get_data(as_text=True)
    assert _count() == 0  # the preview saves nothing
    page = client.post(f"{base}/controleren", data={}).get_data(as_text=True)
    assert "Bevestig dat de deelnemers toestemming hebben gegeven." in page
    assert _count() == 0


@pytest.mark.parametrize(("content", "filename", "message"), [
    (PNG + b"\x00" * 200, "inbreng.csv", "Dit is geen CSV- of Excel-bestand"),
    (b"Groep;Antwoord\n" + b"client;" + b"x" * (2 * 1024 * 1024) + b"\n", "groot.csv",
     "Het bestand is te groot. Het mag maximaal 2 MB zijn."),
    (b"Groep;Vraag 1\n" + b"client;ja\n" * 5001, "lang.csv",
     "U kunt maximaal 5.000 regels tegelijk importeren."),
    (b"Groep;Vraag 1\n", "leeg.csv", "Het bestand heeft geen regels met inbreng."),
])
def test_unusable_files_get_a_clear_message(client, login_as, open_round, upload, content,
                                             filename, message):
    login_as("facilitator")
    response = upload(open_round, content, filename)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_a_small_xlsx_with_millions_of_shared_strings_is_refused(app, client, login_as,
                                                                open_round, upload):
    login_as("facilitator")
    hostile = shared_strings_xlsx([line.split(";") for line in CSV.strip().split("\n")],
                                  unused=3_000_000)
    assert len(hostile) < 200_000  # 150 KB on the wire, 51 MB unpacked
    response = upload(open_round, hostile, "inbreng.xlsx")
    assert response.status_code == 200
    assert ("Het bestand heeft te veel cellen. U kunt maximaal 100.000 cellen tegelijk "
            "importeren.") in response.get_data(as_text=True)
    from pathlib import Path

    assert not Path(app.config["INTAKE_UPLOAD_DIR"]).exists() or not any(
        Path(app.config["INTAKE_UPLOAD_DIR"]).iterdir())


def test_the_file_is_parsed_once_for_all_steps(client, login_as, open_round, upload,
                                               monkeypatch):
    login_as("facilitator")
    parsed, real_table = [], files._table
    monkeypatch.setattr(files, "_table", lambda *a, **kw: parsed.append(1) or real_table(*a, **kw))
    content = shared_strings_xlsx([line.split(";") for line in CSV.strip().split("\n")])
    base = f"/invoer/ronde/{open_round.id}/importeren"
    assert upload(open_round, content, "inbreng.xlsx").status_code == 302
    assert "Meer begeleiding" in client.get(f"{base}/kolommen").get_data(as_text=True)
    mapping = _mapping(open_round, "group", "municipality", "q1", "q2")
    assert client.post(f"{base}/kolommen", data=mapping).status_code == 302
    assert "Meer begeleiding na de opvang" in client.get(f"{base}/controleren").text
    assert client.post(f"{base}/controleren", data={"consent": "y"}).status_code == 302
    assert _count() == 2
    assert len(parsed) == 1


def test_upload_above_the_request_limit_gets_the_413_page(client, login_as, open_round, upload):
    login_as("facilitator")
    response = upload(open_round, b"x" * (6 * 1024 * 1024))
    assert response.status_code == 413
    assert "Het bestand of formulier is te groot" in response.get_data(as_text=True)


def test_steps_without_an_upload_send_you_back(client, login_as, open_round):
    login_as("facilitator")
    for step in ("kolommen", "controleren"):
        response = client.get(f"/invoer/ronde/{open_round.id}/importeren/{step}")
        assert response.status_code == 302 and response.location.endswith("/importeren")


def test_uploaded_file_is_deleted_after_import(app, client, login_as, open_round, upload):
    login_as("facilitator")
    _import(client, upload, open_round, CSV.encode())
    from pathlib import Path

    assert list(Path(app.config["INTAKE_UPLOAD_DIR"]).iterdir()) == []


def test_withdrawing_an_import_erases_its_rows_and_allows_the_same_file_again(
        client, login_as, open_round, upload):
    login_as("facilitator")
    _, done = _import(client, upload, open_round, CSV.encode())
    assert done.status_code == 302
    batch = db.session.scalars(select(ImportBatch)).one()
    listing = client.get(f"/invoer/ronde/{open_round.id}/importeren").get_data(as_text=True)
    assert f"/invoer/import/{batch.id}/intrekken" in listing
    page = client.get(f"/invoer/import/{batch.id}/intrekken").get_data(as_text=True)
    assert "dit kunt u niet ongedaan maken" in page
    refused = client.post(f"/invoer/import/{batch.id}/intrekken", data={"reason": "  "})
    assert "Vul in waarom u deze import intrekt." in refused.get_data(as_text=True)
    assert batch.withdrawn_at is None
    response = client.post(f"/invoer/import/{batch.id}/intrekken",
                           data={"reason": "Verkeerde kolommen, bel Jan de Vries 06-12345678"},
                           follow_redirects=True)
    assert "is ingetrokken: 2 bijdragen zijn verwijderd" in response.get_data(as_text=True)
    db.session.expire_all()
    live = db.session.scalars(select(Submission).where(Submission.withdrawn_at.is_(None))).all()
    assert live == [] and _count(Answer) == 0
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "import.withdraw")).one()
    assert "06-12345678" not in str(event.details) and event.details["rows"] == 2
    again_preview, again = _import(client, upload, open_round, CSV.encode())
    assert again.status_code == 302  # the same file can be imported again
    assert len(db.session.scalars(select(Submission).where(
        Submission.withdrawn_at.is_(None))).all()) == 2
    assert "Ingetrokken op" in client.get(
        f"/invoer/ronde/{open_round.id}/importeren").get_data(as_text=True)


def test_only_input_staff_of_the_region_withdraw_imports(client, login_as, open_round, upload,
                                                         make_region):
    login_as("facilitator")
    _import(client, upload, open_round, CSV.encode())
    batch = db.session.scalars(select(ImportBatch)).one()
    client.post("/uitloggen")
    login_as("policy_officer")
    assert client.post(f"/invoer/import/{batch.id}/intrekken",
                       data={"reason": "test"}).status_code == 403
    client.post("/uitloggen")
    login_as("facilitator", in_region=make_region("Elders"))
    assert client.get(f"/invoer/import/{batch.id}/intrekken").status_code == 404
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch.id).withdrawn_at is None


def test_rows_imported_before_from_another_file_are_flagged(client, login_as, open_round,
                                                             upload):
    login_as("facilitator")
    _, first = _import(client, upload, open_round, CSV.encode())
    assert first.status_code == 302
    rows = [line.split(";") for line in CSV.strip().split("\n")]
    rows.append(["Cliënt", "Goes", "Een nieuw antwoord", ""])
    preview, _ = _import(client, upload, open_round, xlsx_bytes(rows), filename="tweede.xlsx",
                         mapping=_mapping(open_round, "group", "municipality", "q1", "q2"))
    assert "Mogelijk dubbel" in preview
    for row in (2, 3):
        assert (f"Regel {row}: dezelfde groep, gemeente en antwoorden zijn al eerder "
                "geïmporteerd uit ‘inbreng.csv’.") in preview
    assert "Regel 4: dezelfde groep" not in preview


def test_a_new_file_is_not_flagged(client, login_as, open_round, upload):
    login_as("facilitator")
    preview, _ = _import(client, upload, open_round, CSV.encode())
    assert "Mogelijk dubbel" not in preview


def test_import_template_has_the_columns_the_mapping_recognises(client, login_as, open_round,
                                                                 upload):
    login_as("facilitator")
    page = client.get(f"/invoer/ronde/{open_round.id}/importeren").get_data(as_text=True)
    href = f"/invoer/ronde/{open_round.id}/importeren/voorbeeld.csv"
    assert f'href="{href}"' in page
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    headers = text.strip().split(";")
    assert headers[:2] == ["Groep", "Gemeente"] and len(headers) == 2 + len(open_round.questions)
    filled = text.strip() + "\nCliënt;Goes;Meer hulp bij wonen;\n"
    assert upload(open_round, filled.encode("utf-8-sig"), "ingevuld.csv").status_code == 302
    mapping = client.get(f"/invoer/ronde/{open_round.id}/importeren/kolommen")
    for question in open_round.questions:
        assert f'<option selected value="q{question.id}">' in mapping.get_data(as_text=True)


def test_import_template_is_for_input_staff_of_the_region(client, login_as, open_round):
    login_as("policy_officer")
    href = f"/invoer/ronde/{open_round.id}/importeren/voorbeeld.csv"
    assert client.get(href).status_code == 403


def test_without_sync_or_redis_the_import_runs_in_a_background_thread(app, client, login_as,
                                                                      open_round, upload):
    import threading

    login_as("facilitator")
    app.config.update(IMPORT_SYNC=False, REDIS_URL=None)
    _, confirmed = _import(client, upload, open_round, CSV.encode())
    batch_id = int(confirmed.location.rsplit("/", 1)[1])
    for thread in threading.enumerate():
        if thread.name == f"import-{batch_id}":
            thread.join(timeout=60)
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch_id).status == "done"
    assert _count() == 2
