"""Claims worth checking: which sentences state verifiable facts, their quotes, speakers and attributions.

Every sentence gets a check-worthiness score in [0, 1] from transparent signals and a reason. Factual signals
(reporting verbs, quotes, attributions, numbers, named entities, event verbs) raise it; opinion and analysis
markers (modal and evaluative words, hedges, rhetorical questions, headings) lower it. Sentences under the
threshold are reported as skipped with their reason, never dropped silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Article, Claim, Quote, Sentence, Skipped
from ..outlets import Registry, names_an_outlet
from ..outlets import attributions as read_attributions
from .facts import find_dates, find_entities, find_quantities, find_times, modality
from .lexicon import MONTHS, RELATIVE_DAYS, WEEKDAYS, cue, guess_language
from .sentences import normalize_quotes, split_sentences

__all__ = [
    "DEFAULT_THRESHOLD",
    "claim_from_text",
    "classify_sentence",
    "extract_claims",
    "find_quotes",
    "split_atomic",
]

DEFAULT_THRESHOLD = 0.5

_REPORTING = (
    r"said|says|stated|stating|states|told|tells|telling|declared|declaring|declares|announced|announcing|"
    r"announces|warned|warning|warns|wrote|writing|writes|posted|posting|added|adding|confirmed|confirming|"
    r"denied|denying|insisted|insisting|argued|claimed|claiming|reported|reporting|reports|noted|noting|"
    r"explained|tweeted|asserted|asserting|acknowledged|testified|testifying|dijo|afirmó|declaró|señaló"
)
_REPORTING_RE = re.compile(rf"\b(?:{_REPORTING})\b", re.I)
#: photo captions, credits and image lines that page extraction keeps: "PHOTO: …", "Christophe Ena/AP", "Anadolu
#: via Getty Images", "(Photo by … / AFP)", "FILE - …", "An infographic of …", "Foto: EFE"
_CAPTION = re.compile(
    r"^\s*(?:photo|photos|foto|fotos|image|imagen|imagem|picture|pictured|file photo|caption|credit|crédit|"
    r"bild|video)\s*[:|–—-]|"
    r"^\s*(?:FILE|ARCHIVO|ARQUIVO)\s*[-–—]\s|"
    r"\bvia Getty Images\b|(?:Agencia|Agência|Agence|Agenzia|Foto|Photo)\s+(?:EFE|AFP|Reuters|AP|ANSA|Lusa|dpa|"
    r"Brasil|France-Presse|[A-Z][\w-]+ Images)\s*$|"
    r"\b(?:Getty Images|Shutterstock|Reuters Pictures|AP Photo|AFP Photo|EPA-EFE)\s*\)?\s*$|"
    r"\((?:photo|foto|image|imagen) (?:by|de|por)\b[^)]*\)|"
    r"^\s*(?:an?|the)\s+(?:infographic|illustration|graphic|map|photo|photograph|image|picture|aerial view|"
    r"screenshot|screen grab|still image|file photo)\s+(?:of|shows|showing)\b|"
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*/\s*(?:AP|AFP|Reuters|EFE|EPA|Getty|dpa|ANSA|Bloomberg|"
    r"Xinhua|Anadolu|[A-Z]{2,6})(?: Photo| Images| via Getty Images)?\.?\s*$|"
    r"^\s*(?:AP|AFP|EPA|Reuters|Getty) (?:Photo|Images)\b",
    re.I,
)
_OPINION_WORDS = re.compile(
    r"\b(?:would|might|could|may|must|should|ought|seems?|seemingly|appears? to|likely|perhaps|arguably|"
    r"suggests?|underscores?|highlights?|signals?|signaling|frames?|risks?|courts|demands|deserves?|"
    r"raises doubts|loom|looms|ultimately|clearly|surely|bold|dramatic|dramatically|significant|firm|"
    r"unyielding|relentless(?:ly)?|zeal|messy|peril|disaster|reckless|shameful|brilliant|absurd|outrageous|"
    r"heavy hand|bulldoz\w+|whispers?|hinting|if confirmed|few would argue|growing unease|deep-seated|"
    r"turning point|thinner|grows? (?:thinner|louder|clearer)|we|our|us|i think|in my view|we believe|stakes)\b",
    re.I,
)
_EVENT_VERBS = re.compile(
    r"\b(?:has|have|had|was|were|is|are)\s+(?:\w+\s+)?(?:\w+ed|been|begun|taken|made|sent|built|held|won|lost|"
    r"underway|crafting|planning|preparing|deploying|training)\b|"
    r"\b(?:deployed?|designat\w+|label\w+|sanction\w+|arrest\w+|killed|seized|approved|signed|launched|"
    r"struck|strikes|raised|permitted|authori[sz]ed|banned|voted|passed|ordered|imposed|opened|closed|"
    r"plans? to|crafting|underway|ramped up|pushed back|doubled down|training|dismantle)\b",
    re.I,
)
#: past events in Spanish, Portuguese and French: a preterite ("informó", "abrieron", "anunciou", "ficaram") or a
#: compound past ("ha confirmado", "foi restabelecida", "a annoncé", "ont été")
_EVENT_VERBS_ROMANCE = re.compile(
    r"\b\w{3,}(?:ó|aron|ieron|yeron|ou|aram|eram|iram)\b|"
    r"\b(?:ha|han|había|habían|fue|fueron|foi|foram|tem|têm|a|ont|avait|avaient|est|sont)\s+"
    r"(?:\w+\s+)?\w{3,}(?:ado|ada|ados|adas|ido|ida|idos|idas|é|ée|és|ées|u|ue|i|is|it)\b"
)
_NUMBER_RE = re.compile(
    r"(?:[$€£]\s?)?\b\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|thousand|troops|people|"
    r"km|miles|tons|kilograms|kg))?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds|"
    r"thousands|millions)\b(?= (?:\w+ )?(?:troops|officials|people|cartels|soldiers|agents|percent|times))",
    re.I,
)
_QUOTE_RE = re.compile(r"\"([^\"]{3,})\"")
_TITLE_WORDS = (
    r"(?:President|Secretary|Minister|Senator|Sen\.|Rep\.|Representative|Gen\.|General|Governor|Gov\.|"
    r"Ambassador|Director|Chief|Admiral|Adm\.|Mayor|Attorney General|Spokesperson|Spokesman|Spokeswoman|"
    r"Foreign Minister|Defense Secretary|Prime Minister|Vice President|Interior Minister|Judge)"
)
_NAME_CHUNK = re.compile(r"(?:[A-Z][\w’'.-]*(?:\s+(?:of|de|del|la|the|for|y)\s+|\s+))*[A-Z][\w’'.-]*", re.U)
_DESCRIPTOR = re.compile(
    r"\b(?:an?|one|two|three|the|another|several)\s+(?:[\w-]+\s+){0,3}?(?:officials?|spokes(?:person|man|woman)|"
    r"sources?|aides?|diplomats?|lawmakers?|analysts?|residents?|officers?|agents?)\b",
    re.I,
)
_CHANNEL_RE = re.compile(
    r"\b(?:on (?:X|Twitter|Facebook|Instagram|Truth Social|Telegram|television|TV|radio)|"
    r"(?:told|telling) [A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,2}|in an? (?:press conference|news conference|"
    r"statement|interview|speech|post|briefing|letter|memo)|during (?:an? |the |her |his )?[\w ]{0,30}?"
    r"(?:press conference|briefing|hearing|interview|speech))"
)
_TIME_RE = re.compile(
    r"\b(?:(?:in|on|last|this|since|during|by|early|late) (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|spring|summer|fall|autumn|winter)(?: \d{1,2})?(?:,? \d{4})?|yesterday|today|"
    r"(?:on|in) \d{4})\b"
)
_STOP_CAPS = frozenset(
    """The A An This That These Those It He She They We I In On At But And Or So Yet However Meanwhile Back
    While As When After Before If Such His Her Their Our Its According Reports Mexico's""".split()
)
_MONTHS = frozenset("January February March April May June July August September October November December".split())
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_PLATFORMS = frozenset({"X", "Twitter", "Facebook", "Instagram", "Telegram", "Truth Social"})


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


