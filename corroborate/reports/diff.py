"""``corroborate diff OLD.json NEW.json``: what changed between two checks of a story as coverage grows.

Claims are paired by their text (exactly, then by near-identical wording, so an edited sentence still pairs), and
each pair is compared: verdict, score, and the independent origins gained or lost. A claim got *worse* when its
verdict moved down the ladder corroborated > single-source or partly-corroborated > uncorroborated (or
not-checkable) > contradicted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz

from .common import RANK, markdown_text

__all__ = ["DIFF_SCHEMA", "PAIR_SIMILARITY", "ClaimChange", "ReportDiff", "diff_reports", "render_diff"]

DIFF_SCHEMA = "corroborate.diff/1"
PAIR_SIMILARITY = 90.0  # rapidfuzz ratio (0-100) above which an edited claim still pairs with its old version


@dataclass(slots=True)
class ClaimChange:
    """One claim across the two runs. ``status``: worse | better | changed (other origins, same rank) | added |
    removed | unchanged."""

    status: str
    text: str
    old_id: str | None = None
    new_id: str | None = None
    old_text: str | None = None
    old_verdict: str | None = None
    new_verdict: str | None = None
    old_score: float | None = None
    new_score: float | None = None
    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ReportDiff:
    old_source: str
    new_source: str
    old_score: float
    new_score: float
    claims: list[ClaimChange]
    pages_gained: list[str]
    pages_lost: list[str]
    old_checked_at: str | None = None  # from each report's audit stamp (reports before it have none)
    new_checked_at: str | None = None

    @property
    def worse(self) -> list[ClaimChange]:
        return [c for c in self.claims if c.status == "worse"]

    def count(self, status: str) -> int:
        return sum(1 for c in self.claims if c.status == status)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _pairs(old: list[dict], new: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair claims: same text first, then the most similar remaining text above ``PAIR_SIMILARITY``."""
    pairs = []
    left = list(old)
    unpaired_new = []
    for claim in new:
        match = next((o for o in left if _key(o["text"]) == _key(claim["text"])), None)
        if match is None:
            unpaired_new.append(claim)
        else:
            left.remove(match)
            pairs.append((match, claim))
    candidates = sorted(
        (
            (fuzz.ratio(_key(o["text"]), _key(n["text"])), i, j)
            for i, o in enumerate(left)
            for j, n in enumerate(unpaired_new)
        ),
        reverse=True,
    )
    used_old, used_new = set(), set()
    for score, i, j in candidates:
        if score < PAIR_SIMILARITY:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((left[i], unpaired_new[j]))
    removed = [o for i, o in enumerate(left) if i not in used_old]
    added = [n for j, n in enumerate(unpaired_new) if j not in used_new]
    return pairs, removed, added


def diff_reports(old: dict, new: dict) -> ReportDiff:
    """Compare two report dicts of the same story, in the order of the new report."""
    pairs, removed, _ = _pairs(old["claims"], new["claims"])
    by_new = {id(n): o for o, n in pairs}
    changes = []
    for claim in new["claims"]:
        before = by_new.get(id(claim))
        if before is None:
            changes.append(
                ClaimChange(
                    "added",
                    claim["text"],
                    new_id=claim["id"],
                    new_verdict=claim["verdict"],
                    new_score=claim["score"],
                    gained=list(claim["origins"]),
                )
            )
            continue
        gained = [o for o in claim["origins"] if o not in before["origins"]]
        lost = [o for o in before["origins"] if o not in claim["origins"]]
        old_rank, new_rank = RANK.get(before["verdict"], 0), RANK.get(claim["verdict"], 0)
        if new_rank < old_rank:
            status = "worse"
        elif new_rank > old_rank:
            status = "better"
        elif gained or lost or before["verdict"] != claim["verdict"]:
            status = "changed"
        else:
            status = "unchanged"
        changes.append(
            ClaimChange(
                status,
                claim["text"],
                old_id=before["id"],
                new_id=claim["id"],
                old_text=before["text"] if before["text"] != claim["text"] else None,
                old_verdict=before["verdict"],
                new_verdict=claim["verdict"],
                old_score=before["score"],
                new_score=claim["score"],
                gained=gained,
                lost=lost,
            )
        )
    for claim in removed:
        changes.append(
            ClaimChange(
                "removed",
                claim["text"],
                old_id=claim["id"],
                old_verdict=claim["verdict"],
                old_score=claim["score"],
                lost=list(claim["origins"]),
            )
        )
    old_pages = {s["url"] for s in old["sources"] if s["status"] == "ok"}
    new_pages = {s["url"] for s in new["sources"] if s["status"] == "ok"}
    return ReportDiff(
        old_source=old["article"]["source"],
        new_source=new["article"]["source"],
        old_score=old["summary"]["score"],
        new_score=new["summary"]["score"],
        claims=changes,
        pages_gained=sorted(p for p in new_pages - old_pages if p),
        pages_lost=sorted(p for p in old_pages - new_pages if p),
        old_checked_at=_checked_at(old),
        new_checked_at=_checked_at(new),
    )


