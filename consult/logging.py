"""Keep personal data out of the application logs: truncated IPs, no e-mail addresses.

A log record factory scrubs every record in the process (Flask, werkzeug, gunicorn,
flask-limiter) before any handler sees it, so no handler can be forgotten.
"""

from __future__ import annotations

import logging
import re

IPV4 = re.compile(r"\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b")
# Three or more hex groups followed by more groups: keep the /48 prefix only.
HEX = "[0-9A-Fa-f]{1,4}"
IPV6 = re.compile(rf"\b({HEX}:{HEX}:{HEX}):[0-9A-Fa-f:]*[0-9A-Fa-f]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FORMATTER = logging.Formatter()


def scrub(message: str) -> str:
    """Truncate IP addresses (IPv4 to /24, IPv6 to /48) and drop e-mail addresses."""
    message = EMAIL.sub("[e-mail]", message)
    message = IPV4.sub(r"\1.0", message)
    return IPV6.sub(r"\1::", message)


def _scrubbing_factory(original):
    def factory(*args, **kwargs) -> logging.LogRecord:
        record = original(*args, **kwargs)
        try:
            record.msg = scrub(record.getMessage())
        except (TypeError, ValueError, KeyError):  # a malformed format string: keep it out
            record.msg = scrub(str(record.msg))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = scrub(_FORMATTER.formatException(record.exc_info))
        return record

    factory.consult_scrubbing = True
    return factory


def install_log_scrubbing() -> None:
    """Install the scrubbing record factory once per process."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "consult_scrubbing", False):
        logging.setLogRecordFactory(_scrubbing_factory(current))
