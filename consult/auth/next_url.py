"""Where to go after login: only a path on this site, judged in the form the browser will see."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask import url_for
from werkzeug.urls import iri_to_uri

MAX_LENGTH = 2000


def safe_next(target: str | None) -> str:
    """Where to go after login: ``target`` when it is a path on this site (no open
    redirect), else the staff start page."""
    return local_path(target) or url_for("rounds.index")


def local_path(target: str | None) -> str | None:
    """``target`` as a same-site path ready for a Location header, or None if it is not one.

    Browsers drop tabs and line breaks inside URLs and read a backslash as a slash, and
    Werkzeug's ``iri_to_uri`` drops them too, so ``/<TAB>/evil.example`` would leave as
    ``//evil.example``. Such characters are refused outright, and the check runs on the
    normalised form that actually goes out.
    """
    if not _is_path(target or "") or len(target) > MAX_LENGTH or "\\" in target:
        return None
    if any(char.isspace() or unicodedata.category(char).startswith("C") for char in target):
        return None
    normalised = iri_to_uri(target)
    parts = urlsplit(normalised)
    if parts.scheme or parts.netloc or not _is_path(normalised):
        return None
    return normalised


def _is_path(url: str) -> bool:
    """Starts with one slash: a path on this host, not ``//host`` (scheme-relative)."""
    return url[:1] == "/" and url[1:2] != "/"
