"""Corroboration scores and verdicts.

For each claim, the evidence is grouped by independent origin (see ``independence``); each origin counts once,
with the confidence of its best sentence. With ``c_i`` the confidences of the supporting origins and ``d_j``
those of the contradicting ones::

    support    S = 1 - prod(1 - ORIGIN_WEIGHT * c_i)       (diminishing returns per extra origin)
    contradict C = 1 - prod(1 - ORIGIN_WEIGHT * d_j)
    score      = S * (1 - C)

Verdicts, in order:
``not-checkable`` when no source at all could be read;
``conflicting`` when both S and C reach ``CONFLICT_LEVEL`` (credible sources on both sides);
``contradicted`` when C > 0 and C >= S;
``corroborated`` with at least ``CORROBORATED_ORIGINS`` supporting origins and no contradiction;
``single-source`` with exactly one supporting origin and no contradiction (however many pages repeat it);
``partly-corroborated`` when support outweighs a weak contradiction;
``uncorroborated`` with no support. The article score is the mean of its claims' scores.

When the article credits an outlet for the claim ("according to NBC News", "told Newsweek"), support that traces
back to that outlet (its own page, or pages that credit it) confirms the attribution, not the fact: the result
says so (``attribution_confirmed``) and lists the other origins apart (``independently_confirmed_by``).

Evidence that does not count is kept in the report with the reason it was collapsed: a copy or re-report of
the origin it traces back to, another outlet of the same ownership group, or another sentence of a source
already counted.
"""

from __future__ import annotations

from ..models import Claim, ClaimResult, Evidence, Origin, Summary
from .names import VERDICTS

__all__ = ["CORROBORATED_ORIGINS", "ORIGIN_WEIGHT", "score_claim", "summarize"]

ORIGIN_WEIGHT = 0.6
CORROBORATED_ORIGINS = 2
CONFLICT_LEVEL = 0.3  # both support and contradiction at least this strong: conflicting


def _combine(confidences: list[float]) -> float:
    remaining = 1.0
    for c in confidences:
        remaining *= 1 - ORIGIN_WEIGHT * max(0.0, min(1.0, c))
    return 1 - remaining


def _rank(item: Evidence) -> tuple[bool, float]:
    return item.outlet == item.origin, item.confidence


def _origins(supports: list[Evidence], evidence: list[Evidence], keys: dict[int, str]) -> list[Origin]:
    """Each supporting origin with its earliest report in the run: the origin's own page when fetched, else the
    earliest dated page that traces back to it."""
    out = []
    for counted in supports:
        key = keys[id(counted)]
        pages: dict[str, Evidence] = {}
        for e in evidence:
            if e.stance == "supports" and keys[id(e)] == key:
                pages.setdefault(e.url, e)
        earliest = min(pages.values(), key=lambda e: (e.outlet != counted.origin, e.published or "9999", e.url))
        out.append(Origin(counted.origin or key, key, earliest.url, earliest.published, len(pages)))
    return out


def score_claim(
    claim: Claim,
    evidence: list[Evidence],
    keys: dict[int, str],
    *,
    checkable: bool = True,
    credited: dict[str, str] | None = None,
) -> ClaimResult:
    """Verdict and score of one claim from its judged evidence and the independence key of each item.

    ``credited`` maps the independence key of each outlet the article credits for this claim to its name.
    """
    credited = credited or {}
    best: dict[tuple[str, str], Evidence] = {}
    for item in evidence:
        item.group = keys[id(item)]
        item.independent = False
        if item.stance not in ("supports", "contradicts"):
            continue
        slot = (item.stance, keys[id(item)])
        # the origin's own page is cited before the pages that repeat it, then the most confident sentence
        if slot not in best or _rank(item) > _rank(best[slot]):
            best[slot] = item
    for item in best.values():
        item.independent = True
        item.collapsed = None
    for item in evidence:
        if item.independent or item.stance not in ("supports", "contradicts"):
            continue
        counted = best[(item.stance, keys[id(item)])]
        if counted.url == item.url:
            item.collapsed = "another sentence of a source already counted"
        elif item.origin == counted.origin and len(item.chain) > 1:
            item.collapsed = f"traces back to {item.origin} ({' → '.join(item.chain)})"
        elif item.origin == counted.origin:
            item.collapsed = f"same outlet as {counted.url}"
        else:
            item.collapsed = f"same ownership group ({keys[id(item)]}) as {counted.origin}"
    supports = [e for (stance, _), e in best.items() if stance == "supports"]
    contradicts = [e for (stance, _), e in best.items() if stance == "contradicts"]
    s = _combine([e.confidence for e in supports])
    c = _combine([e.confidence for e in contradicts])
    score = round(s * (1 - c), 4)
    if not checkable:
        verdict = "not-checkable"
    elif supports and contradicts and min(s, c) >= CONFLICT_LEVEL:
        verdict = "conflicting"
    elif contradicts and c >= s:
        verdict = "contradicted"
    elif len(supports) >= CORROBORATED_ORIGINS and not contradicts:
        verdict = "corroborated"
    elif len(supports) == 1 and not contradicts:
        verdict = "single-source"
    elif supports:
        verdict = "partly-corroborated"
    else:
        verdict = "uncorroborated"
    order = {"supports": 0, "contradicts": 1, "mentions": 2}
    evidence = sorted(evidence, key=lambda e: (not e.independent, order[e.stance], -e.confidence))
    origins = [e.origin or e.outlet or e.url for e in evidence if e.independent and e.stance == "supports"]
    counted = [e for e in evidence if e.independent and e.stance == "supports"]
    return ClaimResult(
        claim=claim,
        verdict=verdict,
        score=score,
        independent_sources=len(supports),
        origins=origins,
        evidence=evidence,
        credited=list(dict.fromkeys(credited.values())),
        attribution_confirmed=any(keys[id(e)] in credited for e in counted) if credited else None,
        independently_confirmed_by=[e.origin or e.url for e in counted if keys[id(e)] not in credited],
        origin_details=_origins(counted, evidence, keys),
    )


def summarize(
    results: list[ClaimResult], sources_ok: int, sources_failed: int, *, off_topic: int = 0, skipped: int = 0
) -> Summary:
    count = {v: sum(1 for r in results if r.verdict == v) for v in VERDICTS}
    score = round(sum(r.score for r in results) / len(results), 4) if results else 0.0
    return Summary(
        claims=len(results),
        corroborated=count["corroborated"],
        partly_corroborated=count["partly-corroborated"],
        contradicted=count["contradicted"],
        uncorroborated=count["uncorroborated"],
        not_checkable=count["not-checkable"],
        score=score,
        sources_ok=sources_ok,
        sources_failed=sources_failed,
        conflicting=count["conflicting"],
        single_source=count["single-source"],
        no_coverage=sum(1 for r in results if r.verdict == "uncorroborated" and not r.evidence),
        sources_off_topic=off_topic,
        sources_skipped=skipped,
        flagged={
            code: n
            for code in ("misattributed", "unverified-quote")
            if (n := sum(1 for r in results if any(f.code == code for f in r.flags)))
        },
    )
