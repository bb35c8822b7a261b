"""Forms for the public page's texts and its publications and events."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from consult.forms import BaseForm
from consult.regionpage.models import KIND_LABELS
from consult.regionpage.services import MAX_DESCRIPTION, MAX_URL, InvalidLink, check_link
from consult.regions.services import MAX_PAGE_TEXT

LINK_MESSAGES = {
    "scheme": "Een link moet beginnen met https:// of http://.",
    "malformed": "Dit is geen geldige link. Kopieer het adres uit de adresbalk van uw browser, "
                 "bijvoorbeeld https://www.zeeland.nl/beschermd-wonen.",
    "too_long": f"Deze link is te lang. Gebruik niet meer dan {MAX_URL} tekens.",
}


class PageTextsForm(BaseForm):
    background = TextAreaField(
        "Achtergrond",
        description="Waarom werken de gemeenten samen, en met wie? Schrijf in eenvoudige taal "
                    "(B1) en spreek de lezer aan met 'u'.",
        validators=[Length(max=MAX_PAGE_TEXT)])
    goal = TextAreaField(
        "Doelstelling",
        description="Wat wil de regio bereiken? Schrijf in eenvoudige taal (B1).",
        validators=[Length(max=MAX_PAGE_TEXT)])


class ItemForm(BaseForm):
    kind = RadioField("Soort", choices=[(k.value, label) for k, label in KIND_LABELS.items()],
                      validators=[InputRequired(message="Kies de soort.")])
    title = StringField("Titel", validators=[DataRequired(message="Vul een titel in."),
                                             Length(max=200)])
    happened_on = DateField("Datum", description="De datum van verschijnen of van de "
                            "bijeenkomst.",
                            validators=[DataRequired(message="Vul een geldige datum in.")])
    description = TextAreaField(
        "Korte beschrijving", description=f"Hoogstens {MAX_DESCRIPTION} tekens, in eenvoudige "
        "taal (B1).", validators=[Length(max=MAX_DESCRIPTION)])
    link_url = StringField(
        "Link", description="Het adres van de pagina, de video of de podcast, beginnend met "
        "https://. Laat leeg als u een PDF uploadt.")
    pdf = FileField(
        "PDF-bestand", description="Een PDF van maximaal 4 MB. Laat leeg als u een link "
        "invult.", render_kw={"accept": ".pdf,application/pdf"})
    remove_pdf = BooleanField("Het huidige PDF-bestand verwijderen")

    def validate_link_url(self, field) -> None:
        if not field.data:
            return
        try:
            field.data = check_link(field.data)
        except InvalidLink as err:
            raise ValidationError(LINK_MESSAGES[err.code]) from err
