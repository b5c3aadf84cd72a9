"""Findings about a claim beyond its verdict, from its judged and traced evidence.

- ``misattributed``: the article credits outlet X for the claim (a fact or a quote), no supporting page traces
  back to X, and at least ``MISATTRIBUTION_PAGES`` supporting pages trace back to one other outlet Y (they credit
  Y, copy Y, or are Y's own report). The flag names Y and lists those pages. Coverage that credits X anywhere
  for the claim, or that no two pages agree on, raises nothing.
- ``unverified-quote``: a quotation of at least ``QUOTE_MIN_WORDS`` words whose words (after quote marks, case,
  dashes and spacing are normalised) appear in no page of the run written in the quote's own language, while
  at least one page in that language supports the claim in other words. A quote for which no page in its
  language supports the claim raises nothing: there is nothing to compare it with.
"""

from __future__ import annotations

import functools
import re

from ..article.sentences import normalize_quotes
from ..evidence.judge.features import guess_language
from ..models import ClaimResult, Document, Evidence, Flag

__all__ = ["MISATTRIBUTION_PAGES", "QUOTE_MIN_WORDS", "flag_claim", "misattribution", "unverified_quotes"]

MISATTRIBUTION_PAGES = 2
QUOTE_MIN_WORDS = 4


def misattribution(result: ClaimResult, keys: dict[int, str], credited: dict[str, str]) -> Flag | None:
    """The ``misattributed`` flag of a claim, if the coverage credits another outlet than the article does."""
    if not credited:
        return None
    pages: dict[str, Evidence] = {}
    for e in result.evidence:
        if e.stance == "supports":
            pages.setdefault(e.url, e)
    if any(keys[id(e)] in credited for e in pages.values()):
        return None
    by_origin: dict[str, list[Evidence]] = {}
    for e in pages.values():
        by_origin.setdefault(keys[id(e)], []).append(e)
    ranked = sorted(by_origin.values(), key=lambda es: (-len(es), min(e.published or "9999" for e in es)))
    if not ranked or len(ranked[0]) < MISATTRIBUTION_PAGES:
        return None
    if len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
        return None  # the coverage does not agree on one origin either
    top = ranked[0]
    origin = top[0].origin or top[0].outlet or top[0].url
    article_credit = " and ".join(credited.values())
    return Flag(
        code="misattributed",
        message=(
            f"the article credits {article_credit}; {len(top)} supporting pages credit {origin} and none "
            f"credits {article_credit}"
        ),
        outlet=origin,
        urls=tuple(e.url for e in sorted(top, key=lambda e: (e.published or "9999", e.url))),
    )


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", normalize_quotes(text).casefold()))


@functools.lru_cache(maxsize=1024)
def _profile(text: str) -> tuple[str, str]:
    """A page's language and its normalised words, read once however many claims and quotes look at it."""
    return guess_language(text), _words(text)


def unverified_quotes(result: ClaimResult, documents: dict[str, Document]) -> list[Flag]:
    """An ``unverified-quote`` flag per quotation of the claim that no page in its language carries."""
    flags = []
    supporting = {e.url for e in result.evidence if e.stance == "supports"}
    for quote in result.claim.quotes:
        words = _words(quote.text)
        parts = [p for p in (_words(part) for part in re.split(r"\.\.\.|…|\[[^\]]*\]", quote.text)) if p]
        if len(words.split()) < QUOTE_MIN_WORDS:
            continue
        language = guess_language(quote.text) or guess_language(result.claim.text)
        same = [d for d in documents.values() if _profile(d.text)[0] == language] if language else []
        if any(all(p in _profile(d.text)[1] for p in parts) for d in same):
            continue
        paraphrases = [d.url for d in same if d.url in supporting]
        if paraphrases:
            flags.append(
                Flag(
                    code="unverified-quote",
                    message=(
                        f'the quoted words "{quote.text}" appear in none of the {len(same)} pages in this language; '
                        f"{len(paraphrases)} support the claim in other words"
                    ),
                    quote=quote.text,
                    urls=tuple(paraphrases),
                )
            )
    return flags


def flag_claim(
    result: ClaimResult, keys: dict[int, str], credited: dict[str, str], documents: dict[str, Document]
) -> list[Flag]:
    """Every flag of one scored claim."""
    flags = [f] if (f := misattribution(result, keys, credited)) else []
    return flags + unverified_quotes(result, documents)
