"""The words that check-worthiness and facts read, in English, Spanish, French, Portuguese, German and Italian.

One table per cue, each a list of patterns per language: reporting verbs, hedges and reported accounts, stated
unknowns, times and sequences written in words, counts written in words, number words, weekdays, months and the
bounds put on a figure ("at least", "pelo menos", "mehr als"). ``guess_language`` tells the six apart by their
commonest words, so that a cue that means something else in another language (Portuguese "dos" is not Spanish
"two") is read in its own language only.
"""

from __future__ import annotations

import re

__all__ = [
    "BOUNDS",
    "COLLECTIVES",
    "LANGUAGES",
    "MONTHS",
    "NUMBER_WORDS",
    "RELATIVE_DAYS",
    "WEEKDAYS",
    "cue",
    "guess_language",
]

LANGUAGES = ("en", "es", "fr", "pt", "de", "it")

#: words frequent in one language and rare in the others
_STOPWORDS = {
    "en": "the and of to was were has have had is are that with for on by from this which said".split(),
    "es": "el los las del que y en una por con para fue se según su sus al como más pero este ha han".split(),
    "fr": "le les des du et un une est dans pour qui au aux été selon sur pas ce cette il ont avait".split(),
    "pt": "o os do da dos das que e em um uma não com para foi pelo pela no na ao seu sua são".split(),
    "de": "der die das und ist nicht mit den dem des ein eine auf wird wurde sich von im zu auch nach".split(),
    "it": "il lo gli di e che un una del della per con è sono nel alle dalla degli delle anche ha dell nell all "
    "sull dall aver stato stata stati ancora questo questa perché sul sulla tra ma dei".split(),
}
_WORD = re.compile(r"[^\W\d_]+", re.U)


def guess_language(text: str) -> str:
    """The likeliest of the six languages for ``text`` by its commonest words; ``en`` when nothing tells."""
    counts = dict.fromkeys(LANGUAGES, 0)
    sets = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}
    for word in _WORD.findall(text[:20000].lower()):
        for lang, words in sets.items():
            counts[lang] += word in words
    best = max(LANGUAGES, key=lambda lang: counts[lang])
    return best if counts[best] else "en"


def _alt(words: list[str]) -> str:
    return "|".join(words)


#: a past statement reported: "said", "dijo", "a déclaré", "disse", "sagte", "ha detto" (outside quotations)
_REPORTING = {
    "en": ["said", "says", "told", "stated", "announced", "confirmed", "reported", "added", "explained", "noted"],
    "es": [
        "dijo",
        "dice",
        "afirmó",
        "declaró",
        "señaló",
        "explicó",
        "aseguró",
        "indicó",
        "informó",
        "confirmó",
        "añadió",
        "agregó",
        "precisó",
        "anunció",
        "muestran",
        "ha (?:explicado|dicho|confirmado|informado|señalado|asegurado|indicado|declarado)",
    ],
    "fr": [
        r"a (?:déclaré|dit|indiqué|affirmé|précisé|expliqué|annoncé|confirmé|assuré|ajouté|rapporté|raconté)",
        "déclare",
        "indique",
        "précise",
        "explique",
        "affirme",
        "assure",
        "raconte",
        "selon",
        "d'après",
        "montrent",
    ],
    "pt": [
        "disse",
        "diz",
        "afirmou",
        "declarou",
        "informou",
        "confirmou",
        "explicou",
        "relatou",
        "contou",
        "anunciou",
        "segundo",
        "de acordo com",
        "mostram",
    ],
    "de": [
        "sagte",
        "sagt",
        "erklärte",
        "erklärt",
        "teilte",
        "berichtete",
        "berichtet",
        "berichten",
        "zeigen",
        "bestätigte",
        "meldete",
        "laut",
        "zufolge",
        "nach Angaben",
    ],
    "it": [
        r"ha (?:detto|dichiarato|spiegato|confermato|riferito|raccontato|annunciato|precisato)",
        "dice",
        "riferisce",
        "racconta",
        "secondo",
        "stando a",
        "mostrano",
    ],
}

