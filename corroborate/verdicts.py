"""Verdicts and the evidence a claim cites, as the renderers of the JSON report (``report_to_dict``) read them.

Shared by the HTML review report, the CI formats, ClaimReview and ``corroborate diff``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = [
    "FAILING",
    "FLAGS",
    "LABELS",
    "MEANINGS",
    "NOT_A_TRUTH_RATING",
    "RANK",
    "SYMBOLS",
    "VERDICTS",
    "attribution_line",
    "audit_line",
    "cited",
    "claim_anchor",
    "claim_lines",
    "collapsed",
    "decision_line",
    "flags_of",
    "http_url",
    "label",
    "legend_lines",
    "line_numbers_apply",
    "markdown_text",
    "mentions",
]

#: every verdict, best first
VERDICTS = (
    "corroborated",
    "single-source",
    "partly-corroborated",
    "uncorroborated",
    "conflicting",
    "contradicted",
    "not-checkable",
)

#: flags a claim can carry beyond its verdict, and what each says
FLAGS = {
    "misattributed": "the coverage credits another outlet than the article does",
    "unverified-quote": "no page in the quote's language carries the quoted words",
}

#: verdicts a CI gate treats as failures (JUnit failures)
FAILING = ("uncorroborated", "conflicting", "contradicted")

#: how good a verdict is, for ``corroborate diff``: a claim got worse when its rank went down. A claim that can no
#: longer be checked ranks with an uncorroborated one (it lost whatever support it had), and so does a claim that
#: credible sources both support and contradict.
RANK = {
    "corroborated": 4,
    "single-source": 3,
    "partly-corroborated": 3,
    "uncorroborated": 2,
    "conflicting": 2,
    "not-checkable": 2,
    "contradicted": 1,
}

LABELS = {
    "corroborated": "Corroborated",
    "single-source": "Single source",
    "partly-corroborated": "Partly corroborated",
    "uncorroborated": "Uncorroborated",
    "conflicting": "Conflicting",
    "contradicted": "Contradicted",
    "not-checkable": "Not checkable",
}

#: a symbol per verdict, so that no output tells verdicts apart by color alone
SYMBOLS = {
    "corroborated": "✓",
    "single-source": "①",
    "partly-corroborated": "◐",
    "uncorroborated": "?",
    "conflicting": "±",
    "contradicted": "✗",
    "not-checkable": "–",
}


def label(verdict: object) -> str:
    """The verdict for people ("Partly corroborated"); a verdict this version does not know is shown as it is."""
    return LABELS.get(str(verdict), str(verdict).replace("-", " ").capitalize())


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


#: said near the top of every format: what a verdict is about
NOT_A_TRUTH_RATING = (
    "A verdict says how far independent coverage bears a claim out; it is not a rating of whether the claim is true."
)

#: a short meaning per verdict and flag, for the legends of every format
MEANINGS = {
    "corroborated": "two or more independent origins support it",
    "single-source": "one origin supports it, however many pages repeat it",
    "partly-corroborated": "support outweighs a weak contradiction",
    "uncorroborated": "no independent support found",
    "conflicting": "credible sources on both sides",
    "contradicted": "independent coverage says otherwise",
    "not-checkable": "no coverage could be read",
    **FLAGS,
}


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
