"""Login and password forms."""

from __future__ import annotations

from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from consult.auth.models import MUNICIPAL_ROLES, ROLE_LABELS
from consult.auth.services import MIN_PASSWORD_LENGTH
from consult.forms import BaseForm, EmailAddress


class LoginForm(BaseForm):
    email = EmailField("E-mailadres", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Wachtwoord", validators=[DataRequired(), Length(max=256)])


class SetPasswordForm(BaseForm):
    password = PasswordField(
        "Nieuw wachtwoord",
        description=f"Minstens {MIN_PASSWORD_LENGTH} tekens. "
        "Een zin van een paar woorden werkt goed.",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=256)],
    )
    confirm = PasswordField(
        "Herhaal het wachtwoord",
        validators=[
            DataRequired(), EqualTo("password", message="De wachtwoorden zijn niet gelijk.")
        ],
    )


class InviteForm(BaseForm):
    name = StringField("Naam", validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        "E-mailadres", validators=[DataRequired(), EmailAddress(), Length(max=254)]
    )
    role = SelectField("Rol", choices=[(r.value, label) for r, label in ROLE_LABELS.items()])
    # Choices are the region's municipalities, set by the view.
    municipality = SelectField(
        "Gemeente", coerce=int, choices=[], validate_choice=False,
        description="Alleen voor een beleidsmedewerker van één gemeente: die werkt alleen "
                    "aan de afspraken van deze gemeente.")

    def validate_municipality(self, field) -> None:
        municipal = self.role.data in {r.value for r in MUNICIPAL_ROLES}
        if municipal and field.data not in {value for value, _ in field.choices if value}:
            raise ValidationError("Kies de gemeente van deze beleidsmedewerker.")
