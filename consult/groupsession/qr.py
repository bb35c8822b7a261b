"""QR codes as inline SVG (segno: pure Python, no Pillow). No Flask."""

from __future__ import annotations

import segno


def qr_svg(url: str, *, label: str) -> str:
    """An SVG image of a QR code for the URL, labelled for screen readers.

    The caller shows the code and the URL as text as well, for those who cannot scan.
    """
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(scale=6, border=4, title=label, svgclass="qr", lineclass=None)
    # segno writes no role; with one, screen readers announce an image named by its title.
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)
