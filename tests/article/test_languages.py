"""Check-worthiness, claim marks and facts in the six languages, on sentences written for these tests.

Every pattern a fact-checker relies on is tried in en, es, fr, pt, de and it: hedged and reported accounts,
partial facts with an unknown, times, crowds and sequences written in words, headline and caption lines, and the
facts read out of local formats ("18h05", "quarta-feira (03/09)", "une quarantaine", "mehr als 100").
"""

from __future__ import annotations

import pytest

from corroborate import extract_claims
from corroborate.article.facts import find_dates, find_quantities, find_times
from corroborate.article.input import article_from_text
from corroborate.article.lexicon import guess_language
from corroborate.models import SKIP_CODES

#: (language, hedged or reported account, the source it is attributed to or None)
HEDGED = [
    ("en", "According to two dock workers, a faulty heater could have started the warehouse fire in Marrow Bay.",
     "two dock workers"),
    ("en", "Two hypotheses are circulating in the regional press: a gas leak or a short circuit.", None),
    ("es", "Según varios testigos, una estufa defectuosa podría haber provocado el incendio del almacén.",
     "varios testigos"),
    ("es", "Dos hipótesis circulan en la prensa local: una fuga de gas o un cortocircuito.", None),
    ("fr", "Selon plusieurs personnes présentes, un chauffage défectueux aurait pu provoquer l'incendie de l'entrepôt.",
     "plusieurs personnes présentes"),
    ("fr", "Deux hypothèses circulent dans la presse locale : une fuite de gaz ou un court-circuit.", None),
    ("pt", "Segundo várias testemunhas, um aquecedor com defeito pode ter provocado o incêndio no armazém.",
     "várias testemunhas"),
    ("pt", "Duas hipóteses circulam na imprensa local: um vazamento de gás ou um curto-circuito.", None),
    ("de", "Laut mehreren Augenzeugen könnte ein defekter Heizlüfter das Feuer in der Lagerhalle ausgelöst haben.",
     "mehreren Augenzeugen"),
    ("de", "In der örtlichen Presse kursieren zwei Hypothesen: ein Gasleck oder ein Kurzschluss.", None),
    ("it", "Secondo diversi testimoni, una stufa difettosa potrebbe aver provocato l'incendio del magazzino.",
     "diversi testimoni"),
    ("it", "Due ipotesi circolano sulla stampa locale: una fuga di gas o un cortocircuito.", None),
]  # fmt: skip

#: (language, a statement of what is not known, alone or beside a partial fact)
UNKNOWN = [
    ("en", "The cause of the blaze is not yet known."),
    ("en", "Some of the injured are foreign tourists, but their exact number is not known."),
    ("es", "Todavía se desconoce la causa del incendio."),
    ("es", "Algunos de los heridos son extranjeros, aunque no se sabe el número exacto."),
    ("fr", "La cause de l'incendie n'est pas encore connue."),
    ("fr", "Certains blessés sont des touristes étrangers, mais leur nombre exact reste inconnu."),
    ("pt", "A causa do incêndio ainda não é conhecida."),
    ("pt", "Alguns dos feridos são estrangeiros, mas o número exato não foi divulgado."),
    ("de", "Die Ursache des Brandes ist noch unklar."),
    ("de", "Einige der Verletzten sind Ausländer, ihre genaue Zahl ist nicht bekannt."),
    ("it", "La causa dell'incendio non è ancora nota."),
    ("it", "Alcuni dei feriti sono stranieri, ma il numero esatto non è noto."),
]

