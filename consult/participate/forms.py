"""The participant form, built per round from its questions."""

from __future__ import annotations

from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from consult.forms import AnswersForm, FormTokenField, with_answer_fields
from consult.rounds.models import Question, Round


class ParticipateForm(AnswersForm):
    """Fields that every round has; answer fields are added by build_form."""

    group = RadioField("Ik doe mee als", validators=[DataRequired(message="Kies een groep.")])
    municipality = SelectField("In welke gemeente woont of werkt u?", validators=[Optional()])
    consent_analysis = BooleanField(
        "Ik geef toestemming om mijn antwoorden te gebruiken voor de analyse.",
        validators=[DataRequired(message="Zonder deze toestemming kunnen wij uw antwoorden niet "
                                         "gebruiken. Zet een vinkje als u akkoord bent.")],
    )
    consent_quote = BooleanField(
        "Mijn antwoorden mogen zonder naam worden geciteerd in verslagen.",
    )
    consent_contact = BooleanField("U mag contact met mij opnemen over mijn antwoorden.")
    contact = StringField(
        "E-mailadres of telefoonnummer",
        description="Alleen nodig als u wilt dat wij contact met u opnemen.",
        validators=[Length(max=254, message="Maximaal 254 tekens.")],
    )
    website = StringField("Laat dit veld leeg", validators=[Optional()])  # honeypot
    started = HiddenField()
    form_token = FormTokenField()
    group_code = HiddenField()  # a group session's code (consult.groupsession), if any

    def validate_contact(self, field):
        if self.consent_contact.data and not field.data:
            raise ValidationError("Vul uw e-mailadres of telefoonnummer in, of haal het vinkje "
                                  "weg bij contact opnemen.")


def _answer_field(question: Question) -> TextAreaField:
    validators = [
        Length(max=question.max_length,
               message=f"Uw antwoord is te lang. U mag maximaal {question.max_length} tekens "
                       "gebruiken."),
    ]
    validators.insert(0, DataRequired(message="Beantwoord deze vraag.") if question.is_required
                      else Optional())
    hint = f"{question.help_text} U kunt maximaal {question.max_length} tekens typen.".strip()
    # No maxlength attribute: browsers cut off pasted text silently; the server says it.
    render_kw = {"maxlength": False, "data-max": str(question.max_length)}
    return TextAreaField(question.prompt, description=hint, validators=validators,
                         render_kw=render_kw)


def build_form(round_: Round, **kwargs) -> ParticipateForm:
    """A form class for this round's questions, instantiated."""

    form = with_answer_fields(ParticipateForm, round_.questions, _answer_field)(**kwargs)
    form.group.choices = [(g.key, g.name) for g in round_.groups]
    form.municipality.choices = [("", "Kies een gemeente (niet verplicht)")] + [
        (str(m.id), m.name) for m in round_.region.municipalities
    ] + [("anders", "Een andere gemeente")]
    return form


def answer_form(round_: Round, **kwargs):
    """Only the answer fields and the quotation consent, for changing input."""

    class ChangeForm(AnswersForm):
        consent_quote = BooleanField(ParticipateForm.consent_quote.args[0])

    return with_answer_fields(ChangeForm, round_.questions, _answer_field)(**kwargs)
