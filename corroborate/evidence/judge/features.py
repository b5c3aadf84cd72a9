"""Language-neutral facts the final stance decision reads beside the cross-encoder: the language a text is written
in, and the figures it states.

The cross-encoder was trained on English. On a Spanish or Portuguese page it still reads names and digits, but
its support probability drops; the multilingual similarity of the matched sentence and the figures shared with
the claim carry what it misses. ``combine`` (see ``stack.py``) learns how much each counts from real coverage.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["day_agreement", "days", "figures", "guess_language", "number_agreement"]

_STOPWORDS = {
    "en": "the and of to in is was that for on with by from has have it said",
    "es": "el la los las de que y en del por con se una su para al según",
    "pt": "o os as de que e do da em no na com não uma para pelo segundo",
    "fr": "le la les des et du une est que en dans pour sur au selon a été",
    "de": "der die das und ist nicht mit den dem ein eine im auf für von sich",
    "it": "il lo gli di che e della per con una sono del nel alla secondo è",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str:
    """ISO 639-1 code of the most likely of en, es, pt, fr, de, it (by stopwords); "" when unsure."""
    tokens = [t.lower() for t in _TOKEN.findall(text[:2000])]
    if not tokens:
        return ""
    counts = {lang: sum(t in words for t in tokens) for lang, words in _WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else ""


_SCALES = {
    "thousand": 1e3, "mil": 1e3, "mille": 1e3, "tausend": 1e3,
    "million": 1e6, "millions": 1e6, "millón": 1e6, "millones": 1e6, "milhão": 1e6, "milhões": 1e6,
    "millionen": 1e6, "milioni": 1e6, "milione": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "bilhão": 1e9, "bilhões": 1e9,
    "miliardi": 1e9, "miliardo": 1e9, "milliarden": 1e9, "bn": 1e9,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?:\s*(%|[^\W\d_]+))?", re.UNICODE
)


def _value(raw: str) -> float | None:
    text = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", text):  # grouped thousands in any convention: 1,644 1.644 1 644
        return float(re.sub(r"[ ,.]", "", text))
    try:
        return float(text.replace(",", "."))  # a decimal comma (7,7) or point (7.7)
    except ValueError:
        return None


def figures(text: str) -> set[float]:
    """The figures a text states, in digits, with scale words in six languages; years (1900-2099) left out."""
    folded = unicodedata.normalize("NFC", text)
    found: set[float] = set()
    for match in _NUMBER.finditer(folded):
        value = _value(match.group(1))
        if value is None:
            continue
        unit = (match.group(2) or "").lower()
        if unit in _SCALES and value < 1000:
            value *= _SCALES[unit]
        elif 1900 <= value <= 2099 and float(value).is_integer() and unit != "%":
            continue
        found.add(round(value, 3))
    return found


def number_agreement(claim: str, passage: str) -> tuple[float, float]:
    """(shared, conflicting): whether a figure of the claim appears in the passage, and whether the passage states
    a figure of the same order as one of the claim's (within a factor of ten) without stating the claim's own."""
    ours, theirs = figures(claim), figures(passage)
    if not ours or not theirs:
        return 0.0, 0.0
    shared = any(abs(a - b) <= 0.005 * max(a, b, 1) for a in ours for b in theirs)
    near = any(a != b and 0.1 <= b / a <= 10.0 for a in ours for b in theirs if a)
    return float(shared), float(near and not shared)


#: weekday names in six languages, accents folded: index 0 is Monday
_WEEKDAYS = [
    "monday lunes segunda-feira lundi montag lunedi",
    "tuesday martes terca-feira mardi dienstag martedi",
    "wednesday miercoles quarta-feira mercredi mittwoch mercoledi",
    "thursday jueves quinta-feira jeudi donnerstag giovedi",
    "friday viernes sexta-feira vendredi freitag venerdi",
    "saturday sabado samedi samstag sonnabend",
    "sunday domingo dimanche sonntag domenica",
]
_DAY_OF = {name: i for i, names in enumerate(_WEEKDAYS) for name in names.split()}
_FOLD_WORD = re.compile(r"[^\W\d_]+(?:-feira)?", re.UNICODE)  # Portuguese weekdays only with "-feira"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def days(text: str) -> set[int]:
    """Weekdays a text names (0 = Monday), in English, Spanish, Portuguese, French, German or Italian."""
    found = set()
    for word in _FOLD_WORD.findall(_fold(text)):
        if word in _DAY_OF:
            found.add(_DAY_OF[word])
    return found


def day_agreement(claim: str, passage: str) -> float:
    """1.0 when the claim names a weekday and the passage names only other weekdays."""
    ours, theirs = days(claim), days(passage)
    return float(bool(ours and theirs and not ours & theirs))
