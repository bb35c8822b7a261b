"""The access model table(s) in docs/deployment.md, parsed: right -> role -> allowed."""

from __future__ import annotations

from pathlib import Path

from consult.auth.models import ROLE_LABELS, Role

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
ACCOUNT_RIGHT = "manage_account"  # may_manage_account: a right over a whole account
FIRST_CELLS = {"right", "recht"}
ANSWERS = {"yes": True, "ja": True, "no": False, "nee": False}
ROLE_NAMES = {**{role.value.replace("_", " "): role for role in Role},
              **{label.lower(): role for role, label in ROLE_LABELS.items()}}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _tables(text: str) -> list[list[list[str]]]:
    tables, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.lstrip().startswith("|"):
            current.append(_cells(line))
        elif current:
            tables.append(current)
            current = []
    return tables


def _parse(rows: list[list[str]]) -> dict[str, dict[Role, bool]]:
    header, body = rows[0], rows[2:]  # rows[1] is the |---| line
    roles = {i: ROLE_NAMES[name.lower()] for i, name in enumerate(header)
             if name.lower() in ROLE_NAMES}
    assert sorted(roles.values()) == sorted(Role), f"the table names roles {header}"
    model = {}
    for row in body:
        right = row[0].strip("`")
        assert right not in model, f"{right} appears twice"
        model[right] = {role: ANSWERS[row[i].lower()] for i, role in roles.items()}
    return model


def access_tables(document: Path = DOCUMENT) -> list[dict[str, dict[Role, bool]]]:
    """Every access model table in the document (one per language), in order."""
    return [_parse(rows) for rows in _tables(document.read_text(encoding="utf-8"))
            if rows[0][0].lower() in FIRST_CELLS]
