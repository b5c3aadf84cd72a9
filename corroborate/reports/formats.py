"""The formats a ``Report`` renders to, by name, and writing a rendered report to a file safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..models import Report
from .claimreview import render_claimreview
from .github import render_github
from .html import render_html
from .json import render_json, report_to_dict
from .junit import render_junit
from .markdown import render_markdown
from .sarif import render_sarif
from .text import render_text

__all__ = ["FORMATS", "render", "write_atomic"]


def _from_dict(renderer: Callable[[dict], str]) -> Callable[[Report], str]:
    """A ``Report`` renderer for a renderer of the JSON dict (the formats that can also re-render saved JSON)."""
    return lambda report: renderer(report_to_dict(report))


FORMATS: dict[str, Callable[[Report], str]] = {
    "claimreview": _from_dict(render_claimreview),
    "github": _from_dict(render_github),
    "html": _from_dict(render_html),
    "json": render_json,
    "junit": _from_dict(render_junit),
    "markdown": render_markdown,
    "sarif": _from_dict(render_sarif),
    "text": render_text,
}


def render(report: Report, fmt: str) -> str:
    try:
        return FORMATS[fmt](report)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {sorted(FORMATS)}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename, so readers never see half a report."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        # mkstemp makes the file 0600; a report gets the mode any new file of the user's gets (0666 less umask)
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
