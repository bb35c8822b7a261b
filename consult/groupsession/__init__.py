"""Group sessions: a short code or QR code that lets a group submit from one network."""

from flask import Blueprint

bp = Blueprint("groupsession", __name__)
