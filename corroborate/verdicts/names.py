"""The verdicts and flags a claim can get, best first, with their labels, symbols and meanings for people."""

from __future__ import annotations

__all__ = ["FAILING", "FLAGS", "LABELS", "MEANINGS", "NOT_A_TRUTH_RATING", "RANK", "SYMBOLS", "VERDICTS", "label"]

#: every verdict, best first
VERDICTS = (
    "corroborated",
    "single-source",
    "partly-corroborated",
    "uncorroborated",
    "conflicting",
    "contradicted",
    "not-checkable",
)

#: flags a claim can carry beyond its verdict, and what each says
FLAGS = {
    "misattributed": "the coverage credits another outlet than the article does",
    "unverified-quote": "no page in the quote's language carries the quoted words",
}

#: verdicts a CI gate treats as failures (JUnit failures)
FAILING = ("uncorroborated", "conflicting", "contradicted")

#: how good a verdict is, for ``corroborate diff``: a claim got worse when its rank went down. A claim that can no
#: longer be checked ranks with an uncorroborated one (it lost whatever support it had), and so does a claim that
#: credible sources both support and contradict.
RANK = {
    "corroborated": 4,
    "single-source": 3,
    "partly-corroborated": 3,
    "uncorroborated": 2,
    "conflicting": 2,
    "not-checkable": 2,
    "contradicted": 1,
}

LABELS = {
    "corroborated": "Corroborated",
    "single-source": "Single source",
    "partly-corroborated": "Partly corroborated",
    "uncorroborated": "Uncorroborated",
    "conflicting": "Conflicting",
    "contradicted": "Contradicted",
    "not-checkable": "Not checkable",
}

#: a symbol per verdict, so that no output tells verdicts apart by color alone
SYMBOLS = {
    "corroborated": "✓",
    "single-source": "①",
    "partly-corroborated": "◐",
    "uncorroborated": "?",
    "conflicting": "±",
    "contradicted": "✗",
    "not-checkable": "–",
}


def label(verdict: object) -> str:
    """The verdict for people ("Partly corroborated"); a verdict this version does not know is shown as it is."""
    return LABELS.get(str(verdict), str(verdict).replace("-", " ").capitalize())


#: said near the top of every format: what a verdict is about
NOT_A_TRUTH_RATING = (
    "A verdict says how far independent coverage bears a claim out; it is not a rating of whether the claim is true."
)

#: a short meaning per verdict and flag, for the legends of every format
MEANINGS = {
    "corroborated": "two or more independent origins support it",
    "single-source": "one origin supports it, however many pages repeat it",
    "partly-corroborated": "support outweighs a weak contradiction",
    "uncorroborated": "no independent support found",
    "conflicting": "credible sources on both sides",
    "contradicted": "independent coverage says otherwise",
    "not-checkable": "no coverage could be read",
    **FLAGS,
}
