"""The response form for one theme."""

from __future__ import annotations

from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from consult.feedback.models import RESPONSE_LABELS, ResponseKind
from consult.forms import BaseForm


class ResponseForm(BaseForm):
    kind = RadioField(
        "Wat doet de regio met dit thema?",
        choices=[(kind.value, label) for kind, label in RESPONSE_LABELS.items()],
        validators=[DataRequired(message="Kies wat de regio met dit thema doet.")],
    )
    text = TextAreaField(
        "Toelichting",
        description="Schrijf in eenvoudige taal (B1). Bij 'niet mee' is de reden verplicht.",
        validators=[Length(max=2000)],
    )

    def validate_text(self, field) -> None:
        if self.kind.data == ResponseKind.DECLINE.value and not field.data:
            raise ValidationError("Schrijf op waarom de regio dit niet meeneemt.")
