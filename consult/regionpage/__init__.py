"""A region's public page (background, goal, rounds, publications and events) and its editor."""

from flask import Blueprint

bp = Blueprint("regionpage", __name__)
