"""Administration of regions, municipalities, staff, groups and vision chapters."""

from flask import Blueprint

bp = Blueprint("regions", __name__, url_prefix="/beheer")

