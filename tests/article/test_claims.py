"""Claim extraction on the seed article and on invented sentences."""

from __future__ import annotations

import pytest

from corroborate import extract_claims
from corroborate.article.claims import classify_sentence, find_quotes
from corroborate.article.input import article_from_text
from corroborate.article.sentences import split_sentences
from corroborate.outlets import attributions

from ..conftest import SEED


@pytest.fixture(scope="module")
def seed():
    article = article_from_text(SEED.read_text(encoding="utf-8"), str(SEED))
    return extract_claims(article, outlets=["Newsweek", "NBC News"])


def test_segmentation_survives_abbreviations_and_quotes():
    text = (
        'Gen. Ana Ruiz met U.S. officials on Monday. The U.S. Army said so. He said, "It is over. We won." '
        "Then he left. It cost $3.5 million in the U.S. Officials agreed."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Ana Ruiz met U.S. officials on Monday.",
        "The U.S. Army said so.",
        'He said, "It is over. We won."',
        "Then he left.",
        "It cost $3.5 million in the U.S.",
        "Officials agreed.",
    ]


def test_seed_factual_sentences_and_quotes_are_claims(seed):
    claims, _ = seed
    texts = " ".join(c.text for c in claims)
    for must in (
        "crafting detailed plans to deploy U.S. troops",
        "Foreign Terrorist Organizations",
        "The United States is not going to come to Mexico",
        "no longer a safe haven",
        "all-of-government approach to address",
        "ramped up its own border enforcement",
    ):
        assert must in texts


def test_seed_opinion_questions_and_headings_are_skipped_with_reasons(seed):
    _, skipped = seed
    reasons = {k.text: k.reason for k in skipped}
    assert reasons["Could this be the turning point in a decades-long battle?"] == "question"
    assert reasons["Tensions Rise Over Border Security Tactics"] == "heading"
    assert reasons["Navigating a Path Forward With Caution"] == "heading"
    opinion = [t for t, r in reasons.items() if r.startswith("opinion")]
    assert any(t.startswith("Ultimately, the administration must weigh") for t in opinion)
    assert any(t.startswith("Such statements suggest") for t in opinion)


def test_seed_quotes_carry_speakers(seed):
    claims, _ = seed
    speakers = {q.speaker for c in claims for q in c.quotes}
    assert {"Sheinbaum", "Jorge Rodríguez", "Secretary of Defense Pete Hegseth", "senior official"} <= speakers
    hegseth = next(q for c in claims for q in c.quotes if q.speaker and "Hegseth" in q.speaker)
    assert hegseth.channel == "on X"
    sheinbaum = next(q for c in claims for q in c.quotes if q.speaker == "Sheinbaum")
    assert sheinbaum.when == "in August"


def test_seed_newsweek_attributions_recorded(seed):
    claims, _ = seed
    attributed = [c for c in claims if "Newsweek" in c.attributed_to]
    assert len(attributed) == 2
    assert {c.kind for c in attributed} == {"attribution", "quote"}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"We will rebuild the bridge by June," said Governor Lena Ortiz.', "Governor Lena Ortiz"),
        ('"Nothing has been decided yet," the spokesman said on Tuesday.', "spokesman"),
        ('Interior Minister Tomás Vega told reporters, "The border stays open."', "Interior Minister Tomás Vega"),
        ('"The ports are lost," opposition leader Marta Salcedo said, accusing Hugo Lindqvist.', "Marta Salcedo"),
        (
            '"I paid the chief every month," the defendant\'s former accountant testified.',
            "defendant's former accountant",
        ),
        ('"The ports are lost," said a union representative at the docks.', "union representative"),
    ],
)
def test_quote_speakers_on_invented_sentences(sentence, speaker):
    quotes = find_quotes(sentence)
    assert len(quotes) == 1
    assert quotes[0].speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The ministry closed three ports, according to a report by the Valley Tribune.", "Valley Tribune"),
        ("The strike killed four people, as first reported by Harbor Radio.", "Harbor Radio"),
        ("Coastal Wire reported that the vote was delayed.", "Coastal Wire"),
    ],
)
def test_attributions_on_invented_sentences(sentence, source):
    assert source in attributions(sentence)


@pytest.mark.parametrize(
    ("sentence", "worthy"),
    [
        ("The city council approved a $40 million budget on Monday.", True),
        ("This is a reckless gamble that could backfire badly.", False),
        ("Is anyone surprised?", False),
        ("Officials said 300 soldiers were deployed to the northern border.", True),
    ],
)
def test_checkworthiness_on_invented_sentences(sentence, worthy):
    score, reason = classify_sentence(sentence)
    assert (score >= 0.5) is worthy, reason


# --- check-worthiness on the labeled set -------------------------------------------------------------------

