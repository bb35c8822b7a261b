"""The implementation tracker (Uitvoering): agreements, their status per municipality,
and the public progress page."""

from flask import Blueprint

bp = Blueprint("implementation", __name__)