#: the longest run of text read as one sentence; a longer one is skipped as "not one sentence"
MAX_SENTENCE_CHARS = 3000
#: characters read on each side of a quotation for its speaker, channel and time
QUOTE_CONTEXT = 300


def find_quotes(sentence: str, outlets: Iterable[str] = ()) -> list[Quote]:
    """Direct quotes in ``sentence`` with their speaker, channel and time phrase when stated."""
    text = normalize_quotes(sentence)
    quotes = []
    for match in _QUOTE_RE.finditer(text):
        words = match.group(1).strip().rstrip(",")
        if len(words.split()) < 3:
            continue  # scare quotes around a term are not a quotation
        # the speaker, channel and time of a quote sit next to it; a bounded window keeps this linear in the text
        before, after = text[max(0, match.start() - QUOTE_CONTEXT) : match.start()], text[match.end() :][:QUOTE_CONTEXT]
        speaker = _speaker(before, after, set(outlets))
        channel = _first(_CHANNEL_RE, before) or _first(_CHANNEL_RE, after)
        when = _first(_TIME_RE, before) or _first(_TIME_RE, after)
        quotes.append(Quote(text=words, speaker=speaker, channel=channel, when=when))
    return quotes


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def _speaker(before: str, after: str, outlets: set[str]) -> str | None:
    # '"...," said Pete Hegseth' / '"...," Hegseth said'
    trailing = re.match(
        rf"\s*,?\s*(?:(?:{_REPORTING})\s+(?P<a>{_NAME_CHUNK.pattern})|(?P<b>{_NAME_CHUNK.pattern})"
        rf"\s+(?:{_REPORTING}))",
        after,
    )
    # '"...," opposition leader Marta Salcedo said': a lowercase description, then the name
    described_name = re.match(
        rf"\s*,?\s*(?:(?:the|a|an)\s+)?(?:[a-z][\w'’-]*\s+){{1,3}}(?P<n>{_NAME_CHUNK.pattern})\s+(?:{_REPORTING})\b",
        after,
    )
    # '"...," the harbor master told ...' / '"...," said a union representative': a short noun phrase
    described = re.match(
        rf"\s*,?\s*(?:the|a|an|one)\s+(?P<d>(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+)\s+(?:{_REPORTING})\b", after, re.I
    ) or re.match(
        rf"\s*,?\s*(?:{_REPORTING})\s+(?:the|a|an|one)\s+"
        r"(?P<d>[\w'’-]+(?:\s+(?!(?:at|in|of|on|from|for|with|who|and)\b)[\w'’-]+){0,2})",
        after,
    )
    verb = ([None, *_REPORTING_RE.finditer(before)])[-1]
    if verb is None and described_name and _clean_name(described_name.group("n"), outlets):
        return _clean_name(described_name.group("n"), outlets)
    if verb is None and described:
        return described.group("d")
    if verb is None and trailing:
        return _clean_name(trailing.group("a") or trailing.group("b"), outlets)
    prefix = before[: verb.start()] if verb else before
    descriptor = ([None, *_DESCRIPTOR.finditer(prefix)])[-1]
    names = [m for m in _NAME_CHUNK.finditer(prefix) if _clean_name(m.group(0), outlets)]
    name = names[-1] if names else None
    if descriptor and (not name or descriptor.end() > name.end()):
        return re.sub(r"^(?:an?|one|the|another)\s+", "", descriptor.group(0), flags=re.I)
    if name:
        return _clean_name(name.group(0), outlets)
    if trailing:
        return _clean_name(trailing.group("a") or trailing.group("b"), outlets)
    return None


