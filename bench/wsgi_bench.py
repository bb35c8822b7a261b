"""The real app for benchmarks, with the redaction resources loaded before forking."""

from consult import create_app
from consult.submissions.redaction import warm_up

app = create_app()
warm_up()
