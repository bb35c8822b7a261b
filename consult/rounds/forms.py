"""Forms for rounds and questions."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from consult.forms import BaseForm, MultiCheckboxField


class RoundForm(BaseForm):
    title = StringField("Titel", validators=[DataRequired(), Length(max=200)])
    slug = StringField(
        "Korte naam voor de link",
        description="Kleine letters, cijfers en streepjes. "
        "Leeg laten: wij maken hem uit de titel.",
        validators=[Optional(), Length(max=70), Regexp(r"^[a-z0-9-]+$",
                    message="Gebruik alleen kleine letters, cijfers en streepjes.")],
    )
    intro = TextAreaField(
        "Uitleg voor deelnemers",
        description="Schrijf op taalniveau B1: korte zinnen, gewone woorden, "
        "spreek de lezer aan met u.",
        validators=[DataRequired(), Length(max=5000)],
    )
    opens_on = DateField("Open vanaf", validators=[DataRequired(message="Vul een datum in.")])
    closes_on = DateField("Open tot en met", validators=[DataRequired(message="Vul een datum in.")])
    groups = MultiCheckboxField("Groepen die mogen meedoen", coerce=int)
    raw_retention_days = IntegerField(
        "Bewaartermijn originele tekst (dagen)",
        description="Leeg laten: de originele tekst wordt verwijderd zodra de ronde is "
        "gepubliceerd.",
        validators=[Optional(), NumberRange(min=0, max=3650)],
    )

    delete_on = DateField(
        "Alles verwijderen na",
        description="Na deze datum blijven alleen aantallen en de gepubliceerde samenvatting "
        "over. Leeg laten: niets wordt automatisch verwijderd.",
        validators=[Optional()],
    )

    def validate_delete_on(self, field):
        if field.data and self.closes_on.data and field.data < self.closes_on.data:
            raise ValidationError("Deze datum moet na de einddatum van de ronde liggen.")

    def validate_closes_on(self, field):
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError("De einddatum ligt vóór de begindatum.")

    def validate_groups(self, field):
        if not field.data:
            raise ValidationError("Kies minstens één groep.")


class QuestionForm(BaseForm):
    prompt = StringField("Vraag", validators=[DataRequired(), Length(max=500)])
    help_text = TextAreaField("Toelichting bij de vraag", validators=[Length(max=2000)])
    is_required = BooleanField("Deelnemers moeten deze vraag beantwoorden")
    max_length = IntegerField(
        "Maximaal aantal tekens", default=2000,
        validators=[DataRequired(), NumberRange(min=50, max=10000)],
    )
