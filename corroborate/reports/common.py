"""Verdicts and the evidence a claim cites, as the renderers of the JSON report (``report_to_dict``) read them.

Shared by the HTML review report, the CI formats, ClaimReview and ``corroborate diff``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..verdicts.names import FAILING, FLAGS, LABELS, MEANINGS, NOT_A_TRUTH_RATING, RANK, SYMBOLS, VERDICTS, label

__all__ = [
    "EVIDENCE_LINES",
    "FAILING",
    "FLAGS",
    "LABELS",
    "MEANINGS",
    "NOT_A_TRUTH_RATING",
    "RANK",
    "SYMBOLS",
    "VERDICTS",
    "account_line",
    "attribution_line",
    "audit_line",
    "cited",
    "claim_anchor",
    "claim_lines",
    "collapsed",
    "decision_line",
    "evidence_lines",
    "flagged",
    "flags_of",
    "headline",
    "http_url",
    "label",
    "legend_lines",
    "line_numbers_apply",
    "markdown_text",
    "mentions",
]

_TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\"'<>\\`]")


def http_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL safe to link to, else ``None`` (``javascript:``, ``data:``...)."""
    if not isinstance(url, str) or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def claim_anchor(claim_id: object) -> str:
    """The fragment that names a claim in the HTML report (``claim-c3``), safe in any URL or attribute."""
    return "claim-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", str(claim_id)).strip("-") or "x")


def cited(claim: dict, *, independent: bool | None = True) -> list[dict]:
    """Supporting and contradicting evidence of a claim dict, best sentence per page.

    ``independent=True`` keeps the evidence that counted (one per independent origin), ``False`` the evidence
    collapsed into an origin already counted, ``None`` both.
    """
    seen: set[str] = set()
    out = []
    for e in claim.get("evidence") or []:
        if e.get("stance") not in ("supports", "contradicts") or e.get("url") in seen:
            continue
        if independent is not None and bool(e.get("independent")) != independent:
            continue
        seen.add(e.get("url"))
        out.append(e)
    return out


def collapsed(claim: dict) -> list[dict]:
    """Supporting or contradicting pages not counted, because their origin or ownership group already counts."""
    counted = {e.get("url") for e in cited(claim)}
    return [e for e in cited(claim, independent=False) if e.get("url") not in counted]


def mentions(claim: dict) -> list[dict]:
    """Pages that only mention the claim (best sentence per page), minus pages already cited."""
    taken = {e.get("url") for e in cited(claim, independent=None)}
    out = []
    for e in claim.get("evidence") or []:
        if e.get("stance") == "mentions" and e.get("url") not in taken:
            taken.add(e.get("url"))
            out.append(e)
    return out


def line_numbers_apply(article: dict) -> bool:
    """Whether offsets into the article text are also line positions in the source file (.txt and .md files)."""
    source = article.get("source") or ""
    return bool(article.get("text")) and source.lower().endswith(_TEXT_SUFFIXES) and "://" not in source


def claim_lines(article: dict, claim: dict) -> tuple[int, int] | None:
    """First and last 1-based line of a claim in its article file, when the article is a text or Markdown file."""
    if not line_numbers_apply(article):
        return None
    text = article["text"]
    span = claim.get("span") or []
    if len(span) != 2 or not all(isinstance(x, int) for x in span) or not 0 <= span[0] <= span[1] <= len(text):
        return None
    start, end = span
    first = text.count("\n", 0, start) + 1
    return first, first + text.count("\n", start, max(start, end - 1))


def flags_of(claim: dict) -> list[dict]:
    """The flags of a claim dict (``misattributed``, ``unverified-quote``), each with its code and message."""
    return [f for f in claim.get("flags") or [] if isinstance(f, dict) and isinstance(f.get("code"), str)]


def attribution_line(claim: dict) -> str | None:
    """ "attribution confirmed: NBC News; independently confirmed by: —" when the article credits an outlet."""
    credited = [str(c) for c in claim.get("credited") or []]
    if not credited:
        return None
    confirmed = claim.get("attribution_confirmed")
    others = ", ".join(str(o) for o in claim.get("independently_confirmed_by") or []) or "—"
    head = "attribution confirmed" if confirmed else "attribution not confirmed"
    return f"{head}: {', '.join(credited)}; independently confirmed by: {others}"


