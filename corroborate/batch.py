"""Several articles in one run: expand globs and folders, check each with one shared cache and model, and combine
the reports (schema ``corroborate.batch/1``) with a summary over all of them.
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .article.input import SUPPORTED_SUFFIXES
from .config import Config
from .exceptions import InputError
from .models import Progress
from .reports.claimreview import claim_reviews
from .reports.github import render_github_many
from .reports.junit import render_junit_many
from .reports.sarif import render_sarif_many
from .reports.saved import BATCH_SCHEMA, render_dict
from .verdicts.gate import nothing_checked, worst

__all__ = [
    "BATCH_SCHEMA",
    "EXTENSIONS",
    "Entry",
    "batch_dict",
    "check_many",
    "entries_from_batch",
    "expand_articles",
    "finished_reports",
    "forget_finished",
    "is_batch",
    "outputs_collide",
    "render_batch",
    "render_summary_table",
    "report_file_names",
]

#: file extension of each format, for one report per article in an output folder
EXTENSIONS = {
    "text": ".txt",
    "markdown": ".md",
    "json": ".json",
    "html": ".html",
    "junit": ".xml",
    "github": ".annotations.txt",
    "sarif": ".sarif",
    "claimreview": ".jsonld",
}

_MAGIC = re.compile(r"[*?[]")


@dataclass(slots=True)
class Entry:
    """One article of a run: its report dict, or the error that stopped it; its exit code and messages."""

    source: str
    data: dict | None = None
    error: str | None = None
    exit_code: int = 0
    messages: list[str] = field(default_factory=list)
    file: str | None = None


def is_batch(args: list[str]) -> bool:
    """Several articles, a glob or a folder: the run writes a combined output, however many files match."""
    return len(args) > 1 or any(_MAGIC.search(a) or Path(a).is_dir() for a in args if not _remote(a))


def _remote(arg: str) -> bool:
    return arg == "-" or arg.startswith(("http://", "https://"))


def expand_articles(args: list[str]) -> list[str]:
    """Article arguments with globs (``drafts/**/*.md``) and folders expanded, in order, each once."""
    out: list[str] = []
    for arg in args:
        if _remote(arg):
            matches = [arg]
        elif _MAGIC.search(arg):
            matches = sorted(
                p
                for p in glob.glob(arg, recursive=True)
                if Path(p).is_file() and Path(p).suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not matches:
                raise InputError(f"{arg}: no .txt, .md or .html file matches this pattern; check the path")
        elif Path(arg).is_dir():
            matches = sorted(
                str(p) for p in Path(arg).iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not matches:
                raise InputError(f"{arg}: the folder holds no .txt, .md or .html file")
        else:
            matches = [arg]
        out.extend(m for m in matches if m not in out)
    if out.count("-") > 1:
        raise InputError("standard input (-) can be read only once")
    return out


def check_many(
    sources: list[str],
    config: Config,
    *,
    progress: Progress | None = None,
    encoder=None,
    engine: str = "local",
    ray_address: str | None = None,
    workers: int | None = None,
    resume: Path | None = None,
) -> Iterator[tuple[str, object]]:
    """Check each article with one model and the one cache of ``config``, and yield ``(source, report)`` in order,
    or ``(source, InputError)`` for an article that could not be read; other errors (configuration, model) stop
    the run.

    ``engine="local"`` checks the articles in turn in this process (Ray is not imported); ``engine="ray"`` runs
    the same stages on Ray Data (``corroborate.ray_engine``): on a local Ray runtime with ``workers`` CPUs, or on the
    cluster at ``ray_address``.

    ``resume`` names a folder where each finished report is kept (as report JSON, see ``finished_reports``): an
    article whose report is already there is not checked again, and its saved report dict is yielded instead.
    """
    if engine not in ("local", "ray"):
        raise InputError(f"unknown engine {engine!r}; use 'local' or 'ray'")
    key = _run_key(config)
    done = finished_reports(resume, sources, key) if resume is not None else {}
    todo = [s for s in sources if s not in done]

    def keep(source: str, report) -> None:
        if resume is not None:
            from .reports.json import report_to_dict

            _keep_report(resume, source, report_to_dict(report), key)

    results: dict[str, object] = {}
    if engine == "ray" and todo:
        from .ray_engine import check_many_ray

        results.update(
            check_many_ray(todo, config, address=ray_address, workers=workers, progress=progress, on_report=keep)
        )
    elif todo:
        from .evidence.match import Encoder
        from .pipeline import check

        encoder = encoder or Encoder.from_config(config)
    for source in sources:
        if source in done:
            yield source, done[source]
        elif engine == "ray":
            yield source, results[source]
        else:
            try:
                report = check(source, config, progress=progress, encoder=encoder)
            except InputError as exc:
                yield source, exc
                continue
            keep(source, report)
            yield source, report


#: the folder, inside ``--output-dir``, where finished reports are kept for a re-run to skip
FINISHED_DIR = ".finished"


def _finished_path(folder: Path, source: str) -> Path:
    import hashlib

    return folder / FINISHED_DIR / (hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()[:24] + ".json")


def _run_key(config: Config) -> str:
    """What a kept report depends on besides the article: the tool version and the sources file's bytes."""
    import hashlib

    from . import __version__

    try:
        sources = config.path.read_bytes() if config.path else b""
    except OSError:
        sources = b""
    return hashlib.sha256(__version__.encode() + b"\0" + sources).hexdigest()[:24]


