"""A bare Flask form: the ceiling for this machine, server set-up and load generator.

It answers the participant's three requests the way Consult does (the form with its hidden
fields, a POST answered with a redirect to the receipt page, the receipt page) and does
nothing else: no database, no templates, no CSRF check.
"""

import secrets

from flask import Flask, redirect, request

app = Flask(__name__)
# No rate limits to count: gunicorn.conf.py then lets several workers serve it, like Consult.
app.config["RATELIMIT_ENABLED"] = False

FORM = """<!doctype html><title>Vorm</title><form method="post">
<input id="csrf_token" name="csrf_token" type="hidden" value="{token}">
<input id="started" name="started" type="hidden" value="0">
<input id="form_token" name="form_token" type="hidden" value="{token}">
<textarea name="answer_1"></textarea><button>Versturen</button></form>"""


@app.get("/r/belasting")
def form():
    return FORM.format(token=secrets.token_urlsafe(16))


@app.post("/r/belasting")
def submit():
    if not request.form.get("answer_1"):
        return "leeg", 400
    return redirect("/r/belasting/ontvangen")


@app.get("/r/belasting/ontvangen")
def received():
    return "Uw code: ABCD-EFGH-JKLM"


@app.route("/healthz")
def healthz():
    return "ok"
