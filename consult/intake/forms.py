"""Forms for input sessions, contributions, uploads and column mapping."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from consult.forms import AnswersForm, BaseForm, FormTokenField, with_answer_fields
from consult.intake.import_services import GROUP, MUNICIPALITY, question_target
from consult.intake.services import MAX_REASON_LENGTH, SESSION_CHANNELS
from consult.rounds.models import Question, Round
from consult.submissions.models import Submission


class SessionForm(BaseForm):
    label = StringField(
        "Naam van de sessie",
        description="Bijvoorbeeld: Bijeenkomst cliëntenraad Goes, of: Papieren formulieren "
                    "inloopochtend.",
        validators=[DataRequired(message="Vul een naam in."), Length(max=200)],
    )
    held_on = DateField("Datum van de sessie",
                        validators=[DataRequired(message="Vul een geldige datum in.")])
    channel = RadioField(
        "Hoe is de inbreng verzameld?", default=SESSION_CHANNELS[0].value,
        choices=[(c.value, c.label) for c in SESSION_CHANNELS],
        validators=[InputRequired(message="Kies hoe de inbreng is verzameld.")],
    )


class ContributionForm(AnswersForm):
    """Fields of one contribution; answer fields are added per round."""

    group = SelectField("Groep van de deelnemer",
                        validators=[DataRequired(message="Kies een groep.")])
    municipality = SelectField("Gemeente", validators=[Optional()])
    is_verbatim = RadioField(
        "Hoe heeft u de inbreng opgeschreven?",
        choices=[("ja", "Letterlijk, in de woorden van de deelnemer"),
                 ("nee", "Samengevat of in mijn eigen woorden")],
        validators=[InputRequired(message="Kies of de tekst letterlijk of samengevat is.")],
    )
    consent_verbal = BooleanField(
        "De deelnemer heeft mondeling toestemming gegeven om deze inbreng te gebruiken.",
        validators=[DataRequired(message="Zonder toestemming kunt u de inbreng niet opslaan.")],
    )
    consent_quote = BooleanField(
        "De deelnemer vindt het goed dat deze inbreng zonder naam wordt geciteerd.")
    form_token = FormTokenField()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(text.strip() for text in self.answers().values()):
            self.form_errors.append("Vul bij minstens één vraag een antwoord in.")
            return False
        return valid


def _answer_field(question: Question) -> TextAreaField:
    message = f"Dit antwoord is te lang. Maximaal {question.max_length} tekens."
    return TextAreaField(
        question.prompt, description=f"Maximaal {question.max_length} tekens.",
        validators=[Optional(), Length(max=question.max_length, message=message)],
        render_kw={"maxlength": False})


def build_contribution_form(round_: Round, **kwargs) -> ContributionForm:
    """A contribution form with a text field per question of the round."""

    form = with_answer_fields(ContributionForm, round_.questions, _answer_field)(**kwargs)
    form.group.choices = [("", "Kies een groep")] + [(g.key, g.name) for g in round_.groups]
    form.municipality.choices = [("", "Onbekend of niet van toepassing")] + [
        (str(m.id), m.name) for m in round_.region.municipalities]
    return form


def contribution_data(submission: Submission) -> dict[str, object]:
    """Form values of a stored contribution: the redacted texts, verbal consent given."""
    data: dict[str, object] = {
        "group": submission.group.key if submission.group else "",
        "municipality": str(submission.municipality_id or ""),
        "is_verbatim": {True: "ja", False: "nee"}.get(submission.is_verbatim),
        "consent_verbal": True, "consent_quote": submission.consent_quote,
    }
    return data | {f"answer_{a.question_id}": a.text for a in submission.answers}


def _reason(label: str, example: str, missing: str) -> TextAreaField:
    """A required reason for taking input back; it goes to the audit log, redacted."""
    return TextAreaField(
        label,
        description=f"Bijvoorbeeld: {example} Schrijf geen namen of andere persoonlijke "
                    f"gegevens op. Maximaal {MAX_REASON_LENGTH} tekens.",
        validators=[DataRequired(message=missing),
                    Length(max=MAX_REASON_LENGTH, message="De reden is te lang. Maximaal "
                                                          f"{MAX_REASON_LENGTH} tekens.")],
        render_kw={"maxlength": False},
    )


class RemovalForm(BaseForm):
    reason = _reason("Waarom verwijdert u deze bijdrage?", "dubbel ingevoerd.",
                     "Vul in waarom u deze bijdrage verwijdert.")


class WithdrawImportForm(BaseForm):
    reason = _reason("Waarom trekt u deze import in?", "verkeerde kolommen gekozen.",
                     "Vul in waarom u deze import intrekt.")


class UploadForm(BaseForm):
    file = FileField(
        "Bestand",
        description="Een CSV-bestand of een Excel-bestand (.xlsx) van maximaal 2 MB en "
                    "5.000 regels. De eerste regel bevat de kolomnamen.",
        validators=[FileRequired(message="Kies een bestand.")],
        render_kw={"accept": ".csv,.xlsx,text/csv,"
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    )


class MappingForm(BaseForm):
    """One select per column; built by build_mapping_form."""

    default_group = SelectField(
        "Groep voor regels zonder groep",
        description="Gebruik dit als het hele bestand van één groep komt, of als de kolom "
                    "met de groep soms leeg is.",
        validators=[Optional()],
    )
    column_fields: list[tuple[int, str]] = []

    def mapping(self) -> dict[int, str]:
        return {i: getattr(self, name).data for i, name in self.column_fields
                if getattr(self, name).data}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        targets = list(self.mapping().values())
        if len(targets) != len(set(targets)):
            self.form_errors.append("Koppel elke vraag, de groep en de gemeente aan hoogstens "
                                    "één kolom.")
            valid = False
        if not any(t.startswith("q") for t in targets):
            self.form_errors.append("Koppel minstens één kolom aan een vraag.")
            valid = False
        return valid


def build_mapping_form(round_: Round, headers: list[str], guesses: dict[int, str],
                       **kwargs) -> MappingForm:
    """A mapping form with a select per column, preset to the guesses."""

    class RoundMappingForm(MappingForm):
        pass

    choices = [("", "Niet gebruiken"), (GROUP, "Groep"), (MUNICIPALITY, "Gemeente")] + [
        (question_target(q.id), f"Vraag {n}: {q.prompt}")
        for n, q in enumerate(round_.questions, start=1)]
    names = []
    for index, header in enumerate(headers):
        name = f"column_{index}"
        setattr(RoundMappingForm, name, SelectField(
            f"Kolom {index + 1}: {header}", choices=choices, default=guesses.get(index, ""),
            validators=[Optional()]))
        names.append((index, name))
    RoundMappingForm.column_fields = names
    form = RoundMappingForm(**kwargs)
    form.default_group.choices = [("", "Geen: de groep staat in het bestand")] + [
        (g.key, g.name) for g in round_.groups]
    return form


class ConfirmForm(BaseForm):
    consent = BooleanField(
        "Alle deelnemers in dit bestand hebben toestemming gegeven om hun inbreng te gebruiken.",
        validators=[DataRequired(message="Bevestig dat de deelnemers toestemming hebben "
                                         "gegeven.")],
    )