#: measured on fixtures/eval/claims.jsonl; floors, raise them as the classifier improves
CHECKWORTHY_PRECISION_FLOOR = 0.85
CHECKWORTHY_RECALL_FLOOR = 0.85


def test_labeled_set_precision_and_recall_floor():
    from corroborate.evidence.evaluate import evaluate_claims

    from ..conftest import FIXTURES

    score = evaluate_claims(FIXTURES / "eval" / "claims.jsonl")
    assert score.tp + score.fp + score.fn + score.tn >= 150
    assert score.precision >= CHECKWORTHY_PRECISION_FLOOR, score.errors
    assert score.recall >= CHECKWORTHY_RECALL_FLOOR, score.errors


def test_eval_claims_command_prints_the_scores(capsys):
    from corroborate.cli import main

    from ..conftest import FIXTURES

    assert main(["eval", "claims", str(FIXTURES / "eval" / "claims.jsonl")]) == 0
    out = capsys.readouterr().out
    for label in ("precision:", "recall:", "f1:"):
        assert label in out


# --- quotes ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "speaker", "channel", "when"),
    [
        (
            "Mayor Ines Duarte said on Monday, “The bridge will reopen in May.”",
            "The bridge will reopen in May.",
            "Mayor Ines Duarte",
            None,
            "on Monday",
        ),
        (
            "Senator Paul Ortega wrote on X, \"We were never told about 'Operation Lantern' at all.\"",
            "We were never told about 'Operation Lantern' at all.",
            "Senator Paul Ortega",
            "on X",
            None,
        ),
        (
            '"The port is closed until further notice," the harbor master told Coastal Radio in a statement.',
            "The port is closed until further notice",
            "harbor master",
            "told Coastal Radio",
            None,
        ),
    ],
)
def test_quote_words_speaker_channel_and_time(sentence, words, speaker, channel, when):
    quote = find_quotes(sentence)[0]
    assert (quote.text, quote.speaker, quote.channel, quote.when) == (words, speaker, channel, when)


def test_quote_spanning_sentences_stays_with_its_speaker():
    text = 'Governor Ana Ruiz said, "We acted fast. Nobody was hurt." The storm then moved north.'
    sentences = split_sentences(text)
    assert sentences[0].text == 'Governor Ana Ruiz said, "We acted fast. Nobody was hurt."'
    assert find_quotes(sentences[0].text)[0].speaker == "Governor Ana Ruiz"


# --- atomic claims -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        (
            "Mexico has ramped up its own border enforcement and permitted expanded CIA surveillance.",
            ["Mexico has ramped up its own border enforcement.", "Mexico has permitted expanded CIA surveillance."],
        ),
        (
            "The governor has signed the bill and ordered an audit of the agency.",
            ["The governor has signed the bill.", "The governor has ordered an audit of the agency."],
        ),
        (
            "The army closed the main road, and police arrested two men near the bridge.",
            ["The army closed the main road.", "Police arrested two men near the bridge."],
        ),
        ("The council approved the budget on Tuesday.", ["The council approved the budget on Tuesday."]),
    ],
)
def test_atomic_split(sentence, parts):
    from corroborate.article.claims import split_atomic

    atoms = split_atomic(sentence)
    assert [a[0] for a in atoms] == parts
    for text, start, end in atoms:  # each part points back at its span of the original sentence
        assert sentence[start:end].split()[-1].rstrip(".") == text.split()[-1].rstrip(".")


def test_seed_compound_sentence_becomes_two_claims_linked_to_their_sentence(seed):
    claims, _ = seed
    parts = [c for c in claims if c.source.startswith("While Mexico has ramped up")]
    assert [c.text for c in parts] == [
        "Mexico has ramped up its own border enforcement.",
        "Mexico has permitted expanded CIA surveillance.",
    ]
    assert len({c.sentence for c in parts}) == 1
    text = SEED.read_text(encoding="utf-8")
    assert text[parts[1].span[0] : parts[1].span[1]] == "permitted expanded CIA surveillance"


# --- normalized facts --------------------------------------------------------------------------------------


def test_quantities_with_units_and_scales():
    from corroborate.article.facts import find_quantities

    found = {
        (q.value, q.unit)
        for q in find_quantities(
            "The agency sent 3,000 troops, spent $4.5 million and cut crossings by 12 percent in 2025."
        )
    }
    assert found == {(3000.0, "troops"), (4_500_000.0, "USD"), (12.0, "percent")}


def test_relative_dates_resolved_against_publication_date():
    from corroborate.article.facts import find_dates

    dates = {
        d.text: d.value
        for d in find_dates(
            "She spoke in August and again on Monday; the law passed last year, on March 3, 2024.", "2025-11-05"
        )
    }
    assert dates == {"August": "2025-08", "Monday": "2025-11-03", "last year": "2024", "March 3, 2024": "2024-03-03"}
    assert find_dates("in August", None)[0].value is None