#: (language, a time, crowd or sequence of events written in words)
IN_WORDS = [
    ("en", "It had been about an hour and a half since hundreds of fans gathered outside the stadium."),
    ("en", "Minutes after the explosion, the roof of the depot caved in."),
    ("es", "Hacía una hora y media que cientos de personas celebraban la victoria frente al estadio."),
    ("es", "Tras la explosión, el techo del almacén se vino abajo."),
    ("fr", "Cela faisait environ une heure et demie que des centaines de supporters fêtaient la victoire."),
    ("fr", "Après l'explosion, le toit du dépôt s'est effondré."),
    ("pt", "Fazia cerca de uma hora e meia que centenas de pessoas comemoravam a vitória em frente ao estádio."),
    ("pt", "Após a explosão, o teto do armazém desabou."),
    ("de", "Seit etwa anderthalb Stunden feierten Hunderte Fans vor dem Stadion den Sieg."),
    ("de", "Nach der Explosion stürzte das Dach des Depots ein."),
    ("it", "Da circa un'ora e mezza centinaia di tifosi festeggiavano la vittoria davanti allo stadio."),
    ("it", "Dopo l'esplosione, il tetto del deposito è crollato."),
]

#: (language, headline line, photo caption line, a body sentence after them)
LINES = [
    ("en", "Ferry runs aground near the harbour of Tolven", "Photo: rescuers on the pier at Tolven",
     "The ferry ran aground on Sunday with 120 passengers on board, the coastguard said."),
    ("es", "Un ferry encalla cerca del puerto de Tolven", "El muelle dañado del puerto de Tolven Agencia EFE",
     "El ferry encalló el domingo con 120 pasajeros a bordo, según informó la guardia costera."),
    ("fr", "Un ferry s'échoue près du port de Tolven", "Photo : des secouristes sur le quai de Tolven",
     "Le ferry s'est échoué dimanche avec 120 passagers à bord, a indiqué la garde côtière."),
    ("pt", "Balsa encalha perto do porto de Tolven", "O cais danificado do porto de Tolven Agência Brasil",
     "A balsa encalhou no domingo com 120 passageiros a bordo, informou a guarda costeira."),
    ("de", "Fähre läuft vor dem Hafen von Tolven auf Grund", "Bild: Rettungskräfte am Kai von Tolven",
     "Die Fähre lief am Sonntag mit 120 Passagieren an Bord auf Grund, wie die Küstenwache mitteilte."),
    ("it", "Traghetto si incaglia vicino al porto di Tolven", "Foto: i soccorritori sul molo di Tolven",
     "Il traghetto si è incagliato domenica con 120 passeggeri a bordo, ha riferito la guardia costiera."),
]  # fmt: skip


def _claims(text: str):
    return extract_claims(article_from_text(text, "article.txt"))


@pytest.mark.parametrize(("language", "sentence", "source"), HEDGED)
def test_hedged_and_reported_accounts_are_claims_marked_hedged(language, sentence, source):
    assert guess_language(sentence) == language
    claims, skipped = _claims(sentence)
    assert claims and not skipped, skipped
    assert all(c.hedged for c in claims)
    if source:
        assert source in claims[0].attributed_to


@pytest.mark.parametrize(("language", "sentence"), UNKNOWN)
def test_partial_facts_and_stated_unknowns_are_claims(language, sentence):
    assert guess_language(sentence) == language
    claims, skipped = _claims(sentence)
    assert claims and not skipped, skipped
    assert claims[0].hedged  # an account of what is known so far, not an established fact


@pytest.mark.parametrize(("language", "sentence"), IN_WORDS)
def test_times_crowds_and_sequences_in_words_are_claims(language, sentence):
    assert guess_language(sentence) == language
    claims, skipped = _claims(sentence)
    assert claims and not skipped, skipped
    assert not claims[0].hedged


def test_writers_speculation_and_open_plans_stay_skipped():
    for sentence in (
        "The timing and scope of any operation remain unclear.",
        "El gobierno debería pensar mejor sus prioridades.",
        "In my twenty years on this beat, I have rarely seen such arrogance.",
    ):
        claims, skipped = _claims(sentence)
        assert not claims and skipped[0].code in ("opinion", "no_fact"), sentence


