"""The exit-code policy a CI job gates on, applied to a report dict (see docs/checking-an-article.md, "Exit
codes").

0 done and every threshold met; 1 done but a threshold failed (``--fail-under``, ``--min-sources``, ``--fail-on``);
2 bad usage, configuration or input; 3 nothing could be checked: no coverage source could be fetched or read.
Coverage that was read and is about other stories is a finding, not a breakdown: its claims are uncorroborated.
Over several articles the worst code wins, in the order 0 < 1 < 3 < 2.

``--min-sources N`` fails a claim with fewer than N independent supporting origins, and a ``conflicting`` or
``contradicted`` claim whatever its count: support does not outweigh a credible contradiction. A claim an editor
accepted in an overrides file passes every threshold; one an editor rejected fails.
"""

from __future__ import annotations

from collections.abc import Iterable

from .names import FLAGS, VERDICTS

__all__ = [
    "EXIT_FAILED_THRESHOLD",
    "EXIT_NOTHING_CHECKED",
    "EXIT_OK",
    "EXIT_USAGE",
    "FAIL_ON_CHOICES",
    "gate",
    "nothing_checked",
    "parse_fail_on",
    "worst",
]

EXIT_OK = 0
EXIT_FAILED_THRESHOLD = 1
EXIT_USAGE = 2
EXIT_NOTHING_CHECKED = 3

_SEVERITY = (EXIT_OK, EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, EXIT_USAGE)
#: what ``--fail-on`` accepts: every verdict and every flag
FAIL_ON_CHOICES = (*VERDICTS, *FLAGS)


def parse_fail_on(value: str) -> tuple[str, ...]:
    """``--fail-on contradicted,misattributed`` as a tuple; ValueError names the unknown words and the choices."""
    words = tuple(w.strip() for w in value.split(",") if w.strip())
    unknown = [w for w in words if w not in FAIL_ON_CHOICES]
    if unknown or not words:
        raise ValueError(
            f"unknown verdict or flag {', '.join(map(repr, unknown)) or repr(value)}; choose from "
            f"{', '.join(FAIL_ON_CHOICES)} (comma-separated)"
        )
    return words


def _claims(n: int) -> str:
    return f"{n} claim{'s' if n != 1 else ''} {'is' if n == 1 else 'are'}"


def nothing_checked(data: dict) -> bool:
    """Whether no coverage source at all could be fetched and read (pages about other stories count as read)."""
    claims, summary = data["claims"], data["summary"]
    read = summary.get("sources_ok", 0) + summary.get("sources_off_topic", 0)
    return read == 0 or bool(claims and all(c["verdict"] == "not-checkable" for c in claims))


def gate(
    data: dict,
    *,
    fail_under: float | None = None,
    min_sources: int | None = None,
    fail_on: Iterable[str] = (),
) -> tuple[int, list[str]]:
    """The exit code for one report, and a message per reason it is not 0."""
    claims, summary = data["claims"], data["summary"]
    if nothing_checked(data):
        return EXIT_NOTHING_CHECKED, [
            "nothing could be checked: no coverage source could be fetched or read "
            "(see the failed sources in the report)"
        ]
    messages = []
    # an editor's decision (overrides file) outranks the tool: accepted claims pass, rejected claims fail
    decided = {
        c["id"]: (c.get("decision") or {}).get("decision") for c in claims if isinstance(c.get("decision"), dict)
    }
    rejected = [cid for cid, d in decided.items() if d == "reject"]
    claims = [c for c in claims if decided.get(c["id"]) not in ("accept", "reject")]
    if rejected:
        messages.append(f"{_claims(len(rejected))} rejected by an editor (overrides file): " + ", ".join(rejected))
    if fail_under is not None and summary["score"] < fail_under:
        messages.append(f"article score {summary['score']:.2f} is below --fail-under {fail_under}")
    if min_sources is not None:
        short = [c["id"] for c in claims if c["independent_sources"] < min_sources]
        if short:
            n = len(short)
            messages.append(
                f"{n} claim{'s' if n != 1 else ''} {'has' if n == 1 else 'have'} fewer than {min_sources} "
                f"independent source{'s' if min_sources != 1 else ''}: " + ", ".join(short)
            )
        disputed = [c["id"] for c in claims if c["verdict"] in ("conflicting", "contradicted") and c["id"] not in short]
        if disputed:
            messages.append(
                f"{_claims(len(disputed))} disputed by independent coverage (conflicting or contradicted), which "
                "--min-sources does not let pass: " + ", ".join(disputed)
            )
    for word in dict.fromkeys(fail_on):
        hit = [
            c["id"]
            for c in claims
            if c["verdict"] == word or any(isinstance(f, dict) and f.get("code") == word for f in c.get("flags") or [])
        ]
        if hit:
            n = len(hit)
            what = (
                f"{n} claim{'s' if n != 1 else ''} {'has' if n == 1 else 'have'} an unverified quote"
                if word == "unverified-quote"
                else f"{_claims(n)} {word}"
            )
            messages.append(f"{what} (--fail-on): " + ", ".join(hit))
    return (EXIT_FAILED_THRESHOLD if messages else EXIT_OK), messages


def worst(codes: Iterable[int]) -> int:
    """The exit code of a run over several articles: the most severe of theirs."""
    return max(codes, key=lambda code: _SEVERITY.index(code) if code in _SEVERITY else len(_SEVERITY), default=EXIT_OK)
