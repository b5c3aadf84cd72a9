"""Synthetic contrast pairs for the stance judge, made from real sentences (in the manner of FactCC).

    python training/judge/synth.py                                  # data/sentences.jsonl -> data/synth.jsonl
    python training/judge/synth.py --input my.jsonl --output out.jsonl --seed 7 --contradict 2 --deny 0.5

Input: JSONL lines ``{"text", "lang", "group"}`` (other keys are ignored), ``lang`` one of en, es, fr, pt, de, it;
``data.py --sentences`` writes such a file from the real sentences of the training sources. Output: the pair format
of ``data.py``, ``{"claim", "passage", "label", "lang", "source", "group"}``, with ``source`` = ``synth/<rule>`` and
the sentence's own group, so that a split by group keeps a sentence and its twins together.

Every twin changes one thing in one real sentence. The rules, in every language:

contradicts -- the twin states something the sentence rules out (one change, everything else kept):
  ``number``       one figure: 12 -> 15, 1,200 -> 1,800, 2019 -> 2021 (grouping and decimals kept);
  ``hour``         one clock time: 10:30 -> 13:30, 3 p.m., 14h30, 15 Uhr, alle 15, a las 10;
  ``weekday``      one day name for another (Portuguese and Italian days of the other gender are not swapped in);
  ``date``         a day of the month next to a month name (12 March, 12 de marzo, 12. März), a numeric date
                   (12/03/2020), or else the month name itself;
  ``age``          one age: 45-year-old, aged 45, ", 45,", de 45 años, âgé de 45 ans, 45 Jahre alt, 45-jährige,
                   di 45 anni, 45enne;
  ``person``       one person (a known first name plus surname, or a title plus surname) for another person of
                   the same sentence group where there is one, else a common name of the language and the same
                   gender; later mentions of the surname follow;
  ``place``        one country or city for another of the same grammatical class (so that articles and
                   contractions -- en France / au Brésil, na França / no Brasil, l'Italia / la Francia -- still fit);
  ``negation``     removes the sentence's negation (not, no, ne ... pas, não, nicht / kein, non), or adds one to the
                   first auxiliary or common finite verb (in German before the closing participle or infinitive);
  ``confirm_deny`` confirmed -> denied (confirmó -> negó, a confirmé -> a démenti, confirmou -> negou,
                   bestätigte -> dementierte, ha confermato -> ha smentito) and back where a clause follows.
  Contradiction is symmetric: which side (claim or passage) holds the twin is drawn at random.

supports -- the twin says the same or less, so the sentence asserts it:
  ``reorder``      a fronted adverbial or clause moved to the end ("On Monday, X." -> "X on Monday."), a trailing
                   one moved to the front, or two coordinated capitalised names swapped ("France and Germany");
  ``drop_clause``  a parenthesis, a comma-enclosed relative clause or apposition, or a trailing clause that the
                   sentence asserts (and, but, while, although, which, who...; never if, unless, or) is dropped:
                   the original stays the passage, the shorter twin is the claim;
  ``attribution``  "X said (that) Y" <-> "According to X, Y" <-> "Y, X said" (dijo que / según; a déclaré que /
                   selon; disse que / segundo; ha detto che / secondo; in German "X sagte, Y" <-> "Y, sagte X" <->
                   "Y, so X", which keep the verb where German wants it).

denial -- the passage reports a denial of the sentence, the claim is the sentence: ``X denies that ...``, ``There is
no evidence that ...``, ``rien ne permet d'affirmer que ...``, ``... dément les informations selon lesquelles ...``,
``negó que ...``, ``nega que ...``, ``bestreitet, dass ...`` (the German claim is turned verb-final, else the template
with a colon is used), ``smentisce che ...``. Labelled contradicts, as the pipeline treats a page that denies a claim;
a denial is never labelled supports.

Seeded and deterministic: each sentence's choices come from ``random.Random("<seed>:<lang>:<text>")``, so a
sentence gets the same twins whatever else is in the file and in whatever order. ``--contradict`` and ``--support``
set how many twins (of different rules) a sentence gets at most, ``--deny`` the share of sentences that also get a
denial. A rule that finds nothing to change in a sentence is skipped for it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LANGS = ("en", "es", "fr", "pt", "de", "it")
HERE = Path(__file__).resolve().parent

# ------------------------------------------------------------------------------------------------------- helpers

_VOWEL = "aeiouàâäéèêëîïôöùûüáíóúAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜÁÍÓÚ"


def _like(word: str, model: str) -> str:
    """``word`` with the capitalisation of ``model``."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word[:1].lower() + word[1:]


def _fr_elide(text: str) -> str:
    """French elision after a word was swapped: de avril -> d'avril, d'mars -> de mars, que il -> qu'il."""
    text = re.sub(rf"\b([dDlLqQjJnNsS]|[qQ]u)e ([{_VOWEL}])", r"\1'\2", text)
    text = re.sub(rf"\b([dD])['’]([^{_VOWEL}hH\W])", r"\1e \2", text)
    return text