#: a hedged or reported account of an event: "could have caused", "probablement", "pode ter", "soll ... haben",
#: "con buona probabilità", "two hypotheses"; an account other coverage can repeat or a later report overturn
_HEDGE = {
    "en": [
        r"(?:could|may|might|would|must) (?:not )?have (?:been )?\w+",
        "probably",
        "possibly",
        "presumably",
        "apparently",
        "reportedly",
        "allegedly",
        "supposedly",
        r"(?:is|are|was|were) (?:believed|thought|suspected|said) to",
        "hypothes[ie]s",
        "theor(?:y|ies)",
        r"lines? of inquiry",
    ],
    "es": [
        r"podría(?:n)? haber",
        r"pudo(?: haber)?",
        r"habría(?:n)? (?:sido )?\w+",
        "probablemente",
        "posiblemente",
        "presuntamente",
        "supuestamente",
        "al parecer",
        "aparentemente",
        "hipótesis",
        "teorías?",
    ],
    "fr": [
        r"aurai(?:en)?t (?:été )?\w+",
        r"pourrai(?:en)?t (?:avoir|être)",
        r"serai(?:en)?t \w+",
        "probablement",
        "possiblement",
        "sans doute",
        "apparemment",
        "présumée?s?",
        "supposée?s?",
        "hypothèses?",
        r"pistes?",
    ],
    "pt": [
        r"pode(?:m|ria|riam)? ter",
        r"teria(?:m)? (?:sido )?\w+",
        "provavelmente",
        "possivelmente",
        "supostamente",
        "alegadamente",
        "aparentemente",
        "hipóteses?",
        "teorias?",
    ],
    "de": [
        r"könnte(?:n)?",
        r"dürfte(?:n)?",
        r"soll(?:en|te|ten)?",
        "wahrscheinlich",
        "vermutlich",
        "mutmaßlich\\w*",
        "offenbar",
        "angeblich",
        "möglicherweise",
        "Hypothesen?",
        "Theorien?",
    ],
    "it": [
        r"potrebbe(?:ro)? (?:aver|essere)",
        r"avrebbe(?:ro)? \w+",
        r"sarebbe(?:ro)? (?:stat[oaie] )?\w+",
        "probabilmente",
        r"con (?:buona|ogni|molta) probabilità",
        "presumibilmente",
        "presunt[oaie]",
        "apparentemente",
        "ipotes[ie]",
        "teori[ae]",
    ],
}

#: what is not known stated as such: "the cause is not yet known", "el número exacto no se conoce", "on ignore"
_UNKNOWN = {
    "en": [
        r"(?:is|are|was|were|remains?|remained) (?:still |not |yet )*(?:not )?(?:yet )?(?:known|unknown|unclear|"
        r"clear|confirmed|determined|established)",
        r"(?:has|have|had) not (?:yet )?been (?:confirmed|determined|established|released|identified)",
        "unknown",
        "unclear",
        "remains to be",
        "under investigation",
    ],
    "es": [
        r"no se (?:sabe|conoce|ha (?:confirmado|determinado|precisado))",
        "se desconoce",
        r"sigue(?:n)? sin (?:saberse|conocerse|confirmarse|aclararse)",
        r"no (?:está|están) (?:claro|clara|claros|claras)",
        r"(?:aún|todavía) (?:no|se desconoce)",
        "desconocid[oa]s?",
        "bajo investigación",
    ],
    "fr": [
        "on ignore",
        r"on ne (?:sait|connaît) pas",
        r"(?:n'est|ne sont|n'était|n'a) (?:pas|toujours pas) (?:encore )?(?:connue?s?|claire?s?|été (?:établie?s?|"
        r"confirmée?s?|déterminée?s?))",
        r"reste(?:nt)? (?:inconnue?s?|à déterminer|à établir|floue?s?)",
        "inconnue?s?",
        "pas encore",
        "indéterminée?s?",
    ],
    "pt": [
        r"não se (?:sabe|conhece)",
        r"(?:ainda )?não (?:foi|foram|é|está|estão) (?:\w+ )?(?:conhecid[oa]s?|confirmad[oa]s?|divulgad[oa]s?|"
        r"esclarecid[oa]s?|clar[oa]s?|informad[oa]s?)",
        "desconhecid[oa]s?",
        "ainda não",
        "sob investigação",
    ],
    "de": [
        r"(?:ist|sind|war|waren|bleibt|bleiben) (?:noch |bislang |bisher )*(?:unklar|unbekannt|nicht bekannt|"
        r"nicht geklärt|ungeklärt|offen)",
        "unklar",
        "unbekannt",
        "noch nicht",
        "ungeklärt",
    ],
    "it": [
        r"non (?:è|sono|era|erano) (?:ancora )?(?:not[oaie]|chiar[oaie]|stat[oaie] (?:accertat|confermat|chiarit)\w)",
        "non si sa",
        r"(?:resta|restano|rimane|rimangono) (?:ancora )?(?:ignot|sconosciut|da chiarire|da accertare)\w*",
        "sconosciut[oaie]",
        "ancora ignot[oaie]",
        "non ancora",
        "tuttora irrisolt[oaie]",
    ],
}

