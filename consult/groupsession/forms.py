"""The form that opens a group session."""

from __future__ import annotations

from wtforms import DateTimeLocalField, IntegerField
from wtforms.validators import InputRequired

from consult.forms import BaseForm
from consult.groupsession.services import DEFAULT_LIMIT, MAX_LIMIT

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class OpenSessionForm(BaseForm):
    starts_at = DateTimeLocalField(
        "Begin", format=LOCAL_FORMAT,
        description="Datum en tijd in Nederlandse tijd. Vanaf dit moment werkt de code.",
        validators=[InputRequired(message="Vul een datum en tijd in.")])
    ends_at = DateTimeLocalField(
        "Einde", format=LOCAL_FORMAT,
        description="Na dit moment werkt de code niet meer. Hoogstens 24 uur na het begin.",
        validators=[InputRequired(message="Vul een datum en tijd in.")])
    submission_limit = IntegerField(
        "Maximaal aantal inzendingen", default=DEFAULT_LIMIT,
        description=f"Voor de hele groep samen, van 1 tot en met {MAX_LIMIT}. Iedereen in de "
                    "groep mag vanaf hetzelfde wifi-netwerk insturen.",
        validators=[InputRequired(message="Vul een aantal in.")])
