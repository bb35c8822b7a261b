"""The NL Design System CSS is vendored, licensed, linked locally and covers every class used."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "consult" / "static" / "vendor" / "utrecht"
BUNDLE = "@utrecht/component-library-css"


class _Stylesheets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.root_classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.hrefs.append(attrs["href"])
        if tag == "html":
            self.root_classes = (attrs.get("class") or "").split()


def _stylesheets(html: str) -> _Stylesheets:
    parser = _Stylesheets()
    parser.feed(html)
    return parser


def test_base_layout_links_the_vendored_css_locally_before_the_theme(client):
    sheets = _stylesheets(client.get("/").get_data(as_text=True))
    assert sheets.hrefs[:3] == ["/static/vendor/utrecht/components.css",
                                "/static/consult-theme.css", "/static/consult.css"]
    assert not [href for href in sheets.hrefs if "//" in href]  # no CDN, no other host
    assert "consult-theme" in sheets.root_classes
    served = client.get(sheets.hrefs[0])
    assert served.status_code == 200 and served.mimetype == "text/css"
    assert ".utrecht-button--primary-action" in served.get_data(as_text=True)


def test_vendored_css_ships_its_licence_and_names_the_pinned_version():
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"][BUNDLE]
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    assert lock["packages"][f"node_modules/{BUNDLE}"]["version"] == pinned
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)  # exact, so `npm ci` is reproducible
    licence = (VENDOR / "LICENSE.md").read_text("utf-8")
    assert licence.startswith("# EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    readme = (VENDOR / "README.md").read_text("utf-8")
    assert f"`{BUNDLE}` version **{pinned}**" in readme
    css = (VENDOR / "components.css").read_text("utf-8")
    assert css.startswith(f"/* NL Design System components from {BUNDLE}@{pinned}")
    parts = re.findall(r"/\* (@utrecht/[a-z0-9-]+)@(\S+) @license EUPL-1.2 Copyright", css)
    assert len(parts) >= 20
    for name, version in parts:  # every part is the version the bundle pins
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
        assert f"| `{name}` | {version} |" in readme


def test_every_component_class_in_the_templates_is_in_the_vendored_css():
    css = (VENDOR / "components.css").read_text("utf-8")
    defined = set(re.findall(r"\.(utrecht-[a-z0-9_-]+)", css))
    used = set()
    for template in (ROOT / "templates").rglob("*.html"):
        for value in re.findall(r'class_?=["\']([^"\']*)', template.read_text("utf-8")):
            used.update(re.findall(r"utrecht-[a-z0-9_-]*[a-z0-9]", value))
    assert len(used) > 30
    assert not sorted(used - defined)


def test_templates_no_longer_use_the_hand_written_components():
    old = re.compile(r'class="(button|alert|field|input|textarea|skip-link|page-header)[ "_-]')
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "templates").rglob("*.html")
                 if path.name != "summary_pdf.html" and old.search(path.read_text("utf-8"))]
    assert not offenders