def _checked_at(report: dict) -> str | None:
    audit = report.get("audit")
    value = audit.get("checked_at") if isinstance(audit, dict) else None
    return value if isinstance(value, str) else None


_ORDER = ("worse", "better", "changed", "added", "removed")


def render_diff(diff: ReportDiff, fmt: str = "text") -> str:
    """The diff as ``text``, ``markdown`` or ``json`` (schema ``corroborate.diff/1``)."""
    if fmt == "json":
        data = {
            "schema": DIFF_SCHEMA,
            "old": diff.old_source,
            "new": diff.new_source,
            "score": {"old": diff.old_score, "new": diff.new_score},
            "checked_at": {"old": diff.old_checked_at, "new": diff.new_checked_at},
            "counts": {s: diff.count(s) for s in (*_ORDER, "unchanged")},
            "claims": [asdict(c) for c in diff.claims if c.status != "unchanged"],
            "pages": {"gained": diff.pages_gained, "lost": diff.pages_lost},
        }
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt not in ("text", "markdown"):
        raise ValueError(f"unknown diff format {fmt!r}; choose one of ['json', 'markdown', 'text']")
    md = fmt == "markdown"
    head = (
        f"Score {diff.old_score:.2f} -> {diff.new_score:.2f} ({diff.new_score - diff.old_score:+.2f}); "
        + ", ".join(f"{diff.count(s)} {s}" for s in (*_ORDER, "unchanged"))
        + f"; pages read: {len(diff.pages_gained)} new, {len(diff.pages_lost)} gone"
    )
    when = (
        f"Old report checked {diff.old_checked_at or 'at an unknown time'}; new report checked "
        f"{diff.new_checked_at or 'at an unknown time'}"
    )
    out = [
        f"# Changes since the last check: {_md(diff.new_source)}" if md else f"Article: {diff.new_source}",
        "",
        *([when, ""] if diff.old_checked_at or diff.new_checked_at else []),
        head,
        "",
    ]
    for status in _ORDER:
        for c in (c for c in diff.claims if c.status == status):
            out.extend(_change_lines(c, md))
    if diff.pages_gained or diff.pages_lost:
        out.append("## Pages" if md else "Pages:")
        out.extend(f"{'- ' if md else '    '}+ {_md(u) if md else u}" for u in diff.pages_gained)
        out.extend(f"{'- ' if md else '    '}- {_md(u) if md else u}" for u in diff.pages_lost)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return markdown_text(text)


def _change_lines(c: ClaimChange, md: bool) -> list[str]:
    if c.status == "added":
        ident = f"{c.new_id} (new)"
    elif c.status == "removed":
        ident = f"{c.old_id} (old report)"
    else:
        ident = c.new_id if c.old_id == c.new_id else f"{c.new_id} (was {c.old_id})"
    verdicts = f"{c.old_verdict or '—'} -> {c.new_verdict or '—'}"
    scores = (
        f"score {c.old_score:.2f} -> {c.new_score:.2f}"
        if c.old_score is not None and c.new_score is not None
        else f"score {(c.new_score if c.new_score is not None else c.old_score or 0.0):.2f}"
    )
    sources = []
    if c.gained:
        sources.append("gained " + ", ".join(c.gained))
    if c.lost:
        sources.append("lost " + ", ".join(c.lost))
    detail = "; ".join([verdicts, scores, *sources])
    if md:
        lines = [f"- **{c.status.upper()}** {ident}: {detail}", f"  > {_md(c.text)}"]
        if c.old_text:
            lines.append(f"  (was: {_md(c.old_text)})")
    else:
        lines = [f"{c.status.upper():8} {ident}  {detail}", f"         {c.text}"]
        if c.old_text:
            lines.append(f"         (was: {c.old_text})")
    return [*lines, ""]
