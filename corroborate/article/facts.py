"""Normalized facts on a claim, for consistency checks: quantities with units, dates (relative ones resolved
against the article's publication date when known), named entities, and negation/modality.

Rule-based with a small gazetteer: no model is downloaded.
"""

from __future__ import annotations

import datetime as dt
import re

from ..models import DateRef, Entity, Quantity
from ..outlets.registry import names_an_outlet
from .lexicon import BOUNDS, COLLECTIVES, MONTHS, RELATIVE_DAYS, WEEKDAYS, cue, guess_language
from .lexicon import NUMBER_WORDS as NUMBER_WORDS_BY_LANGUAGE
from .sentences import normalize_quotes

__all__ = ["GAZETTEER", "NUMBER_WORDS", "find_dates", "find_entities", "find_quantities", "find_times", "modality"]

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


#: unit words of the six languages and the unit each is recorded as
_UNIT_WORDS: dict[str, str] = {
    **{w: "people" for w in "personas personnes pessoas menschen personen persone".split()},
    **{
        w: "dead"
        for w in "muertos fallecidos morts décès mortos óbitos tote todesopfer morti vittime víctimas victimes "
        "vítimas opfer victims".split()
    },
    **{w: "injured" for w in "injured wounded heridos blessés feridos verletzte feriti".split()},
    **{w: "missing" for w in "desaparecidos disparus vermisste dispersi".split()},
    **{w: "children" for w in "children niños enfants crianças kinder bambini".split()},
    **{w: "passengers" for w in "passengers pasajeros passagers passageiros passagiere passeggeri".split()},
    **{w: "crew" for w in "tripulantes tripulants besatzungsmitglieder".split()},
    **{
        w: "survivors"
        for w in "survivors supervivientes sobrevivientes survivants sobreviventes überlebende superstiti".split()
    },
    **{w: "meters" for w in "m meters metres metros mètres meter metri".split()},
    **{w: "km" for w in "kilómetros kilomètres quilômetros quilómetros kilometer chilometri".split()},
    **{w: "hours" for w in "horas heures stunden ore".split()},
    **{w: "minutes" for w in "minutes minutos minuten minuti".split()},
    **{w: "days" for w in "días jours dias tage giorni".split()},
    **{w: "years" for w in "años ans anos jahre anni".split()},
    **{w: "percent" for w in "prozent".split()},
    **{w: "EUR" for w in "euros euro".split()},
}
_UNIT_PHRASES = {"por ciento": "percent", "pour cent": "percent", "por cento": "percent", "per cento": "percent"}
_SCALE_WORDS = {
    **_SCALES,
    **dict.fromkeys("millón millones million millions milhão milhões millionen mio. milione milioni".split(), 1e6),
    **dict.fromkeys("milliard milliards bilhão bilhões milliarde milliarden mrd. miliardo miliardi".split(), 1e9),
    "mil": 1e3,
}
_ANY_UNIT = "|".join(
    sorted({*map(re.escape, _UNIT_WORDS), *map(re.escape, _UNIT_PHRASES), *_UNITS.split("|")}, key=len, reverse=True)
)
_DIGITS = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_CONNECT = r"(?:\s(?:de|of|di|d'|d’)\s?|\s)?"
#: a time of day or a numeric date, masked before quantities are read (18:05, 18h05, 03/09, 19.30 Uhr)
_CLOCKISH = re.compile(
    r"\b\d{1,2}(?::\d\d|h\d\d|h\b)|\b\d{1,2}[.:]\d\d\s?Uhr|\b\d{1,2}\s?Uhr|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|"
    r"\b\d{1,2}(?:er|º|°|\.)?\s(?:de\s)?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b",
    re.I,
)