#: numbers 1-20 and tens written in words, per language; articles that double as "one" are left out
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": dict(
        zip(
            "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
            "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split(),
            [*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100],
            strict=True,
        )
    ),
    "es": dict(
        zip(
            "dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete "
            "dieciocho diecinueve veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien".split(),
            [*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100],
            strict=True,
        )
    ),
    "fr": dict(
        zip(
            "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
            "dix-huit dix-neuf vingt trente quarante cinquante soixante soixante-dix quatre-vingts quatre-vingt-dix "
            "cent".split(),
            [*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100],
            strict=True,
        )
    ),
    "pt": dict(
        zip(
            "duas três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezesseis dezessete "
            "dezoito dezenove vinte trinta quarenta cinquenta sessenta setenta oitenta noventa cem".split(),
            [*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100],
            strict=True,
        )
    ),
    "de": dict(
        zip(
            "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
            "siebzehn achtzehn neunzehn zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig "
            "hundert".split(),
            [*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100],
            strict=True,
        )
    ),
    "it": dict(
        zip(
            "due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici "
            "diciassette diciotto diciannove venti trenta quaranta cinquanta sessanta settanta ottanta novanta "
            "cento".split(),
            [*range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100],
            strict=True,
        )
    ),
}
# Portuguese "dois" is two too (masculine); "dos" is Portuguese "of the", so only Spanish reads it as two
NUMBER_WORDS["pt"]["dois"] = 2

#: collective and approximate counts and the value read for each: "une quarantaine" 40, "centenas" 200,
#: "Hunderte" 200, "decine" 20 (a plural of hundreds is read as two hundred, as "hundreds" always was)
COLLECTIVES: dict[str, dict[str, int]] = {
    "en": {"dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "scores": 40, "a score": 20},
    "es": {
        "decena": 10,
        "decenas": 20,
        "docena": 12,
        "docenas": 24,
        "veintena": 20,
        "treintena": 30,
        "cuarentena": 40,
        "centenar": 100,
        "centenares": 200,
        "cientos": 200,
        "miles": 2000,
        "millar": 1000,
        "millares": 2000,
    },
    "fr": {
        "dizaine": 10,
        "dizaines": 20,
        "douzaine": 12,
        "douzaines": 24,
        "quinzaine": 15,
        "vingtaine": 20,
        "trentaine": 30,
        "quarantaine": 40,
        "cinquantaine": 50,
        "soixantaine": 60,
        "centaine": 100,
        "centaines": 200,
        "millier": 1000,
        "milliers": 2000,
    },
    "pt": {
        "dezena": 10,
        "dezenas": 20,
        "dúzia": 12,
        "dúzias": 24,
        "vintena": 20,
        "centena": 100,
        "centenas": 200,
        "milhares": 2000,
        "milhar": 1000,
    },
    "de": {"Dutzend": 12, "Dutzende": 24, "Hunderte": 200, "hunderte": 200, "Tausende": 2000, "tausende": 2000},
    "it": {
        "decina": 10,
        "decine": 20,
        "dozzina": 12,
        "dozzine": 24,
        "ventina": 20,
        "trentina": 30,
        "quarantina": 40,
        "cinquantina": 50,
        "centinaio": 100,
        "centinaia": 200,
        "migliaio": 1000,
        "migliaia": 2000,
    },
}

#: bounds put on a figure, and the bound each names
BOUNDS: dict[str, dict[str, str]] = {
    "en": {
        "at least": "at_least",
        "more than": "more_than",
        "over": "more_than",
        "about": "about",
        "around": "about",
        "approximately": "about",
        "nearly": "about",
        "almost": "about",
        "up to": "at_most",
        "fewer than": "less_than",
        "less than": "less_than",
    },
    "es": {
        "al menos": "at_least",
        "por lo menos": "at_least",
        "como mínimo": "at_least",
        "más de": "more_than",
        "unos": "about",
        "unas": "about",
        "alrededor de": "about",
        "cerca de": "about",
        "casi": "about",
        "aproximadamente": "about",
        "hasta": "at_most",
        "menos de": "less_than",
    },
    "fr": {
        "au moins": "at_least",
        "plus de": "more_than",
        "environ": "about",
        "près de": "about",
        "presque": "about",
        "quelque": "about",
        "jusqu'à": "at_most",
        "moins de": "less_than",
    },
    "pt": {
        "pelo menos": "at_least",
        "ao menos": "at_least",
        "no mínimo": "at_least",
        "mais de": "more_than",
        "cerca de": "about",
        "quase": "about",
        "aproximadamente": "about",
        "até": "at_most",
        "menos de": "less_than",
    },
    "de": {
        "mindestens": "at_least",
        "wenigstens": "at_least",
        "mehr als": "more_than",
        "über": "more_than",
        "rund": "about",
        "etwa": "about",
        "ungefähr": "about",
        "circa": "about",
        "fast": "about",
        "knapp": "about",
        "bis zu": "at_most",
        "weniger als": "less_than",
    },
    "it": {
        "almeno": "at_least",
        "più di": "more_than",
        "oltre": "more_than",
        "circa": "about",
        "quasi": "about",
        "fino a": "at_most",
        "meno di": "less_than",
    },
}

#: weekday names, Monday = 0
WEEKDAYS: dict[str, int] = {
    **dict(zip("monday tuesday wednesday thursday friday saturday sunday".split(), range(7), strict=True)),
    **dict(zip("lunes martes miércoles jueves viernes sábado domingo".split(), range(7), strict=True)),
    **dict(zip("lundi mardi mercredi jeudi vendredi samedi dimanche".split(), range(7), strict=True)),
    **dict(
        zip(
            "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo".split(),
            range(7),
            strict=True,
        )
    ),
    **dict(zip("montag dienstag mittwoch donnerstag freitag samstag sonntag".split(), range(7), strict=True)),
    **dict(zip("lunedì martedì mercoledì giovedì venerdì sabato domenica".split(), range(7), strict=True)),
    "sonnabend": 5,
}
#: month names, January = 1
MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
):
    MONTHS.update({name: i for i, name in enumerate(_names.split(), start=1)})
