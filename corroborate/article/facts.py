"""Normalized facts on a claim, for consistency checks: quantities with units, dates (relative ones resolved
against the article's publication date when known), named entities, and negation/modality.

Rule-based with a small gazetteer: no model is downloaded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..models import DateRef, Entity, Quantity
from ..outlets.registry import names_an_outlet
from .sentences import normalize_quotes

__all__ = ["GAZETTEER", "NUMBER_WORDS", "find_dates", "find_entities", "find_quantities", "modality"]

#: cardinal number words and their values (stance reads compounds such as "two hundred and twelve" from them)
NUMBER_WORDS = {
    **dict(zip("zero one two three four five six seven eight nine ten eleven twelve".split(), range(13), strict=True)),
    **dict(zip("thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), range(13, 20), strict=True)),
    **dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True)),
}
#: number words recognized as quantities in a claim
_WORD_NUMBERS = {
    **{word: value for word, value in NUMBER_WORDS.items() if 1 <= value <= 12},
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_UNITS = (
    r"percent|per cent|%|troops|soldiers|officers|agents|people|migrants|deaths|dead|killed|arrests|"
    r"vessels|boats|strikes|cartels|tons|tonnes|kilograms|kg|pounds|miles|kilometers|km|dollars|pesos|"
    r"days|weeks|months|years|hours|votes|seats|officials|members|countries|states"
)
_QUANTITY = re.compile(
    rf"(?P<cur>[$€£]|US\$|MXN\$?)?\s?(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:{'|'.join(_WORD_NUMBERS)})\b)"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion))?(?:\s?(?P<unit>{_UNITS})\b)?",
    re.I,
)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_DATE = re.compile(
    r"\b(?P<md>(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?)\b"
    r"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<rel>yesterday|today|tonight|this year|last year|this month|last month|last week|this week|next year)\b"
    r"|\b(?P<bare_year>(?:19|20)\d\d)\b",
    re.I,
)

#: a small gazetteer for the beats this tool serves first; everything else is typed by shape
GAZETTEER: dict[str, str] = {
    **{
        p: "PLACE"
        for p in (
            "Mexico",
            "United States",
            "U.S.",
            "US",
            "America",
            "Americas",
            "Venezuela",
            "Caribbean",
            "Pacific",
            "Washington",
            "Mexico City",
            "Texas",
            "California",
            "Arizona",
            "Colombia",
            "Cuba",
            "Canada",
            "China",
            "Western Hemisphere",
            "Latin America",
            "Central America",
            "South America",
            "Sinaloa",
            "Jalisco",
            "Tijuana",
            "Ciudad Juárez",
            "El Paso",
            "San Diego",
            "Caracas",
            "Bogotá",
            "Gulf of Mexico",
        )
    },
    **{
        o: "ORG"
        for o in (
            "CIA",
            "FBI",
            "DEA",
            "Pentagon",
            "White House",
            "Congress",
            "Senate",
            "House",
            "Department of Defense",
            "Defense Department",
            "State Department",
            "Department of State",
            "Justice Department",
            "Navy",
            "Army",
            "Marines",
            "National Guard",
            "Sinaloa Cartel",
            "Jalisco New Generation Cartel",
            "Tren de Aragua",
            "United Nations",
            "UN",
            "OAS",
            "NATO",
            "Trump administration",
            "Foreign Terrorist Organizations",
        )
    },
    **{
        p: "PERSON"
        for p in (
            "Trump",
            "Donald Trump",
            "Sheinbaum",
            "Claudia Sheinbaum",
            "Hegseth",
            "Pete Hegseth",
            "Rubio",
            "Marco Rubio",
            "Maduro",
            "Nicolás Maduro",
            "Jorge Rodríguez",
            "López Obrador",
            "García Harfuch",
        )
    },
}
_TITLES = re.compile(
    r"^(?:(?:Defense|Defence|Foreign|Interior|Finance|Trade|Health|Deputy|Former|Acting|"
    r"Chief|State|Attorney)\s+)?(?:President|Secretary|Minister|Senator|Sen\.|Rep\.|Gen\.|General|Governor|Gov\.|"
    r"Ambassador|Director|Admiral|Mayor|Judge|Dr\.|Mr\.|Mrs\.|Ms\.|Prime Minister|Vice President)\b"
)
_ORG_SUFFIX = re.compile(
    r"\b(?:Department|Ministry|Agency|Council|Party|Committee|Organization|Organizations|"
    r"Cartel|Command|Court|Commission|Administration|Office|Bureau|Guard|Army|Navy|News|"
    r"Times|Post|Press|Herald|Tribune|Journal|Company|Corp|Inc)\b"
)
_CHUNK = re.compile(
    r"(?:[A-Z][\w’'.-]*|U\.S\.)(?:\s+(?:of|de|del|la|los|the|for|y)\s+[A-Z][\w’'.-]*|"
    r"\s+(?:[A-Z][\w’'.-]*|U\.S\.))*"
)
_SENTENCE_START_WORDS = frozenset(
    "The A An This That These Those It He She They We I In On At But And Or So Yet However While As When After "
    "Before If Such His Her Their Our Its According Back Reports Members Officials By".split()
)
_PLANNED = re.compile(
    r"\b(?:plans? to|planning|plans|crafting|preparing|prepares|intends? to|will|is set to|"
    r"are set to|would|proposed|considering|weighing)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:reportedly|according to|reported|said|says|told|citing|claimed|stated|stating|"
    r"declared|declaring|warned|warning)\b",
    re.I,
)
_HEDGED = re.compile(r"\b(?:may|might|could|possibly|perhaps|potentially|likely|unclear|uncertain)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|rejected|refused|not|no|never|false|dismissed)\b|n't\b", re.I)


def _strip_quotes(text: str) -> str:
    return re.sub(r"\"[^\"]*\"", " ", normalize_quotes(text))


def find_quantities(text: str) -> list[Quantity]:
    """Numbers with their unit, scaled ("3.5 million" -> 3500000); quotations excluded; years are dates."""
    found = []
    for m in _QUANTITY.finditer(_strip_quotes(text)):
        raw = m.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", raw) and not m.group("unit") and not m.group("cur"):
            continue  # a year
        if raw.lower() in _WORD_NUMBERS:
            if not m.group("unit"):
                continue  # "one senior official": a count only when a unit follows
            value = float(_WORD_NUMBERS[raw.lower()])
        else:
            value = float(raw.replace(",", ""))
        value *= _SCALES.get((m.group("scale") or "").lower(), 1)
        unit = (m.group("unit") or "").lower() or None
        if unit in ("%", "per cent"):
            unit = "percent"
        if m.group("cur"):
            unit = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}.get(m.group("cur"), "MXN")
        found.append(Quantity(text=m.group(0).strip(), value=value, unit=unit))
    return found


def _parse_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_dates(text: str, published: str | None = None) -> list[DateRef]:
    """Date phrases with an ISO value (day, month or year) when it can be resolved."""
    anchor = _parse_date(published)
    found = []
    for m in _DATE.finditer(text):
        phrase = m.group(0)
        value = None
        if m.group("month"):
            month = _MONTHS[m.group("month").lower()]
            year = int(m.group("year")) if m.group("year") else None
            if year is None and anchor:
                # a bare month names the latest such month not after the publication date
                year = anchor.year if month <= anchor.month else anchor.year - 1
            if year:
                value = f"{year:04d}-{month:02d}" + (f"-{int(m.group('day')):02d}" if m.group("day") else "")
        elif m.group("weekday") and anchor:
            back = (anchor.weekday() - _WEEKDAYS[m.group("weekday").lower()]) % 7
            value = (anchor - dt.timedelta(days=back)).isoformat()
        elif m.group("rel") and anchor:
            rel = m.group("rel").lower()
            value = {
                "yesterday": (anchor - dt.timedelta(days=1)).isoformat(),
                "today": anchor.isoformat(),
                "tonight": anchor.isoformat(),
                "this year": f"{anchor.year}",
                "last year": f"{anchor.year - 1}",
                "next year": f"{anchor.year + 1}",
                "this month": f"{anchor.year}-{anchor.month:02d}",
                "last month": f"{anchor.year - (anchor.month == 1)}-{(anchor.month - 2) % 12 + 1:02d}",
                "this week": (anchor - dt.timedelta(days=anchor.weekday())).isoformat(),
                "last week": (anchor - dt.timedelta(days=anchor.weekday() + 7)).isoformat(),
            }[rel]
        elif m.group("bare_year"):
            value = m.group("bare_year")
        found.append(DateRef(text=phrase, value=value))
    return found


def find_entities(text: str, outlets: set[str] | frozenset[str] = frozenset()) -> list[Entity]:
    """Named people, organizations, places and outlets: gazetteer first, then titles and name shapes."""
    plain = normalize_quotes(re.sub(r"[—–]", " - ", text))
    chunks: list[str] = []
    for m in _CHUNK.finditer(plain):
        chunk = m.group(0).strip()
        chunk = chunk if chunk.endswith("U.S.") else chunk.rstrip(".,")
        words = chunk.split()
        if m.start() == 0 or plain[: m.start()].rstrip().endswith((".", '"', ":")):
            while words and words[0] in _SENTENCE_START_WORDS:
                words = words[1:]
        while words and words[0].islower():
            words = words[1:]
        # "Venezuela's Jorge Rodríguez" is two entities
        chunks.extend(part.strip() for part in re.split(r"['’]s\s+|['’]s$", " ".join(words)) if part.strip())
    found: list[Entity] = []
    seen: set[str] = set()
    for chunk in chunks:
        words = chunk.split()
        if chunk in seen or chunk.lower() in _MONTHS or chunk.lower() in _WEEKDAYS:
            continue
        seen.add(chunk)
        if chunk in outlets or names_an_outlet(chunk):
            kind = "OUTLET"
        elif chunk.isupper() and len(chunk) > 2 and re.search(re.escape(chunk) + r",?\s*\(", plain):
            kind = "PLACE"  # a dateline: "MEXICO CITY (AP) —"
        elif chunk in GAZETTEER:
            kind = GAZETTEER[chunk]
        elif _TITLES.match(chunk):
            kind = "PERSON"
        elif _ORG_SUFFIX.search(chunk):
            kind = "ORG"
        elif (
            any(part in GAZETTEER and GAZETTEER[part] == "PLACE" for part in (words[0], words[-1])) and len(words) <= 2
        ):
            kind = "PLACE"
        elif len(words) in (2, 3) and all(w[:1].isupper() for w in words):
            kind = "PERSON"
        else:
            kind = "OTHER"
        found.append(Entity(text=chunk, type=kind))
    return found


def modality(text: str) -> tuple[list[str], bool]:
    """How the claim is put (``reported``, ``planned``, ``hedged``, ``denied``; else ``asserted``) and whether
    it is negated, judged outside quotations."""
    plain = _strip_quotes(text)
    modes = [
        name
        for name, pattern in (("reported", _REPORTED), ("planned", _PLANNED), ("hedged", _HEDGED), ("denied", _DENIED))
        if pattern.search(plain)
    ]
    negated = "denied" in modes
    return modes or ["asserted"], negated
