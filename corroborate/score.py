"""Corroboration scores and verdicts.

For each claim, the evidence is grouped by independent origin (see ``independence``); each origin counts once,
with the confidence of its best sentence. With ``c_i`` the confidences of the supporting origins and ``d_j``
those of the contradicting ones::

    support    S = 1 - prod(1 - ORIGIN_WEIGHT * c_i)       (diminishing returns per extra origin)
    contradict C = 1 - prod(1 - ORIGIN_WEIGHT * d_j)
    score      = S * (1 - C)

Verdicts: ``contradicted`` when C >= S > 0 or only contradictions; ``corroborated`` with at least
``CORROBORATED_ORIGINS`` supporting origins and no contradiction; ``partly-corroborated`` with one origin, or
support that outweighs a contradiction; ``uncorroborated`` with none; ``not-checkable`` when no source at all
could be read. The article score is the mean of its claims' scores.
"""

from __future__ import annotations

from .models import Claim, ClaimResult, Evidence, Summary

__all__ = ["CORROBORATED_ORIGINS", "ORIGIN_WEIGHT", "VERDICTS", "score_claim", "summarize"]

ORIGIN_WEIGHT = 0.6
CORROBORATED_ORIGINS = 2
VERDICTS = ("corroborated", "partly-corroborated", "uncorroborated", "contradicted", "not-checkable")


def _combine(confidences: list[float]) -> float:
    remaining = 1.0
    for c in confidences:
        remaining *= 1 - ORIGIN_WEIGHT * max(0.0, min(1.0, c))
    return 1 - remaining


def score_claim(claim: Claim, evidence: list[Evidence], keys: dict[int, str], *, checkable: bool = True) -> ClaimResult:
    """Verdict and score of one claim from its judged evidence and the independence key of each item."""
    best: dict[tuple[str, str], Evidence] = {}
    for item in evidence:
        item.independent = False
        if item.stance not in ("supports", "contradicts"):
            continue
        slot = (item.stance, keys[id(item)])
        if slot not in best or item.confidence > best[slot].confidence:
            best[slot] = item
    for item in best.values():
        item.independent = True
    supports = [e for (stance, _), e in best.items() if stance == "supports"]
    contradicts = [e for (stance, _), e in best.items() if stance == "contradicts"]
    s = _combine([e.confidence for e in supports])
    c = _combine([e.confidence for e in contradicts])
    score = round(s * (1 - c), 4)
    if not checkable:
        verdict = "not-checkable"
    elif contradicts and c >= s:
        verdict = "contradicted"
    elif len(supports) >= CORROBORATED_ORIGINS and not contradicts:
        verdict = "corroborated"
    elif supports:
        verdict = "partly-corroborated"
    else:
        verdict = "uncorroborated"
    order = {"supports": 0, "contradicts": 1, "mentions": 2}
    evidence = sorted(evidence, key=lambda e: (not e.independent, order[e.stance], -e.confidence))
    origins = [e.origin or e.outlet or e.url for e in evidence if e.independent and e.stance == "supports"]
    return ClaimResult(claim=claim, verdict=verdict, score=score, independent_sources=len(supports),
                       origins=origins, evidence=evidence)


def summarize(results: list[ClaimResult], sources_ok: int, sources_failed: int) -> Summary:
    count = {v: sum(1 for r in results if r.verdict == v) for v in VERDICTS}
    score = round(sum(r.score for r in results) / len(results), 4) if results else 0.0
    return Summary(claims=len(results), corroborated=count["corroborated"],
                   partly_corroborated=count["partly-corroborated"], contradicted=count["contradicted"],
                   uncorroborated=count["uncorroborated"], not_checkable=count["not-checkable"], score=score,
                   sources_ok=sources_ok, sources_failed=sources_failed)
