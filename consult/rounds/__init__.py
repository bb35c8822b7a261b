"""Consultation rounds for staff."""

from flask import Blueprint

bp = Blueprint("rounds", __name__, url_prefix="/rondes")
