"""Keep personal data out of the application logs: truncated IPs, no e-mail addresses.

A log record factory scrubs every record in the process (Flask, werkzeug, gunicorn,
flask-limiter) before any handler sees it, so no handler can be forgotten.
"""

from __future__ import annotations

import ipaddress
import logging
import re

IPV4 = re.compile(r"\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b")
# Anything shaped like an IPv6 address (hex groups and colons, maybe a dotted IPv4 tail).
# Times such as 22:21:05 match the shape too, so each candidate is parsed before it is cut.
IPV6_CANDIDATE = re.compile(r"(?<![\w:.])(?=[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]*"
                            r"[0-9A-Fa-f:](?![\w:])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FORMATTER = logging.Formatter()


def scrub(message: str) -> str:
    """Truncate IP addresses (IPv4 to /24, IPv6 to /48) and drop e-mail addresses."""
    message = EMAIL.sub("[e-mail]", message)
    message = IPV4.sub(r"\1.0", message)
    return IPV6_CANDIDATE.sub(_truncate_ipv6, message)


def _truncate_ipv6(match: re.Match) -> str:
    """The address's /48 network, or the text unchanged when it is no IPv6 address."""
    try:
        address = ipaddress.IPv6Address(match.group())
    except ValueError:
        return match.group()
    if address.is_loopback or address.is_unspecified:
        return match.group()
    return str(ipaddress.IPv6Network((address, 48), strict=False).network_address)


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
