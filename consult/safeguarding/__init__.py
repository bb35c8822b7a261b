"""Safeguarding (*signalering*): crisis signals in input reach the region's named contacts."""

from flask import Blueprint

bp = Blueprint("safeguarding", __name__, url_prefix="/beheer")
