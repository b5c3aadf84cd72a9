"""The house: every module sits in its stage, and imports flow one way, from the records through the stages.

A stage imports the records, the outlet registry, the configuration and earlier stages, never a later one; no two
modules import each other, directly or through others (imports inside functions count too).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "corroborate"

#: the order of the house; a module may import modules of its own rank or a lower one
RANKS = {
    "corroborate": 0,  # the package itself: __version__ and lazy names only
    "corroborate.exceptions": 0,
    "corroborate.models": 0,
    "corroborate.outlets": 1,
    "corroborate.config": 2,
    "corroborate.article": 3,
    "corroborate.coverage": 4,
    "corroborate.evidence": 5,
    "corroborate.provenance": 6,
    "corroborate.verdicts": 7,
    "corroborate.reports": 8,
    "corroborate.pipeline": 9,
    "corroborate.ray_engine": 10,  # the pipeline's stages on Ray Data
    "corroborate.batch": 10,
    "corroborate.cli": 11,
    "corroborate.__main__": 12,
}
STAGES = ("article", "coverage", "evidence", "provenance", "verdicts", "reports")
TOP_LEVEL = {"__init__", "__main__", "batch", "cli", "config", "exceptions", "models", "pipeline", "ray_engine"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every module of the package that ``name`` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    modules = _modules()
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        out.update(c for c in candidates if c in modules and c != name)
    return out


def _rank(module: str) -> int:
    while module not in RANKS:
        module = module.rpartition(".")[0]
    return RANKS[module]


def test_the_top_of_the_package_holds_only_the_named_modules():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        assert init.exists(), f"{stage}/ is not a package"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and " in, " in doc and " out" in doc, f"{stage}/__init__.py must say what comes in and goes out"


def test_no_stage_imports_a_later_stage():
    backwards = []
    for name, path in _modules().items():
        for target in _imports(name, path):
            if _rank(target) > _rank(name):
                backwards.append(f"{name} imports {target}")
    assert backwards == []


def test_no_import_cycle():
    graph = {name: _imports(name, path) for name, path in _modules().items()}
    # a package's __init__ importing its own modules is not a cycle with them
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_records_import_no_stage():
    models = PACKAGE / "models.py"
    assert _imports("corroborate.models", models) <= {"corroborate.exceptions"}


def test_the_walk_finds_what_it_is_looking_for(tmp_path):
    # the checks above pass only because the imports are right, not because the walk finds none
    imports = _imports("corroborate.pipeline", PACKAGE / "pipeline.py")
    assert {"corroborate.article.claims", "corroborate.verdicts.score", "corroborate.models"} <= imports
    assert _rank("corroborate.reports.html") > _rank("corroborate.evidence.match")