def test_entities_typed_by_gazetteer_titles_and_shape():
    from corroborate.article.facts import find_entities

    entities = {
        e.text: e.type
        for e in find_entities(
            "Secretary of Defense Pete Hegseth met Venezuela's Jorge Rodríguez and CIA officials at the Pentagon, "
            "Newsweek reported.",
            {"Newsweek"},
        )
    }
    assert entities == {
        "Secretary of Defense Pete Hegseth": "PERSON",
        "Venezuela": "PLACE",
        "Jorge Rodríguez": "PERSON",
        "CIA": "ORG",
        "Pentagon": "ORG",
        "Newsweek": "OUTLET",
    }


@pytest.mark.parametrize(
    ("sentence", "modes", "negated"),
    [
        ("The ministry plans to close two crossings.", ["planned"], False),
        ("The ministry closed two crossings.", ["asserted"], False),
        ("The ministry denied it closed two crossings, officials said.", ["reported", "denied"], True),
        ("The closure could take effect next week.", ["hedged"], False),
    ],
)
def test_modality_and_negation(sentence, modes, negated):
    from corroborate.article.facts import modality

    assert modality(sentence) == (modes, negated)


def test_seed_claim_facts(seed):
    claims, _ = seed
    quote = next(c for c in claims if c.quotes and c.quotes[0].speaker == "Sheinbaum")
    assert [d.text for d in quote.dates] == ["August"]
    plans = next(c for c in claims if "crafting detailed plans" in c.text)
    assert {"reported", "planned"} <= set(plans.modality)
    assert {"Mexico", "Newsweek"} <= {e.text for e in plans.entities}


@pytest.mark.parametrize(
    "line",
    [
        "PHOTO: Rescue workers search the debris in Mandalay on Saturday.",
        "Christophe Ena/AP",
        "Anadolu via Getty Images",
        "An infographic of the flight path shows where the plane came down.",
        "FILE - The cardinals gather in the Sistine Chapel, May 7, 2025.",
        "Rescue workers search the debris on Saturday. (Photo by Sai Aung Main / AFP)",
        "AP Photo/Manish Swarup",
        "Foto: EFE",
    ],
)
def test_photo_captions_and_credits_are_skipped_with_a_reason(line):
    from corroborate.article.claims import classify_sentence

    score, reason = classify_sentence(line)
    assert reason == "photo caption or credit" and score < 0.5


def test_a_run_of_text_too_long_to_be_one_sentence_is_skipped():
    from corroborate.article.claims import MAX_SENTENCE_CHARS, extract_claims
    from corroborate.article.sentences import split_sentences
    from corroborate.models import Article

    # an unclosed quotation swallows the rest of the paragraph
    text = 'The council approved the budget on Monday. He said "this is ' + "a quotation that never closes. " * 300
    claims, skipped = extract_claims(Article(source="x", text=text))
    assert [c.text for c in claims] == ["The council approved the budget on Monday."]
    assert skipped[-1].reason == "not one sentence" and len(skipped[-1].text) <= MAX_SENTENCE_CHARS + 1
    # abbreviations with no sentence end make one run, split in one pass and cut into windows of WINDOW_WORDS
    from corroborate.article.sentences import WINDOW_WORDS

    windows = split_sentences("Gen. U.S. Mr. Dr. St. " * 20000)
    assert len(windows) == 100_000 // WINDOW_WORDS and all(s.window for s in windows)


@pytest.mark.parametrize("shape", ["no punctuation", "abbreviations only", "a pasted table"])
def test_a_run_without_sentence_ends_is_cut_into_windows_that_are_never_claims(shape):
    from corroborate.article.sentences import WINDOW_WORDS, split_sentences
    from corroborate.models import Article

    unit = {
        "no punctuation": "the harbor council voted to close the old ferry pier ",
        "abbreviations only": "Gen. U.S. Mr. Dr. St. ",
        "a pasted table": "2024 | 12.5 | 13.1 | harbor | ",
    }[shape]
    lead = "The Harbor Council said on Monday that the pier will close on May 3, 2026.\n"
    text = lead + unit * 2_000
    sentences = split_sentences(text)
    assert max(len(s.text.split()) for s in sentences) <= WINDOW_WORDS
    # the windows cover the run word for word, in order
    run = sentences[1:]
    assert all(s.window for s in run) and len(run) >= len((unit * 2_000).split()) // WINDOW_WORDS
    assert " ".join(s.text for s in run).split() == (unit * 2_000).split()
    assert all(text[s.start : s.end] == s.text for s in sentences)
    claims, skipped = extract_claims(Article(source="x.txt", text=text))
    assert [c.sentence for c in claims] == [1]
    assert {k.reason for k in skipped} == {"not one sentence"}