def account_line(claim: dict) -> str | None:
    """ "reported, not established: …" when the article hedges the claim or attributes it to someone."""
    sources = [str(x) for x in claim.get("attributed_to") or []]
    if claim.get("hedged"):
        said = f", attributed to {', '.join(sources)}" if sources else ""
        return f"reported, not established: the article puts this as an account{said}, not as fact"
    if sources:
        return f"reported, not established: the article attributes this to {', '.join(sources)}"
    return None


def legend_lines() -> list[str]:
    """The statement and legend of verdicts and flags, one line each, for text-like formats."""
    verdicts = "; ".join(f"{v}: {MEANINGS[v]}" for v in VERDICTS)
    flags = "; ".join(f"{f}: {MEANINGS[f]}" for f in FLAGS)
    return [NOT_A_TRUTH_RATING, f"Verdicts: {verdicts}.", f"Flags: {flags}."]


def audit_line(data: dict) -> str | None:
    """When and with what the report was made, from its ``audit`` stamp; ``None`` for reports without one."""
    audit = data.get("audit")
    if not isinstance(audit, dict) or not audit:
        return None
    parts = [
        f"checked {audit.get('checked_at') or '?'}",
        f"corroborate {audit.get('tool_version') or '?'}",
        f"encoder {audit.get('encoder') or '?'} ({audit.get('backend') or '?'})",
        f"judge {audit.get('judge') or '?'}",
    ]
    if audit.get("sources_sha256"):
        parts.append(f"sources sha256 {str(audit['sources_sha256'])[:12]}")
    return " · ".join(str(p) for p in parts)


def decision_line(decision: dict) -> str:
    """An editor's decision in words: "accepted by Ana Ruiz: confirmed with the press office"."""
    word = {"accept": "accepted", "reject": "rejected", "note": "noted"}.get(str(decision.get("decision")), "decided")
    when = f" on {decision['date']}" if decision.get("date") else ""
    return f"editor: {word} by {decision.get('by') or '?'}{when}: {decision.get('why') or ''}".rstrip(": ")


#: characters Markdown (GitHub's, CommonMark) acts on inside running text
_MD_ACTIVE = re.compile(r"([\\`*_\[\]|~])")


def markdown_text(text: object) -> str:
    """An external string (page text, outlet names, titles) as inert Markdown on one line: HTML escaped to entities,
    so no tag, comment or script is live in a renderer that allows HTML, and emphasis, code, link and table
    characters escaped."""
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_ACTIVE.sub(r"\\\1", value)


EVIDENCE_LINES = 5  # evidence sentences quoted in a failure message or annotation


def evidence_lines(claim: dict) -> list[str]:
    """What a reader needs to judge a claim: the sentences that support or contradict it, or the nearest ones."""
    items = cited(claim, independent=None)
    if not items:
        near = mentions(claim)[:EVIDENCE_LINES]
        if not near:
            return ["No coverage mentions this claim."]
        return ["No source supports or contradicts it. Nearest coverage:"] + [
            f'  ~ {e["outlet"] or "?"}: "{e["sentence"]}" ({e["why"] or "similar wording"}) {e["url"] or ""}'.rstrip()
            for e in near
        ]
    lines = []
    for e in items[:EVIDENCE_LINES]:
        mark = "+" if e["stance"] == "supports" else "x"
        via = f" via {e['origin']}" if e.get("origin") and e["origin"] != e.get("outlet") else ""
        counted = "" if e.get("independent") else " (counted once with its origin)"
        lines.append(
            f'  {mark} {e["stance"]}: {e["outlet"] or "?"}{via}{counted}: "{e["sentence"]}" {e["url"] or ""}'.rstrip()
        )
    if len(items) > EVIDENCE_LINES:
        lines.append(f"  ... and {len(items) - EVIDENCE_LINES} more pages in the JSON report")
    return lines


def headline(claim: dict) -> str:
    n = claim["independent_sources"]
    sources = (
        "no independent source"
        if not n
        else f"{n} independent source{'' if n == 1 else 's'}: {', '.join(claim['origins']) or '?'}"
    )
    head = f"{claim['verdict']} (score {claim['score']:.2f}; {sources})"
    extra = [line] if (line := attribution_line(claim)) else []
    extra += [f"FLAG {f['code']}: {f.get('message') or FLAGS.get(f['code'], '')}" for f in flags_of(claim)]
    if isinstance(claim.get("decision"), dict):
        extra.append(decision_line(claim["decision"]))
    return "\n".join([head, *extra])


def flagged(claim: dict) -> bool:
    return bool(flags_of(claim))
