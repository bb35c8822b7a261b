"""Forms: record what was done about a signal; name a safeguarding contact."""

from __future__ import annotations

from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from consult.forms import BaseForm
from consult.safeguarding.models import OUTCOME_LABELS


class ActionForm(BaseForm):
    outcome = RadioField(
        "Wat heeft u gedaan?",
        choices=[(outcome.value, label) for outcome, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(message="Kies wat u heeft gedaan.")],
    )
    note = TextAreaField(
        "Korte notitie",
        description="Bijvoorbeeld: doorverwezen naar de huisarts. Schrijf geen medische details "
                    "of namen op. Hoogstens 500 tekens.",
        validators=[Length(max=500)],
    )
    close = BooleanField("Signaal sluiten", default=True,
                         description="Zet dit uit als u het later nog eens probeert.")


class ContactForm(BaseForm):
    user = SelectField("Medewerker", choices=[],
                       validators=[DataRequired(message="Kies een medewerker.")])
