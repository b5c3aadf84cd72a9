"""Rendering a ``Report``: JSON (the contract, schema ``corroborate.report/1``), plain text and Markdown, plus the
review and CI formats (HTML, JUnit, GitHub annotations, SARIF, ClaimReview) that render the JSON dict.

Every renderer reads only the ``Report`` or its JSON dict; a registry maps format names to renderers.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .ci_formats import render_github, render_junit, render_sarif
from .claimreview import render_claimreview
from .html_report import render_html
from .models import ClaimResult, Evidence, Report
from .overrides import claim_fingerprint
from .verdicts import (
    MEANINGS,
    NOT_A_TRUTH_RATING,
    attribution_line,
    audit_line,
    decision_line,
    http_url,
    legend_lines,
    markdown_text,
)

__all__ = ["FORMATS", "SCHEMA", "render", "report_to_dict", "write_atomic"]

SCHEMA = "corroborate.report/1"
CITED_PER_CLAIM = 5  # evidence lines shown per claim in text and Markdown


def _evidence_dict(e: Evidence) -> dict:
    return {
        "url": e.url,
        "outlet": e.outlet,
        "published": e.published,
        "sentence": e.sentence,
        "stance": e.stance,
        "confidence": round(e.confidence, 4),
        "why": e.why,
        "similarity": {"fuzzy": e.fuzzy, "semantic": e.semantic, "combined": e.combined},
        "origin": e.origin,
        "group": e.group,
        "independent": e.independent,
        "chain": e.chain,
        "collapsed": e.collapsed,
        "decision": e.decision,
    }


def _claim_dict(r: ClaimResult) -> dict:
    c = r.claim
    return {
        "id": c.id,
        "fingerprint": claim_fingerprint(c.text),
        "text": c.text,
        "sentence": c.sentence,
        "source": c.source,
        "span": list(c.span),
        "kind": c.kind,
        "checkworthy": c.checkworthy,
        "reason": c.reason,
        "quotes": [{"text": q.text, "speaker": q.speaker, "channel": q.channel, "when": q.when} for q in c.quotes],
        "attributed_to": c.attributed_to,
        "facts": {
            "quantities": [{"text": q.text, "value": q.value, "unit": q.unit} for q in c.quantities],
            "dates": [{"text": d.text, "value": d.value} for d in c.dates],
            "entities": [{"text": e.text, "type": e.type} for e in c.entities],
            "modality": c.modality,
            "negated": c.negated,
        },
        "verdict": r.verdict,
        "score": r.score,
        "independent_sources": r.independent_sources,
        "origins": r.origins,
        "origin_details": [
            {
                "outlet": o.outlet,
                "group": o.group,
                "earliest": {"url": o.earliest_url, "published": o.earliest_published},
                "pages": o.pages,
            }
            for o in r.origin_details
        ],
        "credited": r.credited,
        "attribution_confirmed": r.attribution_confirmed,
        "independently_confirmed_by": r.independently_confirmed_by,
        "flags": [
            {"code": f.code, "message": f.message, "outlet": f.outlet, "quote": f.quote, "urls": list(f.urls)}
            for f in r.flags
        ],
        "decision": r.decision,
        "tool_verdict": r.tool_verdict,
        "evidence": [_evidence_dict(e) for e in r.evidence],
    }


def report_to_dict(report: Report) -> dict:
    """The report as the JSON contract (see README, "The JSON report")."""
    a, s = report.article, report.summary
    return {
        "schema": SCHEMA,
        "article": {
            "source": a.source,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "url": a.url,
            "author": a.author,
            "text": a.text,
        },
        **({"audit": dict(report.audit)} if report.audit else {}),
        "claims": [_claim_dict(r) for r in report.claims],
        "skipped": [
            {"sentence": k.sentence, "text": k.text, "reason": k.reason, "checkworthy": k.checkworthy}
            for k in report.skipped
        ],
        "sources": [
            {
                "url": x.url,
                "outlet": x.outlet,
                "status": x.status,
                "reason": x.reason,
                "origin": x.origin,
                "duplicate_of": x.duplicate_of,
                "found_by": x.found_by,
            }
            for x in report.sources
        ],
        "summary": {
            "claims": s.claims,
            "corroborated": s.corroborated,
            "partly_corroborated": s.partly_corroborated,
            "contradicted": s.contradicted,
            "uncorroborated": s.uncorroborated,
            "not_checkable": s.not_checkable,
            "conflicting": s.conflicting,
            "single_source": s.single_source,
            "no_coverage": s.no_coverage,
            "flagged": dict(s.flagged),
            "score": s.score,
            "sources_ok": s.sources_ok,
            "sources_failed": s.sources_failed,
            "sources_off_topic": s.sources_off_topic,
            "sources_skipped": s.sources_skipped,
        },
    }


def render_json(report: Report) -> str:
    # strict JSON: a NaN or Infinity would be refused by other parsers, so it is an error here, not output
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _cited(r: ClaimResult) -> list[Evidence]:
    """Supporting and contradicting evidence, best sentence per page, independent origins first."""
    seen: set[str] = set()
    cited = []
    for e in r.evidence:
        if e.stance != "mentions" and e.url not in seen:
            seen.add(e.url)
            cited.append(e)
    return cited[:CITED_PER_CLAIM]


def _failures(report: Report) -> list[str]:
    return [f"{x.outlet or '?'} — {x.status}: {x.reason} — {x.url}" for x in report.sources if x.status == "error"]


def render_text(report: Report) -> str:
    """Plain text for terminals and logs: one block per claim, cited sources indented under it."""
    a, s = report.article, report.summary
    lines = [
        f"Article: {a.title or a.source}" + (f" ({a.outlet})" if a.outlet else ""),
        f"Score: {s.score:.2f}   claims: {s.claims}   corroborated: {s.corroborated}   "
        f"single source: {s.single_source}   partly: {s.partly_corroborated}   uncorroborated: {s.uncorroborated}   "
        f"conflicting: {s.conflicting}   contradicted: {s.contradicted}   not checkable: {s.not_checkable}",
        f"Sources: {s.sources_ok} read, {s.sources_failed} failed, {s.sources_skipped} skipped"
        + (f" ({s.sources_off_topic} about other stories)" if s.sources_off_topic else ""),
        *([f"Audit: {line}"] if (line := audit_line({"audit": report.audit})) else []),
        NOT_A_TRUTH_RATING,
        "",
    ]
    lines.extend(_table(report))
    lines.append("")
    for r in report.claims:
        origins = ", ".join(r.origins) or "none"
        lines.append(
            f"[{r.claim.id}] {r.verdict.upper()}  score {r.score:.2f}  independent sources: "
            f"{r.independent_sources} ({origins})"
        )
        lines.append(f"    {r.claim.text}  [fingerprint {claim_fingerprint(r.claim.text)}]")
        lines.extend(f"    {line}" for line in _provenance_lines(r))
        for e in _cited(r):
            mark = "+" if e.stance == "supports" else "x"
            via = f" [via {e.origin}]" if e.origin and e.origin != e.outlet else ""
            dup = "" if e.independent else " (counted once with its origin)"
            date = f" ({e.published[:10]})" if e.published else ""
            note = f" [{decision_line(e.decision)}]" if e.decision else ""
            lines.append(f"    {mark} {e.outlet or '?'}{date}{via}{dup}{note} — {e.sentence} — {e.url}")
        lines.append("")
    if report.skipped:
        lines.append(
            f"Skipped {len(report.skipped)} sentences: "
            + "; ".join(f"#{k.sentence} {k.reason}" for k in report.skipped)
        )
    failures = _failures(report)
    if failures:
        lines.append("Failed sources:")
        lines.extend(f"    {f}" for f in failures)
    lines.append("")
    lines.extend(legend_lines()[1:])
    return "\n".join(lines).rstrip() + "\n"


def _provenance_lines(r: ClaimResult) -> list[str]:
    """The claim's attribution line, flags and the earliest report of each origin, for text and Markdown."""
    d = {
        "credited": r.credited,
        "attribution_confirmed": r.attribution_confirmed,
        "independently_confirmed_by": r.independently_confirmed_by,
    }
    lines = [line] if (line := attribution_line(d)) else []
    if r.decision:
        lines.append(decision_line(r.decision) + (f" (the tool said {r.tool_verdict})" if r.tool_verdict else ""))
    elif r.tool_verdict:
        lines.append(f"verdict changed by an editor's page decision (the tool said {r.tool_verdict})")
    lines.extend(f"FLAG {f.code}: {f.message}" + (f" ({', '.join(f.urls[:3])})" if f.urls else "") for f in r.flags)
    if len(r.origin_details) > 1 or any(o.pages > 1 for o in r.origin_details):
        lines.append(
            "origins: "
            + "; ".join(
                f"{o.outlet} (earliest {o.earliest_published or 'undated'}, {o.pages} page{'s' * (o.pages != 1)})"
                for o in r.origin_details
            )
        )
    return lines


