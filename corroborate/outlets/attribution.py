"""Which outlet a text credits for its report, in English, Spanish, Portuguese, French, German and Italian.

A credit is an outlet of the registry named next to a cue:
- before the name: "according to (a report by)", "told", "citing", "reported by", "per", "según", "de acuerdo
  con", "informó", "citado por", "segundo", "conforme", "com informações da", "selon", "d'après", "cité par",
  "laut", "secondo" …, with descriptors in between skipped ("la cadena estadounidense NBC", "the news agency AP",
  "a agência de notícias Reuters");
- after the name: "NBC News reported", "X first reported", "as X reported", "X informó", "X a rapporté",
  "X zufolge" …;
- a dateline or wire byline: "WASHINGTON (AP) —", "(Reuters) -", "(EFE).-", "(NBC)-", a closing "— AFP", "By …,
  Associated Press", "Reporting by …; Editing by …" (Reuters).

Photo credits ("Christophe Ena/AP", "Photo: AFP", "… via Getty Images") are not credits. A dateline or byline is
never a person. Two credits in one sentence joined by "citing" form a chain ("BNO, citing NBC" → BNO → NBC).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .registry import Outlet, Registry, packaged_registry

__all__ = ["Credit", "attributions", "find_credits", "page_credit", "passage_chain"]


@dataclass(slots=True, frozen=True)
class Credit:
    """An outlet a text credits, the cue that credits it and where."""

    outlet: Outlet
    cue: str
    kind: str  # dateline | byline | report | citing
    start: int
    end: int


_BEFORE = [
    # English
    r"according to (?:an? |the |their |its )?(?:(?:new|recent|exclusive|earlier|initial|original|first|latest)\s+)?"
    r"(?:report|story|article|investigation|analysis|reporting|broadcast|interview|tally|count|statement|"
    r"data|figures|footage)s?\s+(?:by|from|in|on|with|of)",
    r"according to",
    r"(?:first |originally |previously |earlier |initially )?reported (?:first )?by",
    r"as reported (?:by|in)",
    r"(?:told|telling|tells|said to|speaking to|spoke to|confirmed to|in an? (?:\w+ )?interview with|quoted by|"
    r"cited by|obtained by|seen by|reviewed by|a report (?:by|from|in)|reports? from)",
    r"citing|per|via|reports|reported|writes|wrote|quoting",
    r"(?:a |an |the )?(?:journalists?|reporters?|correspondents?|photographers?) (?:for|from|with|of)",
    # Spanish
    r"según(?:\s+(?:ha |han )?(?:informó|informa|reportó|reporta|publicó|publica|indicó|recoge|difundió|"
    r"\w+ado (?:a|al)|\w+ido (?:a|al)|dijo (?:a|al)|explicó (?:a|al)|contó (?:a|al)))?",
    r"de acuerdo (?:con|a)",
    r"(?:informó|informa|reportó|reporta|publicó|publica|revel[óa]|difundió|divulgó|recoge|recogió|indicó)",
    r"(?:citad[oa]s? por|citando a|cit[óa] a|dijo a|declaró a|en declaraciones a|en (?:una )?entrevista con|"
    r"confirmó a|indicó a|explicó a|aseguró a|con (?:información|informaciones) de|(?:un |una |el |la )?"
    r"(?:reporte|informe|nota|artículo|reportaje) (?:de|del|publicad[oa] por)|revelad[oa] por|difundid[oa] por)",
    r"(?:periodistas?|corresponsal(?:es)?|reporteros?) (?:de|del)",
    # Portuguese
    r"(?:segundo|conforme|de acordo com|informou|noticiou|publicou|revelou|divulgou|citad[oa]s? pel[oa]s?|"
    r"disse (?:à|ao|a)|afirmou (?:à|ao|a)|declarou (?:à|ao|a)|em entrevista (?:à|ao|a)|"
    r"com informações d[aeo]s?|(?:as )?informações (?:são )?d[aeo]s?|(?:a |uma )?(?:reportagem|informação|notícia) "
    r"d[aeo]s?|jornalistas? d[aeo]s?)",
    # French
    r"(?:selon|d'après|a rapporté|rapporte|rapportait|a indiqué (?:à|au)|a déclaré (?:à|au)|a confié (?:à|au)|"
    r"a affirmé (?:à|au)|a confirmé (?:à|au)|a précisé (?:à|au)|a expliqué (?:à|au)|cité par|citant|relayé par|"
    r"interrogé par|dans un (?:article|reportage|entretien) (?:de|du|à|au|accordé à|accordé au)|avec|a écrit|écrit|"
    r"(?:des |les |un |une )?(?:journalistes?|correspondants?|photographes?|envoyée? spéciale?) (?:de|du))",
    # German and Italian
    r"(?:laut|berichtete|berichtet|meldete|meldet|nach (?:Angaben|Informationen) (?:von|des|der)|wie)",
    r"(?:secondo|stando a|riferisce|ha riferito|riporta|ha riportato|citato da|come riportato da|fa sapere|"
    r"ha detto (?:a|al|alla)|in un'intervista (?:a|al|alla|con))",
]
#: a line that names where the whole text comes from: "Fonte: NHK", "Source: AFP", "Leer noticia completa en X"
_SOURCE_LINE = re.compile(
    r"(?:^|\n)\s*(?:(?:source|sources|fuente|fuentes|fonte|fontes|quelle|fonte|font)\s*:|"
    r"(?:leer|lea|ler|leia|lire|read|lesen sie)\s+(?:la |el |a |o |the |l'|den )?(?:noticia|nota|artículo|matéria|"
    r"notícia|article|story|artikel|reportaje|reportagem)\s+(?:completa |completo |complète |full |original |"
    r"vollständigen )?(?:en|no|na|em|sur|at|on|in|bei))\s*",
    re.I,
)
_BEFORE_RE = re.compile(r"(?<![\w'])(?:" + "|".join(f"(?:{p})" for p in _BEFORE) + r")\s+", re.I)
_CITING = re.compile(r"^(?:citing|citando|citant|cit[óa] a|citing a report (?:by|from))", re.I)
_AFTER = re.compile(
    r"^,?\s*(?:first |originally |earlier |previously |initially |has |had |also )*(?:reported|reports|revealed|"
    r"disclosed|broke the news|was (?:the )?first to report|said in a report|informó|reportó|publicó|reveló|"
    r"informa|reporta|publica|dio a conocer|informou|noticiou|publicou|revelou|divulgou|a rapporté|rapporte|"
    r"a révélé|révèle|a annoncé|zufolge|berichtete|berichtet|meldete|meldet|riferisce|ha riferito|riporta|"
    r"ha riportato|scrive|quoted|, citing)\b",
    re.I,
)
#: words a text puts between a cue and an outlet name ("la cadena estadounidense", "the U.S. news agency")
_DESCRIPTOR_WORDS = frozenset(
    """the a an la el los las lo le les l' l’ d' d’ al à ao aos da do das dos de del della dello dell' di du des der
    die das dem den des il o os as une un una uno u.s. us uk u.k. british american spanish french german italian mexican
    brazilian portuguese indian chinese japanese qatari russian israeli state-run state-owned state public local
    national international regional global news wire press newspaper daily paper tabloid agency network
    broadcaster channel station outlet magazine website site publication newswire service weekly radio
    television tv cadena agencia agência emisora emissora televisora diario diário periódico jornal revista portal
    medio canal red rede agence chaîne quotidien journal hebdomadaire rádio sitio noticias notícias presse
    información informaciones estadounidense británico británica británicos francés francesa alemán alemana
    italiano italiana español española mexicano mexicana brasileño brasileña chino china japonés japonesa
    indio india qatarí ruso rusa estatal pública público norte-americana norte-americano americana americano
    britânica britânico francesa alemã italiana espanhola chinesa japonesa indiana catari russa estatal
    américaine américain britannique allemande allemand italienne espagnole mexicaine chinoise japonaise
    publique nachrichtenagentur agentur zeitung sender agenzia quotidiano testata emittente sito stampa ansa
    televisione statunitense britannica americana francese tedesca spagnola messicana cinese giapponese etat état
    d'etat d'état monday tuesday wednesday thursday friday saturday sunday lunes martes miércoles jueves viernes
    sábado domingo segunda-feira terça-feira quarta-feira quinta-feira sexta-feira lundi mardi mercredi jeudi
    vendredi samedi dimanche hier ayer ontem gestern ieri today yesterday hoy hoje aujourd'hui heute oggi""".split()
)
_DATELINE = re.compile(r"\((?P<src>[A-Za-z][\w.&'’ /-]{0,30}?)\)\s*(?:\.?\s*[-–—:]+|\s(?=[A-Z]))")
_CLOSING = re.compile(r"(?:^|[\s(])[-–—]\s*(?P<src>[A-Z][\w.&'’ -]{0,30}?)\)?\s*$")
_REUTERS_SIGNATURE = re.compile(r"\(?Reporting by [^;)]{2,120};[^)]{0,200}Editing by", re.I)
_BYLINE = re.compile(r"^(?:By|Por|Par|Von|Di|De)\s+(?P<rest>[^\n]{2,120})$", re.M)
_PHOTO = re.compile(
    r"(?:photo|foto|image|imagen|imagem|bild|crédit|credit|picture|pictures|getty|/)\W{0,3}(?:[\w.'’-]+\s){0,4}$",
    re.I,
)
_PHOTO_LINE = re.compile(r"\b(?:photo|foto|image|imagen|imagem|bild|crédit|credit|getty|picture)", re.I)
_WORD = re.compile(r"[lLdD]['’](?=[A-ZÀ-Ý])|[\w.&'’-]+|\S")


