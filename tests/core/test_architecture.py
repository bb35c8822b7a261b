"""The allowed imports between features (docs/architecture.md) hold: import-linter's
contracts in pyproject.toml are kept, and each kind of contract catches a breaking import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_import_contracts_are_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("nlp/themes.py", "import flask", "nlp is pure Python over texts"),
    ("nlp/redact.py", "from consult.db import db", "nlp is pure Python over texts"),
    ("consult/rounds/services.py", "from flask import g", "Services do not import Flask"),
    ("consult/exports/services.py", "import nlp.copies", "Only the NLP adapters call nlp"),
    ("consult/feedback/views.py", "from consult.participate.views import bp as _bp",
     "View modules are independent"),
])
def test_a_breaking_import_breaks_its_contract(tmp_path, module, line, contract):
    for package in ("consult", "nlp"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "data", "static"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts")[1]
    assert contract in broken
    assert "1 broken" in result.stdout  # only this one: the copy itself keeps the others
