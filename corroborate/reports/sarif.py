"""SARIF 2.1.0: one run; a result per claim that is not corroborated or carries a flag, located at its lines."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from urllib.parse import quote

from .common import (
    MEANINGS,
    NOT_A_TRUTH_RATING,
    cited,
    claim_lines,
    decision_line,
    evidence_lines,
    flags_of,
    headline,
    http_url,
    label,
)

__all__ = ["SARIF_RULES", "render_sarif", "render_sarif_many"]

#: SARIF rule id, level and description per verdict (corroborated claims are not findings)
SARIF_RULES = {
    "contradicted": ("CORR001", "error", "An independent source contradicts the claim."),
    "uncorroborated": ("CORR002", "warning", "No independent source supports the claim."),
    "partly-corroborated": (
        "CORR003",
        "note",
        "One independent origin supports the claim, or support outweighs a contradiction.",
    ),
    "not-checkable": ("CORR004", "warning", "No coverage source could be read, so the claim was not checked."),
    "conflicting": ("CORR005", "warning", "Credible independent sources both support and contradict the claim."),
    "single-source": (
        "CORR006",
        "note",
        "Only one independent origin supports the claim, however many pages repeat it.",
    ),
}
#: SARIF rule id, level and description per flag; a flagged claim gets one result per flag besides its verdict's
SARIF_FLAG_RULES = {
    "misattributed": (
        "CORR101",
        "warning",
        "The article credits an outlet for the claim; its coverage credits another.",
    ),
    "unverified-quote": (
        "CORR102",
        "warning",
        "No page in the quote's language carries the quoted words, while pages there support the claim.",
    ),
}
INFORMATION_URI = "https://github.com/corroborate-news/corroborate"


def render_sarif(data: dict) -> str:
    """SARIF 2.1.0: one run; a result per claim that is not corroborated, located at its lines in the article."""
    return render_sarif_many([data])


def render_sarif_many(reports: list[dict], failed: Iterable[tuple[str, str]] = ()) -> str:
    """One SARIF run over several articles; articles that could not be read become tool notifications."""
    from .. import __version__

    every_rule = {**SARIF_RULES, **SARIF_FLAG_RULES}
    rule_ids = list(every_rule)
    rules = [
        {
            "id": rid,
            "name": verdict.title().replace("-", ""),
            "shortDescription": {"text": f"Claim {verdict}"},
            "fullDescription": {"text": text},
            "helpUri": f"{INFORMATION_URI}#how-a-claim-is-judged",
            "defaultConfiguration": {"level": level},
        }
        for verdict, (rid, level, text) in every_rule.items()
    ]
    artifacts: list[dict] = []
    results = []
    for data in reports:
        article = data["article"]
        uri = _artifact_uri(article["source"])
        index = None
        if uri is not None:
            index = len(artifacts)
            artifacts.append({"location": {"uri": uri}})
        for claim in data["claims"]:
            findings = [claim["verdict"]] if claim["verdict"] in SARIF_RULES else []
            findings += [f["code"] for f in flags_of(claim) if f["code"] in SARIF_FLAG_RULES]
            for finding in findings:
                rid, level, _ = every_rule[finding]
                result = {
                    "ruleId": rid,
                    "ruleIndex": rule_ids.index(finding),
                    "level": level,
                    "message": {
                        "text": "\n".join(
                            [f"{label(finding)}: {claim['text']}", headline(claim), *evidence_lines(claim)]
                        )
                    },
                    "partialFingerprints": {
                        "claimText/v1": hashlib.sha256(
                            (
                                " ".join(claim["text"].lower().split())
                                + ("" if finding in SARIF_RULES else f"#{finding}")
                            ).encode()
                        ).hexdigest()[:32]
                    },
                    "properties": {
                        "claimId": claim["id"],
                        "verdict": claim["verdict"],
                        "flags": [f["code"] for f in flags_of(claim)],
                        "score": claim["score"],
                        "independentSources": claim["independent_sources"],
                        "origins": claim["origins"],
                        "evidence": [e["url"] for e in cited(claim, independent=None) if http_url(e["url"])],
                    },
                }
                decision = claim.get("decision") if isinstance(claim.get("decision"), dict) else None
                if decision and decision.get("decision") == "accept":
                    result["suppressions"] = [
                        {"kind": "external", "status": "accepted", "justification": decision_line(decision)}
                    ]
                if index is not None:
                    location: dict = {"artifactLocation": {"uri": uri, "index": index}}
                    lines = claim_lines(article, claim)
                    if lines:
                        location["region"] = {
                            "startLine": lines[0],
                            "endLine": lines[1],
                            "snippet": {"text": claim["text"]},
                        }
                    result["locations"] = [{"physicalLocation": location}]
                results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "corroborate",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "about": NOT_A_TRUTH_RATING,
                    "legend": MEANINGS,
                    "audits": [
                        {"source": d["article"]["source"], **d["audit"]}
                        for d in reports
                        if isinstance(d.get("audit"), dict)
                    ],
                },
            }
        ],
    }
    failed = list(failed)
    if failed:
        log["runs"][0]["invocations"] = [
            {
                "executionSuccessful": False,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": message},
                        **(
                            {"locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]}
                            if (uri := _artifact_uri(source))
                            else {}
                        ),
                    }
                    for source, message in failed
                ],
            }
        ]
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _artifact_uri(source: str) -> str | None:
    """The article as a SARIF artifact: its http(s) URL, or its path as a relative URI; none for stdin."""
    if http_url(source):
        return source
    if not source or source.startswith("<") or "://" in source:
        return None
    return quote(source.replace("\\", "/"), safe="/._-~")
