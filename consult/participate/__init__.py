"""Public participant pages: no account needed."""

from flask import Blueprint

bp = Blueprint("participate", __name__, url_prefix="/r")
