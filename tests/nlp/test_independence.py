"""nlp stays independent of the web app: importing it pulls in no Flask or SQLAlchemy."""

import subprocess
import sys

CODE = (
    "import sys, nlp, nlp.themes, nlp.cli_cluster, nlp.signals, nlp.cli_signals, nlp.readability; "
    "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'consult')]; "
    "print(bad); sys.exit(1 if bad else 0)"
)


def test_importing_nlp_does_not_import_the_web_app():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
