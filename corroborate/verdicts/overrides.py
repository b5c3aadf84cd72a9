"""An editor's overrides file: decisions a person made about claims and pages, applied to every report.

``--overrides FILE`` (TOML) on ``check``, ``report`` and ``diff``::

    [[claim]]
    fingerprint = "4c1d0e9a7b2f"   # shown with each claim in every report; or text = "the claim's exact text"
    decision = "accept"            # accept | reject | note
    by = "Ana Ruiz"
    why = "Confirmed by the Pentagon press office on the record."

    [[evidence]]
    url = "https://example.com/story"   # a page of the coverage
    decision = "reject"                 # reject: it does not count | accept: it supports | note
    claim = "4c1d0e9a7b2f"              # optional: only for this claim
    by = "Tom Lee"
    why = "A different story with the same wording."

A claim's fingerprint is the SHA-256 of its text, lowercased with spaces collapsed (first 12 hex digits), so a
decision survives re-runs for as long as the sentence is unchanged. Effects:
- claim ``accept``: the claim passes every threshold (``--min-sources``, ``--fail-on``); ``reject``: it fails
  them, whatever its verdict; ``note``: shown only;
- evidence ``reject``: the page no longer counts, and the claim is scored again without it; ``accept``: the page
  counts as support; ``note``: shown only.
Every report shows the decision, who made it and why, beside the tool's verdict.
"""

from __future__ import annotations

import copy
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import InputError

__all__ = ["DECISIONS", "Decision", "Overrides", "apply_overrides", "claim_fingerprint", "load_overrides"]

DECISIONS = ("accept", "reject", "note")


def claim_fingerprint(text: str) -> str:
    """The fingerprint that names a claim in an overrides file."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True, frozen=True)
class Decision:
    decision: str
    by: str
    why: str
    date: str | None = None

    def to_dict(self) -> dict:
        return {"decision": self.decision, "by": self.by, "why": self.why, "date": self.date}


@dataclass(slots=True)
class Overrides:
    path: Path
    claims: dict[str, Decision]  # by fingerprint
    evidence: dict[tuple[str, str | None], Decision]  # by (url, claim fingerprint or None for every claim)


def _decision(item: object, where: str) -> Decision:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a table")
    decision, by, why = item.get("decision"), item.get("by"), item.get("why")
    if decision not in DECISIONS:
        raise InputError(f"{where}: decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
    for key, value in (("by", by), ("why", why)):
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}: '{key}' is required: say who decided and why")
    date = item.get("date")
    return Decision(decision, by.strip(), why.strip(), str(date) if date is not None else None)


def load_overrides(path: str | Path) -> Overrides:
    """Read and check an overrides file; every problem is an InputError naming the file, the entry and the fix."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: overrides file not found; check the path given to --overrides") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the overrides file ({exc})") from None
    unknown = set(data) - {"claim", "evidence"}
    if unknown:
        raise InputError(f"{path}: unknown tables {sorted(unknown)}; an overrides file has [[claim]] and [[evidence]]")
    claims: dict[str, Decision] = {}
    for i, item in enumerate(data.get("claim", []), 1):
        where = f"{path} [[claim]] #{i}"
        decision = _decision(item, where)
        key = item.get("fingerprint") or (
            claim_fingerprint(item["text"]) if isinstance(item.get("text"), str) else None
        )
        if not isinstance(key, str):
            raise InputError(f"{where}: give the claim's fingerprint (shown in every report) or its text")
        claims[key.strip().lower()] = decision
    evidence: dict[tuple[str, str | None], Decision] = {}
    for i, item in enumerate(data.get("evidence", []), 1):
        where = f"{path} [[evidence]] #{i}"
        decision = _decision(item, where)
        url = item.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise InputError(f"{where}: 'url' must be the http(s) URL of a page of the coverage")
        claim = item.get("claim")
        evidence[(url, claim.strip().lower() if isinstance(claim, str) else None)] = decision
    return Overrides(path, claims, evidence)


def _rescore(claim: dict) -> None:
    """Score a claim dict again from its evidence (after an editor's evidence decisions)."""
    from ..models import Claim, Evidence
    from .score import score_claim

    items = [
        Evidence(
            claim_id=claim["id"],
            url=e.get("url") or "",
            outlet=e.get("outlet"),
            published=e.get("published"),
            sentence=e.get("sentence") or "",
            sentence_index=0,
            fuzzy=0.0,
            semantic=0.0,
            combined=0.0,
            stance=e.get("stance") or "mentions",
            confidence=float(e.get("confidence") or 0.0),
            origin=e.get("origin"),
            chain=list(e.get("chain") or []),
        )
        for e in claim["evidence"]
    ]
    stub = Claim(id=claim["id"], sentence=0, span=(0, 0), text=claim["text"], kind="event", checkworthy=1.0, reason="")
    groups = [e.get("group") for e in claim["evidence"]]
    keys = {id(e): g or e.origin or e.outlet or e.url for e, g in zip(items, groups, strict=True)}
    result = score_claim(stub, items, keys, checkable=claim["verdict"] != "not-checkable")
    claim["verdict"], claim["score"] = result.verdict, result.score
    claim["independent_sources"], claim["origins"] = result.independent_sources, result.origins
    for e, item in zip(claim["evidence"], items, strict=True):
        e["independent"] = item.independent
        if item.independent:
            e["collapsed"] = None
        elif not str(e.get("collapsed") or "").startswith("rejected by"):
            e["collapsed"] = item.collapsed


def apply_overrides(data: dict, overrides: Overrides | None) -> dict:
    """A copy of a report dict with the editor's decisions applied and shown (``decision`` on claims and evidence;
    the summary counts again)."""
    out = copy.deepcopy(data)
    for claim in out["claims"]:
        claim["fingerprint"] = claim_fingerprint(claim["text"])
    if overrides is None:
        return out
    for claim in out["claims"]:
        fingerprint = claim["fingerprint"]
        changed = False
        for e in claim["evidence"]:
            decision = overrides.evidence.get((e.get("url"), fingerprint)) or overrides.evidence.get(
                (e.get("url"), None)
            )
            if decision is None:
                continue
            e["decision"] = decision.to_dict()
            if decision.decision == "reject" and e.get("stance") in ("supports", "contradicts"):
                e["stance"], e["collapsed"], changed = "mentions", f"rejected by {decision.by}: {decision.why}", True
            elif decision.decision == "accept" and e.get("stance") != "supports":
                e["stance"], e["confidence"], changed = "supports", 1.0, True
        if changed:
            claim["tool_verdict"] = claim["verdict"]
            _rescore(claim)
        if fingerprint in overrides.claims:
            claim["decision"] = overrides.claims[fingerprint].to_dict()
    summary = out["summary"]
    for key, verdict in (
        ("corroborated", "corroborated"),
        ("single_source", "single-source"),
        ("partly_corroborated", "partly-corroborated"),
        ("uncorroborated", "uncorroborated"),
        ("conflicting", "conflicting"),
        ("contradicted", "contradicted"),
        ("not_checkable", "not-checkable"),
    ):
        summary[key] = sum(1 for c in out["claims"] if c["verdict"] == verdict)
    if out["claims"]:
        summary["score"] = round(sum(c["score"] for c in out["claims"]) / len(out["claims"]), 4)
    summary["decided"] = sum(1 for c in out["claims"] if c.get("decision"))
    return out
