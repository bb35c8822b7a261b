"""Forms for erasure requests and the audit log filter."""

from __future__ import annotations

from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from consult.audit.labels import filter_choices
from consult.forms import BaseForm


class ErasureForm(BaseForm):
    code = StringField(
        "Uw code",
        description="Bijvoorbeeld: K7PM-4RXQ-2D9T. Hoofdletters of kleine letters maakt niet uit.",
        validators=[DataRequired(message="Vul uw code in."), Length(max=40)],
    )
    confirm = BooleanField(
        "Ik begrijp dat mijn antwoorden voor altijd worden verwijderd.",
        validators=[DataRequired(message="Zet een vinkje om te bevestigen.")],
    )


class StaffErasureForm(BaseForm):
    code = StringField(
        "Code van de deelnemer",
        description="De code die de deelnemer u per post, e-mail of telefoon gaf.",
        validators=[DataRequired(message="Vul de code in."), Length(max=40)],
    )
    confirm = BooleanField(
        "Ik heb gecontroleerd dat het verzoek van de deelnemer zelf komt.",
        validators=[DataRequired(message="Zet een vinkje om te bevestigen.")],
    )


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    action = SelectField("Actie", choices=filter_choices(), validators=[Optional()])
    region = SelectField("Regio", validators=[Optional()])
    date_from = DateField("Vanaf", validators=[Optional()])
    date_to = DateField("Tot en met", validators=[Optional()])
