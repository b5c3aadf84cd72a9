"""The JSON report: the contract every other format and every saved report reads (schema ``corroborate.report/1``)."""

from __future__ import annotations

import json

from ..models import ClaimResult, Evidence, Report
from ..verdicts.overrides import claim_fingerprint

__all__ = ["SCHEMA", "render_json", "report_to_dict"]

SCHEMA = "corroborate.report/1"


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
        "hedged": c.hedged,
        "facts": {
            "quantities": [{"text": q.text, "value": q.value, "unit": q.unit, "bound": q.bound} for q in c.quantities],
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
    """The report as the JSON contract (see docs/reading-a-report.md, "The JSON report")."""
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
            {"sentence": k.sentence, "text": k.text, "code": k.code, "reason": k.reason, "checkworthy": k.checkworthy}
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