@pytest.mark.parametrize(("language", "headline", "caption", "body"), LINES)
def test_headline_and_caption_lines_are_skipped_with_codes(language, headline, caption, body):
    claims, skipped = _claims(f"{headline}\n{caption}\n{body}\nMore details will follow.\n")
    codes = {k.text: k.code for k in skipped}
    assert codes[headline] == "heading"
    assert codes[caption] == "caption"
    assert [c.source for c in claims] == [body]
    assert all(k.code in SKIP_CODES for k in skipped)


@pytest.mark.parametrize(
    ("body", "source"),
    [(body, source) for (_, _, _, body), source in zip(LINES, ["coastguard", "guardia costera", "garde côtière",
     "guarda costeira", "Küstenwache", "guardia costiera"], strict=True)],
)  # fmt: skip
def test_a_source_named_after_the_statement_is_its_attribution(body, source):
    claims, _ = _claims(body)
    assert claims[0].attributed_to == [source]


def test_skip_codes_do_not_depend_on_the_language():
    reasons = {}
    for question in ("Who ordered the evacuation?", "¿Quién ordenó la evacuación?", "Qui a ordonné l'évacuation ?"):
        _, skipped = _claims(question)
        reasons[question] = skipped[0].code
    assert set(reasons.values()) == {"question"}


def test_a_quotation_standing_alone_is_checked_with_its_speaker():
    text = (
        '"We heard a bang and then the lights went out," the station manager told reporters on Friday.\n'
        '"It was over in seconds."\n'
    )
    claims, skipped = _claims(text)
    assert [c.sentence for c in claims] == [1]
    assert skipped[0].code == "quote_without_speaker"


def test_hard_wrapped_text_is_not_taken_for_headlines():
    text = (
        "The council voted on Tuesday to close the old bridge\n"
        "for six weeks of repairs starting in March, officials said.\n"
    )
    _, skipped = _claims(text)
    assert all(k.code != "heading" for k in skipped)


#: (language, two facts of equal weight in one sentence, the two claims expected)
COMPOUND = [
    ("es", "En el autobús viajaban 40 personas, entre ellas diez niños, y los bomberos lograron rescatar a 38.",
     ["En el autobús viajaban 40 personas, entre ellas diez niños.", "Los bomberos lograron rescatar a 38."]),
    ("fr", "Le toit du hangar s'est effondré vers 3h, et les pompiers ont évacué une quarantaine de riverains.",
     ["Le toit du hangar s'est effondré vers 3h.", "Les pompiers ont évacué une quarantaine de riverains."]),
    ("pt", "O ônibus saiu de Vinhal às 6h, e a polícia confirmou 12 feridos no local.",
     ["O ônibus saiu de Vinhal às 6h.", "A polícia confirmou 12 feridos no local."]),
    ("de", "Der Zug ist um 19 Uhr entgleist, und die Feuerwehr hat 80 Fahrgäste in Sicherheit gebracht.",
     ["Der Zug ist um 19 Uhr entgleist.", "Die Feuerwehr hat 80 Fahrgäste in Sicherheit gebracht."]),
    ("it", "Il traghetto è partito alle 22, e la guardia costiera ha soccorso 15 passeggeri.",
     ["Il traghetto è partito alle 22.", "La guardia costiera ha soccorso 15 passeggeri."]),
    ("en", "The ferry has left the harbour at 10 p.m., and the coastguard rescued 15 passengers.",
     ["The ferry has left the harbour at 10 p.m.", "The coastguard rescued 15 passengers."]),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "parts"), COMPOUND)
def test_compound_sentences_split_in_every_language(language, sentence, parts):
    claims, _ = _claims(sentence)
    assert [c.text for c in claims] == parts
    assert all(c.source == sentence for c in claims)


def test_a_verb_inside_an_aside_does_not_split_a_sentence():
    sentence = "Las autoridades locales, que llegaron tarde, y los vecinos del barrio ayudaron a 30 familias."
    claims, _ = _claims(sentence)
    assert [c.text for c in claims] == [sentence]