def _keep_report(folder: Path, source: str, data: dict, key: str) -> None:
    from .reports.formats import write_atomic

    path = _finished_path(folder, source)
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = {"source": source, "key": key, "report": data}
    write_atomic(path, json.dumps(saved, ensure_ascii=False, allow_nan=False))


def forget_finished(folder: Path) -> None:
    """Remove the kept reports once a run has written all of its output: only an interrupted run leaves them."""
    import shutil

    shutil.rmtree(folder / FINISHED_DIR, ignore_errors=True)


def finished_reports(folder: Path, sources: list[str], key: str) -> dict[str, dict]:
    """The reports an interrupted run of these articles finished (written atomically, so a report file is whole or
    absent), made with the same tool version and sources file (``key``); a file that does not read back as that
    article's report is ignored and the article checked again. Standard input is never taken from an earlier run."""
    out: dict[str, dict] = {}
    for source in sources:
        path = _finished_path(folder, source)
        if source == "-" or not path.is_file():
            continue
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        report = saved.get("report") if isinstance(saved, dict) else None
        same = isinstance(saved, dict) and saved.get("source") == source and saved.get("key") == key
        if same and isinstance(report, dict) and isinstance(report.get("summary"), dict):
            out[source] = report
    return out


#: the per-verdict counts summed over a run, in the order the summary table shows them
_COUNT_KEYS = (
    "claims",
    "corroborated",
    "single_source",
    "partly_corroborated",
    "uncorroborated",
    "conflicting",
    "contradicted",
    "not_checkable",
    "no_coverage",
)


def batch_dict(entries: list[Entry], *, with_reports: bool = True) -> dict:
    """The combined JSON of a run: a summary over all articles, one line per article, and their reports."""
    checked = [e for e in entries if e.data is not None]
    keys = _COUNT_KEYS
    summary: dict = {"articles": len(entries), "checked": len(checked), "failed": len(entries) - len(checked)}
    summary.update({k: sum(e.data["summary"].get(k, 0) for e in checked) for k in keys})
    # an article where nothing could be checked has no score, rather than a score of 0 that drags the mean down
    scores = [e.data["summary"]["score"] for e in checked if not nothing_checked(e.data)]
    summary["score"] = round(sum(scores) / len(scores), 4) if scores else 0.0
    summary["scored"] = len(scores)
    summary["exit_code"] = worst(e.exit_code for e in entries)
    articles = []
    for e in entries:
        line: dict = {"source": e.source, "exit_code": e.exit_code}
        if e.data is not None:
            line.update({k: e.data["summary"].get(k, 0) for k in (*keys, "score")})
        if e.error:
            line["error"] = e.error
        if e.messages:
            line["messages"] = e.messages
        if e.file and e.data is not None:
            line["report"] = e.file
        articles.append(line)
    out = {"schema": BATCH_SCHEMA, "summary": summary, "articles": articles}
    if with_reports:
        out["reports"] = [e.data for e in checked]
    return out


