"""The exit-code policy a CI job gates on, applied to a report dict (see the README, "Exit codes").

0 done and every threshold met; 1 done but ``--fail-under`` or ``--min-sources`` failed; 2 bad usage, configuration
or input; 3 nothing could be checked. Over several articles the worst code wins, in the order 0 < 1 < 3 < 2.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["EXIT_FAILED_THRESHOLD", "EXIT_NOTHING_CHECKED", "EXIT_OK", "EXIT_USAGE", "gate", "worst"]

EXIT_OK = 0
EXIT_FAILED_THRESHOLD = 1
EXIT_USAGE = 2
EXIT_NOTHING_CHECKED = 3

_SEVERITY = (EXIT_OK, EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, EXIT_USAGE)


def gate(data: dict, *, fail_under: float | None = None, min_sources: int | None = None) -> tuple[int, list[str]]:
    """The exit code for one report, and a message per reason it is not 0."""
    claims, summary = data["claims"], data["summary"]
    if summary["sources_ok"] == 0 or (claims and all(c["verdict"] == "not-checkable" for c in claims)):
        return EXIT_NOTHING_CHECKED, [
            "nothing could be checked: no coverage source could be fetched or read "
            "(see the failed sources in the report)"
        ]
    messages = []
    if fail_under is not None and summary["score"] < fail_under:
        messages.append(f"article score {summary['score']:.2f} is below --fail-under {fail_under}")
    if min_sources is not None:
        short = [c["id"] for c in claims if c["independent_sources"] < min_sources]
        if short:
            messages.append(
                f"{len(short)} claims have fewer than {min_sources} independent sources: " + ", ".join(short)
            )
    return (EXIT_FAILED_THRESHOLD if messages else EXIT_OK), messages


def worst(codes: Iterable[int]) -> int:
    """The exit code of a run over several articles: the most severe of theirs."""
    return max(codes, key=lambda code: _SEVERITY.index(code) if code in _SEVERITY else len(_SEVERITY), default=EXIT_OK)
