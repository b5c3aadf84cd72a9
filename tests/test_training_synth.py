"""training/judge/synth.py: every contrast rule in every language, seeded; the pairs it writes and their labels."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "judge" / "synth.py"


def _load():
    spec = importlib.util.spec_from_file_location("judge_synth", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["judge_synth"] = module
    spec.loader.exec_module(module)
    return module


synth = _load()
RULES = {**synth.CONTRADICT, **synth.SUPPORT}
SEEDS = range(5)


def _outputs(rule: str, lang: str, text: str, context: list[str] | None = None) -> list[str | None]:
    return [RULES[rule](text, lang, random.Random(seed), context or []) for seed in SEEDS]


def _names(lang: str, gender: str) -> str:
    return "|".join(synth.FALLBACK_NAMES[lang][gender])


def _class_of(lang: str, place: str) -> str:
    return "|".join(p for cls in synth.PLACE_CLASSES[lang] if place in cls for p in cls if p != place)


# rule, lang, sentence, the part that must change, what it must change into (a pattern; never the part itself)
CHANGED = [
    ("number", "en", "The storm killed 45 people in the region.", "45", r"\d+"),
    ("number", "es", "La tormenta mató a 45 personas en la región.", "45", r"\d+"),
    ("number", "fr", "La tempête a tué 45 personnes dans la région.", "45", r"\d+"),
    ("number", "pt", "A tempestade matou 45 pessoas na região.", "45", r"\d+"),
    ("number", "de", "Der Sturm tötete 45 Menschen in der Region.", "45", r"\d+"),
    ("number", "it", "La tempesta ha ucciso 45 persone nella regione.", "45", r"\d+"),
    ("hour", "en", "The meeting starts at 10 a.m. in the town hall.", "10", r"\d{1,2}"),
    ("hour", "es", "La reunión empieza a las 10 en el ayuntamiento.", "10", r"\d{1,2}"),
    ("hour", "fr", "La réunion commence à 14h30 à la mairie.", "14", r"\d{1,2}"),
    ("hour", "pt", "A reunião começa às 10 horas na prefeitura.", "10", r"\d{1,2}"),
    ("hour", "de", "Die Sitzung beginnt um 15 Uhr im Rathaus.", "15", r"\d{1,2}"),
    ("hour", "it", "La riunione inizia alle 15 in municipio.", "15", r"\d{1,2}"),
    ("weekday", "en", "The minister resigned on Monday after the vote.", "Monday", r"[A-Z][a-z]+day"),
    ("weekday", "es", "El ministro dimitió el lunes tras la votación.", "lunes",
     r"martes|miércoles|jueves|viernes|sábado|domingo"),
    ("weekday", "fr", "Le ministre a démissionné lundi après le vote.", "lundi",
     r"mardi|mercredi|jeudi|vendredi|samedi|dimanche"),
    ("weekday", "pt", "O ministro renunciou na segunda-feira após a votação.", "segunda", r"terça|quarta|quinta|sexta"),
    ("weekday", "de", "Der Minister trat am Montag nach der Abstimmung zurück.", "Montag", r"[A-Z]\w+"),
    ("weekday", "it", "Il ministro si è dimesso lunedì dopo il voto.", "lunedì",
     r"martedì|mercoledì|giovedì|venerdì|sabato"),
    ("date", "en", "The law was passed on 12 March 2020.", "12", r"\d{1,2}"),
    ("date", "es", "La ley fue aprobada el 12 de marzo de 2020.", "12", r"\d{1,2}"),
    ("date", "fr", "La loi a été adoptée le 12 mars 2020.", "12", r"\d{1,2}"),
    ("date", "pt", "A lei foi aprovada em 12 de março de 2020.", "12", r"\d{1,2}"),
    ("date", "de", "Das Gesetz wurde am 12. März 2020 verabschiedet.", "12", r"\d{1,2}"),
    ("date", "it", "La legge è stata approvata il 12 marzo 2020.", "12", r"\d{1,2}"),
    ("date", "en", "The law was passed in March.", "March", r"[A-Z][a-z]+"),
    ("date", "fr", "La loi a été adoptée en mars.", "mars", r"[a-zéû]+"),
    ("date", "en", "The law was passed on 12/03/2020.", "12", r"\d\d"),
    ("age", "en", "John Smith, 45, was arrested.", "45", r"\d+"),
    ("age", "en", "A 45-year-old man was arrested.", "45", r"\d+"),
    ("age", "es", "Un hombre de 45 años fue detenido.", "45", r"\d+"),
    ("age", "fr", "Un homme âgé de 45 ans a été arrêté.", "45", r"\d+"),
    ("age", "pt", "Um homem de 45 anos foi preso.", "45", r"\d+"),
    ("age", "de", "Ein 45-jähriger Mann wurde festgenommen.", "45", r"\d+"),
    ("age", "it", "Un uomo di 45 anni è stato arrestato.", "45", r"\d+"),
    ("person", "en", "John Smith met the mayor on Monday.", "John Smith", _names("en", "m")),
    ("person", "en", "Mr Smith said the plan failed.", "Smith", r"[A-Z][a-z]+"),
    ("person", "es", "María García se reunió con el alcalde.", "María García", _names("es", "f")),
    ("person", "fr", "Jean Dupont a rencontré le maire.", "Jean Dupont", _names("fr", "m")),
    ("person", "pt", "João Silva se reuniu com o prefeito.", "João Silva", _names("pt", "m")),
    ("person", "de", "Angela Müller traf den Bürgermeister.", "Angela Müller", _names("de", "f")),
    ("person", "it", "Marco Rossi ha incontrato il sindaco.", "Marco Rossi", _names("it", "m")),
    ("place", "en", "The summit was held in Paris.", "Paris", _class_of("en", "Paris")),
    ("place", "es", "La cumbre se celebró en Madrid.", "Madrid", _class_of("es", "Madrid")),
    ("place", "fr", "Le sommet s'est tenu en France.", "France",
     r"Chine|Russie|Pologne|Grèce|Colombie|Turquie|Belgique|Suisse|Suède|Norvège"),
    ("place", "pt", "O acordo foi assinado no Brasil.", "Brasil", r"Japão|Canadá|México|Chile|Peru|Egito|Marrocos"),
    ("place", "pt", "A cúpula foi realizada na França.", "França", _class_of("pt", "França")),
    ("place", "de", "Der Gipfel fand in Berlin statt.", "Berlin", _class_of("de", "Berlin")),
    ("place", "it", "Il vertice si è svolto in Francia.", "Francia",
     r"Germania|Spagna|Cina|Russia|Polonia|Grecia|Colombia|Turchia|Svizzera|Svezia|Norvegia"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "lang", "text", "old", "new"), CHANGED, ids=lambda v: v if len(str(v)) < 13 else "")
def test_each_contradicting_rule_changes_the_one_thing_in_each_language(rule, lang, text, old, new):
    before, _, after = text.partition(old)
    pattern = re.escape(before) + rf"(?!{re.escape(old)}(?!\w))(?:{new})" + re.escape(after)
    outputs = _outputs(rule, lang, text)
    for out in outputs:
        assert out is not None and out != text, (rule, lang, out)
        assert re.fullmatch(pattern, out), out
    assert outputs == _outputs(rule, lang, text)  # seeded: the same seeds give the same twins


# rule, lang, sentence, the one twin it must give (None: the rule must leave the sentence alone)
EXACT = [
    ("negation", "en", "The minister has resigned.", "The minister has not resigned."),
    ("negation", "en", "The minister did not resign.", "The minister did resign."),
    ("negation", "en", "The minister isn't here.", "The minister is here."),
    ("negation", "es", "El ministro ha dimitido.", "El ministro no ha dimitido."),
    ("negation", "es", "El ministro no ha dimitido.", "El ministro ha dimitido."),
    ("negation", "es", "Se ha informado al coronel.", "No se ha informado al coronel."),
    ("negation", "fr", "Le ministre a démissionné.", "Le ministre n'a pas démissionné."),
    ("negation", "fr", "Le ministre n'a pas démissionné.", "Le ministre a démissionné."),
    ("negation", "fr", "Il s'est rendu à la police.", "Il ne s'est pas rendu à la police."),
    ("negation", "pt", "O ministro foi demitido.", "O ministro não foi demitido."),
    ("negation", "pt", "O ministro não foi demitido.", "O ministro foi demitido."),
    ("negation", "de", "Die Regierung hat den Plan genehmigt.", "Die Regierung hat den Plan nicht genehmigt."),
    ("negation", "de", "Der Plan ist sicher.", "Der Plan ist nicht sicher."),
    ("negation", "de", "Der Mann ist nicht verhaftet worden.", "Der Mann ist verhaftet worden."),
    ("negation", "it", "Il ministro si è dimesso.", "Il ministro non si è dimesso."),
    ("negation", "it", "Il ministro non si è dimesso.", "Il ministro si è dimesso."),
    ("confirm_deny", "en", "The ministry confirmed the report.", "The ministry denied the report."),
    ("confirm_deny", "en", "The ministry denied that the report was true.",
     "The ministry confirmed that the report was true."),
    ("confirm_deny", "en", "The claim could not be confirmed.", None),
    ("confirm_deny", "en", "He was denied bail.", None),
    ("confirm_deny", "es", "El ministerio confirmó la noticia.", "El ministerio negó la noticia."),
    ("confirm_deny", "fr", "Le ministère a confirmé la nouvelle.", "Le ministère a démenti la nouvelle."),
    ("confirm_deny", "pt", "O ministério confirmou a notícia.", "O ministério negou a notícia."),
    ("confirm_deny", "de", "Das Ministerium bestätigte den Bericht.", "Das Ministerium dementierte den Bericht."),
    ("confirm_deny", "it", "Il ministero ha confermato la notizia.", "Il ministero ha smentito la notizia."),
    ("reorder", "en", "On Monday, the minister resigned.", "The minister resigned on Monday."),
    ("reorder", "en", "The minister resigned, after the vote.", "After the vote, the minister resigned."),
    ("reorder", "en", "The deal was signed by France and Germany.", "The deal was signed by Germany and France."),
    ("reorder", "en", "Emmanuel Macron and Angela Merkel met.", None),
    ("reorder", "es", "El lunes, el ministro dimitió.", "El ministro dimitió el lunes."),
    ("reorder", "fr", "Lundi, le ministre a démissionné.", "Le ministre a démissionné lundi."),
    ("reorder", "pt", "Na segunda-feira, o ministro renunciou.", "O ministro renunciou na segunda-feira."),
    ("reorder", "de", "Am Montag unterzeichneten Frankreich und Deutschland das Abkommen.",
     "Am Montag unterzeichneten Deutschland und Frankreich das Abkommen."),
    ("reorder", "it", "Lunedì, il ministro si è dimesso.", "Il ministro si è dimesso lunedì."),
    ("drop_clause", "en", "The minister, who took office in 2019, resigned on Monday.",
     "The minister resigned on Monday."),
    ("drop_clause", "en", "The minister resigned on Monday, which surprised his party.",
     "The minister resigned on Monday."),
    ("drop_clause", "en", "The World Health Organization (WHO) declared a pandemic.",
     "The World Health Organization declared a pandemic."),
    ("drop_clause", "en", "The plan will go ahead on Monday, if the vote passes.", None),
    ("drop_clause", "en", "The plan will go ahead on Monday, or it will be dropped.", None),
    ("drop_clause", "es", "El ministro, que asumió el cargo en 2019, dimitió el lunes.",
     "El ministro dimitió el lunes."),
    ("drop_clause", "fr", "Le ministre, qui a pris ses fonctions en 2019, a démissionné lundi.",
     "Le ministre a démissionné lundi."),
    ("drop_clause", "pt", "O ministro, que assumiu o cargo em 2019, renunciou na segunda-feira.",
     "O ministro renunciou na segunda-feira."),
    ("drop_clause", "de", "Der Minister, der 2019 sein Amt antrat, ist am Montag zurückgetreten.",
     "Der Minister ist am Montag zurückgetreten."),
    ("drop_clause", "it", "Il ministro, che si era insediato nel 2019, si è dimesso lunedì.",
     "Il ministro si è dimesso lunedì."),
    ("attribution", "en", "The minister said that the economy grew.", "According to the minister, the economy grew."),
    ("attribution", "en", "The economy grew by 2%, the minister said.",
     "According to the minister, the economy grew by 2%."),
    ("attribution", "en", "According to the police, the man was armed.", "The police said that the man was armed."),
    ("attribution", "en", "He said that the economy grew.", None),
    ("attribution", "es", "El ministro dijo que la economía creció.", "Según el ministro, la economía creció."),
    ("attribution", "es", "Según los expertos, la economía creció.", "Los expertos afirmaron que la economía creció."),
    ("attribution", "fr", "Le ministre a déclaré que l'économie a progressé.",
     "Selon le ministre, l'économie a progressé."),
    ("attribution", "fr", "Selon le ministre, il a tort.", "Le ministre a affirmé qu'il a tort."),
    ("attribution", "pt", "O ministro disse que a economia cresceu.", "Segundo o ministro, a economia cresceu."),
    ("attribution", "de", "Die Wirtschaft sei gewachsen, so der Minister.",
     "Die Wirtschaft sei gewachsen, sagte der Minister."),
    ("attribution", "it", "Il ministro ha detto che l'economia è cresciuta.",
     "Secondo il ministro, l'economia è cresciuta."),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "lang", "text", "expected"), EXACT, ids=lambda v: v if len(str(v)) < 13 else "")
def test_rules_with_one_answer_give_it(rule, lang, text, expected):
    assert set(_outputs(rule, lang, text)) == {expected}


def test_german_attribution_moves_the_speaker_and_keeps_the_verb_second():
    outputs = set(_outputs("attribution", "de", "Der Minister sagte, die Wirtschaft sei gewachsen."))
    assert outputs <= {
        "Die Wirtschaft sei gewachsen, sagte der Minister.",
        "Die Wirtschaft sei gewachsen, so der Minister.",
    }
    assert outputs


def test_number_keeps_the_grouping_and_the_decimals():
    for lang, text, pattern in (
        ("en", "The storm killed 1,200 people.", r"The storm killed (\d,\d{3}|\d{3}) people\."),
        ("es", "La tormenta mató a 1.200 personas.", r"La tormenta mató a (\d\.\d{3}|\d{3}) personas\."),
        ("fr", "La tempête a fait 1 200 morts.", r"La tempête a fait (\d \d{3}|\d{3}) morts\."),
        ("en", "Prices rose 3.5 percent.", r"Prices rose (?!3\.)\d+\.5 percent\."),
    ):
        for out in _outputs("number", lang, text):
            assert re.fullmatch(pattern, out) and out != text, out


def test_number_leaves_one_and_names_with_digits_alone():
    assert set(_outputs("number", "en", "Only 1 person saw COVID-19 spread in the G7.")) == {None}


def test_person_prefers_someone_named_in_the_same_group_and_follows_the_surname():
    context = ["David Jones spoke later.", "Nobody else was there."]
    text = "John Smith met the mayor. Smith said the talks went well."
    assert set(_outputs("person", "en", text, context)) == {
        "David Jones met the mayor. Jones said the talks went well."
    }


def test_person_does_not_take_a_full_name_after_a_title_for_a_surname():
    assert set(_outputs("person", "fr", "Le président Andry Rajoelina a parlé.")) == {None}


def test_french_elision_follows_a_swapped_word():
    assert synth._fr_elide("à la fin de avril") == "à la fin d'avril"
    assert synth._fr_elide("à la fin d'mars") == "à la fin de mars"
    assert synth._fr_elide("d'habitude") == "d'habitude"


DENIAL_MARKERS = {
    "en": ("denies that the minister resigned on Monday.", "no evidence that the minister resigned on Monday.",
           "denied reports that the minister resigned on Monday."),
    "es": ("negó que el ministro dimitió el lunes.", "según la cual el ministro dimitió el lunes.",
           "No hay pruebas de que sea cierto que el ministro dimitió el lunes."),
    "fr": ("Rien ne permet d'affirmer qu'il a démissionné lundi.", "dément les informations selon lesquelles il a"),
    "pt": ("nega que o ministro renunciou na segunda-feira.", "desmentiu a informação de que o ministro renunciou",
           "Não há provas de que seja verdade que o ministro renunciou"),
    "de": ("bestreitet, dass der Minister am Montag zurückgetreten ist.",
           "Es gibt keine Belege dafür, dass der Minister am Montag zurückgetreten ist.",
           "bestreitet diese Darstellung: Der Minister ist am Montag zurückgetreten."),
    "it": ("smentisce che il ministro si è dimesso lunedì.", "secondo cui il ministro si è dimesso lunedì.",
           "Non ci sono prove che sia vero che il ministro si è dimesso lunedì."),
}  # fmt: skip
DENIED = {
    "en": "The minister resigned on Monday.",
    "es": "El ministro dimitió el lunes.",
    "fr": "Il a démissionné lundi.",
    "pt": "O ministro renunciou na segunda-feira.",
    "de": "Der Minister ist am Montag zurückgetreten.",
    "it": "Il ministro si è dimesso lunedì.",
}


@pytest.mark.parametrize("lang", synth.LANGS)
def test_denial_templates_in_each_language(lang):
    outputs = [synth.deny(DENIED[lang], lang, random.Random(seed)) for seed in range(8)]
    for out in outputs:
        assert out and any(marker in out for marker in DENIAL_MARKERS[lang]), out
    assert outputs == [synth.deny(DENIED[lang], lang, random.Random(seed)) for seed in range(8)]


def test_denial_skips_reports_quotes_and_sentences_it_cannot_embed():
    assert synth.deny("The storm killed 12 people, officials said.", "en", random.Random(0)) is None
    assert synth.deny('He called it "a disgrace" on Monday.', "en", random.Random(0)) is None
    # an unknown capitalised first word could be a name: Spanish has no colon template, so no denial
    assert synth.deny("Dio un paso atrás en la sala.", "es", random.Random(0)) is None


def test_verb_final_turns_a_simple_german_clause_into_a_dass_clause():
    assert synth.verb_final("Der Minister ist am Montag zurückgetreten.") == "der Minister am Montag zurückgetreten ist"
    assert synth.verb_final("Am Montag hat die Regierung den Plan genehmigt.") == (
        "am Montag die Regierung den Plan genehmigt hat"
    )
    assert synth.verb_final("Er sagte, dass es regnet.") is None


SENTENCES = [
    {"text": "On Monday, the minister said that 12 people died in Paris.", "lang": "en", "group": "a"},
    {"text": "The company confirmed the report on 12 March 2020.", "lang": "en", "group": "a"},
    {"text": "El lunes, el ministro confirmó que 12 personas murieron en Madrid.", "lang": "es", "group": "b"},
    {"text": "Lundi, le ministre a démissionné après le vote.", "lang": "fr", "group": "c"},
    {"text": "O ministro, que assumiu o cargo em 2019, renunciou na segunda-feira.", "lang": "pt", "group": "d"},
    {"text": "Die Regierung hat den Plan am Montag genehmigt, sagte ein Sprecher.", "lang": "de", "group": "e"},
    {"text": "Il ministro ha confermato che 12 persone sono morte a Roma alle 15.", "lang": "it", "group": "f"},
    {"text": "Ein Satz in einer Sprache, die es nicht gibt.", "lang": "xx", "group": "g"},
]


def test_pairs_are_seeded_labelled_and_keep_the_group():
    pairs = list(synth.synthesize(SENTENCES, seed=5, contradict=2, support=1, deny_share=1.0))
    assert pairs == list(synth.synthesize(SENTENCES, seed=5, contradict=2, support=1, deny_share=1.0))
    # each sentence's twins do not depend on the rest of the file or its order
    alone = list(synth.synthesize(SENTENCES[3:4], seed=5, contradict=2, support=1, deny_share=1.0))
    assert alone == [p for p in pairs if p["group"] == "c"]
    assert {p["lang"] for p in pairs} == {"en", "es", "fr", "pt", "de", "it"}
    texts = {s["text"]: s for s in SENTENCES}
    for pair in pairs:
        assert set(pair) == {"claim", "passage", "label", "lang", "source", "group"}
        rule = pair["source"].removeprefix("synth/")
        original = pair["claim"] if pair["claim"] in texts else pair["passage"]
        assert texts[original]["group"] == pair["group"] and texts[original]["lang"] == pair["lang"]
        if rule in synth.CONTRADICT or rule == "denial":
            assert pair["label"] == "contradicts"
        else:
            assert rule in synth.SUPPORT and pair["label"] == "supports"
        if rule == "drop_clause":  # the shorter twin is the claim the original asserts
            assert pair["passage"] == original
        if rule == "denial":  # the denial is the passage, the denied sentence the claim, never supported
            assert pair["claim"] == original and pair["label"] != "supports"
    assert any(p["source"] == "synth/denial" for p in pairs)
    other_seed = list(synth.synthesize(SENTENCES, seed=6, contradict=2, support=1, deny_share=1.0))
    assert other_seed != pairs


def test_every_rule_has_a_case_in_every_language():
    covered = {(rule, lang) for rule, lang, *_ in CHANGED + EXACT}
    covered |= {("attribution", "de")}
    for rule in RULES:
        for lang in synth.LANGS:
            assert (rule, lang) in covered, (rule, lang)


def test_cli_writes_pairs(tmp_path, capsys):
    source = tmp_path / "sentences.jsonl"
    source.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in SENTENCES), encoding="utf-8")
    out = tmp_path / "synth.jsonl"
    assert synth.main(["--input", str(source), "--output", str(out), "--seed", "3", "--langs", "fr", "de"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and {p["lang"] for p in lines} <= {"fr", "de"}
    with pytest.raises(SystemExit) as exit_:
        synth.main(["--help"])
    assert exit_.value.code == 0
    assert "FactCC" in capsys.readouterr().out
