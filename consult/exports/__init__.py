"""Summary export (DOCX, PDF) and data export (XLSX, CSV, JSON) of a round."""

from flask import Blueprint

bp = Blueprint("exports", __name__, url_prefix="/rondes")