def _clean_name(chunk: str, outlets: set[str]) -> str | None:
    words = chunk.strip().split()
    # "Venezuela's Jorge Rodríguez" -> "Jorge Rodríguez"
    for i, word in enumerate(words[:-1]):
        if word.endswith(("'s", "’s")):
            words = words[i + 1 :]
            break
    while words and (words[0] in _STOP_CAPS or words[0].lower() in ("of", "de", "the")):
        words = words[1:]
    while words and words[-1].lower() in ("of", "de", "the", "y"):
        words = words[:-1]
    if not words:
        return None
    name = " ".join(words).rstrip(",.")
    if name in _MONTHS or name in _WEEKDAYS or name in _PLATFORMS or name in outlets or len(name) < 2:
        return None
    if names_an_outlet(name):  # a wire or outlet that reports the quote is not its speaker
        return None
    return name


def classify_sentence(text: str, *, heading: bool = False, language: str | None = None) -> tuple[float, str]:
    """Check-worthiness score in [0, 1] and the main reason for it.

    ``language`` (en, es, fr, pt, de, it) picks the cues to read; by default it is guessed from the sentence.
    """
    verdict = _classify(text, heading=heading, language=language)
    return verdict.score, verdict.reason


@dataclass(slots=True, frozen=True)
class _Verdict:
    score: float
    reason: str
    code: str  # the skip code when the score is under the threshold (models.SKIP_CODES)
    hedged: bool = False


