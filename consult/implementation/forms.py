"""Forms for agreements and the status of a municipality."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from consult.forms import BaseForm, MultiCheckboxField
from consult.implementation.models import STATUS_LABELS, StatusKind


class AgreementForm(BaseForm):
    title = StringField("Titel van de afspraak", validators=[DataRequired(), Length(max=200)])
    chapter = SelectField("Hoofdstuk van de visie", coerce=int, choices=[])
    description = TextAreaField("Omschrijving", validators=[Length(max=4000)],
                                description="Wat is er afgesproken? Schrijf het zo dat "
                                            "iedereen het begrijpt.")
    owner = StringField("Eigenaar", validators=[Length(max=120)],
                        description="Wie zorgt ervoor, bijvoorbeeld: projectleider preventie.")
    due_on = DateField("Uiterlijk klaar op", validators=[Optional()])
    amount = IntegerField("Bedrag in euro's", validators=[Optional(), NumberRange(min=0)],
                          description="Alleen voor financiële afspraken, in hele euro's, "
                                      "zonder punten. Bijvoorbeeld: 250000.")
    is_public = BooleanField("Toon deze afspraak op de openbare pagina Voortgang",
                             description="Deelnemers zien dan wat zij zeiden, wat is "
                                         "afgesproken en hoe ver elke gemeente is.")
    themes = MultiCheckboxField("Thema's uit de inspraak waar deze afspraak op antwoordt",
                                coerce=int, choices=[])


class StatusForm(BaseForm):
    status = RadioField("Stand van zaken",
                        choices=[(kind.value, STATUS_LABELS[kind]) for kind in StatusKind],
                        validators=[DataRequired(message="Kies de stand van zaken.")])
    reason = TextAreaField("Reden", validators=[Length(max=1000)],
                           description="Verplicht bij 'niet van toepassing': waarom geldt "
                                       "deze afspraak niet voor deze gemeente?")
    status_on = DateField("Datum", validators=[Optional()],
                          description="Bijvoorbeeld de dag waarop het klaar was.")
    evidence = StringField("Korte toelichting of bewijs", validators=[Length(max=500)],
                           description="Bijvoorbeeld: besluit college 12 maart, of: "
                                       "netwerk draait sinds juni.")

    def validate_reason(self, field) -> None:
        if self.status.data == StatusKind.NOT_APPLICABLE.value and not field.data:
            raise ValidationError("Schrijf waarom deze afspraak niet van toepassing is.")