# --- facts, per language and form -------------------------------------------------------------------------

QUANTITIES = [
    ("en", "At least 40 passengers were rescued.", (40.0, "passengers", "at_least")),
    ("en", "Dozens of people waited at the gate.", (24.0, "people", "about")),
    ("en", "Five children remain in hospital.", (5.0, "children", None)),
    ("es", "Al menos 15 heridos fueron trasladados al hospital.", (15.0, "injured", "at_least")),
    ("es", "Cientos de personas esperaban en la plaza.", (200.0, "people", "about")),
    ("es", "Murieron cinco niños.", (5.0, "children", None)),
    ("fr", "Une quarantaine de blessés ont été pris en charge.", (40.0, "injured", "about")),
    ("fr", "Le bilan fait état de plus de 220 morts.", (220.0, "dead", "more_than")),
    ("fr", "La ville compte 100 000 habitants.", (100000.0, None, None)),
    ("fr", "Trois enfants ont été blessés.", (3.0, "children", None)),
    ("pt", "Pelo menos 15 pessoas ficaram feridas.", (15.0, "people", "at_least")),
    ("pt", "Centenas de pessoas acompanharam o resgate.", (200.0, "people", "about")),
    ("pt", "A obra custou 1,5 milhões de euros.", (1_500_000.0, "EUR", None)),
    ("pt", "Duas crianças morreram no local.", (2.0, "children", None)),
    ("de", "Mehr als 100 Menschen wurden verletzt.", (100.0, "people", "more_than")),
    ("de", "Die Stadt hat 32.000 Einwohner.", (32000.0, None, None)),
    ("de", "Hunderte Menschen standen am Ufer.", (200.0, "people", "about")),
    ("de", "Zwei Kinder wurden schwer verletzt.", (2.0, "children", None)),
    ("it", "Almeno sette vittime sono state identificate.", (7.0, "dead", "at_least")),
    ("it", "Centinaia di persone hanno lasciato le case.", (200.0, "people", "about")),
    ("it", "Quindici passeggeri sono stati soccorsi.", (15.0, "passengers", None)),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), QUANTITIES)
def test_counts_in_words_and_local_formats(language, sentence, expected):
    found = [(q.value, q.unit, q.bound) for q in find_quantities(sentence, language)]
    assert expected in found, found


TIMES = [
    ("The ship left at 8:47 pm local time.", "T20:47"),
    ("The alarm came at four in the morning.", "T04:00"),
    ("It lasted about an hour and a half.", "PT1H30M"),
    ("La alerta se emitió a eso de las 08:57.", "T08:57"),
    ("Llegó a las cinco de la tarde.", "T17:00"),
    ("La reunión duró una hora y media.", "PT1H30M"),
    ("Le train est reparti à 18h05.", "T18:05"),
    ("L'appel a été passé vers 1h30 du matin.", "T01:30"),
    ("Il a attendu une heure et demie.", "PT1H30M"),
    ("Les secours sont arrivés vers minuit.", "T00:00"),
    ("O avião caiu por volta das 13h20.", "T13:20"),
    ("A reunião durou uma hora e meia.", "PT1H30M"),
    ("Um kurz nach 19 Uhr hielt der Zug.", "T19:00"),
    ("Die Sitzung endete um 18.30 Uhr.", "T18:30"),
    ("Die Suche dauerte anderthalb Stunden.", "PT1H30M"),
    ("Alle 04:10 la nave si inclinò.", "T04:10"),
    ("Intorno alle quattro del mattino il vento cambiò.", "T04:00"),
    ("La riunione è durata un'ora e mezza.", "PT1H30M"),
]


@pytest.mark.parametrize(("sentence", "value"), TIMES)
def test_times_of_day_and_durations(sentence, value):
    assert value in [t.value for t in find_times(sentence)]


