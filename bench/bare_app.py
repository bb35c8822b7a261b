"""A bare Flask endpoint: the ceiling for this machine, gunicorn set-up and load generator."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"


@app.route("/healthz")
def healthz():
    return "ok"
