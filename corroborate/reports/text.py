"""Plain text for terminals and logs: the summary, a table of claims, then one block per claim with its sources."""

from __future__ import annotations

from ..models import ClaimResult, Evidence, Report
from ..verdicts.overrides import claim_fingerprint
from .common import NOT_A_TRUTH_RATING, account_line, attribution_line, audit_line, decision_line, legend_lines

__all__ = ["CITED_PER_CLAIM", "cited_evidence", "failed_sources", "provenance_lines", "render_text"]

CITED_PER_CLAIM = 5  # evidence lines shown per claim in text and Markdown


def cited_evidence(r: ClaimResult) -> list[Evidence]:
    """Supporting and contradicting evidence, best sentence per page, independent origins first."""
    seen: set[str] = set()
    cited = []
    for e in r.evidence:
        if e.stance != "mentions" and e.url not in seen:
            seen.add(e.url)
            cited.append(e)
    return cited[:CITED_PER_CLAIM]


def failed_sources(report: Report) -> list[str]:
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
        lines.extend(f"    {line}" for line in provenance_lines(r))
        for e in cited_evidence(r):
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
    failures = failed_sources(report)
    if failures:
        lines.append("Failed sources:")
        lines.extend(f"    {f}" for f in failures)
    lines.append("")
    lines.extend(legend_lines()[1:])
    return "\n".join(lines).rstrip() + "\n"


def provenance_lines(r: ClaimResult) -> list[str]:
    """The claim's attribution line, flags and the earliest report of each origin, for text and Markdown."""
    d = {
        "credited": r.credited,
        "attribution_confirmed": r.attribution_confirmed,
        "independently_confirmed_by": r.independently_confirmed_by,
    }
    lines = [line] if (line := account_line({"hedged": r.claim.hedged, "attributed_to": r.claim.attributed_to})) else []
    lines += [line] if (line := attribution_line(d)) else []
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
