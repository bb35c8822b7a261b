"""Two-factor set-up shows the key as a QR code (inline SVG) and as text beside it."""

from __future__ import annotations

import html
import re

import segno


def _modules(svg: str) -> str:
    """The drawn dark modules of a segno SVG: the path data of its QR lines."""
    return re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg).group(1)


def test_set_up_page_shows_qr_code_and_key(client, make_user, region, login):
    login(make_user("policy_officer", region))
    page = client.get("/account/tweestapsverificatie").text
    uri = html.unescape(re.search(r'href="(otpauth://totp/[^"]+)"', page).group(1))
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg and "<title>" in svg
    # the QR code encodes exactly the otpauth URI of this page's key
    assert _modules(svg) == _modules(segno.make(uri, error="m", micro=False).svg_inline())
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    assert 'class="receipt"' in page and grouped in page  # the key to type over, beside it
    assert page.index(svg) < page.index(grouped)
