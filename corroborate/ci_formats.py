"""Outputs a CI pipeline acts on: JUnit XML, GitHub Actions workflow annotations and SARIF 2.1.0.

Each renderer reads the JSON dict of one report (``report_to_dict``) or, for a run over several articles, a list
of them. One result per check-worthy claim; ``uncorroborated``, ``conflicting`` and ``contradicted`` claims, and
claims that carry a flag (``misattributed``, ``unverified-quote``), are the failures and annotations.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import quote

from .verdicts import (
    FAILING,
    FLAGS,
    MEANINGS,
    NOT_A_TRUTH_RATING,
    attribution_line,
    cited,
    claim_lines,
    decision_line,
    flags_of,
    http_url,
    label,
    mentions,
)

__all__ = [
    "ANNOTATIONS_PER_LEVEL",
    "ANNOTATION_LEVELS",
    "SARIF_RULES",
    "render_github",
    "render_github_many",
    "render_junit",
    "render_junit_many",
    "render_sarif",
    "render_sarif_many",
    "render_step_summary",
]

EVIDENCE_LINES = 5  # evidence sentences quoted in a failure message or annotation
NAME_CHARS = 100  # claim text kept in a JUnit test name

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

# Characters XML 1.0 cannot carry at all; pages sometimes hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _evidence_lines(claim: dict) -> list[str]:
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


def _headline(claim: dict) -> str:
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


def _flagged(claim: dict) -> bool:
    return bool(flags_of(claim))


# JUnit ---------------------------------------------------------------------------------------------------------


def _x(value: object) -> str:
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


def render_junit(data: dict) -> str:
    """JUnit XML: one test suite for the article, one test case per check-worthy claim."""
    return render_junit_many([data])


def render_junit_many(reports: list[dict], failed: Iterable[tuple[str, str]] = ()) -> str:
    """JUnit XML for several articles: one test suite per article in one ``<testsuites>``; an article that could
    not be read is a suite with one error."""
    root = ET.Element("testsuites", name="corroborate")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = [_junit_suite(data) for data in reports]
    for source, message in failed:
        suite = ET.Element("testsuite", name=_x(source), tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=_x(source), name="read the article")
        ET.SubElement(case, "error", type="input", message=_x(message))
        suites.append(suite)
    for suite in suites:
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _junit_suite(data: dict) -> ET.Element:
    article, summary = data["article"], data["summary"]
    source = _x(article["source"])
    suite = ET.Element("testsuite", name=source)
    props = ET.SubElement(suite, "properties")
    audit = data.get("audit") if isinstance(data.get("audit"), dict) else {}
    for name, value in (
        ("score", f"{summary['score']:.4f}"),
        ("title", article.get("title")),
        ("url", article.get("url")),
        ("sources_ok", summary["sources_ok"]),
        ("sources_failed", summary["sources_failed"]),
        *((f"audit.{k}", v) for k, v in audit.items() if isinstance(v, str | int | float)),
        ("about", NOT_A_TRUTH_RATING),
    ):
        if value is not None:
            ET.SubElement(props, "property", name=name, value=_x(value))
    failures = skipped = 0
    for claim in data["claims"]:
        text = claim["text"]
        name = f"{claim['id']}: {text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + '…'}"
        case = ET.SubElement(suite, "testcase", classname=source, name=_x(name))
        lines = claim_lines(article, claim)
        if lines:
            case.set("file", source)
            case.set("line", str(lines[0]))
        body = "\n".join([text, _headline(claim), *_evidence_lines(claim)])
        decision = (claim.get("decision") or {}).get("decision") if isinstance(claim.get("decision"), dict) else None
        if decision == "reject" or (decision != "accept" and (claim["verdict"] in FAILING or _flagged(claim))):
            failures += 1
            codes = [f["code"] for f in flags_of(claim)]
            failure = ET.SubElement(
                case,
                "failure",
                type="rejected-by-editor"
                if decision == "reject"
                else claim["verdict"]
                if claim["verdict"] in FAILING
                else codes[0],
                message=_x(f"{label(claim['verdict'])}{''.join(f' [{c}]' for c in codes)}: {text}"),
            )
            failure.text = _x(body)
            continue
        if claim["verdict"] == "not-checkable":
            skipped += 1
            ET.SubElement(case, "skipped", message="not checkable: no coverage source could be read")
        ET.SubElement(case, "system-out").text = _x(body)
    if isinstance(audit.get("checked_at"), str):
        suite.set("timestamp", audit["checked_at"].removesuffix("Z"))
    suite.set("tests", str(len(data["claims"])))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


# GitHub Actions ------------------------------------------------------------------------------------------------


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
            if decision == "accept" or (claim["verdict"] == "corroborated" and not _flagged(claim) and not decision):
                continue  # an editor accepted it, or there is nothing to say
            level = ANNOTATION_LEVELS.get(claim["verdict"], "warning")
            if (_flagged(claim) and level in ("notice", "warning")) or claim["verdict"] == "corroborated":
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
            message = "\n".join([claim["text"], _headline(claim), *_evidence_lines(claim)])
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
        needs = sorted((c for c in data["claims"] if c["verdict"] != "corroborated" or _flagged(c)), key=_priority)
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


# SARIF ---------------------------------------------------------------------------------------------------------


def render_sarif(data: dict) -> str:
    """SARIF 2.1.0: one run; a result per claim that is not corroborated, located at its lines in the article."""
    return render_sarif_many([data])


def render_sarif_many(reports: list[dict], failed: Iterable[tuple[str, str]] = ()) -> str:
    """One SARIF run over several articles; articles that could not be read become tool notifications."""
    from . import __version__

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
                            [f"{label(finding)}: {claim['text']}", _headline(claim), *_evidence_lines(claim)]
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