#: the words of another language that cite a source ("según", "selon", "laut" …): the reader's cues, as a test
_ACCORDING = re.compile(
    r"\b(?:according to|citing|según|de acuerdo con|selon|d'après|segundo|de acordo com|conforme|laut|zufolge|"
    r"nach Angaben|secondo|stando a)\b",
    re.I,
)
#: page furniture with a link: "Estadão Conteúdo https://… 09/08/2024 - 18:30 Para compartilhar:"
_LINK_LINE = re.compile(r"https?://|www\.\w", re.I)
#: German articles and prepositions fused with them: the capitalized word after one is a noun, not a name
_DE_DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines kein keine keinen im am zum zur vom beim ins ans
    aufs seinem seiner seine seinen ihrem ihrer ihre ihren mein meine unser unsere jeder jede jedes alle viele
    mehrere einige dieser diese dieses diesem diesen""".split()
)
_WEEKDAY_OR_MONTH = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, {*WEEKDAYS, *MONTHS, *RELATIVE_DAYS}), key=len, reverse=True)) + r")\b",
    re.I,
)


def _classify(text: str, *, heading: bool = False, language: str | None = None) -> _Verdict:
    plain = normalize_quotes(text)
    if _CAPTION.search(plain):
        return _Verdict(0.04, "photo caption or credit", "caption")
    if heading:
        return _Verdict(0.02, "heading", "heading")
    quoted = bool(re.search(r"\"[^\"]{8,}\"", plain))
    outside = _QUOTE_RE.sub(" ", plain)  # judge opinion words outside quotations only
    if plain.rstrip().endswith("?") and not quoted:
        return _Verdict(0.05, "question", "question")
    words = outside.split()
    if len(words) < 4 and not quoted:
        return _Verdict(0.1, "fragment", "fragment")
    if re.match(r"^(?:by|photo|image|credit|subscribe|sign up|share|follow us|click|read more)\b", outside, re.I):
        return _Verdict(0.05, "byline or call to action", "byline")
    if _LINK_LINE.search(outside) and (re.search(r"\d\d/\d\d/\d{4}", outside) or outside.rstrip().endswith(":")):
        return _Verdict(0.05, "byline or link", "byline")
    if quoted and not outside.strip(" .,;:!?-'"):
        # a quotation standing alone continues a speaker's words; it is checked with the sentence that names them
        return _Verdict(0.2, "quotation without a speaker", "quote_without_speaker")
    lang = language or guess_language(plain)

    score = -0.6
    reasons: list[str] = []
    # "each reported plan": "reported" as an adjective is not a reporting verb
    reporting = bool(
        _REPORTING_RE.search(
            re.sub(r"\b(?:a|an|the|each|every|its|their)\s+report(?:ed|s)\b", " ", outside, flags=re.I)
        )
    ) or bool(cue("reporting", lang).search(outside))
    attribution = bool(read_attributions(outside)) or bool(_ACCORDING.search(outside))
    counts = cue("count", lang).search(outside)
    numbers = bool(_NUMBER_RE.search(outside)) or bool(counts)
    times = bool(cue("time", lang).search(outside)) or bool(_WEEKDAY_OR_MONTH.search(outside))
    events = len(_EVENT_VERBS.findall(outside)) + len(cue("event", lang).findall(outside))
    if lang in ("es", "pt", "fr"):
        events += len(_EVENT_VERBS_ROMANCE.findall(outside))
    unknown = bool(cue("unknown", lang).search(outside))
    hedges = list(cue("hedge", lang).finditer(outside))
    caps = [
        w
        for i, w in enumerate(words[1:], start=1)
        if w[:1].isupper()
        and w.strip(",.;:") not in _STOP_CAPS
        and not (lang == "de" and words[i - 1].lower().strip(",.;:") in _DE_DETERMINERS)
    ]
    # an account of what happened, hedged or reported: the hedge marks it, it does not make it opinion
    account = bool(attribution or reporting or events or numbers or times or unknown)
    hedged = bool(hedges and account) or unknown
    judged = outside
    if hedges and account:
        for m in reversed(hedges):
            judged = judged[: m.start()] + " " * (m.end() - m.start()) + judged[m.end() :]
    # A trailing participle clause (", signaling a hardline stance") is commentary on the main clause:
    # its opinion words count less, so mixed sentences keep their factual part.
    main, _, tail = judged.partition(", ") if re.search(r", \w+ing\b", judged) else (judged, "", "")
    if tail and not re.match(r"\w+ing\b", tail):
        main, tail = judged, ""
    # modals inside "whether ..." report an open question, not the writer's speculation
    unwhethered = re.sub(r"\bwhether\b[^,.;]*", " ", main)
    opinion = _OPINION_WORDS.findall(unwhethered) + cue("opinion", lang).findall(unwhethered)
    if hedges and not account:
        opinion += [m.group(0) for m in hedges]  # the writer's own speculation
    tail_opinion = _OPINION_WORDS.findall(tail)
    if quoted and reporting:
        score += 2.6
        reasons.append("quote")
    elif quoted:
        score += 1.2
    if attribution:
        score += 1.8
        reasons.append("attribution")
    elif reporting:
        score += 1.0
        reasons.append("reported statement")
    if numbers:
        score += 0.7
        reasons.append("number")
    if times:
        score += 0.6
        reasons.append("time")
    if events:
        score += 0.9 + 0.3 * min(events - 1, 2)
        reasons.append("event")
    if unknown:
        # what is not known about an event that happened (its cause, toll, the exact number) is a claim about
        # what is known; "the timing of any operation remains unclear" is not
        about_event = bool(cue("unknown_subject", lang).search(outside)) or events or numbers or times or caps
        score += 0.9 if about_event else 0.3
        reasons.append("what is not known")
    elif hedged:
        score += 0.4
        reasons.append("hedged account")
    score += 0.35 * min(len(caps), 4)
    if caps:
        reasons.append("named entities")
    if opinion:
        score -= 1.0 + 0.6 * (len(opinion) - 1)
    score -= 0.4 * len(tail_opinion)
    opinion = opinion + tail_opinion
    commentary = re.match(r"^(?:such|this|these|her|his|their|its)\s+\w+", outside, re.I)
    if commentary and not (attribution or quoted or events):
        score -= 0.8  # "Such statements suggest...", "Her words underscore...": commentary on earlier facts
    probability = _sigmoid(score)
    if probability >= DEFAULT_THRESHOLD:
        return _Verdict(probability, ", ".join(reasons) or "factual statement", "", hedged)
    if opinion:
        found = ", ".join(sorted({o.lower() for o in opinion})[:3])
        return _Verdict(probability, f"opinion/analysis ({found})", "opinion", hedged)
    return _Verdict(probability, "no verifiable content", "no_fact", hedged)


def _kind(quotes: list[Quote], attributions: list[str], quantities: list) -> str:
    if quotes:
        return "quote"
    if attributions:
        return "attribution"
    if quantities:
        return "statistic"
    return "event"


_AUX = r"(?:has|have|had|is|are|was|were|will|would|did)"
_PARTICIPLE = (
    r"(?:\w+(?:ed|en|wn|un|ung|ught|ent|ade|id|lt|pt|ft|ound|ept)|"
    r"begun|made|sent|built|held|won|lost|put|set|cut)"
)
_VP_COORD = re.compile(
    rf"^(?P<subj>.+?\b{_AUX}\s+(?:also\s+|already\s+)?)(?P<vp1>{_PARTICIPLE}\b.+?)"
    rf"\s+and\s+(?:has\s+|have\s+|had\s+)?(?P<vp2>{_PARTICIPLE}\b.+)$"
)
_FINITE = re.compile(rf"\b(?:{_AUX}|said|says|\w+ed)\b", re.I)
_LEAD_SUBORDINATE = re.compile(r"^(?:While|Although|Though|Even as|As)\s+(?P<sub>[^,]+),\s+(?P<main>.+)$")


def split_atomic(sentence: str, language: str = "en") -> list[tuple[str, int, int]]:
    """Separately checkable parts of a compound sentence: (text, start, end) with offsets into ``sentence``.

    "Mexico has ramped up its border enforcement and permitted expanded CIA surveillance" becomes
    "Mexico has ramped up its border enforcement" and "Mexico has permitted expanded CIA surveillance"; in every
    language, two clauses with their own verbs joined by ", and" (", y", ", et", ", e", ", und") or ";" are two
    claims. Sentences with a quotation stay whole: a quote is checked as one unit with its speaker.
    """
    if _QUOTE_RE.search(normalize_quotes(sentence)):
        return [(sentence, 0, len(sentence))]
    parts: list[tuple[str, int, int]] = []
    lead = _LEAD_SUBORDINATE.match(sentence)
    clauses = (
        [(lead.group("sub"), lead.start("sub")), (lead.group("main"), lead.start("main"))]
        if lead
        else _coordinated_clauses(sentence, language)
    )
    for clause, offset in clauses:
        body = clause.rstrip(" .;")
        vp = _VP_COORD.match(body)
        if vp and len(vp.group("vp1").split()) >= 2 and len(vp.group("vp2").split()) >= 2:
            subject = vp.group("subj")
            first = f"{subject}{vp.group('vp1')}"
            second = f"{subject}{vp.group('vp2')}"
            parts.append((_sentence_case(first), offset, offset + vp.end("vp1")))
            parts.append((_sentence_case(second), offset + vp.start("vp2"), offset + len(body)))
        else:
            parts.append((_sentence_case(body), offset, offset + len(body)))
    return parts if len(parts) > 1 else [(sentence, 0, len(sentence))]


def _coordinated_clauses(sentence: str, language: str = "en") -> list[tuple[str, int]]:
    """Split ", and"/", but"/"; " (and the same words of the other five languages) between two clauses that each
    have a subject and a finite verb."""
    for match in _CONJUNCTION.finditer(sentence):
        left, right = sentence[: match.start()], sentence[match.end() :]
        if len(left.split()) < 4 or len(right.split()) < 4:
            continue
        if language == "en":
            both = _FINITE.search(left) and re.match(r"\w+\s+(?:\w+\s+){0,3}?" + _FINITE.pattern, right, re.I)
        else:
            # a verb inside an aside ("las autoridades, que llegaron tarde, y los vecinos…") is not the clause's
            main = _RELATIVE.sub(" ", left)
            both = _finite(main, language) and _finite(right, language)
        if both:
            return [(left, 0), (right, match.end())]
    return [(sentence, 0)]


_RELATIVE = re.compile(
    r",\s+(?:que|qui|quien|quienes|donde|où|onde|cuyo|cuya|dont|che|cui|dove|der|die|das|dass|wo|which|who|"
    r"where|that)\b[^,]*",
    re.I,
)
_CONJUNCTION = re.compile(r"(?:,\s+(?:and|but|y|pero|et|mais|e|mas|und|aber|ed|ma)|;)\s+")


def _finite(text: str, language: str) -> bool:
    """Whether ``text`` has a verb that tells a past event or a report in ``language``."""
    return bool(
        cue("event", language).search(text)
        or cue("reporting", language).search(text)
        or (language in ("es", "pt", "fr") and _EVENT_VERBS_ROMANCE.search(text))
    )


def _sentence_case(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def claim_from_text(
    text: str,
    *,
    claim_id: str = "c1",
    published: str | None = None,
    outlets: Iterable[str] = (),
    registry: Registry | None = None,
) -> Claim:
    """A claim for ``text`` as given (no check-worthiness filter, no splitting), with its quotes and facts."""
    outlets = list(outlets)
    language = guess_language(text)
    verdict = _classify(text, language=language)
    quantities = find_quantities(text, language)
    quotes = find_quotes(text, outlets)
    attributions = read_attributions(normalize_quotes(text), registry, outlets=outlets)
    modes, negated = modality(text, language)
    return Claim(
        id=claim_id,
        sentence=1,
        span=(0, len(text)),
        text=text,
        kind=_kind(quotes, attributions, quantities),
        checkworthy=round(verdict.score, 3),
        reason=verdict.reason,
        source=text,
        quotes=quotes,
        attributed_to=attributions,
        quantities=quantities,
        dates=find_dates(text, published, language) + find_times(text),
        entities=find_entities(text, frozenset(outlets), language),
        modality=modes,
        negated=negated,
        hedged=verdict.hedged or "hedged" in modes,
    )


#: the most words a headline, dek or title line runs to; a longer unpunctuated line is read as text
HEADLINE_WORDS = 24
_CLOSED = re.compile(r"[.!…][\"'”’»)\]]*$")


def _headlines(sentences: list[Sentence]) -> set[int]:
    """Indexes of headline and title lines: a line of its own before other lines, with no closing period, and
    short, after a line that ended and before one that starts a sentence (so that the lines of hard-wrapped
    text are not taken for headlines)."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    paragraphs = sorted(by_paragraph)
    found = set()
    for i, p in enumerate(paragraphs):
        alone = by_paragraph[p]
        if len(alone) != 1 or i == len(paragraphs) - 1:
            continue
        line = alone[0].text.strip()
        if _CLOSED.search(line) or len(line.split()) > HEADLINE_WORDS:
            continue
        before = by_paragraph[paragraphs[i - 1]][-1] if i else None
        after = by_paragraph[paragraphs[i + 1]][0].text
        if after.lstrip("\"'“‘«(")[:1].islower() and len(after.split()) >= 5:
            continue  # the next line goes on with the same sentence
        if before is None or before.heading or before.index in found or re.search(r"[.!?…:;\"'”’»)\]]$", before.text):
            found.add(alone[0].index)
    return found


