"""Privacy operations (AVG): retention purge, erasure by receipt code, processing register."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)
