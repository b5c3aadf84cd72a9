"""Stance of an evidence sentence toward a claim: supports, contradicts or merely mentions.

Decision rule (v1), applied to each matched sentence with the sentence after it as context:

1. combined similarity below ``support_threshold`` -> ``mentions``;
2. a denial in the evidence or the next sentence ("denied", "no plans", "rejected reports", "not underway")
   that the claim does not make -> ``contradicts``; and the reverse (the claim denies, the evidence asserts);
3. numbers of the same kind that disagree ("300 troops" vs "3,000 troops") -> ``contradicts``;
4. a quote claim is supported only by the same quoted words; hedged evidence ("possible deployments",
   "has not confirmed") only mentions;
5. a claim quote whose words match but whose named speaker is absent while another is named -> ``contradicts``;
6. otherwise ``supports``, with the combined similarity as confidence.
"""

from __future__ import annotations

import re

from .claims import find_quotes
from .models import Claim, Document, Evidence
from .sentences import normalize_quotes

__all__ = ["DENIAL_RE", "judge", "numbers_in", "polarity"]

DENIAL_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected (?:the |those |these )?(?:reports?|claims?|allegations?|"
    r"accounts?|suggestions?)|dismissed (?:the )?(?:reports?|claims?)|(?:there (?:is|are|were|was) )?no "
    r"(?:such )?(?:plans?|operation|deployment|agreement|intention|truth)|(?:is|are|was|were|has|have|had|"
    r"did|does|do|will) (?:not|never)|(?:isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|didn't|doesn't|"
    r"don't|won't)|not (?:true|accurate|imminent|underway|happening|planned)|false|untrue|no longer|"
    r"never (?:authorized|approved|permitted|agreed))\b",
    re.I,
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "dozen": 12, "hundred": 100, "thousand": 1000}
_NUM = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|percent|%)?|\b(one|two|three|four|five|six|"
                  r"seven|eight|nine|ten|dozen)\b", re.I)
_SCALE = {"million": 1e6, "billion": 1e9, "thousand": 1e3}


_HEDGE_RE = re.compile(
    r"\b(?:has|have|had|did|does|do|was|were|is|are)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|commented|"
    r"responded|immediately|publicly|said|disclosed|decided|clear|known|certain)\b|"
    r"\bno (?:final )?(?:decision|order) has been\b|\b(?:it is |it was )?(?:not|un)clear whether\b",
    re.I,
)


_HEDGED_RE = re.compile(r"\b(?:possible|potential|unconfirmed|not (?:been )?confirmed|speculation|rumou?rs?|"
                        r"unverified)\b", re.I)


def _strip_quotes(text: str) -> str:
    """Text outside quotations (double quotes, curly single quotes) with hedges such as "has not confirmed"
    removed: a hedge is not a denial."""
    text = re.sub(r"‘[^’]*’", " ", text)
    return _HEDGE_RE.sub(" ", re.sub(r"\"[^\"]*\"", " ", normalize_quotes(text)))


def polarity(text: str, *, inside_quotes: bool = False) -> bool:
    """True when ``text`` denies or negates (outside quotations unless asked)."""
    plain = normalize_quotes(text) if inside_quotes else _strip_quotes(text)
    return bool(DENIAL_RE.search(plain))


def numbers_in(text: str) -> dict[str, set[float]]:
    """Numbers by kind ('year', 'percent', 'count'), quotations excluded."""
    found: dict[str, set[float]] = {}
    for match in _NUM.finditer(_strip_quotes(text)):
        if match.group(3):
            value, kind = float(_WORD_NUMBERS[match.group(3).lower()]), "count"
        else:
            raw = match.group(1).replace(",", "")
            try:
                value = float(raw)
            except ValueError:
                continue
            unit = (match.group(2) or "").lower()
            value *= _SCALE.get(unit, 1)
            if unit in ("percent", "%"):
                kind = "percent"
            elif re.fullmatch(r"(?:19|20)\d\d", raw) and not unit:
                kind = "year"
            else:
                kind = "count"
        found.setdefault(kind, set()).add(value)
    return found


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name else ""


def judge(claim: Claim, evidence: Evidence, document: Document, support_threshold: float) -> Evidence:
    """Set ``stance``, ``confidence`` and ``why`` on ``evidence`` and return it."""
    nxt = ""
    if evidence.sentence_index + 1 < len(document.sentences):
        nxt = document.sentences[evidence.sentence_index + 1].text
    quote_match = evidence.why == "quote"
    if evidence.combined < support_threshold:
        evidence.stance, evidence.confidence, evidence.why = "mentions", evidence.combined, "similar wording only"
        return evidence

    if claim.quotes and not quote_match:
        evidence.stance, evidence.confidence = "mentions", evidence.combined
        evidence.why = "a quote claim is supported only by the same quoted words"
        return evidence
    if _HEDGED_RE.search(_strip_quotes(evidence.sentence)) and not _HEDGED_RE.search(_strip_quotes(claim.text)):
        evidence.stance, evidence.confidence = "mentions", evidence.combined
        evidence.why = "evidence only raises the possibility"
        return evidence

    claim_denies = polarity(claim.text)
    evidence_denies = polarity(evidence.sentence)
    if quote_match:
        claim_denies = evidence_denies = False  # the quote itself is checked word for word below
    if not claim_denies and not evidence_denies and nxt and polarity(nxt) and \
            re.search(r"\b(?:denied|no (?:such )?plans?|rejected|false|not (?:true|accurate|underway|imminent))\b",
                      _strip_quotes(nxt), re.I):
        evidence.stance, evidence.confidence = "contradicts", round(evidence.combined * 0.9, 4)
        evidence.why = f"denial in the next sentence: {nxt[:120]}"
        return evidence
    if claim_denies != evidence_denies:
        evidence.stance, evidence.confidence = "contradicts", evidence.combined
        evidence.why = "evidence denies the claim" if evidence_denies else "claim denies what the evidence states"
        return evidence

    claim_numbers, evidence_numbers = numbers_in(claim.text), numbers_in(evidence.sentence)
    for kind, values in claim_numbers.items():
        other = evidence_numbers.get(kind)
        if other and not values & other:
            evidence.stance, evidence.confidence = "contradicts", evidence.combined
            evidence.why = f"different {kind}: claim {sorted(values)} vs evidence {sorted(other)}"
            return evidence

    if quote_match:
        speakers = {_surname(q.speaker) for q in claim.quotes if q.speaker}
        context = (evidence.sentence + " " + nxt).lower()
        prev = document.sentences[evidence.sentence_index - 1].text.lower() if evidence.sentence_index else ""
        named = [q.speaker for q in find_quotes(evidence.sentence) if q.speaker]
        if speakers and not any(s in context or s in prev for s in speakers) and named:
            evidence.stance, evidence.confidence = "contradicts", evidence.combined
            evidence.why = f"same words attributed to {named[0]}"
            return evidence
        evidence.stance, evidence.confidence, evidence.why = "supports", max(evidence.combined, 0.85), \
            "same quote, same speaker" if speakers else "same quote"
        return evidence

    evidence.stance, evidence.confidence, evidence.why = "supports", evidence.combined, "states the same fact"
    return evidence
