"""Base form: strips whitespace and speaks Dutch."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, widgets
from wtforms import i18n as wtforms_i18n
from wtforms.validators import ValidationError

# C0 control characters except tab and newlines: PostgreSQL refuses NUL, and none of
# them carry meaning in an answer.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TOKEN_LENGTH = 64  # the width of submissions.form_token
GARBLED_FORM_MESSAGE = ("Het formulier is niet goed bij ons aangekomen. Wat u heeft ingevuld, "
                        "staat er nog. Controleer het en verstuur het formulier nog een keer.")


# WTForms' built-in messages in plain Dutch with the formal "u". Its own Dutch catalogue
# ("Dit veld is vereist.", "karakters") is the fallback for the rare message not listed.
_PLAIN_DUTCH = {
    "This field is required.": "Vul dit veld in.",
    "Field must be at least %(min)d character long.": "Vul minstens %(min)d teken in.",
    "Field must be at least %(min)d characters long.": "Vul minstens %(min)d tekens in.",
    "Field cannot be longer than %(max)d character.": "Gebruik niet meer dan %(max)d teken.",
    "Field cannot be longer than %(max)d characters.": "Gebruik niet meer dan %(max)d tekens.",
    "Field must be exactly %(max)d character long.": "Vul precies %(max)d teken in.",
    "Field must be exactly %(max)d characters long.": "Vul precies %(max)d tekens in.",
    "Field must be between %(min)d and %(max)d characters long.":
        "Gebruik minstens %(min)d en hoogstens %(max)d tekens.",
    "Field must be equal to %(other_name)s.": "Dit moet hetzelfde zijn als %(other_name)s.",
    "Number must be at least %(min)s.": "Vul een getal in van %(min)s of meer.",
    "Number must be at most %(max)s.": "Vul een getal in van %(max)s of minder.",
    "Number must be between %(min)s and %(max)s.":
        "Vul een getal in van %(min)s tot en met %(max)s.",
    "Invalid input.": "Dit klopt niet. Kijk nog eens naar wat u heeft ingevuld.",
    "Invalid email address.": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
    "Not a valid choice.": "Kies een van de mogelijkheden.",
    "Invalid Choice: could not coerce.": "Kies een van de mogelijkheden.",
    "Not a valid date value.": "Vul een geldige datum in.",
    "Not a valid datetime value.": "Vul een geldige datum en tijd in.",
    "Not a valid time value.": "Vul een geldige tijd in.",
    "Not a valid integer value.": "Vul een heel getal in, zoals 12.",
    "Not a valid decimal value.": "Vul een getal in, zoals 12 of 2,5.",
    "Not a valid float value.": "Vul een getal in, zoals 12 of 2,5.",
}


class DutchMessages:
    """The translations object WTForms asks for its built-in messages."""

    def __init__(self) -> None:
        self._catalogue = wtforms_i18n.get_translations(["nl_NL", "nl"])

    def gettext(self, string: str) -> str:
        return _PLAIN_DUTCH.get(string) or self._catalogue.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return _PLAIN_DUTCH.get(chosen) or self._catalogue.ngettext(singular, plural, n)


DUTCH_MESSAGES = DutchMessages()


def _strip(value):
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value).strip()


class BaseForm(FlaskForm):
    """Every Consult form derives from this."""

    class Meta:
        locales = ("nl_NL", "nl")

        def get_translations(self, form):
            # Flask-WTF translates only through Flask-Babel, which Consult does not use;
            # without this, WTForms' English defaults reach users.
            return DUTCH_MESSAGES

        def bind_field(self, form, unbound_field, options):
            filters = [*unbound_field.kwargs.get("filters", ()), _strip]
            return unbound_field.bind(form=form, filters=filters, **options)


class EmptyForm(BaseForm):
    """Only a CSRF token, for buttons that change something."""


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


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


class AnswersForm(BaseForm):
    """A form with one text field per question of a round: see ``with_answer_fields``."""

    answer_fields: list[tuple[object, str]] = []  # (question, field name), in question order

    def answers(self) -> dict[int, str]:
        """The typed answer per question id ("" for a question left empty)."""
        return {q.id: getattr(self, name).data or "" for q, name in self.answer_fields}


def with_answer_fields(base: type[AnswersForm], questions, field_for) -> type[AnswersForm]:
    """A subclass of ``base`` with the field ``field_for(question)`` per question, named
    ``answer_<question id>``: the one way the participant's, the change and the intake
    forms get their answer fields."""
    form_class = type(f"{base.__name__}ForRound", (base,), {})
    names = []
    for question in questions:
        name = f"answer_{question.id}"
        setattr(form_class, name, field_for(question))
        names.append((question, name))
    form_class.answer_fields = names
    return form_class
