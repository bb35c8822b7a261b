"""Theme analysis runs and the theme review and curation workspace."""

from flask import Blueprint

bp = Blueprint("themes", __name__, url_prefix="/analyse")