def _words_after(text: str, start: int, limit: int = 12) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start() + start, m.end() + start) for m in _WORD.finditer(text[start : start + 160])][:limit]


def _name_after(text: str, start: int, registry: Registry) -> tuple[Outlet, int, int] | None:
    """The outlet named right after ``start``, skipping descriptors ("la cadena estadounidense NBC")."""
    tokens = _words_after(text, start)
    for skip in range(0, min(len(tokens), 7)):
        word = tokens[skip][0]
        if word[:1].isupper() or word[:1].isdigit():
            hit = registry.leading([t[0].rstrip(".,;:") if i else t[0] for i, t in enumerate(tokens[skip:])])
            if hit is None and word.casefold() not in _DESCRIPTOR_WORDS:
                return None
            if hit is not None:
                outlet, size = hit
                return outlet, tokens[skip][1], tokens[skip + size - 1][2]
        if word.casefold().rstrip(".,") not in _DESCRIPTOR_WORDS and word not in ("'", "’"):
            return None
    return None


def _photo_credit(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(_PHOTO.search(before)) or text[start : start + 60].find("via Getty") >= 0


def find_credits(text: str, registry: Registry) -> list[Credit]:
    """Every outlet credit in ``text``, in order of position."""
    credits: dict[int, Credit] = {}
    for m in _BEFORE_RE.finditer(text):
        found = _name_after(text, m.end(), registry)
        if found is None or (_photo_credit(text, m.start()) and m.group(0).strip().endswith(":")):
            continue
        outlet, start, end = found
        kind = "citing" if _CITING.match(m.group(0)) else "report"
        credits.setdefault(start, Credit(outlet, m.group(0).strip(), kind, start, end))
    for m in _AFTER_NAME.finditer(text):
        # "NBC News reported", "as The Associated Press first reported", "X, citing"
        words = [(w.group(0), w.start(), w.end()) for w in _WORD.finditer(text, max(0, m.start() - 80), m.start())]
        words = [w for w in words if w[0] not in (",",)]
        hit = registry.trailing([w[0].rstrip(",") for w in words[-6:]]) if words else None
        if hit is None:
            continue
        outlet, size = hit
        first = words[-size]
        if not first[0][:1].isupper() or _photo_credit(text, first[1]):
            continue
        credits.setdefault(first[1], Credit(outlet, m.group(0).strip(), "report", first[1], words[-1][2]))
    head, tail = text[:1200], text[-300:]
    for m in _SOURCE_LINE.finditer(text):
        found = _name_after(text, m.end(), registry)
        if found is not None:
            outlet, start, end = found
            credits[start] = Credit(outlet, m.group(0).strip(), "byline", start, end)
    for line in re.finditer(r"[^\n]+", text[:600]):
        if _PHOTO_LINE.search(line.group(0)) or len(line.group(0)) > 100:
            continue
        # "By Li Cohen / 2:21 PM EDT / CBS News"; a name glued to a slash ("Christophe Ena/AP") is a photo credit
        for part in re.finditer(r"(?:(?<=^)|(?<=\s[/|]\s))[^/|]+?(?=\s[/|]\s|$)", line.group(0)):
            name = re.sub(r"\s*(?:\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}:\d\d).*$", "", part.group(0)).strip()
            outlet = registry.named(name) if 1 < len(name) <= 40 and name[:1].isupper() else None
            if outlet is not None:
                at = line.start() + part.start()
                credits.setdefault(at, Credit(outlet, "byline line", "byline", at, at + len(name)))
    for m in _DATELINE.finditer(head):
        for part in re.split(r"\s*/\s*", m.group("src")):
            outlet = registry.named(part)
            if outlet is not None and not _PHOTO_LINE.search(text[max(0, m.start() - 40) : m.start()]):
                credits.setdefault(m.start("src"), Credit(outlet, m.group(0).strip(), "dateline", m.start(), m.end()))
    offset = len(text) - len(tail)
    for m in _CLOSING.finditer(tail):
        outlet = registry.named(m.group("src"))
        if outlet is not None:
            credits.setdefault(offset + m.start("src"), Credit(outlet, "—", "dateline", offset + m.start(), len(text)))
    if (sig := _REUTERS_SIGNATURE.search(text)) and (reuters := registry.named("Reuters")):
        credits.setdefault(sig.start(), Credit(reuters, "Reporting by … Editing by", "byline", sig.start(), sig.end()))
    for m in _BYLINE.finditer(head):
        words = m.group("rest").replace(",", " , ").split()
        hit = registry.trailing([w for w in words if w != ","])
        if hit is not None:
            credits.setdefault(m.start("rest"), Credit(hit[0], m.group(0)[:3].strip(), "byline", m.start(), m.end()))
    return sorted(credits.values(), key=lambda c: c.start)


_AFTER_NAME = re.compile(
    r"(?<=\w)(?=,?\s+(?:first |originally |earlier |previously |initially |has |had |also )*(?:reported|reports|"
    r"revealed|disclosed|broke the news|was (?:the )?first to report|said in a report|informó|reportó|publicó|"
    r"reveló|dio a conocer|informou|noticiou|publicou|revelou|divulgou|a rapporté|rapporte|a révélé|révèle|"
    r"zufolge|berichtete|berichtet|meldete|riferisce|ha riferito|ha riportato|quoted|citing|citando|citant)\b)",
    re.I,
)


_INTERVIEW = re.compile(
    r"^(?:told|telling|tells|said to|speaking to|spoke to|confirmed to|in an? |dijo|declaró|en declaraciones|en "
    r"(?:una )?entrevista|confirmó a|indicó a|explicó a|aseguró a|disse|afirmou|declarou|em entrevista|a indiqué|"
    r"a déclaré|a confié|a affirmé|a confirmé|a précisé|a expliqué|interrogé|ha detto|in un'intervista)",
    re.I,
)


def page_credit(text: str, registry: Registry, own: Outlet | None = None) -> Credit | None:
    """The outlet a whole page relays, if it names one, never the page's own outlet or group: a dateline, wire
    byline or source line first; else the outlet credited most (a report credit such as "according to" or
    "según" weighs two, an interview credit such as "told" one), when no other outlet is credited as much."""
    credits = [c for c in find_credits(text, registry) if not _same(c.outlet, own)]
    for c in credits:
        if c.kind in ("dateline", "byline"):
            return c
    weight: dict[str, float] = {}
    first: dict[str, Credit] = {}
    for c in credits:
        weight[c.outlet.name] = weight.get(c.outlet.name, 0.0) + (1.0 if _INTERVIEW.match(c.cue) else 2.0)
        first.setdefault(c.outlet.name, c)
    ranked = sorted(weight.items(), key=lambda kv: (-kv[1], first[kv[0]].start))
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return first[ranked[0][0]]


def passage_chain(text: str, registry: Registry, own: Outlet | None = None) -> list[Outlet]:
    """The outlets a passage credits, in the order its report passed through them: the first credited outlet,
    then any outlet it is said to be citing ("BNO, citing NBC" → [BNO, NBC])."""
    credits = [c for c in find_credits(text, registry) if not _same(c.outlet, own)]
    if not credits:
        return []
    chain = [credits[0].outlet]
    for c in credits[1:]:
        if c.kind == "citing" and c.outlet not in chain:
            chain.append(c.outlet)
    return chain


def _same(a: Outlet | None, b: Outlet | None) -> bool:
    return a is not None and b is not None and (a.name == b.name or a.origin_key == b.origin_key)


# Sources a claim is attributed to that need not be outlets of the registry: a person, an unlisted paper,
# "two officials" ("according to a report by the Valley Tribune", "Coastal Wire reported", "citing officials").
_ANY_SOURCE = r"(?P<src>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,4})"
_ANY_SOURCE_RES = [
    re.compile(
        r"\baccording to (?:an? |the )?(?:(?:new |recent |exclusive )?(?:report|story|article|investigation|"
        r"analysis|reporting|statement)s? (?:by|from|in) )?(?:the )?" + _ANY_SOURCE
    ),
    re.compile(r"\b(?:as )?(?:first )?reported (?:first )?by (?:the )?" + _ANY_SOURCE),
    re.compile(r"\b(?:told|telling|tells) (?P<src>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})"),
    re.compile(
        r"\bciting (?P<src>(?:two |three |several |multiple |unnamed |anonymous )?[\w.&'’ -]{2,40}?"
        r"(?:officials?|sources?|documents?|[A-Z][\w.&'’-]+(?: [A-Z][\w.&'’-]+){0,3}))"
    ),
    re.compile(
        r"(?P<src>\b[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}) (?:first )?(?:reported|has reported|"
        r"revealed|disclosed)\b"
    ),
]
_NOT_SOURCES = frozenset({"the", "this", "that", "it", "he", "she", "they", "officials", "sources", "a", "an"})
#: any source after a cue of the six languages, named or described ("according to several people present",
#: "selon le préfet", "según testigos", "segundo a polícia", "laut Polizei", "secondo i vigili del fuoco"), up to
#: the end of its phrase; read where no pattern above has read a name
_DESCRIBED_SOURCE = re.compile(
    r"(?<![\w'])(?:according to|citing|según|de acuerdo con|selon|d'après|segundo|de acordo com|conforme|laut|"
    r"secondo|stando a|nach Angaben (?:von|des|der))\s+(?P<src>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+?)"
    r"(?=\s*(?:[,.;:()]|$)|\s+(?:que|that|dass|che|qu'|is|are|was|were|sind|ist|wurde|wurden|ha|han|hanno|a|ont|"
    r"tem|foi|on|en|em|in|im|am|el|le|la|il|der|die|das|könnte|könnten|soll|sollen|sollte|hat|haben|hatte|sei|"
    r"seien|war|waren|gab|gibt|kam|wird|werden)\b)",
    re.I,
)
_WHO = r"((?:[\w'’.-]+\s+){0,5}?[\w'’.-]+?)"
#: a source named after the statement, at the end of the sentence: "…, the coastguard said", "…, a indiqué la
#: garde côtière", "…, según informó la policía", "…, wie die Polizei mitteilte", "…, ha riferito la guardia costiera"
_TRAILING_SOURCE = re.compile(
    r"(?:,\s+|\s+-\s+)(?:"
    r"(?:the |a |an )?" + _WHO + r"\s+(?:said|says|told reporters|added|confirmed|announced|reported)"
    r"|(?:said|according to)\s+"
    + _WHO
    + r"|(?:a|ont) (?:indiqué|déclaré|précisé|affirmé|expliqué|annoncé|confirmé|assuré|ajouté|rapporté|raconté)\s+"
    + _WHO
    + r"|(?:indique|précise|affirme|explique|raconte)\s+"
    + _WHO
    + r"|(?:según\s+)?(?:ha |han )?(?:informado|explicado|indicado|confirmado|señalado|asegurado|informó|dijo|"
    r"explicó|indicó|señaló|aseguró|confirmó|afirmó|añadió|declaró)\s+"
    + _WHO
    + r"|(?:informou|informaram|disse|disseram|afirmou|declarou|confirmou|explicou|relatou|diz|dizem)\s+"
    + _WHO
    + r"|(?:sagte|sagt|erklärte|berichtete|bestätigte|meldete)\s+"
    + _WHO
    + r"|wie\s+"
    + _WHO
    + r"\s+(?:mitteilte|mitteilten|sagte|sagten|erklärte|berichtete|bestätigte|meldete|sagt)"
    + r"|ha (?:detto|riferito|spiegato|confermato|dichiarato|precisato|annunciato|raccontato)\s+"
    + _WHO
    + r"|(?:riferisce|spiega|precisa|racconta)\s+"
    + _WHO
    + r")\s*[.!]?\s*$",
    re.I,
)
_VERBS_AFTER_CUE = frozenset(
    "ha han informó dijo explicó indicó señaló confirmó aseguró informou disse explicou reports reported".split()
)
_PRONOUNS = frozenset(
    "he she they it i we il elle ils elles on él ella ellos ellas ele ela eles elas er sie es lui lei loro".split()
)
_LEADING_DETERMINER = re.compile(
    r"^(?:the|a|an|le|la|les|l'|l’|el|los|las|lo|o|os|as|der|die|das|den|dem|des|il|i|gli|un|une|uno|una|um|uma)"
    r"(?:\s+|(?<=['’]))",
    re.I,
)


def attributions(sentence: str, registry: Registry | None = None, *, outlets: Iterable[str] = ()) -> list[str]:
    """Who a sentence attributes its content to, as written: every outlet of the registry it credits, in any of
    the six languages ("according to a report by Newsweek", "según NBC", "selon l'AFP"), in English any other
    named source after a reporting cue (a person, an unlisted outlet, "two officials"), and in every language a
    source named or described after "according to", "según", "selon", "segundo", "laut", "secondo" ("selon le
    préfet", "according to several people present"). ``outlets`` are
    names to prefer when a source runs on ("Newsweek on Monday" is "Newsweek"). Give text with its quotes and
    spaces normalised (``article.sentences.normalize_quotes``)."""
    registry = registry or packaged_registry()
    known = {o.casefold(): o for o in outlets}
    text = sentence
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for pattern in _ANY_SOURCE_RES:
        for match in pattern.finditer(text):
            taken.append(match.span("src"))
            source = match.group("src").strip().rstrip(".,;:")
            source = re.sub(r"^(?:the|a|an)\s+", "", source, flags=re.I)
            if source.split()[0].lower() in _NOT_SOURCES and source.lower() not in known:
                if "official" not in source.lower() and "source" not in source.lower():
                    continue
            for key, original in known.items():  # "Newsweek on Monday" -> "Newsweek"
                if source.casefold().startswith(key):
                    source = original
                    break
            if source not in found:
                found.append(source)
    for match in _DESCRIBED_SOURCE.finditer(text):
        start, end = match.span("src")
        if any(a < end and start < b for a, b in taken):
            continue
        source = _LEADING_DETERMINER.sub("", match.group("src").strip().rstrip(".,;:"))
        if not source or source.split()[0].lower() in (_NOT_SOURCES - {"officials", "sources"}) | _VERBS_AFTER_CUE:
            continue  # "según informó la policía": the source is read after the verb, below
        for key, original in known.items():
            if source.casefold().startswith(key):
                source = original
                break
        if registry.named(source):  # an outlet: read below by the registry, under its own name
            continue
        taken.append((start, end))
        if source not in found:
            found.append(source)
    trailing = _TRAILING_SOURCE.search(text)
    if trailing:
        start, end = next(trailing.span(i) for i in range(1, _TRAILING_SOURCE.groups + 1) if trailing.group(i))
        source = _LEADING_DETERMINER.sub("", text[start:end].strip())
        if (
            source
            and source.split()[0].lower() not in _PRONOUNS
            and not any(a < end and start < b for a, b in taken)
            and not registry.named(source)
        ):
            taken.append((start, end))
            if source not in found:
                found.append(source)
    for credit in find_credits(text, registry):
        if credit.kind in ("dateline", "byline"):
            continue  # a dateline or byline says who wrote the page, not whom a sentence cites
        if any(start < credit.end and credit.start < end for start, end in taken):
            continue  # the same words, already read as a source above ("Coastal Wire reported" is not "Wire")
        name = text[credit.start : credit.end].strip().rstrip(".,;:")
        if name not in found:
            found.append(name)
    return found