def _number(raw: str, language: str) -> float:
    """A figure as written in ``language``: "2,719" and "2.5" in English; "32.000" and "1,5" elsewhere."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", raw):
        raw = raw.replace(" ", "")
    if language == "en":
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw) or "," in raw:
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", ""))


def _quantity_pattern(language: str) -> re.Pattern[str]:
    collectives = COLLECTIVES.get(language, {})
    words = {
        w: v for w, v in {**_WORD_NUMBERS, **NUMBER_WORDS_BY_LANGUAGE.get(language, {})}.items() if w not in collectives
    }
    bounds = BOUNDS.get(language, {}) | (BOUNDS["en"] if language != "en" else {})
    alt = lambda items: "|".join(sorted(map(re.escape, items), key=len, reverse=True))  # noqa: E731
    return re.compile(
        rf"(?:(?P<bound>{alt(bounds)})\s+)?(?:(?:une?|uma?|una?|des|de|algumas|alguns|unas|unos|some)\s+)?"
        rf"(?P<cur>[$€£]|US\$|R\$|MXN\$?)?\s?(?P<num>{_DIGITS}|\b(?:{alt(words)})\b|\b(?P<coll>{alt(collectives)})\b)"
        rf"(?:\s?(?P<scale>{alt(_SCALE_WORDS)})(?![\w.]))?(?:{_CONNECT}(?P<unit>{_ANY_UNIT})(?![\w/]))?",
        re.I,
    )


_QUANTITY_PATTERNS: dict[str, re.Pattern[str]] = {}


def find_quantities(text: str, language: str | None = None) -> list[Quantity]:
    """Numbers with their unit, scaled ("3.5 million" -> 3500000), and bounded ("pelo menos 15", "mehr als 100",
    "une quarantaine"); in figures as the language writes them ("32.000" is 32000 outside English) or in words.
    Quotations excluded; years are dates, and times of day and dates are not quantities."""
    lang = language or guess_language(text)
    if lang not in _QUANTITY_PATTERNS:
        _QUANTITY_PATTERNS[lang] = _quantity_pattern(lang)
    plain = _CLOCKISH.sub(lambda m: " " * len(m.group(0)), _strip_quotes(text))
    words = {**_WORD_NUMBERS, **NUMBER_WORDS_BY_LANGUAGE.get(lang, {})}
    collectives = {k.lower(): v for k, v in COLLECTIVES.get(lang, {}).items()}
    bounds = {k.lower(): v for k, v in (BOUNDS.get(lang, {}) | (BOUNDS["en"] if lang != "en" else {})).items()}
    found = []
    for m in _QUANTITY_PATTERNS[lang].finditer(plain):
        raw = m.group("num")
        unit = (m.group("unit") or "").lower() or None
        if re.fullmatch(r"(?:19|20)\d\d", raw) and not unit and not m.group("cur"):
            continue  # a year
        bound = bounds.get((m.group("bound") or "").lower())
        if m.group("coll"):
            value = float(collectives[raw.lower()])
            bound = bound or "about"
        elif raw.lower() in words:
            if not unit:
                continue  # "one senior official", "dos" before any noun: a count only when a unit follows
            value = float(words[raw.lower()])
        else:
            value = _number(raw, lang)
        value *= _SCALE_WORDS.get((m.group("scale") or "").lower(), 1)
        if unit in ("%", "per cent"):
            unit = "percent"
        unit = _UNIT_PHRASES.get(unit or "", _UNIT_WORDS.get(unit or "", unit))
        if m.group("cur"):
            unit = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "R$": "BRL"}.get(m.group("cur"), "MXN")
        found.append(Quantity(text=m.group(0).strip(), value=value, unit=unit, bound=bound))
    return found


def _parse_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


_MONTH_ALT = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
_RELATIVE_ALT = "|".join(sorted(map(re.escape, RELATIVE_DAYS), key=len, reverse=True))
_DATE = re.compile(
    rf"(?<!\w)(?P<dm>(?P<d_day>\d{{1,2}})(?:er|º|°|\.)?\s(?:de\s)?(?P<d_month>{_MONTH_ALT})"
    rf"(?:,?\s(?:de\s|del\s)?(?P<d_year>(?:19|20)\d\d))?)(?!\w)"
    rf"|(?<!\w)(?P<md>(?P<month>{_MONTH_ALT})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))?"
    rf"(?:,?\s+(?:de\s|del\s)?(?P<year>(?:19|20)\d\d))?)(?!\w)"
    r"|(?<![\w/])(?P<num_a>\d{1,2})/(?P<num_b>\d{1,2})(?:/(?P<num_y>\d{4}|\d{2}))?(?![\w/])"
    rf"|(?<!\w)(?P<weekday>{_WEEKDAY_ALT})(?:,?\s(?P<wd_day>\d{{1,2}})(?![\d:.h/])(?!\.?\s(?:de\s)?(?:{_MONTH_ALT})))?(?!\w)"
    rf"|(?<!\w)(?P<rel>this year|last year|this month|last month|last week|this week|next year|{_RELATIVE_ALT})(?!\w)"
    r"|\b(?P<bare_year>(?:19|20)\d\d)\b",
    re.I,
)


def _latest(anchor: dt.date | None, month: int, day: int | None = None) -> int | None:
    """The year of the latest such month (and day) not after the publication date."""
    if anchor is None:
        return None
    return anchor.year if (month, day or 1) <= (anchor.month, anchor.day) else anchor.year - 1


def find_dates(text: str, published: str | None = None, language: str | None = None) -> list[DateRef]:
    """Date phrases with an ISO value (day, month or year) when it can be resolved: month and weekday names
    and relative days in the six languages ("29 de octubre", "samedi 14 décembre", "quarta-feira (03/09)",
    "gestern"), numeric dates day first outside English ("03/09" is 3 September in Portuguese)."""
    anchor = _parse_date(published)
    lang = language or guess_language(text)
    found = []
    for m in _DATE.finditer(text):
        phrase = m.group(0)
        value = None
        if m.group("dm"):
            month, day = MONTHS[m.group("d_month").lower()], int(m.group("d_day"))
            year = int(m.group("d_year")) if m.group("d_year") else _latest(anchor, month, day)
            if 1 <= day <= 31 and year:
                value = f"{year:04d}-{month:02d}-{day:02d}"
        elif m.group("md"):
            month = MONTHS[m.group("month").lower()]
            if lang != "en" and m.group("month").lower() in ("may", "mar", "mai") and not m.group("day"):
                continue  # "may", "mar" (sea), "mai" (never) are words of their own outside a date
            year = int(m.group("year")) if m.group("year") else _latest(anchor, month)
            if year:
                value = f"{year:04d}-{month:02d}" + (f"-{int(m.group('day')):02d}" if m.group("day") else "")
        elif m.group("num_a"):
            a, b = int(m.group("num_a")), int(m.group("num_b"))
            month, day = (a, b) if lang == "en" else (b, a)
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            year = m.group("num_y")
            year = (int(year) + 2000 if len(year) == 2 else int(year)) if year else _latest(anchor, month, day)
            value = f"{year:04d}-{month:02d}-{day:02d}" if year else None
        elif m.group("weekday"):
            if anchor and m.group("wd_day"):  # "sexta-feira, 9": the 9th, in the month of the date or before
                day = int(m.group("wd_day"))
                month, year = anchor.month, anchor.year
                if day > anchor.day:
                    month, year = (12, year - 1) if month == 1 else (month - 1, year)
                value = f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
            elif anchor:
                back = (anchor.weekday() - WEEKDAYS[m.group("weekday").lower()]) % 7
                value = (anchor - dt.timedelta(days=back)).isoformat()
        elif m.group("rel") and anchor:
            rel = m.group("rel").lower()
            if rel in RELATIVE_DAYS:
                value = (anchor + dt.timedelta(days=RELATIVE_DAYS[rel])).isoformat()
            else:
                value = {
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


_HOUR_WORDS = {
    **dict(zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13), strict=True)),
    **dict(zip("una dos tres cuatro cinco seis siete ocho nueve diez once doce".split(), range(1, 13), strict=True)),
    **dict(zip("une deux trois quatre cinq six sept huit neuf dix onze douze".split(), range(1, 13), strict=True)),
    **dict(zip("uma duas três quatro cinco seis sete oito nove dez onze doze".split(), range(1, 13), strict=True)),
    **dict(zip("eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split(), range(1, 13), strict=True)),
    **dict(
        zip("l'una due tre quattro cinque sei sette otto nove dieci undici dodici".split(), range(1, 13), strict=True)
    ),
}
_HOUR_ALT = "|".join(sorted(map(re.escape, _HOUR_WORDS), key=len, reverse=True))
_EVENING = (
    r"(?P<pm>p\.?m\.?|in the (?:evening|afternoon)|at night|de la (?:tarde|noche)|du soir|de l'après-midi|"
    r"da (?:tarde|noite)|abends|nachmittags|della sera|del pomeriggio|di sera)"
)
_MORNING = (
    r"(?P<am>a\.?m\.?|in the morning|de la (?:mañana|madrugada)|du matin|da (?:manhã|madrugada)|morgens|"
    r"früh|del mattino|di mattina|della notte)"
)
_HALF = r"(?:and a half|y media|et demie|e meia|e mezz[ao])"
_DURATION_UNIT = {
    "hour": "H",
    "hours": "H",
    "hora": "H",
    "horas": "H",
    "heure": "H",
    "heures": "H",
    "stunde": "H",
    "stunden": "H",
    "ora": "H",
    "ore": "H",
    "minute": "M",
    "minutes": "M",
    "minuto": "M",
    "minutos": "M",
    "minuten": "M",
    "minuti": "M",
}
_ONE = r"(?:an|one|una|une|uma|eine|un'|un)"
_TIME = re.compile(
    # 18h05, 1h30, 13h20, 18h: French and Portuguese clock times
    r"(?<![\w/])(?P<fh>\d{1,2})\s?h\s?(?P<fm>\d\d)?(?![\w])"
    # 18:05, 8:47 pm, 19.30 Uhr, 19 Uhr
    r"|(?<![\w/:.])(?P<ch>\d{1,2})[:.](?P<cm>\d\d)(?![\d/])(?:\s?(?:Uhr|horas?|heures?|ore))?(?:\s?"
    + _EVENING
    + r"|\s?"
    + _MORNING.replace("(?P<am>", "(?P<am2>")
    + r")?"
    r"|(?<!\w)(?P<uh>\d{1,2})\s?Uhr"
    # "about an hour and a half", "une heure et demie", "uma hora e meia", "anderthalb Stunden", "mezz'ora"
    rf"|(?<![\w'])(?P<dur1>{_ONE}\s(?:hour|hora|heure|Stunde|ora)\s{_HALF}|anderthalb Stunden|eineinhalb Stunden"
    rf"|un'ora e mezza)(?!\w)"
    r"|(?<![\w'])(?P<half>half an hour|media hora|une demi-heure|demi-heure|meia hora|eine halbe Stunde|"
    r"halbe Stunde|mezz'ora|mezzora)(?!\w)"
    rf"|(?<![\w'])(?P<durn>\d+|{_HOUR_ALT}|{_ONE})\s(?P<durunit>hours?|horas?|heures?|Stunden?|ore|ora|"
    r"minutes?|minutos?|Minuten?|minuti|minuto)(?!\w)"
    # "at four in the morning", "alle quattro del mattino", "a las cinco de la tarde", "um zehn Uhr"
    rf"|(?<!\w)(?:at|a las|à|às|um|alle|verso le|intorno alle|vers|sobre las|por volta das)\s(?P<wh>{_HOUR_ALT})"
    r"(?:\s(?:o'clock|heures?|horas?|Uhr))?(?:\s"
    + _EVENING.replace("(?P<pm>", "(?P<pm3>")
    + r"|\s"
    + _MORNING.replace("(?P<am>", "(?P<am3>")
    + r")?(?!\w)"
    r"|(?<!\w)(?P<midnight>midnight|minuit|medianoche|meia-noite|Mitternacht|mezzanotte)(?!\w)"
    r"|(?<!\w)(?P<noon>noon|midday|midi|mediodía|meio-dia|Mittag|mezzogiorno)(?!\w)",
    re.I,
)
_DURATION_CUE = re.compile(
    r"(?:for|during|after|in|durante|pendant|depuis|en|por|em|für|seit|nach|per|dopo|da)\s*$", re.I
)


def find_times(text: str) -> list[DateRef]:
    """Times of day and durations, in figures or words: "18h05" and "18:05" are T18:05, "8:47 pm" T20:47,
    "19 Uhr" T19:00, "alle quattro del mattino" T04:00, "minuit" T00:00; "une heure et demie" PT1H30M,
    "1h30 de voo" read after a duration cue ("durante 1h30") PT1H30M."""
    found = []
    for m in _TIME.finditer(text):
        value = None
        before = text[: m.start()]
        if m.group("fh") is not None:
            hours, minutes = int(m.group("fh")), int(m.group("fm") or 0)
            if _DURATION_CUE.search(before):
                value = f"PT{hours}H" + (f"{minutes}M" if minutes else "")
            elif hours <= 24 and minutes < 60:
                value = f"T{hours % 24:02d}:{minutes:02d}"
        elif m.group("ch") is not None:
            hours, minutes = int(m.group("ch")), int(m.group("cm"))
            if m.group("pm") and hours < 12:
                hours += 12
            if hours <= 24 and minutes < 60:
                value = f"T{hours % 24:02d}:{minutes:02d}"
        elif m.group("uh") is not None:
            hours = int(m.group("uh"))
            value = f"T{hours % 24:02d}:00" if hours <= 24 else None
        elif m.group("dur1"):
            value = "PT1H30M"
        elif m.group("half"):
            value = "PT30M"
        elif m.group("durn"):
            n = m.group("durn").lower()
            count = int(n) if n.isdigit() else _HOUR_WORDS.get(n, 1)
            value = f"PT{count}{_DURATION_UNIT[m.group('durunit').lower()]}"
        elif m.group("wh"):
            hours = _HOUR_WORDS[m.group("wh").lower()]
            if m.group("pm3") and hours < 12:
                hours += 12
            value = f"T{hours:02d}:00"
        elif m.group("midnight"):
            value = "T00:00"
        elif m.group("noon"):
            value = "T12:00"
        if value:
            found.append(DateRef(text=m.group(0).strip(), value=value))
    return found


#: words that open a sentence or a phrase in the other five languages, and are not part of a name after it
_OPENERS = frozenset(
    """El La Los Las Le Les L Un Une Una Uno Unos Unas Der Die Das Dem Den Des Ein Eine Einer Il Lo Gli I O Os As
    Um Uma En Dans Selon Según Segundo Laut Secondo Nach Après Tras Após Dopo Con Avec Com Mit Para Pour Für Per
    Sin Sans Sem Ohne Senza Cuando Quand Quando Wenn Als Mientras Pendant Durante Während Ce Cette Este Esta Esse
    Essa Dieser Diese Questo Questa Pero Mais Mas Aber Ma Y Et E Und Quelques Certains Certaines Plusieurs
    Algunos Algunas Varios Varias Alguns Algumas Vários Várias Einige Mehrere Alcuni Alcune Diversi Tous Toutes
    Todos Todas Alle Tutti Tutte Cada Chaque Jeder Jede Ogni Hoy Ayer Hier Ontem Hoje Gestern Heute Ieri Oggi
    Aussi También Também Auch Anche Ya Déjà Já Bereits Già""".split()
)
#: titles that make the name after them a person's, in the other five languages
_TITLE_WORDS = (
    r"Presidente|Presidenta|Président|Présidente|Präsident(?:in)?|Ministro|Ministra|Ministre|Minister(?:in)?|"
    r"Ministerpräsident(?:in)?|Innenminister(?:in)?|Bundeskanzler(?:in)?|Kanzler(?:in)?|Alcalde|Alcaldesa|Maire|"
    r"Prefeito|Prefeita|Bürgermeister(?:in)?|Sindaco|Prefetto|Préfet|Gobernador|Governador|Governatore|"
    r"Capitán|Capitaine|Comandante|Kapitän|Juez|Jueza|Juge|Juiz|Richter(?:in)?|Giudice|Sr\.|Sra\.|Mme|"
    r"Herr|Frau|Signor|Signora"
)
_TITLE_BEFORE = re.compile(rf"(?i:\b(?:{_TITLE_WORDS}))\s+$")
_TITLE_FIRST = re.compile(rf"^(?i:(?:{_TITLE_WORDS}))$")
#: a preposition of place before a name: "in Magdeburg", "à Mayotte", "em Vinhedo", "nel porto di …"
_AT_PLACE = {
    "en": r"(?:in|at|near|outside|from)",
    "es": r"(?:en|cerca de|desde|hacia)",
    "fr": r"(?:à|au|aux|en|près de|depuis|vers)",
    "pt": r"(?:em|no|na|nos|nas|perto de|desde)",
    "de": r"(?:in|im|am|an|auf|nach|aus|bei|nahe)",
    "it": r"(?:a|in|nel|nella|vicino a|presso|da)",
}
_CAP = "A-ZÀ-ÖØ-Þ"
_CHUNK_ANY = re.compile(
    rf"(?:[{_CAP}][\w’'.-]*|U\.S\.)(?:\s+(?:of|de|del|la|los|the|for|y|da|do|dos|das|di|du|des|von|van|der)\s+"
    rf"[{_CAP}][\w’'.-]*|\s+(?:[{_CAP}][\w’'.-]*|U\.S\.))*"
)


def find_entities(
    text: str, outlets: set[str] | frozenset[str] = frozenset(), language: str | None = None
) -> list[Entity]:
    """Named people, organizations, places and outlets: gazetteer first, then titles, places after a preposition
    of place and name shapes, in the six languages (a German noun after its article is not a name)."""
    lang = language or guess_language(text)
    plain = normalize_quotes(re.sub(r"[—–]", " - ", text))
    at_place = re.compile(rf"(?<!\w){_AT_PLACE.get(lang, _AT_PLACE['en'])}\s+$", re.I)
    chunks: list[tuple[str, bool, bool]] = []  # (chunk, after a preposition of place, after a title)
    for m in _CHUNK_ANY.finditer(plain):
        chunk = m.group(0).strip()
        chunk = chunk if chunk.endswith("U.S.") else chunk.rstrip(".,")
        words = chunk.split()
        before = plain[: m.start()]
        if m.start() == 0 or before.rstrip().endswith((".", '"', ":")):
            while words and (words[0] in _SENTENCE_START_WORDS or (lang != "en" and words[0] in _OPENERS)):
                words = words[1:]
        elif lang != "en":
            while words and words[0] in _OPENERS:
                words = words[1:]
        while words and words[0].islower():
            words = words[1:]
        if lang == "de" and len(words) == 1:
            previous = before.split()[-1:] or [""]
            if previous[0].lower() in _DE_ARTICLES or not before.strip():
                continue  # "die Menschen", "den Weihnachtsmarkt": nouns, not names
        titled = bool(_TITLE_BEFORE.search(before[-40:]))
        if len(words) > 1 and _TITLE_FIRST.match(words[0]):
            words, titled = words[1:], True  # "Bürgermeisterin Anna Keller" is Anna Keller, a person
        placed = bool(at_place.search(before))
        # "Venezuela's Jorge Rodríguez" is two entities
        chunks.extend(
            (part.strip(), placed, titled) for part in re.split(r"['’]s\s+|['’]s$", " ".join(words)) if part.strip()
        )
    found: list[Entity] = []
    seen: set[str] = set()
    for chunk, placed, titled in chunks:
        words = chunk.split()
        if chunk in seen or chunk.lower() in MONTHS or chunk.lower() in WEEKDAYS:
            continue
        seen.add(chunk)
        if chunk in outlets or names_an_outlet(chunk):
            kind = "OUTLET"
        elif chunk.isupper() and len(chunk) > 2 and re.search(re.escape(chunk) + r",?\s*\(", plain):
            kind = "PLACE"  # a dateline: "MEXICO CITY (AP) —"
        elif chunk in GAZETTEER:
            kind = GAZETTEER[chunk]
        elif _TITLES.match(chunk) or titled:
            kind = "PERSON"
        elif _ORG_SUFFIX.search(chunk):
            kind = "ORG"
        elif (
            any(part in GAZETTEER and GAZETTEER[part] == "PLACE" for part in (words[0], words[-1])) and len(words) <= 2
        ):
            kind = "PLACE"
        elif placed and len(words) <= 3:
            kind = "PLACE"
        elif len(words) in (2, 3) and all(w[:1].isupper() for w in words):
            kind = "PERSON"
        else:
            kind = "OTHER"
        found.append(Entity(text=chunk, type=kind))
    return found


_DE_ARTICLES = frozenset(
    "der die das den dem des ein eine einen einem einer eines im am zum zur vom beim ins seinem seiner ihre".split()
)


_NEGATION = {
    "es": r"\b(?:no|nunca|jamás|negó|niega|desmintió|desmiente|rechazó)\b",
    "fr": r"\b(?:ne|n'|pas|jamais|aucune?|démenti|dément|a nié|nie)\b",
    "pt": r"\b(?:não|nunca|jamais|negou|nega|desmentiu|desmente)\b",
    "de": r"\b(?:nicht|kein\w*|nie|niemals|dementierte|bestritt|bestreitet)\b",
    "it": r"\b(?:non|mai|nessun\w*|negato|smentito|smentisce|nega)\b",
}
_PLANNED_OTHER = re.compile(
    r"\b(?:prevé|planea|va a|van a|prévoit|compte|va |vont |prevê|planeja|vai|vão|plant|plante|will|wird|"
    r"werden|prevede|intende|sta per)\b",
    re.I,
)


def modality(text: str, language: str | None = None) -> tuple[list[str], bool]:
    """How the claim is put (``reported``, ``planned``, ``hedged``, ``denied``; else ``asserted``) and whether
    it is negated, judged outside quotations, in the claim's language (guessed when not given)."""
    plain = _strip_quotes(text)
    lang = language or guess_language(text)
    other = lang != "en"
    reported = _REPORTED.search(plain) or (other and cue("reporting", lang).search(plain))
    planned = _PLANNED.search(plain) if not other else _PLANNED_OTHER.search(plain)
    hedged = _HEDGED.search(plain) or cue("hedge", lang).search(plain) or cue("unknown", lang).search(plain)
    denied = _DENIED.search(plain) if not other else re.search(_NEGATION[lang], plain, re.I)
    modes = [
        name
        for name, hit in (("reported", reported), ("planned", planned), ("hedged", hedged), ("denied", denied))
        if hit
    ]
    negated = "denied" in modes
    return modes or ["asserted"], negated
