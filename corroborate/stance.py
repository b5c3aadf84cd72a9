"""Stance of an evidence sentence toward a claim: supports, contradicts or merely mentions.

Similarity alone is not corroboration: a denial is as similar to a claim as a paraphrase is. Each matched
sentence is judged by a sequence of checks, with the sentence before and after it as context. The first check
that fires decides:

1. combined similarity below ``support_threshold``: ``mentions``;
2. quotes, for a claim with a quotation: the same quoted words must appear. Words changed in meaning (a
   negation, a number, a date or a content word) or the same words from another speaker: ``contradicts``; no such
   quotation: ``mentions``;
3. negation: the evidence (or the sentence after it) denies or negates what the claim asserts, or the reverse
   ("denied", "no troops have been deployed", "did not", "without signing"): ``contradicts``;
4. opposites: the claim's action and its opposite ("approved" / "rejected", "won" / "lost", "grew" / "shrank",
   "sentenced" / "acquitted"), or evidence that undoes the action ("blocked the extradition" for "extradited",
   "called off a planned strike" for "went on strike"): ``contradicts``;
5. numbers of one kind that disagree ("300" / "3,000", "12 percent" / "15 percent"): ``contradicts``;
6. dates that disagree (another month, weekday, year or quarter): ``contradicts``;
7. another named person or place doing the same thing ("Rubio ordered" for "Hegseth ordered"): ``contradicts``;
8. a page that never names a place the claim is about (by name, demonym or alias: "Mexican", "Washington" for
   the United States): ``mentions``;
9. a plan for a deed: the claim states something done ("imposed sanctions") and the evidence only a plan, an
   intention or a proposal for it ("is considering sanctions", "plans to", "will close"): ``mentions``. The
   reverse (a claim of a plan, evidence of the deed) is left to the other checks: the deed implies the plan;
10. hedged or topic-only evidence ("possible", "whether", "unclear", "discussed", "under review"): ``mentions``;
11. otherwise ``supports``, with the combined similarity as confidence.

Judges are pluggable: ``JUDGES`` maps a name to a function; an optional cross-encoder (NLI) judge can be named in
the configuration (see ``corroborate.nli``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from .claims import find_quotes
from .facts import NUMBER_WORDS as _UNITS_WORDS
from .facts import find_entities
from .models import Claim, Document, Evidence
from .sentences import normalize_quotes

__all__ = ["DENIAL_RE", "JUDGES", "dates_in", "judge", "numbers_in", "polarity"]

DENIAL_RE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|denied|denies|deny|denying|false|untrue|"
    r"dismissed (?:the )?(?:reports?|claims?)|rejected (?:the |those |these )?(?:reports?|claims?|allegations?|"
    r"accounts?|suggestions?))\b|n't\b",
    re.I,
)
#: negations that are not denials: a non-answer or an open question only mentions
_HEDGE_RE = re.compile(
    r"\b(?:has|have|had|did|does|do|was|were|is|are)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|commented|"
    r"responded|immediately|publicly|said|disclosed|decided|settled|determined|finali[sz]ed|announced|clear|known|"
    r"certain|spoken)\b|"
    r"\bno (?:final )?(?:decision|order) has been\b|\b(?:it is |it was |it remains )?(?:not|un)clear whether\b|"
    r"\bnot only\b|\bno small\b|\bno longer\b(?= a safe haven)|\bnot just\b|\bnot merely\b|"
    r"\bnot seen (?:in|since)\b|\bnever before\b",
    re.I,
)
_TOPIC_ONLY_RE = re.compile(
    r"\b(?:possible|potential|possibly|unconfirmed|speculation|rumou?rs?|unverified|whether|unclear|"
    r"discuss(?:ed|ing|ion)?|debat(?:e|ed|ing)|under review|reviewing|studying|called for|calls for|lobb(?:y|ied|ying)|"
    r"long sought|sought|expected to|ahead of|pressed|questions? (?:about|over)|the focus of|concerns? (?:about|over)|"
    r"among the topics|came up|criticism|assessing|too early|preparing for)\b",
    re.I,
)
_OPPOSITES = [
    (
        r"(?:was|were|is|are|be) (?:constitutional|lawful|legal)",
        r"(?:was|were|is|are|be) (?:unconstitutional|unlawful|illegal)",
    ),
    (r"approv\w*|passed|adopted", r"reject\w*|vetoed|voted down|struck down"),
    (r"accept\w*|agreed", r"reject\w*|refus\w*|declin\w*"),
    (r"won|wins|winning|re-elected", r"lost|loses|conced\w*|defeated"),
    (r"grew|grow\w*|expand\w*", r"shr[aiu]nk\w*|contract\w*|declin\w*"),
    (r"rais\w*|increas\w*|hik\w*", r"lower\w*|cut|cuts|reduc\w*|decreas\w*"),
    (r"rose|rise|rising|climb\w*", r"fell|fall\w*|drop\w*|plung\w*"),
    (r"sentenc\w*|convict\w*", r"acquit\w*|cleared"),
    (r"killed|dead|died", r"surviv\w*|alive|unharmed"),
    (r"open\w*", r"clos\w*|shut"),
    (r"lift\w*", r"impos\w*|extend\w*"),
    (r"extradit\w*", r"block\w*|halt\w*|suspend\w*"),
    (r"went on strike|strike", r"called off|cancel\w*"),
    (r"fined|imposing a fine", r"without (?:imposing )?(?:a )?fine|closed (?:its|their) investigation"),
    (r"confirm\w*", r"den\w*|refut\w*"),
    (r"arrest\w*|detain\w*", r"releas\w*|freed|escap\w*"),
    (r"deploy\w*|sent", r"withdr[ae]w\w*|pulled out"),
]
_OPPOSITE_RES = [(re.compile(rf"\b(?:{a})\b", re.I), re.compile(rf"\b(?:{b})\b", re.I)) for a, b in _OPPOSITES]
_WORD_NUMBERS = {"dozen": 12, "doubled": 2, "tripled": 3, "quadrupled": 4, "halved": 0.5}
_NUM = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|percent|%)?|\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I
)
_SCALE = {"million": 1e6, "billion": 1e9, "thousand": 1e3}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DATE_RE = re.compile(
    r"\b(?P<month>January|February|March|April|June|July|August|September|October|November|December)\b"
    r"(?:\s+(?P<day>\d{1,2})\b)?|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?P<year>(?:19|20)\d\d)\b|\b(?P<quarter>first|second|third|fourth) quarter\b|"
    r"\b(?P<relative>last year|next year|last month|next month|next week|last week)\b",
    re.I,
)
_STOP = frozenset(
    "a an the and or of to in on at for by with as is are was were be been has have had it its this that "
    "our their his her we they he she".split()
)


def _strip_quotes(text: str) -> str:
    """Text outside quotations (double quotes, curly single quotes) with hedges such as "has not confirmed"
    removed: a hedge is not a denial."""
    text = re.sub(r"‘[^’]*’", " ", text)
    return _HEDGE_RE.sub(" ", re.sub(r"\"[^\"]*\"", " ", normalize_quotes(text)))


def polarity(text: str, *, inside_quotes: bool = False) -> bool:
    """True when ``text`` denies or negates (outside quotations unless asked)."""
    plain = _HEDGE_RE.sub(" ", normalize_quotes(text)) if inside_quotes else _strip_quotes(text)
    return bool(DENIAL_RE.search(plain))


_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}
_NUMBER_WORDS = re.compile(
    r"\b(?:(?:" + "|".join(_UNITS_WORDS) + r"|a half|half|point|hundred|thousand|million|billion)"
    r"(?:[\s-]+(?:and[\s-]+)?(?=(?:" + "|".join(_UNITS_WORDS) + r"|a half|half|point|hundred|thousand|million|"
    r"billion)\b))?)+\b",
    re.I,
)
_APPROX = re.compile(
    r"\b(?:about|around|some|nearly|almost|roughly|approximately|more than|over|less than|"
    r"under|up to|at least|close to)\s*$",
    re.I,
)


def _words_to_number(phrase: str) -> float | None:
    """'two hundred and twelve' -> 212, 'three thousand' -> 3000, 'two and a half thousand' -> 2500."""
    words = re.split(r"[\s-]+", phrase.lower().replace("a half", "half"))
    total, current, decimals = 0.0, 0.0, None
    for word in words:
        if word == "and":
            continue
        if word == "point":
            decimals = 0.1
            continue
        if word == "half":
            current += 0.5
        elif word in _UNITS_WORDS:
            if decimals:
                current += _UNITS_WORDS[word] * decimals
                decimals /= 10
            else:
                current += _UNITS_WORDS[word]
        elif word in _MULTIPLIERS:
            scale = _MULTIPLIERS[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
    value = total + current
    return value or None


def numbers_in(text: str, *, inside_quotes: bool = False) -> dict[str, set[float]]:
    """Numbers by kind ('percent', 'count'; years are dates), written in digits or words, quotations excluded
    unless asked. Approximate numbers ("more than four") are kept with their kind prefixed ``~``."""
    found: dict[str, set[float]] = {}
    plain = normalize_quotes(text) if inside_quotes else _strip_quotes(text)
    spoken: list[tuple[int, int]] = []  # spans read as number words, removed before digits are read
    for match in _NUMBER_WORDS.finditer(plain):
        phrase = match.group(0)
        if phrase.lower() in _MULTIPLIERS and re.search(r"\d\s*$", plain[: match.start()]):
            continue  # "1.8 billion": the scale of the digits before it, read with them below
        spoken.append(match.span())
        if phrase.lower() in ("half", "a half", "point", "one") or not re.search(r"[a-z]", phrase, re.I):
            continue
        value = _words_to_number(phrase)
        if value is None:
            continue
        after = plain[match.end() : match.end() + 12].lower()
        kind = "percent" if after.lstrip().startswith(("percent", "per cent", "%")) else "count"
        if _APPROX.search(plain[: match.start()]):
            kind = "~" + kind
        found.setdefault(kind, set()).add(value)
    for start, end in reversed(spoken):
        plain = plain[:start] + " " + plain[end:]
    for match in _NUM.finditer(plain):
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
                continue  # years are dates
            else:
                kind = "count"
        if _APPROX.search(plain[: match.start()]):
            kind = "~" + kind
        found.setdefault(kind, set()).add(value)
    return found


def _same_number(a: float, b: float, approximate: bool) -> bool:
    if a == b or (a and b and max(a, b) / min(a, b) == 1000):  # 4.2 tonnes = 4,200 kilograms
        return True
    return approximate and abs(a - b) <= 0.25 * max(abs(a), abs(b))


def dates_in(text: str, *, inside_quotes: bool = False) -> dict[str, set[str]]:
    """Date mentions by kind: month (with day when given), weekday, year, quarter, relative; quotations excluded
    unless asked."""
    found: dict[str, set[str]] = {}
    for m in _DATE_RE.finditer(normalize_quotes(text) if inside_quotes else _strip_quotes(text)):
        if m.group("month"):
            found.setdefault("month", set()).add(m.group("month").lower())
            if m.group("day"):
                found.setdefault("day", set()).add(f"{m.group('month').lower()} {int(m.group('day'))}")
        for kind in ("weekday", "year", "quarter", "relative"):
            if m.group(kind):
                found.setdefault(kind, set()).add(m.group(kind).lower())
    return found


def _date_conflict(claim: str, evidence: str) -> str | None:
    a, b = dates_in(claim), dates_in(evidence)
    for kind in ("day", "month", "weekday", "year", "quarter"):
        if a.get(kind) and b.get(kind) and not a[kind] & b[kind]:
            return f"different {kind}: {sorted(a[kind])} vs {sorted(b[kind])}"
    # a recent event ("on Thursday") placed in another period ("in May of last year", "next Saturday")
    if a.get("weekday") and not a.get("relative") and not a.get("month") and not b.get("weekday"):
        other = b.get("relative") or b.get("month")
        if other:
            return f"different time: {sorted(a['weekday'])} vs {sorted(other)}"
    return None


_TITLE_WORDS = frozenset(
    "mayor governor president minister secretary senator representative general gen sen rep chief director "
    "commissioner ambassador judge spokesperson spokesman spokeswoman leader head prime vice foreign interior "
    "defense defence finance trade health army police customs opposition of the de del la".split()
)


def _name_words(name: str) -> set[str]:
    return {w.lower().strip(".,") for w in name.split() if w[:1].isupper()} - _TITLE_WORDS


def _same_speaker(claim: Claim, claim_speaker: str, other: str) -> bool:
    if _name_words(claim_speaker) & _name_words(other):
        return True
    if other[:1].islower():  # a description ("the opposition leader") that the claim's wording also uses
        head = other.split()[-1].lower()
        return head in claim.text.lower() or head in claim_speaker.lower()
    return False


def _surname(name: str) -> str:
    words = [w for w in name.split() if w[:1].isupper() and w.lower() not in _TITLE_WORDS]
    return words[-1].lower().strip(".,") if words else ""


def _context(evidence: Evidence, document: Document) -> tuple[str, str]:
    i = evidence.sentence_index
    before = document.sentences[i - 1].text if i > 0 else ""
    after = document.sentences[i + 1].text if i + 1 < len(document.sentences) else ""
    return before, after


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", normalize_quotes(text).lower())


def _check_quote(claim: Claim, evidence: Evidence, before: str, after: str) -> tuple[str, str] | None:
    """Same quoted words, same speaker."""
    sentence = normalize_quotes(evidence.sentence)
    spans = [q for q in find_quotes(evidence.sentence)]
    for quote in claim.quotes:
        words = normalize_quotes(quote.text)
        best, best_span = 0.0, None
        for span in spans:
            score = fuzz.ratio(words.lower(), span.text.lower()) / 100
            partial = fuzz.partial_ratio(words.lower(), span.text.lower()) / 100
            score = max(score, partial if len(span.text) >= 0.6 * len(words) else 0)
            if score > best:
                best, best_span = score, span
        if best_span is None or best < 0.75:
            continue
        claim_tokens, span_tokens = set(_tokens(words)), set(_tokens(best_span.text))
        changed = (claim_tokens ^ span_tokens) - _STOP
        negation_changed = polarity(words, inside_quotes=True) != polarity(best_span.text, inside_quotes=True)
        number_changed = numbers_in(words, inside_quotes=True) != numbers_in(best_span.text, inside_quotes=True)
        date_changed = dates_in(words, inside_quotes=True) != dates_in(best_span.text, inside_quotes=True)
        if negation_changed or number_changed or date_changed or len(changed) > max(2, len(claim_tokens) // 6):
            return "contradicts", f"quote words changed: {sorted(changed)[:6]}"
        claim_speaker = quote.speaker or ""
        other = best_span.speaker or ""
        if claim_speaker and other:
            if not _same_speaker(claim, claim_speaker, other):
                return "contradicts", f"same words attributed to {other}, not {claim_speaker}"
        elif claim_speaker and not other:
            context = " ".join((before, sentence, after)).lower()
            if _surname(claim_speaker) and _surname(claim_speaker) not in context:
                return "mentions", "same words, speaker not named"
        return "supports", "same quote, same speaker" if claim_speaker else "same quote"
    return "mentions", "a quote claim is supported only by the same quoted words"


_NEGATIVE_VERBS = re.compile(
    r"\b(?:reject\w*|refus\w*|bann(?:ed|ing)|block\w*|ruled out|rule out|halt\w*|suspend\w*|cancel\w*|"
    r"collaps\w*|turned down|dismiss\w*|veto\w*|scrap\w*|abandon\w*|resist\w*|oppos\w*|pushed back)\b",
    re.I,
)


_INDIRECT_SPEECH = re.compile(
    r"\b(?:said|says|told|stated|declared|insisted|warned|added|wrote|posted)\b(?!\s*[,:]?\s*\")", re.I
)


def _negative(text: str) -> bool:
    return polarity(text) or bool(_NEGATIVE_VERBS.search(_strip_quotes(text)))


def _check_negation(claim: Claim, evidence: Evidence, after: str) -> tuple[str, str] | None:
    # "rejected a proposal" and "said no to a plan" agree: a claim that is itself negative in meaning is
    # compared with negative-meaning evidence, not with the bare presence of "no"
    claim_denies = _negative(claim.text)
    # a claim in indirect speech ("X said the U.S. is not coming") is compared with the words X is quoted saying
    indirect = bool(_INDIRECT_SPEECH.search(claim.text))
    if claim_denies:
        evidence_denies = _negative(evidence.sentence) or (indirect and polarity(evidence.sentence, inside_quotes=True))
    else:
        evidence_denies = polarity(evidence.sentence, inside_quotes=indirect)
    if claim_denies != evidence_denies:
        why = "evidence denies the claim" if evidence_denies else "claim denies what the evidence states"
        return "contradicts", why
    if (
        not claim_denies
        and after
        and re.search(
            r"\b(?:denied|no (?:such )?\w+ (?:has|have|had) been|rejected (?:the )?reports?|false|not (?:true|"
            r"accurate|underway|imminent))\b",
            _strip_quotes(after),
            re.I,
        )
    ):
        return "contradicts", f"denial in the next sentence: {after[:120]}"
    return None


def _check_opposites(claim: Claim, evidence: Evidence) -> tuple[str, str] | None:
    a, b = _strip_quotes(claim.text), _strip_quotes(evidence.sentence)
    for yes, no in _OPPOSITE_RES:
        for first, second in ((yes, no), (no, yes)):
            if first.search(a) and not second.search(a) and second.search(b) and not first.search(b):
                return "contradicts", f"opposite action: '{first.search(a).group(0)}' vs '{second.search(b).group(0)}'"
    # "extradited" against "blocked the extradition", "went on strike" against "called off a planned strike"
    for yes, no in _OPPOSITE_RES:
        done = yes.search(a)
        if done and not no.search(a):
            stem = re.escape(done.group(0).split()[-1].lower()[:5])  # "went on strike": "strik"
            governed = re.search(rf"{no.pattern}(?:\W+\w+){{0,3}}?\W+{stem}\w*", b, re.I)
            if governed:
                return "contradicts", f"the evidence undoes the action: '{governed.group(0)}'"
    return None


def _check_numbers(claim: Claim, evidence: Evidence) -> tuple[str, str] | None:
    claim_numbers, evidence_numbers = numbers_in(claim.text), numbers_in(evidence.sentence)
    for kind in ("count", "percent"):
        values = claim_numbers.get(kind, set()) | claim_numbers.get("~" + kind, set())
        exact, rough = evidence_numbers.get(kind, set()), evidence_numbers.get("~" + kind, set())
        approximate = bool(claim_numbers.get("~" + kind))
        if not values or not (exact or rough):
            continue
        if any(
            _same_number(a, b, approximate or (b in rough and b not in exact)) for a in values for b in exact | rough
        ):
            continue
        return "contradicts", f"different {kind}: claim {sorted(values)} vs evidence {sorted(exact | rough)}"
    return None


def _check_entities(claim: Claim, evidence: Evidence) -> tuple[str, str] | None:
    """The same action by another named person or in another named place: the facts disagree."""
    other = find_entities(evidence.sentence)
    for kind in ("PERSON", "PLACE"):
        mine = [e.text for e in claim.entities if e.type == kind]
        theirs = [e.text for e in other if e.type == kind]
        if not mine or not theirs:
            continue
        mine_words = set().union(*(_name_words(n) or {n.lower()} for n in mine))
        their_words = set().union(*(_name_words(n) or {n.lower()} for n in theirs))
        sentence = evidence.sentence.lower()
        if not mine_words & their_words and not any(w in sentence for w in mine_words):
            return "contradicts", f"different {kind.lower()}: {', '.join(mine)} vs {', '.join(theirs)}"
    return None


_US = ("u.s.", "united states", "america", "washington")  # not "us": it is also a pronoun
_PLACE_ALIASES = {"u.s.": _US, "us": _US, "united states": _US, "america": _US}


def _names_place(place: str, text: str) -> bool:
    """Whether ``text`` names ``place``, by an alias or by the start of its name ("Mexic" for Mexican)."""
    key = place.lower().removeprefix("the ")
    for alias in _PLACE_ALIASES.get(key, (key,)):
        if "." in alias or " " in alias or len(alias) <= 5:
            pattern = rf"(?<![\w.]){re.escape(alias)}(?!\w)"
        else:
            pattern = rf"(?<![\w.]){re.escape(alias[:5])}"  # "Mexic": Mexico, Mexican
        if re.search(pattern, text, re.I):
            return True
    return False


def _check_places(claim: Claim, document: Document) -> tuple[str, str] | None:
    """A page that never names a place the claim is about cannot corroborate it."""
    places = [e.text for e in claim.entities if e.type == "PLACE"]
    missing = [p for p in places if not _names_place(p, " ".join((document.title or "", document.text)))]
    if missing:
        return "mentions", f"the page never names {', '.join(missing)}"
    return None


#: plans, intentions and proposals, with the verb planned: "plans to raise", "is considering sanctions",
#: "will close" ("will"/"would" count only before the claim's own verb)
_PLAN_RE = re.compile(
    r"\b(?:plans?|planning|intends?|intending|is set|are set|preparing|prepares|aims?|hopes?|seeks?|"
    r"threaten(?:s|ed)?|expects?)\s+to\s+(\w+)|"
    r"\b(?:considering|weighing|weighs|proposed|proposes|proposing)\s+(?:to\s+)?(\w+)|"
    r"\b(will|would)\s+(?:soon\s+)?(\w+)",
    re.I,
)
_IRREGULAR_PAST = frozenset(
    "sent won lost held set cut rose fell shut struck began took made seized fled hit led paid sold bought "
    "brought built drew froze gave kept left met ran sank shot spent stole swore threw went wrote".split()
)


def _past_verbs(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if (w.endswith("ed") and len(w) > 4) or w in _IRREGULAR_PAST}


def _check_plan(claim: Claim, evidence: Evidence) -> tuple[str, str] | None:
    """The claim reports a deed; the evidence only a plan or intention to do it."""
    if "planned" in claim.modality or "hedged" in claim.modality:
        return None
    deeds = _past_verbs(_strip_quotes(claim.text))
    if not deeds:
        return None
    evidence_text = _strip_quotes(evidence.sentence)
    evidence_words = set(re.findall(r"[a-z]+", evidence_text.lower()))
    for match in _PLAN_RE.finditer(evidence_text):
        verb = (match.group(1) or match.group(2) or match.group(4) or "").lower()
        planned = {d for d in deeds if verb and d[:4] == verb[:4]}
        if planned:  # the claim's own deed, planned: unless the evidence also says it was done
            stated = planned & evidence_words
        elif match.group(3):  # "will"/"would" before another verb: not about this deed
            continue
        else:  # an explicit plan word: a plan, unless the evidence states one of the claim's deeds
            stated = deeds & evidence_words
        if not stated:
            return "mentions", f"evidence reports a plan ('{match.group(0)}'), the claim a deed"
    return None


def _check_topic_only(claim: Claim, evidence: Evidence) -> tuple[str, str] | None:
    claim_text, evidence_text = _strip_quotes(claim.text), _strip_quotes(evidence.sentence)
    hedge = _TOPIC_ONLY_RE.search(evidence_text)
    if hedge and not _TOPIC_ONLY_RE.search(claim_text):
        return "mentions", f"evidence only raises or discusses it ('{hedge.group(0)}')"
    return None


def judge_rules(claim: Claim, evidence: Evidence, document: Document, support_threshold: float) -> tuple[str, str]:
    """The rule-based judge: (stance, why)."""
    if evidence.combined < support_threshold:
        return "mentions", "similar wording only"
    before, after = _context(evidence, document)
    if claim.quotes:
        return _check_quote(claim, evidence, before, after) or ("mentions", "")
    for check in (
        lambda: _check_negation(claim, evidence, after),
        lambda: _check_opposites(claim, evidence),
        lambda: _check_numbers(claim, evidence),
        lambda: ("contradicts", c) if (c := _date_conflict(claim.text, evidence.sentence)) else None,
        lambda: _check_entities(claim, evidence),
        lambda: _check_places(claim, document),
        lambda: _check_plan(claim, evidence),
        lambda: _check_topic_only(claim, evidence),
    ):
        verdict = check()
        if verdict:
            return verdict
    return "supports", "states the same fact"


JUDGES: dict[str, Callable[[Claim, Evidence, Document, float], tuple[str, str]]] = {"rules": judge_rules}


def judge(claim: Claim, evidence: Evidence, document: Document, support_threshold: float) -> Evidence:
    """Set ``stance``, ``confidence`` and ``why`` on ``evidence`` and return it."""
    stance, why = judge_rules(claim, evidence, document, support_threshold)
    evidence.stance, evidence.why = stance, why
    evidence.confidence = max(evidence.combined, 0.85) if why.startswith("same quote") else evidence.combined
    return evidence
