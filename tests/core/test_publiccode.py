"""publiccode.yml at the repository root holds what the standard (v0.4) requires.

The rules checked are those of https://yml.publiccode.tools/schema.core.html and of the
reference parser (italia/publiccode-parser-go): required keys, allowed values and lengths.
The licence must be the one LICENSE names, and the version the one pyproject.toml names.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPE = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                 "standalone/backend", "standalone/other", "addon", "library",
                 "configurationFiles"}
MAINTENANCE = {"internal", "contract", "community", "none"}
# The categories and scopes lists of the standard, only the ones that could apply here are
# needed to reject a typo; a value outside the full list fails the reference parser.
CATEGORIES = {"survey", "data-collection", "data-analytics", "data-visualization",
              "digital-citizenship", "feedback-and-reviews-management", "collaboration",
              "knowledge-management", "document-management", "online-community"}
SCOPES = {"welfare", "healthcare", "local-authorities", "government", "society"}


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_top_level_required_keys(publiccode):
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert publiccode["name"] == "Consult"
    assert re.match(r"^https://\S+$", publiccode["url"])
    assert publiccode["platforms"] == ["web"]
    assert publiccode["categories"] and set(publiccode["categories"]) <= CATEGORIES
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUS
    assert publiccode["softwareType"] in SOFTWARE_TYPE
    assert set(publiccode["intendedAudience"]["scope"]) <= SCOPES


def test_version_and_release_date(publiccode):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert publiccode["softwareVersion"] == project["version"]
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", publiccode["releaseDate"])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_description_in_dutch_and_english(publiccode, language):
    description = publiccode["description"][language]
    assert 0 < len(description["shortDescription"]) <= 150
    assert 150 <= len(description["longDescription"]) <= 10000
    assert description["features"]
    assert all(0 < len(feature) <= 100 for feature in description["features"])


def test_licence_is_the_one_in_license(publiccode):
    spdx = re.search(r"SPDX-License-Identifier:\s*(\S+)",
                     (ROOT / "LICENSE").read_text()).group(1)
    assert publiccode["legal"]["license"] == spdx == "EUPL-1.2"


def test_maintenance_has_contacts(publiccode):
    maintenance = publiccode["maintenance"]
    assert maintenance["type"] in MAINTENANCE
    if maintenance["type"] in {"internal", "community"}:
        assert maintenance["contacts"]
        assert all(contact["name"] for contact in maintenance["contacts"])
        assert all("@" in contact.get("email", "@") for contact in maintenance["contacts"])


def test_localisation(publiccode):
    localisation = publiccode["localisation"]
    assert isinstance(localisation["localisationReady"], bool)
    assert "nl" in localisation["availableLanguages"]


def test_dependencies_name_the_runtime(publiccode):
    open_dependencies = {dep["name"]: dep for dep in publiccode["dependsOn"]["open"]}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert open_dependencies["Python"]["versionMin"] == project["requires-python"].lstrip(">=")
    assert {"PostgreSQL", "Redis"} <= set(open_dependencies)
