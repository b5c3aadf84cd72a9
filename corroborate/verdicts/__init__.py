"""Stage 5, the verdicts: judged and traced ``Evidence`` in, ``ClaimResult``s, scores and exit codes out.

- ``names``: the verdicts and flags, best first, with labels, symbols and meanings;
- ``score``: independent origins combined into a score and a verdict per claim, and the article's summary;
- ``gate``: the exit-code policy a CI job gates on (``--fail-under``, ``--min-sources``, ``--fail-on``);
- ``overrides``: an editor's decisions about claims and pages, applied to every report.
"""

from __future__ import annotations

from .gate import EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, EXIT_OK, EXIT_USAGE, gate
from .names import FLAGS, VERDICTS
from .overrides import apply_overrides, claim_fingerprint, load_overrides
from .score import score_claim, summarize

__all__ = [
    "EXIT_FAILED_THRESHOLD",
    "EXIT_NOTHING_CHECKED",
    "EXIT_OK",
    "EXIT_USAGE",
    "FLAGS",
    "VERDICTS",
    "apply_overrides",
    "claim_fingerprint",
    "gate",
    "load_overrides",
    "score_claim",
    "summarize",
]