MONTHS.update({"setiembre": 9, "jänner": 1})

#: days named relative to the publication date, and their offset in days
RELATIVE_DAYS: dict[str, int] = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "ayer": -1,
    "anteayer": -2,
    "hoy": 0,
    "hier": -1,
    "avant-hier": -2,
    "aujourd'hui": 0,
    "ontem": -1,
    "anteontem": -2,
    "hoje": 0,
    "gestern": -1,
    "vorgestern": -2,
    "heute": 0,
    "ieri": -1,
    "l'altro ieri": -2,
    "oggi": 0,
}

_SMALL = {
    "en": "an? |one |two |three |four |five |six |seven |eight |nine |ten |twelve |several |a few |",
    "es": "una? |dos |tres |cuatro |cinco |seis |siete |ocho |nueve |diez |doce |varias |varios |unas |unos |",
    "fr": "une? |deux |trois |quatre |cinq |six |sept |huit |neuf |dix |douze |plusieurs |quelques |",
    "pt": "uma? |duas |dois |três |quatro |cinco |seis |sete |oito |nove |dez |doze |várias |vários |alguns |algumas |",
    "de": "eine[rn]? |zwei |drei |vier |fünf |sechs |sieben |acht |neun |zehn |zwölf |einige[rn]? |wenige[rn]? |",
    "it": "una? |un' |due |tre |quattro |cinque |sei |sette |otto |nove |dieci |dodici |alcun[ie] |pochi |poche |",
}

