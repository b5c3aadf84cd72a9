"""The reason codes: the one documented table equals what the code can emit, found by reading the code itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from corroborate.models import REASON_CODES

from .conftest import ROOT

PACKAGE = ROOT / "corroborate"
TABLE_PAGE = ROOT / "docs" / "configuring-outlets.md"
_CODE = re.compile(r"[a-z]+(?:_[a-z]+)*")
#: names a reason is held in on its way into a report (``reason = ...; problem = ...``)
_HOLDERS = {"reason", "problem"}


def _text(node: ast.AST) -> str | None:
    """The code a constant or an f-string starts with (``"bad_warc: ..."`` gives ``bad_warc``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        value = node.value
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        value = str(node.values[0].value)
    else:
        return None
    code = value.split(":", 1)[0]
    return code if _CODE.fullmatch(code) else None


def _targets(node: ast.Assign) -> list[tuple[ast.AST, ast.AST]]:
    pairs = []
    for target in node.targets:
        if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
            pairs.extend(zip(target.elts, node.value.elts, strict=False))
        else:
            pairs.append((target, node.value))
    return pairs


def _holder(target: ast.AST) -> bool:
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
    return name in _HOLDERS


def emitted_reasons() -> dict[str, set[str]]:
    """Every reason code the package can record, with the files it is written in."""
    found: dict[str, set[str]] = {}

    def add(node: ast.AST | None, path: Path) -> None:
        code = _text(node) if node is not None else None
        if code:
            found.setdefault(code, set()).add(str(path.relative_to(ROOT)))

    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "FetchError" and node.args:
                    add(node.args[0], path)
                for keyword in node.keywords:
                    if keyword.arg == "reason":
                        add(keyword.value, path)
            elif isinstance(node, ast.Assign):
                for target, value in _targets(node):
                    if _holder(target):
                        add(value, path)
            elif isinstance(node, ast.FunctionDef):
                defaults = node.args.kwonlyargs, node.args.kw_defaults
                for arg, default in zip(*defaults, strict=True):
                    if arg.arg == "reason":
                        add(default, path)
                if node.name.endswith("_problem") or node.name == "_warc_candidates":
                    for inner in ast.walk(node):
                        if isinstance(inner, ast.Return) and isinstance(inner.value, ast.Tuple | ast.Constant):
                            values = inner.value.elts if isinstance(inner.value, ast.Tuple) else [inner.value]
                            for value in values:
                                add(value, path)
    # statuses assigned beside reasons in tuples ("error", "skipped") are statuses, not reasons
    for status in ("ok", "error", "skipped"):
        found.pop(status, None)
    return found


def documented_table() -> dict[str, str]:
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+?) \|$", TABLE_PAGE.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def test_the_reason_table_equals_what_the_code_can_emit():
    emitted = emitted_reasons()
    assert set(emitted) == set(REASON_CODES), {
        "emitted, not in REASON_CODES": {k: emitted[k] for k in set(emitted) - set(REASON_CODES)},
        "in REASON_CODES, never emitted": set(REASON_CODES) - set(emitted),
    }
    assert documented_table() == REASON_CODES


def test_the_scan_finds_reasons_in_each_way_they_are_written():
    emitted = emitted_reasons()
    # a FetchError, a keyword, a tuple assignment, a local variable, a returned problem, a default argument
    assert "corroborate/coverage/fetch.py" in emitted["timeout"]
    assert "corroborate/article/extract.py" in emitted["too_complex"]
    assert "corroborate/pipeline.py" in emitted["same_as_article"]
    assert "corroborate/coverage/discovery.py" in emitted["off_topic"]
    assert "corroborate/coverage/discovery.py" in emitted["bad_sitemap"]
    assert "corroborate/exceptions.py" in emitted["bad_html"]
