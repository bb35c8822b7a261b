"""WSGI entry point for gunicorn and the flask command."""

import os
import threading

from consult import create_app
from consult.submissions.redaction import warm_up

app = create_app()

# Load the redaction resources at start-up, in the background, so that no participant's
# submit pays for it (CONSULT_WARM=0 skips it, e.g. for quick maintenance commands).
if os.environ.get("CONSULT_WARM", "1") == "1" and not app.testing:
    threading.Thread(target=warm_up, name="nlp-warm-up", daemon=True).start()
