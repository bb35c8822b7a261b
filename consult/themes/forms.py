"""Forms for analysis runs, curation and sign-off."""

from __future__ import annotations

from wtforms import (
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from consult.forms import BaseForm, MultiCheckboxField


class StartRunForm(BaseForm):
    question = SelectField("Welke vraag wilt u analyseren?", coerce=int, default=0)


class RenameForm(BaseForm):
    label = StringField("Naam van het thema", validators=[DataRequired(), Length(max=200)])


class DescribeForm(BaseForm):
    description = TextAreaField("Korte beschrijving", validators=[Length(max=2000)])


class ExcludeForm(BaseForm):
    reason = TextAreaField("Reden van uitsluiten", validators=[DataRequired(), Length(max=1000)])


class ChapterForm(BaseForm):
    chapter = SelectField("Hoofdstuk van de visie", coerce=int, default=0)


class NoteForm(BaseForm):
    text = TextAreaField("Notitie", validators=[DataRequired(), Length(max=2000)])


class AnswersForm(BaseForm):
    """Selected answers of a theme and what to do with them."""

    answer_ids = MultiCheckboxField("Antwoorden", coerce=int)
    target = SelectField("Verplaatsen naar thema", coerce=int, default=0)
    new_label = StringField("Naam van het nieuwe thema", validators=[Optional(),
                                                                    Length(max=200)])
    action = SelectField("Actie", choices=[
        ("move", "Verplaatsen"), ("off_topic", "Markeren als niet relevant"),
        ("on_topic", "Toch relevant"), ("split", "Afsplitsen als nieuw thema")])


class MergeForm(BaseForm):
    theme_ids = MultiCheckboxField("Thema's om samen te voegen", coerce=int)
    target = SelectField("Samenvoegen in", coerce=int)


class SplitChoiceForm(BaseForm):
    k = SelectField("Aantal deelthema's", coerce=int, default=2,
                    choices=[(n, str(n)) for n in range(2, 6)])


class SignOffForm(BaseForm):
    decision = RadioField("Uw besluit", choices=[
        ("goedkeuren", "Ik keur de thema's goed"), ("afwijzen", "Ik ben het er niet mee eens")],
        validators=[DataRequired(message="Kies of u de thema's goedkeurt.")])
    note = TextAreaField("Toelichting", description="Verplicht als u het er niet mee eens bent.",
                         validators=[Length(max=2000)])


class FilterForm(BaseForm):
    """Overview filters, read from the query string (no CSRF)."""

    class Meta:
        csrf = False

    groep = SelectField("Groep", coerce=int, default=0)
    gemeente = SelectField("Gemeente", coerce=int, default=0)
    kanaal = SelectField("Kanaal", default="")
    hoofdstuk = SelectField("Hoofdstuk", coerce=int, default=0)
    status = SelectField("Status", default="")
    sorteer = SelectField("Sorteren op", default="grootte", choices=[
        ("grootte", "Grootte"), ("naam", "Naam"), ("status", "Status")])
