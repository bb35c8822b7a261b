"""Facilitator intake: input sessions entered by hand, and imported files."""

from flask import Blueprint

bp = Blueprint("intake", __name__, url_prefix="/invoer")
