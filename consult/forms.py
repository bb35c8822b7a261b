"""Base form: strips whitespace and speaks Dutch."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.meta import DefaultMeta
from wtforms.validators import ValidationError

# C0 control characters except tab and newlines: PostgreSQL refuses NUL, and none of
# them carry meaning in an answer.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TOKEN_LENGTH = 64  # the width of submissions.form_token
GARBLED_FORM_MESSAGE = ("Het formulier is niet goed bij ons aangekomen. Wat u heeft ingevuld, "
                        "staat er nog. Controleer het en verstuur het formulier nog een keer.")


def _strip(value):
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value).strip()


class BaseForm(FlaskForm):
    """Every Consult form derives from this."""

    class Meta:
        locales = ("nl_NL", "nl")

        def bind_field(self, form, unbound_field, options):
            filters = [*unbound_field.kwargs.get("filters", ()), _strip]
            return unbound_field.bind(form=form, filters=filters, **options)

        def get_translations(self, form):
            # Flask-WTF only translates through Flask-Babel, which Consult does not use; without
            # this, WTForms' own messages ("Not a valid choice.") reach users in English.
            return DefaultMeta.get_translations(self, form)


class EmailAddress:
    """E-mail syntax check without DNS look-ups; accepts the .test domains the demo uses."""

    def __init__(self, message: str = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."):
        self.message = message

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        try:
            result = validate_email(field.data, check_deliverability=False, test_environment=True)
        except EmailNotValidError as err:
            raise ValidationError(self.message) from err
        field.data = result.normalized.lower()


class FormTokenField(HiddenField):
    """The hidden token that makes a double submit store once; as wide as its column."""

    def pre_validate(self, form) -> None:
        if self.data and len(self.data) > FORM_TOKEN_LENGTH:
            self.data = None  # nobody can fix a hidden field: the page gets a fresh token
            raise ValidationError(GARBLED_FORM_MESSAGE)