#: times, durations and sequences of events written in words or local formats
_TIME = {
    "en": [
        rf"(?:about |nearly |almost |around |some )?(?:{_SMALL['en']}half an? )(?:hours?|minutes?|seconds?)"
        r"(?: and a half)?(?: later| earlier| after| before| since| ago)?",
        "half an hour",
        r"(?:minutes|hours|moments|seconds|days) (?:later|earlier|afterwards|before|after)",
        r"(?:shortly|soon|just|moments?|immediately|minutes|hours) (?:after|before)",
        r"(?:after|before|following|during|since) the (?:\w+ )?(?:explosion|blast|fire|crash|collapse|attack|"
        r"impact|quake|earthquake|storm|derailment|shooting|stabbing|evacuation|landing|take-?off)",
        "midnight",
        "noon",
        "dawn",
        "overnight",
        r"(?:early|late) (?:on |in the )?(?:morning|evening|afternoon|night|hours)",
        r"in the (?:early hours|night|morning|evening|afternoon)",
        r"\d{1,2}(?::\d\d)? ?(?:a\.m\.|p\.m\.|am|pm|GMT|BST|EST|UTC|local time)",
        r"\d{1,2}:\d\d",
    ],
    "es": [
        rf"(?:unas? |casi |cerca de |alrededor de )?(?:{_SMALL['es']}media )(?:horas?|minutos?|segundos?)"
        r"(?: y media)?(?: después| antes| más tarde| desde)?",
        "media hora",
        r"(?:minutos|horas|segundos|instantes|momentos|días) (?:después|antes|más tarde)",
        r"(?:poco|justo|tan solo un \w+) (?:después|antes)",
        r"(?:tras|después de|antes de|durante|desde) (?:la|el) (?:\w+ )?(?:explosión|estallido|incendio|fuego|"
        r"accidente|derrumbe|colapso|ataque|impacto|terremoto|sismo|tormenta|descarrilamiento|evacuación)",
        "medianoche",
        "mediodía",
        "madrugada",
        "amanecer",
        r"(?:a|sobre|hacia|hasta|desde|entre) (?:eso de )?las? \d{1,2}(?:[:.]\d\d)?",
        r"\d{1,2}[:.]\d\d(?: horas| h\b)?",
    ],
    "fr": [
        rf"(?:environ |près d'|presque |quelque )?(?:{_SMALL['fr']}demi-)(?:heures?|minutes?|secondes?)"
        r"(?: et demie)?(?: plus tard| après| avant| auparavant)?",
        "demi-heure",
        r"(?:minutes|heures|secondes|instants|jours) (?:plus tard|après|avant|auparavant)",
        r"(?:peu|juste|sitôt|aussitôt) (?:après|avant)",
        r"(?:après|avant|pendant|depuis|lors de) (?:l'|la |le )(?:\w+ )?(?:explosion|déflagration|incendie|feu|"
        r"accident|effondrement|attaque|attentat|impact|séisme|tempête|passage|déraillement|évacuation|"
        r"atterrissage|décollage)",
        "minuit",
        "midi",
        "l'aube",
        r"dans la (?:nuit|matinée|soirée|journée)",
        r"\d{1,2} ?h ?\d\d",
        r"(?:à|vers|dès|avant|après|depuis) \d{1,2} ?h\b",
        r"\d{1,2}:\d\d",
    ],
    "pt": [
        rf"(?:cerca de |quase |por volta de )?(?:{_SMALL['pt']}meia )(?:horas?|minutos?|segundos?)"
        r"(?: e meia)?(?: depois| antes| mais tarde| desde)?",
        "meia hora",
        r"(?:minutos|horas|segundos|instantes|momentos|dias) (?:depois|antes|mais tarde)",
        r"(?:pouco|logo|imediatamente) (?:depois|antes|após)",
        r"(?:após|depois d[ao]|antes d[ao]|durante|desde) (?:a |o )?(?:\w+ )?(?:explosão|estrondo|incêndio|fogo|"
        r"acidente|queda|desabamento|colapso|ataque|impacto|terremoto|sismo|tempestade|descarrilamento|"
        r"evacuação|decolagem|pouso)",
        "meia-noite",
        "meio-dia",
        "madrugada",
        r"(?:por volta d[ae]s?|às|até às|desde as|entre as) \d{1,2}(?:[:h]\d\d|h)?",
        r"\d{1,2}h\d\d",
        r"\d{1,2}:\d\d",
    ],
    "de": [
        rf"(?:etwa |fast |knapp |rund |gut )?(?:{_SMALL['de']}halbe |anderthalb )(?:Stunden?|Minuten?|Sekunden?)",
        "anderthalb",
        "eineinhalb",
        r"(?:Minuten|Stunden|Sekunden|Augenblicke|Tage) (?:später|danach|zuvor|vorher|nach)",
        r"(?:kurz|gleich|unmittelbar) (?:danach|davor|nach|vor)",
        r"(?:nach|vor|während|seit) (?:der|dem|des) (?:\w+ )?(?:Explosion|Detonation|Brand|Feuer|Unglück|Unfall|"
        r"Absturz|Einsturz|Anschlag|Angriff|Aufprall|Beben|Erdbeben|Sturm|Tat|Entgleisung|Evakuierung)",
        "Mitternacht",
        "Mittag",
        r"in der Nacht",
        r"(?:um|gegen|ab|bis|seit) (?:kurz )?(?:vor |nach )?\d{1,2}(?:[.:]\d\d)? Uhr",
        r"\d{1,2}(?:[.:]\d\d)? Uhr",
    ],
    "it": [
        rf"(?:circa |quasi |intorno a )?(?:{_SMALL['it']}mezz')(?:or[ae]|minut[oi]|second[oi])"
        r"(?: e mezz[oa])?(?: dopo| prima| più tardi)?",
        "mezz'ora",
        r"(?:minuti|ore|secondi|istanti|giorni) (?:dopo|prima|più tardi)",
        r"(?:poco|subito|appena) (?:dopo|prima)",
        r"(?:dopo|prima|durante|da) (?:l'|la |il |lo )(?:\w+ )?(?:esplosione|scoppio|incendio|fuoco|incidente|"
        r"crollo|attacco|attentato|impatto|terremoto|sisma|tempesta|deragliamento|evacuazione|naufragio)",
        "mezzanotte",
        "mezzogiorno",
        "all'alba",
        r"(?:alle|verso le|intorno alle|dalle|fino alle|tra le) (?:\d{1,2}(?:[:.]\d\d)?|due|tre|quattro|cinque|"
        r"sei|sette|otto|nove|dieci|undici|dodici)",
        r"\d{1,2}[:.]\d\d",
    ],
}