def entries_from_batch(data: dict) -> list[Entry]:
    """The entries of a saved batch file, for re-rendering it."""
    reports = iter(data["reports"])
    entries = []
    for line in data.get("articles") or []:
        if not isinstance(line, dict):
            continue
        report = None if line.get("error") else next(reports, None)
        entries.append(
            Entry(
                source=str(line.get("source", "")),
                data=report,
                error=line.get("error"),
                exit_code=int(line.get("exit_code", 0)),
                messages=list(line.get("messages") or []),
            )
        )
    entries.extend(Entry(source=r["article"]["source"], data=r) for r in reports)
    return entries


def render_summary_table(entries: list[Entry]) -> str:
    """Plain text: one line per article (score, verdict counts, exit code), then the totals."""
    rows = [
        ("ARTICLE", "SCORE", "CLAIMS", "CORR", "SINGLE", "PARTLY", "UNCORR", "CONFL", "CONTRA", "N/C", "NO COV", "EXIT")
    ]
    for e in entries:
        if e.data is None:
            continue
        s = e.data["summary"]
        rows.append(
            (
                e.source,
                "-" if nothing_checked(e.data) else f"{s['score']:.2f}",
                *(str(s.get(k, 0)) for k in _COUNT_KEYS),
                str(e.exit_code),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    for e in entries:
        if e.data is None:
            lines.append(f"{e.source}  error: {e.error}  (exit {e.exit_code})")
    total = batch_dict(entries, with_reports=False)["summary"]
    lines.append(
        f"Total: {total['articles']} articles, {total['checked']} checked, {total['failed']} failed; "
        f"{total['claims']} claims: {total['corroborated']} corroborated, {total['single_source']} "
        f"single-source, {total['partly_corroborated']} partly, {total['uncorroborated']} uncorroborated, "
        f"{total['conflicting']} conflicting, "
        f"{total['contradicted']} contradicted, "
        f"{total['not_checkable']} not checkable, {total['no_coverage']} with no coverage at all; mean score "
        f"{total['score']:.2f} over {total['scored']} checked article{'s' if total['scored'] != 1 else ''}; "
        f"exit {total['exit_code']}"
    )
    return "\n".join(lines) + "\n"


def render_batch(entries: list[Entry], fmt: str, **options) -> str:
    """One document for the whole run, in a format that can hold several reports (every format but HTML)."""
    reports = [e.data for e in entries if e.data is not None]
    failed = [(e.source, e.error or "") for e in entries if e.data is None]
    if fmt == "json":
        return json.dumps(batch_dict(entries), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "junit":
        return render_junit_many(reports, failed=failed)
    if fmt == "sarif":
        return render_sarif_many(reports, failed=failed)
    if fmt == "github":
        return render_github_many(reports, failed=failed)
    if fmt == "claimreview":
        reviews = [r for data in reports for r in claim_reviews(data, **options)]
        return json.dumps(reviews, indent=2, ensure_ascii=False).replace("</", "<\\/") + "\n"
    if fmt in ("text", "markdown"):
        rule = "\n" + ("-" * 80 if fmt == "text" else "---") + "\n\n"
        parts = [render_dict(data, fmt) for data in reports]
        table = render_summary_table(entries)
        summary = table if fmt == "text" else "## Summary of all articles\n\n```\n" + table + "```\n"
        return rule.join([*parts, summary])
    raise InputError(f"--format {fmt} writes one file per article; give --output FOLDER")


def report_file_names(entries: list[Entry], fmt: str) -> None:
    """Give each entry a unique file name in the output folder (``<article stem><extension>``), in order, so
    that names depend only on the list of articles."""
    used = {"summary.json", "index.html"}
    for e in entries:
        if e.source == "-":
            stem = "stdin"
        elif e.source.startswith(("http://", "https://")):
            stem = re.sub(r"^https?://", "", e.source).rstrip("/")
        else:
            stem = Path(e.source).stem
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")[:80] or "article"
        name, n = stem + EXTENSIONS[fmt], 1
        while name in used:
            n += 1
            name = f"{stem}-{n}{EXTENSIONS[fmt]}"
        used.add(name)
        e.file = name


def outputs_collide(entries: list[Entry], folder: Path, inputs: list[str]) -> str | None:
    """An article a report would overwrite, if any (``check drafts/*.txt --output drafts``)."""
    articles = {Path(p).resolve() for p in inputs if not _remote(p)}
    for e in entries:
        if e.file and (folder / e.file).resolve() in articles:
            return str(folder / e.file)
    return None
