"""The base form: WTForms' built-in messages reach users in plain Dutch."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from consult.forms import BaseForm


class _Sample(BaseForm):
    class Meta:
        csrf = False

    name = StringField("Naam", validators=[DataRequired(), Length(min=2, max=5)])
    short = StringField("Kort", validators=[Length(max=3)])
    count = IntegerField("Aantal", validators=[NumberRange(min=1, max=9)])
    day = DateField("Datum")
    choice = SelectField("Keuze", choices=[("a", "A")])


@pytest.mark.parametrize("data,field,message", [
    ({}, "name", "Vul dit veld in."),
    ({"name": "x"}, "name", "Gebruik minstens 2 en hoogstens 5 tekens."),
    ({"short": "abcd"}, "short", "Gebruik niet meer dan 3 tekens."),
    ({"count": "20"}, "count", "Vul een getal in van 1 tot en met 9."),
    ({"count": "twee"}, "count", "Vul een heel getal in, zoals 12."),
    ({"day": "gisteren"}, "day", "Vul een geldige datum in."),
    ({"choice": "z"}, "choice", "Kies een van de mogelijkheden."),
])
def test_builtin_messages_are_plain_dutch(app, data, field, message):
    with app.test_request_context(method="POST"):
        form = _Sample(formdata=MultiDict({"count": "3", "choice": "a", **data}))
        form.validate()
        assert message in form.errors[field]