#: counts of people or things written in words: "five children", "des centaines de personnes", "Hunderte"
_COUNT = {
    lang: [
        rf"(?:{_alt(sorted(NUMBER_WORDS[lang], key=len, reverse=True))})(?= \w{{3,}})",
        rf"(?:{_alt(sorted(COLLECTIVES[lang], key=len, reverse=True))})",
    ]
    for lang in LANGUAGES
}

#: sentences about what happened: past-tense narration that the English event-verb cue does not read
_EVENT = {
    "en": [r"(?:sat|stood|ran|fell|broke|rose|began|drove|struck|fled|died|sank|shook)"],
    "es": [
        r"\w{3,}(?:ó|aron|ieron|yeron|aba|aban)",
        r"(?:ha|han|había|habían|fue|fueron) (?:\w+ )?\w{3,}(?:ado|ido)s?",
    ],
    "fr": [
        r"(?:a|ont|avait|avaient|est|sont|était|étaient|fut) (?:\w+ )?(?:été|fait|eu|pris|mis|dit|"
        r"\w{3,}(?:é|ée|és|ées|u|ue|us|i|is|it))",
        r"\w{3,}(?:ait|aient)",
    ],
    "pt": [
        r"\w{3,}(?:ou|aram|eram|iram)",
        r"\w{2,}(?:iu|eu)",
        r"(?:foi|foram|tem|têm|tinha|tinham|havia) (?:\w+ )?\w{3,}(?:ado|ada|ido|ida)s?",
    ],
    "de": [
        r"(?:hat|haben|hatte|hatten|ist|sind|war|waren|wurde|wurden|wird|werden)\b[^.,;:]{0,80}?\b"
        r"(?:\w{0,6}ge\w{3,}|(?:ent|ver|zer|be|er|über|unter)\w{3,}(?:t|en)|\w{3,}iert)",
        r"\w{3,}ierte(?:n)?",
        r"ge\w{3,}(?:t|en) (?:haben|hat|hatte|sein|ist|war|worden|werden|wurde)",
        r"(?:starb|starben|kam|kamen|fuhr|fuhren|rast|raste|rasten|fiel|fielen|brach|stürzte|stürzten|endet|endete|"
        r"explodierte|brannte|sank|traf|flohen|floh|kursieren|stammt|stammte)",
    ],
    "it": [
        r"\w{3,}(?:ò|ì|arono|irono|erono)",
        r"(?:fu|furono|ebbe|ebbero|scomparve|scomparvero|morì|morirono|perse|persero|permise|permisero|venne|"
        r"vennero|disse|dissero|prese|presero|mise|misero|diede|diedero)",
        r"(?:è|sono|era|erano|ha|hanno|aveva|avevano) (?:\w+ )?(?:stat[oaie] )?(?:\w{3,}(?:at|it|ut)[oaie]|"
        r"\w{2,}(?:rs|ss|tt|st|rt|s)[oaie])",
    ],
}

