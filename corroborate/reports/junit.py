"""JUnit XML: one test suite per article, one test case per check-worthy claim; failing verdicts and flags fail."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .common import FAILING, NOT_A_TRUTH_RATING, claim_lines, evidence_lines, flagged, flags_of, headline, label

__all__ = ["render_junit", "render_junit_many"]

NAME_CHARS = 100  # claim text kept in a JUnit test name

# Characters XML 1.0 cannot carry at all; pages sometimes hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
        body = "\n".join([text, headline(claim), *evidence_lines(claim)])
        decision = (claim.get("decision") or {}).get("decision") if isinstance(claim.get("decision"), dict) else None
        if decision == "reject" or (decision != "accept" and (claim["verdict"] in FAILING or flagged(claim))):
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