def extract_claims(
    article: Article,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    outlets: Iterable[str] = (),
    registry: Registry | None = None,
) -> tuple[list[Claim], list[Skipped]]:
    """Split the article into sentences, keep the check-worthy ones, and split compound ones into atomic claims.

    Each claim carries its quotes (with speaker, channel and time), attributions, and normalized facts:
    quantities, dates and times resolved against ``article.published``, entities, and modality/negation. The
    article's language (en, es, fr, pt, de, it) is guessed once from its text and picks the cues read.
    """
    outlets = list(outlets)
    outlet_set = frozenset(outlets)
    language = guess_language(article.text)
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    sentences = split_sentences(article.text)
    headlines = _headlines(sentences)
    for sentence in sentences:
        if sentence.window or len(sentence.text) > MAX_SENTENCE_CHARS:
            # no real sentence is this long (a table, a pasted dump, an unclosed quotation): not a claim
            skipped.append(
                Skipped(
                    sentence.index,
                    sentence.text[:MAX_SENTENCE_CHARS] + "…",
                    "not one sentence",
                    0.0,
                    "not_one_sentence",
                )
            )
            continue
        verdict = _classify(sentence.text, heading=sentence.heading or sentence.index in headlines, language=language)
        if verdict.score < threshold:
            skipped.append(
                Skipped(sentence.index, sentence.text, verdict.reason, round(verdict.score, 3), verdict.code)
            )
            continue
        quotes = find_quotes(sentence.text, outlets)
        attributions = read_attributions(normalize_quotes(sentence.text), registry, outlets=outlets)
        atoms = split_atomic(sentence.text, language)
        if len(atoms) > 1:
            verdicts = [_classify(text, language=language) for text, _, _ in atoms]
            kept = [(a, v) for a, v in zip(atoms, verdicts, strict=True) if v.score >= threshold]
            # the opinion half of a mixed sentence goes; when no half stands alone ("some of the injured are
            # foreigners, but their number is not known") the sentence is checked whole
            atoms_verdicts = kept or [((sentence.text, 0, len(sentence.text)), verdict)]
            atoms = [a for a, _ in atoms_verdicts]
        else:
            atoms_verdicts = [(atoms[0], verdict)]
        for (text, start, end), atom in atoms_verdicts:
            quantities = find_quantities(text, language)
            modes, negated = modality(text, language)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    sentence=sentence.index,
                    span=(sentence.start + start, sentence.start + end),
                    text=text,
                    kind=_kind(quotes, attributions, quantities),
                    checkworthy=round(atom.score, 3),
                    reason=atom.reason,
                    source=sentence.text,
                    quotes=quotes,
                    attributed_to=attributions
                    if len(atoms) == 1
                    else read_attributions(normalize_quotes(text), registry, outlets=outlets),
                    quantities=quantities,
                    dates=find_dates(text, article.published, language) + find_times(text),
                    entities=find_entities(text, outlet_set, language),
                    modality=modes,
                    negated=negated,
                    hedged=atom.hedged or verdict.hedged or "hedged" in modes,
                )
            )
    return claims, skipped
