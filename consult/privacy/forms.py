"""Forms for erasure requests and the audit log filter."""

from __future__ import annotations

from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

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


class PrivacyContactForm(BaseForm):
    controller = StringField(
        "Verantwoordelijke organisatie",
        description="De organisatie die verantwoordelijk is voor de gegevens, bijvoorbeeld "
        "Gemeente Middelburg namens de Zeeuwse gemeenten.",
        validators=[DataRequired(message="Vul de naam van de organisatie in."), Length(max=200)],
    )
    privacy_email = StringField(
        "E-mailadres voor privacyvragen",
        description="Bijvoorbeeld het adres van de functionaris gegevensbescherming.",
        validators=[Optional(), Email(message="Vul een geldig e-mailadres in."), Length(max=254)],
    )
    privacy_phone = StringField("Telefoonnummer voor privacyvragen",
                                validators=[Optional(), Length(max=40)])
    contact_name = StringField(
        "Contact voor deelnemers",
        description="Wie deelnemers kunnen bellen of mailen met vragen, bijvoorbeeld "
        "Projectteam Beschermd Wonen. Dit staat ook bij de hulp op de bedankpagina.",
        validators=[Optional(), Length(max=200)],
    )
    contact_email = StringField(
        "E-mailadres voor deelnemers",
        validators=[Optional(), Email(message="Vul een geldig e-mailadres in."), Length(max=254)],
    )
    contact_phone = StringField("Telefoonnummer voor deelnemers",
                                validators=[Optional(), Length(max=40)])

    def values(self) -> dict[str, str]:
        return {name: (self[name].data or "").strip() for name in (
            "controller", "privacy_email", "privacy_phone", "contact_name", "contact_email",
            "contact_phone")}
