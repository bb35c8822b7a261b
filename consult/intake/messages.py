"""Dutch messages for the error codes that the intake services raise or return."""

from __future__ import annotations

from collections.abc import Sequence

from consult.intake.files import MAX_BYTES, FileProblem
from consult.intake.import_services import RowError

CLOSED = ("Deze ronde neemt nu geen inbreng aan. Dat kan alleen als de ronde gepland, open of "
          "gesloten is.")
NOT_CORRECTABLE = ("Deze ronde neemt geen inbreng meer aan. Daarom kunt u deze bijdrage niet "
                   "meer corrigeren of verwijderen.")
IMPORT_NOT_WITHDRAWABLE = ("Deze ronde neemt geen inbreng meer aan. Daarom kunt u deze import "
                           "niet meer intrekken.")
DUPLICATE = ("Dit bestand is al eerder geïmporteerd in deze ronde. Hetzelfde bestand kunt u niet "
             "nog een keer importeren.")
# Why a confirmed import failed; keys are the codes of import_job.run_import.
IMPORT_ERRORS = {
    "rows_invalid": ("Er zijn fouten gevonden in het bestand, bijvoorbeeld omdat de groepen of "
                     "vragen van de ronde intussen zijn gewijzigd. Er is niets geïmporteerd. "
                     "Upload het bestand opnieuw en controleer de rijen."),
    "closed": ("De ronde neemt geen inbreng meer aan, of de gebruiker die de import startte "
               "bestaat niet meer. Er is niets geïmporteerd."),
    "upload_gone": ("Het bestand was niet meer beschikbaar. Er is niets geïmporteerd. Upload het "
                    "bestand opnieuw."),
    "unexpected": ("Er ging iets mis bij het importeren. Er is niets geïmporteerd: de rijen die "
                   "al waren opgeslagen, zijn weer verwijderd. Probeer het opnieuw of neem "
                   "contact op met de beheerder."),
}
UPLOAD_EXPIRED = "Het bestand is niet meer beschikbaar. Upload het bestand opnieuw."

FILE_PROBLEMS = {
    "empty": "Het bestand is leeg.",
    "too_large": "Het bestand is te groot. Het mag maximaal {mb} MB zijn.",
    "wrong_type": "Dit is geen CSV- of Excel-bestand (.xlsx). Kies een ander bestand.",
    "encoding": "De tekens in het bestand zijn niet te lezen. Sla het bestand op als CSV in "
                "UTF-8 en probeer het opnieuw.",
    "unreadable": "Het bestand is beschadigd of niet te lezen. Sla het opnieuw op en probeer "
                  "het nog een keer.",
    "too_many_rows": "Het bestand heeft te veel regels. U kunt maximaal {limit} regels tegelijk "
                     "importeren. Verdeel het bestand over meer bestanden.",
    "too_many_columns": "Het bestand heeft te veel kolommen. Het mag maximaal {limit} kolommen "
                        "hebben.",
    "too_many_cells": "Het bestand heeft te veel cellen. U kunt maximaal {limit} cellen tegelijk "
                      "importeren. Verdeel het bestand over meer bestanden.",
    "cell_too_long": "In het bestand staat een cel met meer dan {limit} tekens. Zo lang mag een "
                     "antwoord niet zijn. Maak de tekst korter en probeer het opnieuw.",
    "no_rows": "Het bestand heeft geen regels met inbreng. De eerste regel moet de kolomnamen "
               "bevatten, de regels daaronder de inbreng.",
}

ROW_ERRORS = {
    "unknown_group": "kolom ‘{column}’: de groep ‘{value}’ kennen wij niet in deze ronde. "
                     "Gebruik een van deze groepen: {groups}.",
    "missing_group": "er is geen groep ingevuld. Vul de groep in of kies een groep voor regels "
                     "zonder groep.",
    "unknown_municipality": "kolom ‘{column}’: de gemeente ‘{value}’ hoort niet bij deze regio.",
    "too_long": "kolom ‘{column}’: het antwoord is langer dan {value} tekens.",
    "no_answers": "alle antwoorden zijn leeg.",
}


def file_problem(err: FileProblem) -> str:
    """The Dutch message for a file that cannot be used."""
    limit = err.limit or 0
    return FILE_PROBLEMS[err.code].format(limit=f"{limit:,}".replace(",", "."),
                                          mb=(err.limit or MAX_BYTES) // (1024 * 1024))


def row_error(error: RowError, *, groups: Sequence[str] = ()) -> str:
    """The Dutch message for one row error, starting with the row number."""
    text = ROW_ERRORS[error.code].format(column=error.column, value=error.value,
                                         groups=", ".join(groups))
    return f"Regel {error.row}: {text}"


def imported_before(row: int, filename: str) -> str:
    """The warning for a row whose input was imported from another file before."""
    return (f"Regel {row}: dezelfde groep, gemeente en antwoorden zijn al eerder geïmporteerd "
            f"uit ‘{filename}’.")
