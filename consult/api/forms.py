"""The form to create an API token."""

from __future__ import annotations

from wtforms import StringField
from wtforms.validators import DataRequired, Length

from consult.forms import BaseForm


class TokenForm(BaseForm):
    name = StringField(
        "Naam van de sleutel",
        description="Waarvoor gebruikt u deze sleutel? Bijvoorbeeld: rapportage-script.",
        validators=[DataRequired(message="Geef de sleutel een naam."), Length(max=80)],
    )
