"""The text the judge reads for one claim and one page: the best-matching sentence with its neighbours.

Training and checking build passages the same way, so the judge sees at run time what it learned from: the
page's lead sentence (where a report's own stance is usually stated: "Officials denied ...") followed by the
matched sentence and the sentences on either side of it, in page order.
"""

from __future__ import annotations

import re

__all__ = ["CONTENT_WORD", "build_passage", "lexical_best"]

#: a content word: letters (any script) or digits, three characters or more
CONTENT_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)
_STOP = frozenset(
    """the and for that with from this have has had was were are been will would said says its his her their they
    about after over into than then them which who what when where while also more most other some such only not
    but can could may might one two new""".split()
)


def _words(text: str) -> set[str]:
    return {w for w in (m.group(0).lower() for m in CONTENT_WORD.finditer(text)) if w not in _STOP}


def lexical_best(claim: str, sentences: list[str]) -> int:
    """Index of the sentence sharing the most content words with ``claim`` (ties: the earlier one)."""
    wanted = _words(claim)
    best, best_score = 0, -1.0
    for i, sentence in enumerate(sentences):
        words = _words(sentence)
        score = len(wanted & words) / (len(wanted) ** 0.5 * max(len(words), 1) ** 0.5 or 1.0)
        if score > best_score:
            best, best_score = i, score
    return best


def build_passage(sentences: list[str], best: int, *, window: int = 1, lead: bool = True, max_chars: int = 900) -> str:
    """The lead sentence plus ``sentences[best]`` with ``window`` neighbours each side, joined in page order."""
    if not sentences:
        return ""
    best = min(max(best, 0), len(sentences) - 1)
    picked = set(range(max(0, best - window), min(len(sentences), best + window + 1)))
    if lead:
        picked.add(0)
    text = " ".join(sentences[i].strip() for i in sorted(picked))
    if len(text) > max_chars:  # keep the matched sentence whole: cut around it
        core = " ".join(sentences[i].strip() for i in sorted(picked - {0} if best != 0 else picked))
        text = core[:max_chars]
    return text
