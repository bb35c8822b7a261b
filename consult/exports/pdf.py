"""The consultation summary as a tagged, accessible PDF (WeasyPrint). No Flask.

Everything the document needs is inline (charts as data: URIs, CSS in the template),
and the URL fetcher refuses anything else, so rendering never reaches the network.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from consult.dates import format_date
from consult.exports import formatting as fmt
from consult.exports.charts import section_chart
from consult.exports.dataset import Summary

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "exports"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True}


class LocalOnlyFetcher(URLFetcher):
    """Allow only data: URIs; every other URL is refused before any request is made."""

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise ValueError(f"external resource refused: {url[:80]}")
        return super().fetch(url, headers)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["date_nl"] = format_date
    return env


def render_html(summary: Summary) -> str:
    """The HTML the PDF is made from."""
    charts = {}
    for section in summary.sections:
        chart = section_chart(section)
        charts[section.chapter] = ("data:image/png;base64," + base64.b64encode(chart.png).decode(),
                                   chart.alt)
    return _environment().get_template("summary_pdf.html").render(
        summary=summary, charts=charts, fmt=fmt)


def to_pdf(summary: Summary) -> bytes:
    """Render the summary as PDF/UA with tags; unsigned sets carry a CONCEPT watermark."""
    html = HTML(string=render_html(summary), base_url="data:,", url_fetcher=LocalOnlyFetcher())
    return html.write_pdf(**PDF_OPTIONS)
