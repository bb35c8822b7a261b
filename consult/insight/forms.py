"""The search form: a GET form, so no CSRF token and the query stays in the address."""

from __future__ import annotations

from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

from consult.forms import BaseForm


class SearchForm(BaseForm):
    class Meta:
        csrf = False

    q = SearchField("Zoekwoorden", validators=[Optional(), Length(max=200)],
                    description="Typ een of meer woorden. U vindt antwoorden met al deze woorden.")
    vraag = SelectField("Vraag", coerce=int, default=0, validators=[Optional()])
