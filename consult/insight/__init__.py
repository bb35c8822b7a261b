"""Insight into a round's input: full-text search and the round dashboard."""

from flask import Blueprint

bp = Blueprint("insight", __name__, url_prefix="/rondes")
