"""Feedback to participants: the region's response per theme, publishing, public pages."""

from flask import Blueprint

bp = Blueprint("feedback", __name__)
