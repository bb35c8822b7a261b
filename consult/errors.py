"""Typed service errors and the app-wide Dutch error pages."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from consult.db import db


class ConsultError(Exception):
    """Base class for errors a service raises for the view to translate."""


class NotFound(ConsultError):
    """The object does not exist or is outside the user's regions."""


class Withdrawn(NotFound):
    """The participant withdrew this input; ``at`` says when."""

    def __init__(self, message: str, *, at: datetime) -> None:
        super().__init__(message)
        self.at = at


class NotAllowed(ConsultError):
    """The acting user may not do this."""


class InvalidState(ConsultError):
    """The object is in a state that does not allow this action."""


class Conflict(ConsultError):
    """The action clashes with existing data (duplicate slug, email, file)."""


ERROR_TITLES = {
    400: "De aanvraag klopt niet",
    403: "Geen toegang",
    404: "Pagina niet gevonden",
    405: "Deze actie kan hier niet",
    413: "Het bestand of formulier is te groot",
    429: "Even wachten, alstublieft",
    500: "Er ging iets mis",
}


def _render(code: int, *, csrf: bool = False):
    template = f"errors/{code}.html" if code in (404, 429, 500) else "errors/generic.html"
    title = ERROR_TITLES.get(code, "Er ging iets mis")
    return render_template(template, code=code, title=title, csrf=csrf), code


def register_error_handlers(app: Flask) -> None:
    """Render Dutch pages for HTTP errors; roll back on server errors."""

    @app.errorhandler(CSRFError)
    def csrf_error(err):
        return _render(400, csrf=True)

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if err.code is None or err.code < 400:
            return err
        return _render(err.code)

    @app.errorhandler(Exception)
    def server_error(err: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error on %s", type(err).__name__)
        return _render(500)