def _table(report: Report) -> list[str]:
    """The per-claim table: id, verdict, score, independent sources, claim."""
    rows = [("ID", "VERDICT", "SCORE", "SRC", "CLAIM")]
    for r in report.claims:
        text = r.claim.text if len(r.claim.text) <= 72 else r.claim.text[:71] + "…"
        rows.append((r.claim.id, r.verdict, f"{r.score:.2f}", str(r.independent_sources), text))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + "  " + row[4] for row in rows]


_md = markdown_text


def _md_link(url: str | None) -> str:
    """A page's URL as a Markdown autolink when it is http(s), else as inert text."""
    safe = http_url(url)
    return f"<{safe}>" if safe else _md(url or "")


def render_markdown(report: Report) -> str:
    a, s = report.article, report.summary
    out = [
        f"# Corroboration report: {_md(a.title or a.source)}",
        "",
        f"**Article score:** {s.score:.2f} · {s.claims} claims · {s.corroborated} corroborated · "
        f"{s.single_source} single-source · {s.partly_corroborated} partly · {s.uncorroborated} uncorroborated · "
        f"{s.conflicting} conflicting · {s.contradicted} contradicted"
        + "".join(f" · {n} {code}" for code, n in s.flagged.items()),
        "",
        f"> {NOT_A_TRUTH_RATING}",
        *([f"> {_md(line)}"] if (line := audit_line({"audit": report.audit})) else []),
        "",
        "| # | Claim | Verdict | Flags | Score | Independent sources |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.claims:
        out.append(
            f"| {r.claim.id} | {_md(r.claim.text)} | {r.verdict} | {_md(', '.join(f.code for f in r.flags))} | "
            f"{r.score:.2f} | {r.independent_sources} ({_md(', '.join(r.origins) or 'none')}) |"
        )
    out.append("")
    for r in report.claims:
        cited = _cited(r)
        notes = _provenance_lines(r)
        if not cited and not notes:
            continue
        out.append(f"## {r.claim.id}: {r.verdict}")
        out.append(f"> {_md(r.claim.text)}")
        out.append("")
        out.append(f"- *fingerprint* `{claim_fingerprint(r.claim.text)}`")
        out.extend(f"- *{_md(line)}*" for line in notes)
        for e in cited:
            via = f" (via {_md(e.origin)})" if e.origin and e.origin != e.outlet else ""
            dup = "" if e.independent else " — counted once with its origin"
            out.append(f"- **{e.stance}** · {_md(e.outlet or '?')}{via}{dup} — {_md(e.sentence)} — {_md_link(e.url)}")
        out.append("")
    if report.skipped:
        out.append("## Skipped sentences")
        out.extend(f"- #{k.sentence} ({_md(k.reason)}): {_md(k.text)}" for k in report.skipped)
        out.append("")
    failures = _failures(report)
    if failures:
        out.append("## Failed sources")
        out.extend(f"- {_md(f)}" for f in failures)
        out.append("")
    out.append("## Legend")
    out.extend(f"- **{name}**: {meaning}" for name, meaning in MEANINGS.items())
    out.append("")
    return "\n".join(out)


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
