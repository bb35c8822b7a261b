"""PDF bytes and a store in a temporary folder for the public page's tests."""

from __future__ import annotations

import pytest

MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
               b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
               b"trailer << /Root 1 0 R >>\n%%EOF\n")


@pytest.fixture
def app_config(app_config, tmp_path):
    return {**app_config, "REGION_PAGE_DIR": str(tmp_path / "region-pages")}


@pytest.fixture
def pdf_dir(app, tmp_path):
    return tmp_path / "region-pages"
