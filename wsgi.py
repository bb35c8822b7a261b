"""WSGI entry point for gunicorn and the flask command.

Importing this module starts no threads: gunicorn --preload forks its workers right after
the import. gunicorn.conf.py loads the redaction resources before the first request.
"""

from consult import create_app

app = create_app()