DATES = [
    ("en", "The vote took place on Wednesday.", "2025-09-05", "2025-09-03"),
    ("en", "The bridge closed on March 3, 2024.", None, "2024-03-03"),
    ("es", "El incendio empezó el pasado 29 de octubre de 2024.", None, "2024-10-29"),
    ("es", "Ayer se cerró el puerto.", "2025-09-05", "2025-09-04"),
    ("fr", "Le cyclone a frappé samedi 14 décembre.", "2024-12-16", "2024-12-14"),
    ("fr", "Le port a fermé hier.", "2025-09-05", "2025-09-04"),
    ("pt", "A reunião de quarta-feira (03/09) terminou tarde.", "2025-09-05", "2025-09-03"),
    ("pt", "O voo caiu nesta sexta-feira, 9, no interior.", "2024-08-09", "2024-08-09"),
    ("de", "Am 20. Dezember 2024 wurde der Markt geschlossen.", None, "2024-12-20"),
    ("de", "Gestern wurde die Brücke gesperrt.", "2025-09-05", "2025-09-04"),
    ("it", "Il 19 agosto 2024 la barca affondò.", None, "2024-08-19"),
    ("it", "Lunedì il porto è rimasto chiuso.", "2025-09-05", "2025-09-01"),
]


@pytest.mark.parametrize(("language", "sentence", "published", "value"), DATES)
def test_dates_in_six_languages(language, sentence, published, value):
    assert value in [d.value for d in find_dates(sentence, published, language)]


def test_claims_carry_times_and_bounded_counts():
    claims, _ = _claims("Pelo menos 15 pessoas morreram quando o ônibus caiu por volta das 13h20 em Vinhal.")
    (claim,) = claims
    assert [(q.value, q.bound) for q in claim.quantities] == [(15.0, "at_least")]
    assert "T13:20" in [d.value for d in claim.dates]


def test_every_skip_code_is_documented():
    from ..conftest import ROOT

    page = (ROOT / "docs" / "reading-a-report.md").read_text(encoding="utf-8")
    lines = page.splitlines()
    table = lines[lines.index("| code | the sentence is |") + 2 :]
    listed = [line.split("`")[1] for line in table[: next(i for i, x in enumerate(table) if not x.startswith("|"))]]
    assert listed == list(SKIP_CODES)


ENTITIES = [
    ("en", "Harbour master Ellen Voss arrived in Tolven on Sunday.", ("Ellen Voss", "PERSON"), ("Tolven", "PLACE")),
    ("es", "El alcalde Martín Ocaña visitó ayer a los heridos en Villarreal de Tolva.", ("Martín Ocaña", "PERSON"),
     ("Villarreal de Tolva", "PLACE")),
    ("fr", "Le préfet Jean-Marc Dufour est arrivé à Tolven dans la soirée.", ("Jean-Marc Dufour", "PERSON"),
     ("Tolven", "PLACE")),
    ("pt", "O prefeito Carlos Menezes esteve em Vinhal nesta quarta-feira.", ("Carlos Menezes", "PERSON"),
     ("Vinhal", "PLACE")),
    ("de", "Die Bürgermeisterin Anna Keller besuchte die Verletzten in Tolbach.", ("Anna Keller", "PERSON"),
     ("Tolbach", "PLACE")),
    ("it", "Il sindaco Marco Ferri è arrivato a Porto Tolvi nel pomeriggio.", ("Marco Ferri", "PERSON"),
     ("Porto Tolvi", "PLACE")),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "person", "place"), ENTITIES)
def test_people_and_places_in_six_languages(language, sentence, person, place):
    from corroborate.article.facts import find_entities

    found = {(e.text, e.type) for e in find_entities(sentence, language=language)}
    assert person in found and place in found, found


def test_german_nouns_after_their_article_are_not_names():
    from corroborate.article.facts import find_entities

    found = {e.text for e in find_entities("Die Menschen standen auf dem Weihnachtsmarkt in Tolbach.", language="de")}
    assert found == {"Tolbach"}
