"""GitHub Actions: workflow annotations per claim, the most important first within GitHub's limits, and the job
summary."""

from __future__ import annotations

from collections.abc import Iterable

from .common import MEANINGS, NOT_A_TRUTH_RATING, claim_lines, evidence_lines, flagged, flags_of, headline, label

__all__ = ["ANNOTATIONS_PER_LEVEL", "ANNOTATION_LEVELS", "render_github", "render_github_many", "render_step_summary"]

#: workflow command per verdict; corroborated claims get no annotation
ANNOTATION_LEVELS = {
    "contradicted": "error",
    "conflicting": "warning",
    "uncorroborated": "warning",
    "not-checkable": "warning",
    "partly-corroborated": "notice",
    "single-source": "notice",
}
FLAG_LEVEL = "warning"  # the annotation level of a claim with a flag, when its verdict asks for less


def _gh_data(value: str) -> str:
    """A workflow command message: newlines and % escaped, so page text can never start a command line."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(data: dict) -> str:
    """GitHub Actions workflow commands: an annotation per claim that is not corroborated, and a summary notice."""
    return render_github_many([data])


#: GitHub shows at most this many annotations of each level per step; the rest would be dropped silently
ANNOTATIONS_PER_LEVEL = 10
#: which findings are annotated first when there are more than GitHub shows
_PRIORITY = ("contradicted", "misattributed", "conflicting", "uncorroborated", "unverified-quote", "not-checkable")


def _priority(claim: dict) -> int:
    found = [claim["verdict"], *(f["code"] for f in flags_of(claim))]
    return min((_PRIORITY.index(x) for x in found if x in _PRIORITY), default=len(_PRIORITY))


def render_github_many(reports: list[dict], failed: Iterable[tuple[str, str]] = ()) -> str:
    """Annotations for several articles, and an error annotation per article that could not be read.

    At most ``ANNOTATIONS_PER_LEVEL`` annotations of each level, the most important first (contradicted,
    misattributed, conflicting, uncorroborated, ...), then one notice saying how many more the report holds.
    Unreadable articles and the summary notices come first, so they are never the ones left out."""
    out, findings = [], []
    for source, message in failed:
        local = source and "://" not in source and source != "-"
        where = f"file={_gh_property(source)}," if local else ""
        out.append(f"::error {where}title=corroborate: article not checked::{_gh_data(message)}")
    for data in reports:
        article, s = data["article"], data["summary"]
        source = article["source"]
        local = source and "://" not in source and not source.startswith("<")
        for claim in data["claims"]:
            decision = (
                (claim.get("decision") or {}).get("decision") if isinstance(claim.get("decision"), dict) else None
            )
            if decision == "accept" or (claim["verdict"] == "corroborated" and not flagged(claim) and not decision):
                continue  # an editor accepted it, or there is nothing to say
            level = ANNOTATION_LEVELS.get(claim["verdict"], "warning")
            if (flagged(claim) and level in ("notice", "warning")) or claim["verdict"] == "corroborated":
                level = FLAG_LEVEL if level != "error" else level
            if decision == "reject":
                level = "error"
            props = [f"file={_gh_property(source)}"] if local else []
            lines = claim_lines(article, claim)
            if lines:
                props += [f"line={lines[0]}", f"endLine={lines[1]}"]
            title = f"corroborate {claim['id']}: {label(claim['verdict'])}" + "".join(
                f" [{f['code']}]" for f in flags_of(claim)
            )
            props.append(f"title={_gh_property(title)}")
            message = "\n".join([claim["text"], headline(claim), *evidence_lines(claim)])
            findings.append((_priority(claim), level, f"::{level} {','.join(props)}::{_gh_data(message)}"))
        where = f"file={_gh_property(source)}," if local else ""
        out.append(
            f"::notice {where}title=corroborate::"
            + _gh_data(
                f"{source}: article score {s['score']:.2f}; {_counts(s)}; sources {s['sources_ok']} read, "
                f"{s['sources_failed']} failed. {NOT_A_TRUTH_RATING}"
            )
        )
    used = {"error": sum(x.startswith("::error") for x in out), "warning": 0, "notice": len(out)}
    used["notice"] -= used["error"]
    left = 0
    for _, level, line in sorted(findings, key=lambda f: f[0]):
        # one notice stays free for the "more in the report" line
        room = ANNOTATIONS_PER_LEVEL - (1 if level == "notice" else 0)
        if used[level] < room:
            used[level] += 1
            out.append(line)
        else:
            left += 1
    if left:
        out.append(
            f"::notice title=corroborate::{left} more finding{'s' if left != 1 else ''} in the report "
            f"(GitHub shows {ANNOTATIONS_PER_LEVEL} annotations of each level per step)"
        )
    return "\n".join(out) + "\n"


def _counts(s: dict) -> str:
    """Every verdict and flag count of a summary, in words."""
    parts = [
        f"{s.get('claims', 0)} claims: {s.get('corroborated', 0)} corroborated",
        f"{s.get('single_source', 0)} single-source",
        f"{s.get('partly_corroborated', 0)} partly corroborated",
        f"{s.get('uncorroborated', 0)} uncorroborated",
        f"{s.get('conflicting', 0)} conflicting",
        f"{s.get('contradicted', 0)} contradicted",
        f"{s.get('not_checkable', 0)} not checkable",
    ]
    parts += [f"{n} {code}" for code, n in (s.get("flagged") or {}).items()]
    return ", ".join(parts)


def render_step_summary(reports: list[dict], failed: Iterable[tuple[str, str]] = ()) -> str:
    """A Markdown job summary for ``$GITHUB_STEP_SUMMARY``: each article's counts and the claims that need an
    editor, most important first, then the legend."""
    out = ["## corroborate", "", f"> {NOT_A_TRUTH_RATING}", ""]
    for source, message in failed:
        out.append(f"- **{_md_cell(source)}**: not checked ({_md_cell(message)})")
    for data in reports:
        s = data["summary"]
        out += [f"### {_md_cell(data['article']['source'])}", "", f"Score {s['score']:.2f}; {_counts(s)}.", ""]
        needs = sorted((c for c in data["claims"] if c["verdict"] != "corroborated" or flagged(c)), key=_priority)
        if needs:
            out += ["| claim | verdict | flags | independent sources |", "|---|---|---|---|"]
            out += [
                f"| {c['id']}: {_md_cell(c['text'][:140])} | {c['verdict']} | "
                f"{', '.join(f['code'] for f in flags_of(c))} | {c['independent_sources']} |"
                for c in needs
            ]
            out.append("")
    out += ["**Legend.** " + "; ".join(f"`{k}`: {v}" for k, v in MEANINGS.items()) + ".", ""]
    return "\n".join(out)


def _md_cell(text: object) -> str:
    """Text for a Markdown table cell or line: no pipes, no newlines, no HTML."""
    value = str(text).replace("|", "\\|").replace("\n", " ")
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
