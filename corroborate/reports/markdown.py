"""Markdown for pull requests and wikis: the summary table and a section per claim, every external string escaped."""

from __future__ import annotations

from ..models import Report
from ..verdicts.overrides import claim_fingerprint
from .common import MEANINGS, NOT_A_TRUTH_RATING, audit_line, http_url, markdown_text
from .text import cited_evidence, failed_sources, provenance_lines

__all__ = ["render_markdown"]

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
        cited = cited_evidence(r)
        notes = provenance_lines(r)
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
        out.extend(f"- #{k.sentence} `{k.code}` ({_md(k.reason)}): {_md(k.text)}" for k in report.skipped)
        out.append("")
    failures = failed_sources(report)
    if failures:
        out.append("## Failed sources")
        out.extend(f"- {_md(f)}" for f in failures)
        out.append("")
    out.append("## Legend")
    out.extend(f"- **{name}**: {meaning}" for name, meaning in MEANINGS.items())
    out.append("")
    return "\n".join(out)
