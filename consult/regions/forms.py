"""Forms for region administration."""

from __future__ import annotations

from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from consult.forms import BaseForm


class RegionForm(BaseForm):
    name = StringField("Naam van de regio", validators=[DataRequired(), Length(max=120)])


class MunicipalityForm(BaseForm):
    name = StringField("Naam van de gemeente", validators=[DataRequired(), Length(max=120)])
    is_central = BooleanField("Centrumgemeente")


class GroupForm(BaseForm):
    name = StringField("Naam van de groep", validators=[DataRequired(), Length(max=120)])


class ChapterForm(BaseForm):
    name = StringField("Naam van het hoofdstuk", validators=[DataRequired(), Length(max=120)])
    keywords = StringField(
        "Trefwoorden",
        description="Gescheiden door komma's, bijvoorbeeld: preventie, vroegsignalering, schulden.",
        validators=[Length(max=500)],
    )