#: evaluative words and the writer's own modals, beyond the English list of the classifier
_OPINION = {
    "en": ["crucial", "my", "arrogance"],
    "es": [r"debería(?:n)?", r"tendría(?:n)? que", "sin duda", "claramente", "lamentablemente", "inaceptable"],
    "fr": [r"devrai(?:en)?t", r"faudrait", "sans aucun doute", "clairement", "inacceptable", "hélas"],
    "pt": [r"deveria(?:m)?", r"teria(?:m)? de", "sem dúvida", "claramente", "inaceitável", "infelizmente"],
    "de": [r"sollte(?:n)? (?!\w+ haben)", r"müsste(?:n)?", "zweifellos", "eindeutig", "inakzeptabel", "leider"],
    "it": [
        r"dovrebbe(?:ro)?",
        "senza dubbio",
        "chiaramente",
        "inaccettabile",
        "purtroppo",
        r"resterà",
        "significativ\\w+",
    ],
}

#: what an unknown is about when it is about an event that happened: its cause, toll, number, identity, motive
_UNKNOWN_SUBJECT = {
    "en": [
        r"cause",
        r"causes",
        r"toll",
        r"how many",
        r"number",
        r"identity",
        r"identities",
        r"motive",
        r"origin",
        r"circumstances",
        r"exact",
        r"whereabouts",
        r"nationalit(?:y|ies)",
    ],
    "es": [
        r"causas?",
        r"balance",
        r"cuántos",
        r"cuántas",
        r"número",
        r"identidad(?:es)?",
        r"motivo",
        r"origen",
        r"circunstancias",
        r"exact[oa]",
        r"paradero",
        r"nacionalidad(?:es)?",
    ],
    "fr": [
        r"causes?",
        r"bilan",
        r"combien",
        r"nombre",
        r"identités?",
        r"mobile",
        r"motif",
        r"origine",
        r"circonstances",
        r"exacte?",
        r"nationalités?",
    ],
    "pt": [
        r"causas?",
        r"balanço",
        r"quant[oa]s",
        r"número",
        r"identidades?",
        r"motivação",
        r"motivo",
        r"origem",
        r"circunstâncias",
        r"exat[oa]",
        r"paradeiro",
        r"nacionalidades?",
    ],
    "de": [
        r"Ursachen?",
        r"Bilanz",
        r"wie viele",
        r"Zahl",
        r"Identität",
        r"Motiv",
        r"Hintergründe",
        r"Umstände",
        r"genaue",
        r"genauen",
        r"Herkunft",
        r"Nationalität",
    ],
    "it": [
        r"causa",
        r"cause",
        r"bilancio",
        r"quant[ie]",
        r"numero",
        r"identità",
        r"movente",
        r"motivo",
        r"origine",
        r"circostanze",
        r"esatt[oa]",
        r"nazionalità",
    ],
}

_TABLES = {
    "unknown_subject": _UNKNOWN_SUBJECT,
    "reporting": _REPORTING,
    "hedge": _HEDGE,
    "unknown": _UNKNOWN,
    "time": _TIME,
    "count": _COUNT,
    "event": _EVENT,
    "opinion": _OPINION,
}
_COMPILED: dict[tuple[str, str], re.Pattern[str]] = {}


def cue(name: str, language: str | None) -> re.Pattern[str]:
    """The compiled pattern of cue ``name`` (reporting, hedge, unknown, time, count, event, opinion) for one
    language, or for all six when ``language`` is None or not one of them. Matches whole words, any case for
    every cue."""
    lang = language if language in LANGUAGES else None
    key = (name, lang or "*")
    if key not in _COMPILED:
        table = _TABLES[name]
        patterns = table[lang] if lang else [p for ps in table.values() for p in ps]
        if not patterns:
            _COMPILED[key] = re.compile(r"(?!x)x")
        else:
            flags = re.I | re.U
            _COMPILED[key] = re.compile(
                r"(?<![\w'’-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])", flags
            )
    return _COMPILED[key]
