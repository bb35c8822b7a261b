"""Read-only JSON API for staff tooling, API tokens and the staff profile page."""

from flask import Blueprint

bp = Blueprint("api", __name__)