def _replace_span(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _end(text: str) -> tuple[str, str | None]:
    """The sentence without its closing punctuation, and that punctuation ("" when there is none, ``None`` when the
    sentence ends inside a quotation or parenthesis, where nothing should be moved past the end)."""
    text = text.rstrip()
    if re.search(r"[\"'”»)]$", text):
        return text, None
    m = re.search(r"\s*([.!?…]+)$", text)
    if m:
        return text[: m.start()], m.group(1)
    return text, ""


#: words that may start a sentence in lower case once moved: articles, pronouns, prepositions, day and month names
FUNCTION = {
    "en": "the a an this that these those it its they he she we there in on at after before during since despite when"
    " while although because as by for with from last earlier later under over following",
    "es": "el la los las un una unos unas este esta estos estas ese esa lo en tras después antes durante desde"
    " aunque cuando mientras con por para sin ayer hoy",
    "fr": "le la les l' un une des ce cet cette ces il elle ils elles on en dans après avant pendant depuis lors"
    " alors quand lorsque bien malgré avec pour par sans hier aujourd'hui",
    "pt": "o a os as um uma uns umas este esta estes estas esse essa em no na nos nas após depois antes durante"
    " desde quando embora apesar com por para sem ontem hoje",
    "de": "der die das den dem des ein eine einen einem einer es er sie wir man am im an auf bei nach vor seit mit"
    " von zu zum zur für über unter laut",
    "it": "il lo la i gli le l' un uno una questo questa questi queste in nel nella nei nelle dopo prima durante da"
    " dal dalla quando mentre sebbene con per senza ieri oggi",
}
FUNCTION_WORDS = {lang: set(words.split()) for lang, words in FUNCTION.items()}  # ADVERBIAL added below

WEEKDAYS = {
    "en": [["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]],
    "es": [["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]],
    "fr": [["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]],
    "pt": [["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira"], ["sábado", "domingo"]],
    "de": [["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]],
    "it": [["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"], ["domenica"]],
}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
}
MONTH_LIST = {lang: words.split() for lang, words in MONTHS.items()}


def _lower_first(text: str, lang: str) -> str:
    """Lower-case the first letter when the first word is a function word (or a lower-case day or month name)."""
    first = re.match(r"[^\s,'’]+['’]?", text)
    if not first:
        return text
    word = first.group(0).lower().replace("’", "'")
    lowercase_names = lang != "en" and lang != "de"
    if word in FUNCTION_WORDS[lang] or (
        lowercase_names and (word in MONTH_LIST[lang] or any(word in g for g in WEEKDAYS[lang]))
    ):
        return text[:1].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Twin:
    text: str
    rule: str
    label: str  # contradicts | supports


Rule = Callable[[str, str, random.Random, list[str]], "str | None"]

# --------------------------------------------------------------------------------------------- contradict: number

_NUMBER = re.compile(
    r"(?<![\w.,:/\-])(\d{1,3}(?:([,.\u00a0\u202f ])\d{3}(?!\d))+|\d+)(?:([.,])(\d+))?(?![\w:/\-]|[.,]\d)"
)


def new_number(n: int, rng: random.Random) -> int:
    """A different, plausible value for ``n`` (2 or more, so that a plural noun after it still agrees)."""
    if 1900 <= n <= 2100:
        return n + rng.choice([-3, -2, -1, 1, 2, 3])
    if n <= 12:
        return rng.choice([k for k in range(2, 13) if k != n])
    m = round(n * rng.choice([0.5, 0.6, 0.75, 1.25, 1.5, 2.0]))
    return m if m != n else n + 1


def _format_int(n: int, sep: str | None) -> str:
    digits = str(n)
    if not sep:
        return digits
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sep.join(groups)


def _spans(text: str, patterns: Iterable[re.Pattern]) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in p.finditer(text)]


def rule_number(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    taken = _spans(text, _hour_patterns(lang)) + _spans(text, [_age_pattern(lang)])
    found = [  # "1 person" -> "5 person" would not agree: 0 and 1 are left alone
        m
        for m in _NUMBER.finditer(text)
        if not any(a <= m.start() < b for a, b in taken) and (m.group(1) not in ("0", "1") or m.group(4))
    ]
    if not found:
        return None
    m = rng.choice(found)
    whole, sep, dec_sep, dec = m.group(1), m.group(2), m.group(3), m.group(4)
    n = int(re.sub(r"\D", "", whole))
    if n == 0 and dec:
        new_dec = str(new_number(int(dec), rng)).zfill(len(dec))
        return _replace_span(text, m.start(), m.end(), f"{whole}{dec_sep}{new_dec}")
    value = _format_int(new_number(n, rng), sep)
    return _replace_span(text, m.start(1), m.end(1), value)


# ----------------------------------------------------------------------------------------------- contradict: hour

_HOUR_24 = r"(?P<h>[01]?\d|2[0-3])"
HOUR_PATTERNS = {
    "all": [rf"\b{_HOUR_24}:(?P<m>[0-5]\d)\b"],
    "en": [r"\b(?P<h12>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)"],
    "es": [rf"\ba las {_HOUR_24}\b(?!:)", rf"\b{_HOUR_24}(?:[.:][0-5]\d)? horas\b"],
    "fr": [rf"\b{_HOUR_24} ?h ?(?P<m>[0-5]\d)?\b", rf"\b{_HOUR_24} heures\b"],
    "pt": [rf"\b{_HOUR_24} ?h ?(?P<m>[0-5]\d)?\b", rf"\bàs {_HOUR_24}\b(?!:)", rf"\b{_HOUR_24} horas\b"],
    "de": [rf"\b{_HOUR_24}(?:[.:](?P<m>[0-5]\d))? Uhr\b"],
    "it": [rf"\b(?:alle|ore) {_HOUR_24}\b(?![:.]\d)"],
}


def _hour_patterns(lang: str) -> list[re.Pattern]:
    return [re.compile(p) for p in HOUR_PATTERNS["all"] + HOUR_PATTERNS.get(lang, [])]


def rule_hour(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    found = [m for p in _hour_patterns(lang) for m in p.finditer(text)]
    if not found:
        return None
    m = rng.choice(found)
    shift = rng.choice([1, 2, 3, 4, -1, -2, -3])
    if m.groupdict().get("h12"):
        old = m.group("h12")
        new = str((int(old) - 1 + shift) % 12 + 1)
        start, end = m.span("h12")
    else:
        old = m.group("h")
        new = str((int(old) + shift) % 24)
        start, end = m.span("h")
    if len(old) == 2 and len(new) == 1 and old.startswith("0"):
        new = "0" + new
    return _replace_span(text, start, end, new)


# -------------------------------------------------------------------------------------- contradict: weekday, date


def _word_pattern(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern:
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def rule_weekday(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    found = []
    for group in WEEKDAYS[lang]:
        for m in _word_pattern(group).finditer(text):
            others = [d for d in group if d.lower() != m.group(0).lower()]
            if others:
                found.append((m, others))
    if not found:
        return None
    m, others = rng.choice(found)
    return _replace_span(text, m.start(), m.end(), _like(rng.choice(others), m.group(0)))


def _month_pattern(lang: str) -> re.Pattern:
    flags = 0 if lang in ("en", "de") else re.IGNORECASE  # English and German months are capitalised
    return _word_pattern(MONTH_LIST[lang], flags)


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b")


def rule_date(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    months = list(_month_pattern(lang).finditer(text))
    if lang == "en":  # "May" is a month only next to a day or year
        months = [
            m for m in months if m.group(0) != "May" or re.search(r"\d", text[max(0, m.start() - 4) : m.end() + 6])
        ]
    choices = [("month", m) for m in months] + [("numeric", m) for m in _NUMERIC_DATE.finditer(text)]
    if not choices:
        return None
    kind, m = rng.choice(choices)
    if kind == "numeric":
        day = int(m.group(1))
        new = str(rng.choice([d for d in range(1, 29) if d != day])).zfill(len(m.group(1)))
        return _replace_span(text, m.start(1), m.end(1), new)
    before = re.search(r"\b(\d{1,2})(?:\.|º|er|st|nd|rd|th)?\s+(?:de\s+|of\s+)?$", text[: m.start()])
    after = re.match(r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", text[m.end() :])
    if before or after:
        if before:
            start, end = before.span(1)
        else:
            start, end = m.end() + after.start(1), m.end() + after.end(1)
        day = int(text[start:end])
        new = str(rng.choice([d for d in range(1, 29) if d != day]))
        return _replace_span(text, start, end, new)
    others = [w for w in MONTH_LIST[lang] if w.lower() != m.group(0).lower() and (lang != "en" or w != "May")]
    out = _replace_span(text, m.start(), m.end(), _like(rng.choice(others), m.group(0)))
    return _fr_elide(out) if lang == "fr" else out


# ------------------------------------------------------------------------------------------------ contradict: age

AGE_PATTERNS = {
    "en": r"\b(?P<n>\d{1,3})-year-old\b|\baged (?P<n2>\d{1,3})\b|\b(?P<n3>\d{1,3}) years old\b"
    r"|(?<=[A-Za-z]), (?P<n4>\d{1,3}),",
    "es": r"\bde (?P<n>\d{1,3}) años\b|\b(?P<n2>\d{1,3}) años de edad\b",
    "fr": r"\bâgée? de (?P<n>\d{1,3}) ans\b|\b(?P<n2>\d{1,3}) ans\b",
    "pt": r"\bde (?P<n>\d{1,3}) anos\b|\b(?P<n2>\d{1,3}) anos de idade\b",
    "de": r"\b(?P<n>\d{1,3})-jährige[nmrs]?\b|\b(?P<n2>\d{1,3}) Jahre alt\b|\bim Alter von (?P<n3>\d{1,3}) Jahren\b",
    "it": r"\bdi (?P<n>\d{1,3}) anni\b|\b(?P<n2>\d{1,3})enne\b|\b(?P<n3>\d{1,3}) anni\b",
}


def _age_pattern(lang: str) -> re.Pattern:
    return re.compile(AGE_PATTERNS[lang])


def rule_age(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    found = list(_age_pattern(lang).finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    name = next(k for k, v in m.groupdict().items() if v)
    age = int(m.group(name))
    new = max(1, age + rng.choice([d for d in range(-15, 16) if d and age + d > 0 and abs(d) >= 2] or [1]))
    return _replace_span(text, m.start(name), m.end(name), str(new))


# --------------------------------------------------------------------------------------------- contradict: person

FIRST_NAMES = {
    "m": "John James Michael David Robert William Joe Donald Boris Barack Vladimir Emmanuel Mark Paul Peter Tom"
    " Carlos José Juan Luis Javier Pedro Pablo Antonio Manuel Alberto Jean Pierre Nicolas Julien François Olivier"
    " João Rafael Luiz Jair Paulo Lula Thomas Stefan Olaf Friedrich Markus Marco Luca Giorgio Giuseppe Matteo"
    " Sergio Mario Andrea Alexander",
    "f": "Mary Sarah Emily Laura Hillary Kamala Angela Theresa Elizabeth Nancy Jennifer Anne María Ana Lucía Elena"
    " Carmen Isabel Cristina Marine Claire Sophie Camille Ségolène Beatriz Mariana Dilma Maria Anna Julia Katrin"
    " Ursula Annalena Giulia Francesca Chiara Giorgia Elly",
}
GENDER = {name: g for g, names in FIRST_NAMES.items() for name in names.split()}
FALLBACK_NAMES = {
    "en": {"m": ["John Miller", "David Clark", "Michael Turner"],
           "f": ["Sarah Collins", "Emily Parker", "Laura Bennett"]},
    "es": {"m": ["Carlos Ruiz", "Javier Moreno", "Luis Navarro"],
           "f": ["María Torres", "Lucía Romero", "Elena Castillo"]},
    "fr": {"m": ["Pierre Lambert", "Nicolas Girard", "Julien Moreau"],
           "f": ["Claire Dubois", "Sophie Lefèvre", "Camille Rousseau"]},
    "pt": {"m": ["João Pereira", "Pedro Almeida", "Rafael Costa"],
           "f": ["Ana Carvalho", "Beatriz Santos", "Mariana Ribeiro"]},
    "de": {"m": ["Thomas Becker", "Stefan Wagner", "Michael Hoffmann"],
           "f": ["Anna Schmidt", "Julia Fischer", "Katrin Weber"]},
    "it": {"m": ["Marco Rossi", "Luca Bianchi", "Giorgio Ferrari"],
           "f": ["Giulia Romano", "Francesca Greco", "Chiara Colombo"]},
}  # fmt: skip
TITLES = {
    "en": "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. President Senator Minister Governor Mayor Judge",
    "es": "Sr. Sra. presidente presidenta ministro ministra alcalde alcaldesa juez jueza",
    "fr": "M. Mme président présidente ministre maire juge",
    "pt": "Sr. Sra. presidente ministro ministra governador governadora prefeito prefeita juiz juíza",
    "de": "Herr Frau Präsident Präsidentin Minister Ministerin Kanzler Kanzlerin Bürgermeister Bürgermeisterin",
    "it": "signor signora presidente ministro ministra sindaco sindaca giudice",
}
_CAP = r"[A-ZÀ-ÖØ-Þ][\w-]*(?:['’][A-Za-z]\w+)?"  # O'Brien, D'Alema; not the possessive of Rudd's
_PARTICLE = r"(?:(?:de|da|do|dos|das|del|della|di|van|von|der|le|la) )?"
_FIRST = _word_pattern(GENDER, 0).pattern
_FULL_NAME = re.compile(rf"(?P<first>{_FIRST}) (?P<last>{_PARTICLE}{_CAP}(?: {_CAP})?)")
_SURNAMES = {lang: [n.split(" ", 1)[1] for g in names.values() for n in g] for lang, names in FALLBACK_NAMES.items()}


def _title_pattern(lang: str) -> re.Pattern:
    titles = "|".join(re.escape(t) for t in TITLES[lang].split())
    flags = "" if lang == "de" else "i"
    return re.compile(rf"(?<![\w.])(?{flags}:{titles}) (?P<last>{_PARTICLE}{_CAP})")


def _people(text: str, lang: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(full name, gender or "", span) of the people the sentence names."""
    out = []
    calendar = {w.lower() for w in MONTH_LIST[lang]} | {d.lower() for g in WEEKDAYS[lang] for d in g}
    for m in _FULL_NAME.finditer(text):
        name, last = m.group(0), m.group("last").split()
        if last[0] in GENDER:
            continue
        if len(last) > 1 and last[-1].lower() in calendar | {w.lower() for c in PLACE_CLASSES[lang] for w in c}:
            name = name.rsplit(" ", 1)[0]
        out.append((name, GENDER[m.group("first")], (m.start(), m.start() + len(name))))
    for m in _title_pattern(lang).finditer(text):
        following = text[m.end() :].split()[:1]
        if following and following[0][:1].isupper():  # "président Andry Rajoelina": a full name, not a surname
            continue
        if m.group("last")[:1].isupper() and not any(a <= m.start("last") < b for _, _, (a, b) in out):
            out.append((m.group("last"), "", m.span("last")))
    return out


def rule_person(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    people = _people(text, lang)
    if not people:
        return None
    name, gender, (start, end) = rng.choice(people)
    in_text = {p[0] for p in people}
    if gender:  # a full name: another full name of the same gender
        seen = [p for c in context for p in _people(c, lang) if p[1] == gender and p[0] not in in_text]
        pool = sorted({p[0] for p in seen}) or [n for n in FALLBACK_NAMES[lang][gender] if n != name]
    else:  # a title and surname: another surname
        seen = [p for c in context for p in _people(c, lang) if p[0] not in in_text]
        pool = sorted({p[0].split()[-1] for p in seen} - {name}) or [s for s in _SURNAMES[lang] if s != name]
    new = rng.choice(pool)
    out = _replace_span(text, start, end, new)
    old_last, new_last = name.split()[-1], new.split()[-1]
    if old_last != new_last:  # later mentions by surname alone
        tail = out[start + len(new) :]
        tail = re.sub(rf"(?<![\w-]){re.escape(old_last)}(?![\w-])", new_last, tail)
        out = out[: start + len(new)] + tail
    return out


# ---------------------------------------------------------------------------------------------- contradict: place

#: countries and cities, in classes whose members take the same articles and contractions
PLACES = {
    "en": [
        "France Germany Spain Italy Portugal Brazil Mexico Canada China Japan India Russia Ukraine Poland Greece"
        " Argentina Chile Colombia Peru Turkey Egypt Morocco Belgium Austria Switzerland Sweden Norway Australia",
        "London Paris Berlin Madrid Rome Lisbon Brussels Moscow Beijing Tokyo Kyiv Vienna Warsaw Athens Barcelona"
        " Milan Chicago Sydney Toronto",
    ],
    "es": [
        "Francia Alemania España Italia Portugal Brasil México Canadá China Japón Rusia Ucrania Polonia Grecia"
        " Argentina Chile Colombia Turquía Egipto Marruecos Bélgica Austria Suiza Suecia Noruega Australia",
        "Londres París Berlín Madrid Roma Lisboa Bruselas Moscú Pekín Tokio Kiev Viena Varsovia Atenas Barcelona"
        " Milán Sevilla Valencia Bogotá Lima",
    ],
    "fr": [
        "France Chine Russie Pologne Grèce Colombie Turquie Belgique Suisse Suède Norvège",  # feminine, consonant
        "Allemagne Espagne Italie Ukraine Argentine Autriche Australie Inde",  # feminine, vowel
        "Portugal Brésil Mexique Canada Japon Chili Pérou Maroc",  # masculine
        "Londres Paris Berlin Madrid Rome Lisbonne Bruxelles Moscou Pékin Tokyo Kiev Vienne Varsovie Athènes"
        " Barcelone Milan Lyon Marseille Toulouse Genève",
    ],
    "pt": [
        "França Alemanha Espanha Itália China Rússia Ucrânia Polônia Grécia Argentina Colômbia Turquia Bélgica"
        " Áustria Suíça Suécia Noruega Austrália Índia",  # a / na
        "Brasil Japão Canadá México Chile Peru Egito Marrocos",  # o / no
        "Portugal Angola Moçambique Cuba Israel",  # no article
        "Londres Paris Berlim Madrid Roma Lisboa Bruxelas Moscou Pequim Tóquio Kiev Viena Varsóvia Atenas Barcelona"
        " Brasília Recife Coimbra Curitiba",
    ],
    "de": [
        "Deutschland Frankreich Spanien Italien Portugal Brasilien Mexiko Kanada China Japan Indien Russland Polen"
        " Griechenland Argentinien Chile Kolumbien Ägypten Marokko Belgien Österreich Schweden Norwegen Australien",
        "Schweiz Türkei Slowakei Mongolei",  # die / der
        "London Paris Berlin Madrid Rom Lissabon Brüssel Moskau Peking Tokio Kiew Wien Warschau Athen Barcelona"
        " Mailand Hamburg München Köln Frankfurt Zürich",
    ],
    "it": [
        "Francia Germania Spagna Cina Russia Polonia Grecia Colombia Turchia Svizzera Svezia Norvegia",  # la
        "Italia Austria Australia India Argentina Ucraina",  # l' (feminine)
        "Portogallo Brasile Messico Canada Giappone Cile Perù Marocco Belgio",  # il
        "Londra Parigi Berlino Madrid Roma Lisbona Bruxelles Mosca Pechino Tokyo Kiev Vienna Varsavia Atene"
        " Barcellona Milano Napoli Torino Firenze Bologna",
    ],
}
PLACE_CLASSES = {lang: [c.split() for c in classes] for lang, classes in PLACES.items()}


def rule_place(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    found = []
    for cls in PLACE_CLASSES[lang]:
        for m in _word_pattern(cls, 0).finditer(text):
            others = [p for p in cls if p not in text]
            if others:
                found.append((m, others))
    if not found:
        return None
    m, others = rng.choice(found)
    return _replace_span(text, m.start(), m.end(), rng.choice(others))


# ------------------------------------------------------------------------------------------- contradict: negation

_EN_CONTRACTED = {
    "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "hasn't": "has", "haven't": "have",
    "hadn't": "had", "won't": "will", "wouldn't": "would", "can't": "can", "cannot": "can", "couldn't": "could",
    "shouldn't": "should", "didn't": "did", "doesn't": "does", "don't": "do", "mustn't": "must",
}  # fmt: skip
_EN_AUX = "is are was were will would can could should must may might"
_ES_VERBS = (
    "es son era eran fue fueron será serán está están estaba estaban ha han había habían habrá puede pueden podrá"
    " debe deben tiene tienen hay va van"
)
_PT_VERBS = (
    "é são foi foram era eram será serão está estão estava estavam tem têm tinha tinham pode podem deve devem há"
    " vai vão havia"
)
_FR_VERBS = "est sont était étaient sera seront a ont avait avaient aura peut peuvent doit doivent va vont"
_DE_VERBS = "ist sind war waren wird werden wurde wurden hat haben hatte hatten kann können konnte konnten muss"
_DE_VERBS += " müssen soll sollen will wollen darf"
_IT_VERBS = "è sono era erano sarà saranno ha hanno aveva avevano può possono deve devono"
_CLITICS = {
    "es": "se lo la le les los las me te nos",
    "pt": "se lhe lhes me te nos",
    "it": "si lo la li le gli ne ci mi ti vi",
}


def _first(pattern: str, text: str) -> re.Match | None:
    return re.search(pattern, text)


def _negate_en(text: str) -> str | None:
    m = re.search(r"\b(" + "|".join(re.escape(k) for k in _EN_CONTRACTED) + r")(?![\w'])", text, re.IGNORECASE)
    if m:
        return _replace_span(text, m.start(), m.end(), _like(_EN_CONTRACTED[m.group(0).lower()], m.group(0)))
    m = re.search(rf"\b((?:{'|'.join(_EN_AUX.split())}|has|have|had|did|does|do)) not\b(?! only)", text)
    if m:
        return _replace_span(text, m.start(), m.end(), m.group(1))
    verbs = "|".join(_EN_AUX.split())
    m = re.search(rf"\b({verbs}|(?:has|have|had)(?= (?:been|\w+ed|\w+en)\b))\b(?! not\b)", text)
    if m:
        return _replace_span(text, m.end(), m.end(), " not")
    return None


def _negate_prefixed(text: str, lang: str, neg: str, verbs: str) -> str | None:
    """es, pt, it: drop the negation word before a verb, or put it before the first listed verb (and its clitic)."""
    m = re.search(rf"(?<![\w-]){neg} (?!(?:solo|sólo|só|apenas|obstante)\b)(?=\w)", text, re.IGNORECASE)
    if m:
        rest = text[m.end() :]
        return text[: m.start()] + (_upper_first(rest) if m.start() == 0 else rest)
    clitics = "|".join(_CLITICS[lang].split())
    verb_alt = "|".join(re.escape(v) for v in verbs.split())
    m = re.search(rf"(?<![\w-])((?:(?i:{clitics}) )?(?:{verb_alt}))(?![\w-])", text)
    if not m:
        return None
    if m.start() == 0:  # "Se ha informado" -> "No se ha informado"
        return f"{_upper_first(neg)} {text[:1].lower()}{text[1:]}"
    return _replace_span(text, m.start(), m.start(), f"{neg} ")


def _negate_fr(text: str) -> str | None:
    clitic = r"(?:(?:se|le|la|les|lui|leur|me|te|nous|vous) |(?:s|l|m|t)['’]|y |en )?"
    m = re.search(rf"\bn(?:e |['’])({clitic})(\w+) pas\b(?! (?:de|d['’]|seulement)\b)", text, re.IGNORECASE)
    if m:
        return _replace_span(text, m.start(), m.end(), _like(m.group(1) + m.group(2), m.group(0)))
    verbs = "|".join(_FR_VERBS.split())
    m = re.search(rf"(?<![\w'’-])({clitic})({verbs})(?![\w'’-])( (?:des|du|de la|un|une)\b)?", text)
    if not m or m.start() == 0 or m.group(3):
        return None
    first = (m.group(1) or m.group(2))[:1]
    neg = "n'" if first.lower() in _VOWEL else "ne "
    return _replace_span(text, m.start(), m.end(), f"{neg}{m.group(1)}{m.group(2)} pas")


def _negate_de(text: str) -> str | None:
    m = re.search(r"(?<![\w-])nicht (?=\w)", text)
    if m:
        return _replace_span(text, m.start(), m.end(), "")
    # kein -> ein; not "keine", which may be a plural ("keine Beweise" -> "Beweise", not "eine Beweise")
    m = re.search(r"(?<![\w-])[kK]ein(?:en|em|er|es)?(?![\w-])", text)
    if m:
        word = m.group(0)
        return _replace_span(text, m.start(), m.end(), _like(word[1:], word))
    clause = text.split(",")[0]
    body = _end(clause)[0] if clause == text else clause
    verbs = "|".join(_DE_VERBS.split())
    m = re.search(rf"(?<![\w-])({verbs})(?![\w-])", body)
    if not m or m.start() == 0:
        return None
    last = re.search(r"(\w+)$", body)
    if last and last.start() > m.end() and re.search(r"(?:t|en|n)$", last.group(1)) and last.group(1)[0].islower():
        return _replace_span(text, last.start(), last.start(), "nicht ")
    if m.group(1) in ("ist", "sind", "war", "waren"):
        return _replace_span(text, m.end(), m.end(), " nicht")
    return None


def rule_negation(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    if lang == "en":
        return _negate_en(text)
    if lang == "es":
        return _negate_prefixed(text, lang, "no", _ES_VERBS)
    if lang == "pt":
        return _negate_prefixed(text, lang, "não", _PT_VERBS)
    if lang == "it":
        return _negate_prefixed(text, lang, "non", _IT_VERBS)
    if lang == "fr":
        return _negate_fr(text)
    return _negate_de(text)


# --------------------------------------------------------------------------------------- contradict: confirm_deny

CONFIRM_DENY = {
    "en": [("confirmed", "denied"), ("confirms", "denies"), ("confirm", "deny"), ("confirming", "denying")],
    "es": [("confirmó", "negó"), ("confirmaron", "negaron"), ("confirma", "niega"), ("confirman", "niegan"),
           ("confirmado", "negado"), ("confirmar", "negar")],
    "fr": [("confirmé", "démenti"), ("confirme", "dément"), ("confirment", "démentent"), ("confirmer", "démentir")],
    "pt": [("confirmou", "negou"), ("confirmaram", "negaram"), ("confirma", "nega"), ("confirmam", "negam"),
           ("confirmado", "negado"), ("confirmar", "negar")],
    "de": [("bestätigte", "dementierte"), ("bestätigten", "dementierten"), ("bestätigt", "dementiert"),
           ("bestätigen", "dementieren")],
    "it": [("confermato", "smentito"), ("conferma", "smentisce"), ("confermano", "smentiscono"),
           ("confermò", "smentì"), ("confermare", "smentire")],
}  # fmt: skip
_NEGATED = re.compile(
    r"(?<![\w-])(?:not|no|never|nothing|none|nobody|ne|n['’]|rien|aucune?|non|nulla|nessun[oa]?|não|nada|nadie"
    r"|ninguém|nenhum|nicht|nichts|kein\w*|nunca|jamais|mai)(?![\w-])|n't\b",
    re.IGNORECASE,
)
#: a denial turns into a confirmation only where what was denied follows as a clause
_CLAUSE_AFTER = r"(?=,| that\b| que\b| qu['’]| dass\b| che\b| reports\b| les informations\b| la información\b)"


def rule_confirm_deny(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    found = []
    for confirm, deny in CONFIRM_DENY[lang]:
        for m in re.finditer(rf"(?<![\w-]){confirm}(?![\w-])", text, re.IGNORECASE):
            found.append((m, deny))
        for m in re.finditer(rf"(?<![\w-]){deny}(?![\w-]){_CLAUSE_AFTER}", text, re.IGNORECASE):
            found.append((m, confirm))
    # "could not be confirmed" and "could not be denied" do not contradict each other
    found = [(m, new) for m, new in found if not _NEGATED.search(text[max(0, m.start() - 30) : m.start()])]
    if not found:
        return None
    m, new = rng.choice(found)
    return _replace_span(text, m.start(), m.end(), _like(new, m.group(0)))


# --------------------------------------------------------------------------------------------- supports: reorder

DISCOURSE = {
    "en": "however but and meanwhile also moreover yet still so thus instead indeed",
    "es": "sin pero además y así entonces también incluso",
    "fr": "cependant mais toutefois et ainsi alors aussi pourtant néanmoins donc",
    "pt": "porém mas contudo entretanto e assim então também ainda",
    "de": "aber doch jedoch und also",
    "it": "tuttavia ma però inoltre e così quindi anche invece",
}
#: prepositions and subordinators a fronted adverbial or adverbial clause starts with (a phrase holding a day, a
#: month or a year counts too); none for German, whose verb-second order would need the clause rebuilt
ADVERBIAL = {
    "en": "in on at after before during since following despite when while although because last earlier later by",
    "es": "en tras después antes durante desde aunque cuando mientras ayer hoy a",
    "fr": "à en dans après avant pendant depuis lors quand lorsque malgré hier aujourd'hui",
    "pt": "em no na nos nas após depois antes durante desde ontem hoje quando embora apesar",
    "de": "",
    "it": "dopo prima durante da dal dalla ieri oggi quando mentre sebbene nel nella in a",
}
for _lang, _words in ADVERBIAL.items():
    FUNCTION_WORDS[_lang] |= set(_words.split())
_COMPLEMENT = re.compile(
    r"(?<![\w-])(?:that|que|qu['’]|dass|che|said|dijo|a déclaré|disse|sagte|ha detto)(?![\w-])", re.IGNORECASE
)
_COORD = {"en": "and", "es": "y", "fr": "et", "pt": "e", "de": "und", "it": "e"}
_QUOTES = '"“”«»„'


#: fronted adverbs that stand alone ("Hoy, ..."): a longer phrase starting with one is a clause, not an adverbial
ADVERBS = {"earlier", "later", "last", "ayer", "hoy", "hier", "aujourd'hui", "ontem", "hoje", "ieri", "oggi"}
DISCOURSE_PHRASES = (
    "in fact", "in addition", "in other words", "on the other hand", "for example", "by contrast", "sin embargo",
    "por otro lado", "por ejemplo", "de hecho", "en cambio", "en efecto", "en effet", "par ailleurs", "par exemple",
    "en revanche", "no entanto", "por outro lado", "por exemplo", "de fato", "em contrapartida", "in effetti",
    "d'altra parte", "per esempio", "ad esempio", "in realtà",
)  # fmt: skip


def _several_sentences(text: str) -> bool:
    return bool(re.search(r"[.!?][\"”»]? [A-ZÀ-Ý]", text))


def _calendar(word: str, lang: str) -> bool:
    w = word.lower().strip(".,")
    return w in {m.lower() for m in MONTH_LIST[lang]} or any(w == d.lower() for g in WEEKDAYS[lang] for d in g)


def _is_adverbial(phrase: str, lang: str) -> bool:
    words = phrase.split()
    if not 0 < len(words) <= 8 or any(q in phrase for q in _QUOTES):
        return False
    first = words[0].lower()
    if first in DISCOURSE[lang].split() or not ADVERBIAL[lang] or phrase.lower().startswith(DISCOURSE_PHRASES):
        return False
    if first in ADVERBIAL[lang].split():
        return first not in ADVERBS or len(words) <= 3
    # "Lundi", "El lunes", "Last March": a short phrase that names a day, a month or a year
    return len(words) <= 3 and (any(_calendar(w, lang) for w in words) or bool(re.search(r"\b(?:19|20)\d\d\b", phrase)))


def rule_reorder(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    options = []
    body, end = _end(text)
    # an adverbial moved across a "that" clause could attach to the other verb: only move it in a simple sentence
    if end is not None and not _COMPLEMENT.search(body) and not _several_sentences(body):
        m = re.match(r"^([^,;:]{2,80}), (.+)$", body)
        if m and _is_adverbial(m.group(1), lang) and len(m.group(2).split()) >= 3:
            options.append(f"{_upper_first(m.group(2))} {_lower_first(m.group(1), lang)}{end}")
        m = re.match(r"^([^,;:]{10,}), ([^,;:]{2,80})$", body)
        if m and _is_adverbial(m.group(2), lang) and len(m.group(1).split()) >= 3:
            options.append(f"{_upper_first(m.group(2))}, {_lower_first(m.group(1), lang)}{end}")
    for m in re.finditer(rf"(?<=\s)({_CAP}) {_COORD[lang]} ({_CAP})(?![\w-])", text):
        before, after = text[: m.start()].split(), text[m.end() :].split()
        if (before and before[-1][:1].isupper()) or (after and after[0][:1].isupper()) or m.group(1) == m.group(2):
            continue  # part of a longer name ("Emmanuel Macron and Angela Merkel")
        options.append(_replace_span(text, m.start(), m.end(), f"{m.group(2)} {_COORD[lang]} {m.group(1)}"))
    options = [o for o in options if o != text]
    return rng.choice(options) if options else None


# ----------------------------------------------------------------------------------------- supports: drop_clause

#: what a trailing clause the sentence asserts starts with (never "if", "unless" or "or")
TRAILING = {
    "en": ["and", "but", "while", "although", "though", "which", "who", "whose", "where", "after", "adding"],
    "es": ["y", "pero", "mientras", "aunque", "que", "quien", "quienes", "donde", "cuyo", "cuya", "tras", "lo que"],
    "fr": ["et", "mais", "tandis que", "alors que", "bien que", "qui", "dont", "où", "après", "ce qui"],
    "pt": ["e", "mas", "enquanto", "embora", "que", "quem", "onde", "cujo", "cuja", "após", "o que"],
    "de": ["und", "aber", "während", "obwohl", "der", "die", "das", "dem", "den", "dessen", "deren", "wo", "nachdem"],
    "it": ["e", "ma", "mentre", "sebbene", "che", "dove", "dopo", "cui", "il che", "il quale", "la quale"],
}
#: what a comma-enclosed relative clause or apposition starts with
ENCLOSED = {
    "en": ["who", "which", "whose", "where", "a", "an", "the"],
    "es": ["que", "quien", "quienes", "donde", "cuyo", "cuya", "un", "una", "el", "la"],
    "fr": ["qui", "dont", "où", "un", "une", "le", "la"],
    "pt": ["que", "quem", "onde", "cujo", "cuja", "um", "uma"],
    "de": ["der", "die", "das", "dem", "den", "dessen", "deren", "wo"],
    "it": ["che", "il quale", "la quale", "cui", "dove", "un", "una"],
}
_CONJUNCTIONS = {"and", "y", "et", "e", "und"}
RELATIVE = set(
    "which who whose where que quien quienes donde cuyo cuya qui dont où quem onde cujo cuja der die das dem den dessen"
    " deren wo che dove cui".split()
) | {"lo que", "ce qui", "o que", "il che", "il quale", "la quale"}


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("(") == text.count(")") and text.count("“") == text.count("”")


def rule_drop_clause(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    options = []
    for m in re.finditer(r" \([^()]{1,80}\)", text):
        options.append(_replace_span(text, m.start(), m.end(), ""))
    enclosed = "|".join(re.escape(w) for w in ENCLOSED[lang])
    for m in re.finditer(rf", (?:{enclosed}) [^,;:()]{{2,100}}, ", text):
        if _balanced(m.group(0)) and m.start() > 0:
            options.append(_replace_span(text, m.start(), m.end(), " "))
    body, end = _end(text)
    trailing = "|".join(re.escape(w) for w in TRAILING[lang])
    m = re.search(rf", ({trailing}) [^;:]{{6,}}$", body) if end is not None else None
    if m:
        kept, dropped = body[: m.start()], body[m.end(1) :]
        if (
            len(kept.split()) >= 4
            and _balanced(kept)
            and not (m.group(1) in _CONJUNCTIONS and "," in kept)
            and not (m.group(1) in RELATIVE and "," in dropped)  # "X, who ..., said Y": not the last clause
            and kept.split()[-1].lower() not in FUNCTION_WORDS[lang] | _CONJUNCTIONS | {"or", "ou", "o", "oder"}
        ):
            options.append(kept + (end or ""))
    options = [o for o in options if o != text and len(o.split()) >= 4]
    return rng.choice(options) if options else None


# ----------------------------------------------------------------------------------------- supports: attribution

_PRONOUNS = {
    lang: set(words.split())
    for lang, words in {
        "en": "i you he she it we they him her them me us one",
        "es": "yo tú usted él ella ellos ellas nosotros nosotras",
        "fr": "je tu il elle on nous vous ils elles lui eux moi",
        "pt": "eu tu você ele ela nós eles elas",
        "it": "io tu lui lei egli ella noi voi loro esso essa",
        "de": "ich du er sie es wir ihr man",
    }.items()
}
_SPEAKER = r"[^,;:\"“”«»]{2,60}?"

ATTRIBUTION = {
    "en": {"said": r"(?:said|says|told reporters|announced)", "that": r"(?:that )?", "according": "According to",
           "inverted": r"(?:said|says)", "back": "said that"},
    "es": {"said": r"(?:dijo|afirmó|aseguró|declaró|señaló|explicó|indicó|informó|anunció)", "that": r"que ",
           "according": "Según", "inverted": r"(?:dijo|afirmó|aseguró|señaló|explicó|indicó)", "back": "afirmó que"},
    "fr": {"said": r"(?:a déclaré|a affirmé|a indiqué|a annoncé|a expliqué|affirme|déclare|dit)",
           "that": r"qu(?:e |['’])", "according": "Selon",
           "inverted": r"(?:a déclaré|a affirmé|a indiqué|a expliqué|a précisé)", "back": "a affirmé que"},
    "pt": {"said": r"(?:disse|afirmou|declarou|informou|explicou|anunciou|garantiu)", "that": r"que ",
           "according": "Segundo", "inverted": r"(?:disse|afirmou|declarou|explicou)", "back": "afirmou que"},
    "it": {"said": r"(?:ha detto|ha dichiarato|ha affermato|ha spiegato|ha annunciato|ha riferito|afferma|dice)",
           "that": r"che ", "according": "Secondo", "inverted": r"(?:ha detto|ha dichiarato|ha affermato|ha spiegato)",
           "back": "ha affermato che"},
}  # fmt: skip
_ACCORDING_IN = {
    "en": r"According to",
    "es": r"Según|De acuerdo con",
    "fr": r"Selon|D['’]après",
    "pt": r"Segundo|De acordo com",
    "it": r"Secondo",
}


SPEAKERS = {
    "en": "government police officials official minister ministry spokesperson spokesman spokeswoman report study"
    " company experts researchers authorities sources president agency court prosecutors scientists analysts",
    "es": "gobierno policía ministro ministra ministerio portavoz informe estudio empresa expertos autoridades fuentes"
    " presidente presidenta agencia tribunal fiscalía científicos analistas",
    "fr": "gouvernement police ministre ministère porte-parole rapport étude entreprise experts autorités sources"
    " président présidente agence tribunal parquet scientifiques analystes",
    "pt": "governo polícia ministro ministra ministério porta-voz relatório estudo empresa especialistas autoridades"
    " fontes presidente agência tribunal cientistas analistas",
    "it": "governo polizia ministro ministra ministero portavoce rapporto studio azienda esperti autorità fonti"
    " presidente agenzia tribunale procura scienziati analisti",
    "de": "regierung polizei minister ministerin ministerium sprecher sprecherin bericht studie unternehmen experten"
    " behörden quellen präsident präsidentin agentur gericht staatsanwaltschaft wissenschaftler",
}
SPEAKER_WORDS = {lang: set(words.split()) for lang, words in SPEAKERS.items()}


def _speaker_ok(x: str, lang: str, strict: bool = False) -> bool:
    """A plausible speaker: a short phrase, not a pronoun or a prepositional phrase; ``strict``: also one that
    names someone (a capitalised word) or holds a speaker noun (government, police, study...)."""
    words = x.split()
    if not 1 <= len(words) <= 8 or any(q in x for q in _QUOTES):
        return False
    first = words[0].lower()
    if first in _PRONOUNS[lang] or first in ADVERBIAL[lang].split() or first in ("à", "de", "to", "al", "ao", "von"):
        return False
    named = any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())
    return not strict or named or any(w.lower().strip(".,") in SPEAKER_WORDS[lang] for w in words)


def _attribution_de(body: str, end: str) -> list[str]:
    out = []
    m = re.match(rf"^({_SPEAKER}) (sagte|erklärte|betonte), (.+)$", body)
    if m and _speaker_ok(m.group(1), "de") and m.group(3).split()[0] not in ("dass", "ob"):
        y, x = _upper_first(m.group(3)), _lower_first(m.group(1), "de")
        out += [f"{y}, {m.group(2)} {x}{end}", f"{y}, so {x}{end}"]
    m = re.match(rf"^(.+), (sagte|erklärte|betonte) ({_SPEAKER})$", body)
    if m and _speaker_ok(m.group(3), "de") and len(m.group(1).split()) >= 3:
        y, x = _lower_first(m.group(1), "de"), m.group(3)
        out += [f"{_upper_first(x)} {m.group(2)}, {y}{end}", f"{m.group(1)}, so {x}{end}"]
    m = re.match(rf"^(.+), so ({_SPEAKER})$", body)
    if m and _speaker_ok(m.group(2), "de") and len(m.group(1).split()) >= 3:
        out.append(f"{m.group(1)}, sagte {m.group(2)}{end}")
    return out


PLURAL_BACK = {"es": "afirmaron que", "fr": "ont affirmé que", "pt": "afirmaram que", "it": "hanno affermato che"}
_PLURAL_ARTICLES = {"es": "los las unos unas", "fr": "les des", "pt": "os as uns umas", "it": "i gli le"}


def _plural(speaker: str, lang: str) -> bool:
    """A speaker that needs a plural verb ("los expertos", "datos del Banco Mundial"), by its first word."""
    first = speaker.split()[0]
    if lang not in PLURAL_BACK:
        return False
    return first.lower() in _PLURAL_ARTICLES[lang].split() or (first.islower() and first.endswith("s"))


def rule_attribution(text: str, lang: str, rng: random.Random, context: list[str]) -> str | None:
    body, end = _end(text)
    if end is None or _several_sentences(body):
        return None
    if lang == "de":
        options = _attribution_de(body, end)
        return rng.choice(options) if options else None
    a = ATTRIBUTION[lang]
    options = []
    m = re.match(rf"^({_SPEAKER}) {a['said']} ({a['that']})(.+)$", body)
    if (
        m
        and _speaker_ok(m.group(1), lang)
        and (m.group(2) or not re.match(r"^(?:\S+ ){0,3}that\b", m.group(3)))  # "said Thursday that ..."
    ):
        options.append(f"{a['according']} {_lower_first(m.group(1), lang)}, {m.group(3)}{end}")
    m = re.match(rf"^(.+), (?:({_SPEAKER}) {a['inverted']}|{a['inverted']} ({_SPEAKER}))$", body)
    if m and _speaker_ok(m.group(2) or m.group(3), lang, strict=True) and len(m.group(1).split()) >= 4:
        x = m.group(2) or m.group(3)
        options.append(f"{a['according']} {_lower_first(x, lang)}, {_lower_first(m.group(1), lang)}{end}")
    m = re.match(rf"^(?:{_ACCORDING_IN[lang]}) ({_SPEAKER}), (.+)$", body)
    if m and _speaker_ok(m.group(1), lang, strict=True):
        back = PLURAL_BACK[lang] if _plural(m.group(1), lang) else a["back"]
        out = f"{_upper_first(m.group(1))} {back} {_lower_first(m.group(2), lang)}{end}"
        options.append(_fr_elide(out) if lang == "fr" else out)
    return rng.choice(options) if options else None


# -------------------------------------------------------------------------------------------------------- denial

DENIERS = {
    "en": ["The government", "The company", "A spokesperson", "The ministry", "The White House"],
    "es": ["El Gobierno", "La empresa", "Un portavoz", "El ministerio", "La policía"],
    "fr": ["Le gouvernement", "L'entreprise", "Un porte-parole", "Le ministère", "La police"],
    "pt": ["O governo", "A empresa", "Um porta-voz", "O ministério", "A polícia"],
    "de": ["Die Regierung", "Das Unternehmen", "Ein Sprecher", "Das Ministerium", "Die Polizei"],
    "it": ["Il governo", "L'azienda", "Un portavoce", "Il ministero", "La polizia"],
}
DENIALS = {
    "en": ["{x} denies that {s}.", "There is no evidence that {s}.", "{x} denied reports that {s}."],
    "es": ["{x} negó que {s}.", "{x} desmintió la información según la cual {s}.",
           "No hay pruebas de que sea cierto que {s}."],
    "fr": ["Rien ne permet d'affirmer que {s}.", "{x} dément les informations selon lesquelles {s}."],
    "pt": ["{x} nega que {s}.", "{x} desmentiu a informação de que {s}.", "Não há provas de que seja verdade que {s}."],
    "de": ["{x} bestreitet, dass {v}.", "Es gibt keine Belege dafür, dass {v}.",
           "{x} bestreitet diese Darstellung: {s}."],
    "it": ["{x} smentisce che {s}.", "{x} ha smentito la notizia secondo cui {s}.",
           "Non ci sono prove che sia vero che {s}."],
}  # fmt: skip


def _proper(word: str, lang: str) -> bool:
    """A word known to be a name: an acronym, a known first name or place, a title, or an English or German month or
    day name."""
    word = word.strip(".,;:!?\"'’")
    return (
        (len(word) > 1 and word.isupper())
        or word in GENDER
        or any(word in cls for cls in PLACE_CLASSES[lang])
        or word in TITLES[lang].split()
        or (lang in ("en", "de") and _calendar(word, lang))
    )


def verb_final(sentence: str) -> str | None:
    """A simple German main clause as a "dass" clause: the finite verb (an auxiliary, modal or copula among the
    first six words) moved to the end. ``None`` when the sentence is not that simple."""
    body, _ = _end(sentence)
    if any(c in body for c in ",;:()" + _QUOTES):
        return None
    words = body.split()
    for i, word in enumerate(words[1:6], start=1):
        if word in _DE_VERBS.split() and i + 1 < len(words):
            head = " ".join(words[:i])
            return " ".join([_lower_first(head, "de"), *words[i + 1 :], word])
    return None


REPORTING = {
    "en": "added|reported|claimed|stated|told|wrote|insisted|argued|noted",
    "es": "añadió|agregó|informó|sostuvo|subrayó|escribió|contó|aseguró|advirtió",
    "fr": "a ajouté|a rapporté|a assuré|a écrit|a souligné|affirment|assure|selon",
    "pt": "acrescentou|relatou|contou|escreveu|ressaltou|destacou|alertou",
    "it": "ha aggiunto|ha scritto|ha sottolineato|ha raccontato|ha assicurato|secondo",
    "de": "sagte|sagten|erklärte|betonte|berichtete|schrieb|fügte|laut|so",
}
_SAID = {
    lang: rf"(?<![\w-])(?:{ATTRIBUTION[lang]['said'] + '|' + _ACCORDING_IN[lang] + '|' if lang in ATTRIBUTION else ''}"
    rf"{REPORTING[lang]})(?![\w-])"
    for lang in LANGS
}


def deny(text: str, lang: str, rng: random.Random) -> str | None:
    """A sentence that reports a denial of ``text`` (or says there is no evidence for it); ``None`` for a sentence
    that is itself a report of what someone said, or holds a quotation."""
    body, end = _end(text)
    if (
        end is None
        or len(body.split()) < 4
        or not body[:1].isalpha()
        or any(q in body for q in _QUOTES)
        or _several_sentences(body)
        or re.search(_SAID[lang], body, re.IGNORECASE)
    ):
        return None
    templates = DENIALS[lang]
    v = verb_final(text) if lang == "de" else None
    templates = [t for t in templates if "{v}" not in t or v]
    first = body.split()[0]
    if _lower_first(body, lang) == body and first[:1].isupper() and not _proper(first, lang):
        # "Dio un paso atrás": a capital that is not a name cannot go mid-sentence, and lower-casing an unknown
        # word could lower-case a name; only a template that keeps the sentence whole after a colon will do
        templates = [t for t in templates if ": {s}" in t]
        if not templates:
            return None
    template = rng.choice(templates)
    s = body if ": {s}" in template else _lower_first(body, lang)
    out = template.format(x=rng.choice(DENIERS[lang]), s=s, v=v)
    return _fr_elide(out) if lang == "fr" else out


# ---------------------------------------------------------------------------------------------------------- pairs

CONTRADICT: dict[str, Rule] = {
    "number": rule_number,
    "hour": rule_hour,
    "weekday": rule_weekday,
    "date": rule_date,
    "age": rule_age,
    "person": rule_person,
    "place": rule_place,
    "negation": rule_negation,
    "confirm_deny": rule_confirm_deny,
}
SUPPORT: dict[str, Rule] = {"reorder": rule_reorder, "drop_clause": rule_drop_clause, "attribution": rule_attribution}
#: rules whose twin says less than the sentence: only the sentence may be the passage
ONE_WAY = {"drop_clause"}


#: rules that apply to most sentences are tried only after the specific ones, so that they do not crowd them out
LAST = {"negation", "drop_clause"}


def twins(
    text: str, lang: str, rng: random.Random, rules: dict[str, Rule], label: str, limit: int, context: list[str]
) -> list[Twin]:
    """Up to ``limit`` twins of ``text`` by different rules, tried in a random order (``LAST`` rules last)."""
    names = list(rules)
    rng.shuffle(names)
    names.sort(key=lambda name: name in LAST)
    out = []
    for name in names:
        if len(out) >= limit:
            break
        new = rules[name](text, lang, rng, context)
        if new and new != text:
            out.append(Twin(new, name, label))
    return out


def pairs_for(record: dict, seed: int, contradict: int, support: int, deny_share: float, context: list[str]):
    text, lang, group = record["text"], record["lang"], record["group"]
    rng = random.Random(f"{seed}:{lang}:{text}")
    made = twins(text, lang, rng, CONTRADICT, "contradicts", contradict, context)
    made += twins(text, lang, rng, SUPPORT, "supports", support, context)
    for twin in made:
        twin_is_claim = twin.rule in ONE_WAY or rng.random() < 0.5
        claim, passage = (twin.text, text) if twin_is_claim else (text, twin.text)
        yield {"claim": claim, "passage": passage, "label": twin.label, "lang": lang, "source": f"synth/{twin.rule}",
               "group": group}  # fmt: skip
    if deny_share and rng.random() < deny_share:
        denial = deny(text, lang, rng)
        if denial:
            yield {"claim": text, "passage": denial, "label": "contradicts", "lang": lang, "source": "synth/denial",
                   "group": group}  # fmt: skip


def synthesize(
    records: Iterable[dict], seed: int = 13, contradict: int = 1, support: int = 1, deny_share: float = 0.25
) -> Iterator[dict]:
    """Contrast pairs for every record of a known language, in input order."""
    records = [r for r in records if r.get("lang") in LANGS and r.get("text")]
    by_group: dict[str, list[str]] = defaultdict(list)
    for r in records:
        by_group[r["group"]].append(r["text"])
    for r in records:
        context = [t for t in by_group[r["group"]] if t != r["text"]]
        yield from pairs_for(r, seed, contradict, support, deny_share, context)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=HERE / "data" / "sentences.jsonl")
    parser.add_argument("--output", type=Path, default=HERE / "data" / "synth.jsonl")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--contradict", type=int, default=1, help="contradicting twins per sentence, at most")
    parser.add_argument("--support", type=int, default=1, help="supporting twins per sentence, at most")
    parser.add_argument("--deny", type=float, default=0.25, help="share of sentences that also get a denial")
    parser.add_argument("--langs", nargs="+", choices=LANGS, default=list(LANGS))
    args = parser.parse_args(argv)
    if not args.input.exists():
        parser.error(f"no {args.input} (python training/judge/data.py --sentences writes one)")
    with open(args.input, encoding="utf-8") as f:
        records = [r for r in (json.loads(line) for line in f if line.strip()) if r.get("lang") in args.langs]
    counts: Counter = Counter()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as out:
        for pair in synthesize(records, args.seed, args.contradict, args.support, args.deny):
            counts[pair["lang"], pair["source"], pair["label"]] += 1
            out.write(json.dumps(pair, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences -> {sum(counts.values())} pairs in {args.output}")
    for lang in LANGS:
        row = {src.removeprefix("synth/"): n for (lg, src, _), n in sorted(counts.items()) if lg == lang}
        if row:
            print(f"  {lang}: {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
