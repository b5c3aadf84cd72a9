"""Claim extraction on the seed article and on invented sentences."""

from __future__ import annotations

import pytest

from corroborate import extract_claims
from corroborate.claims import classify_sentence, find_attributions, find_quotes
from corroborate.input import article_from_text
from corroborate.sentences import split_sentences

from .conftest import SEED


@pytest.fixture(scope="module")
def seed():
    article = article_from_text(SEED.read_text(encoding="utf-8"), str(SEED))
    return extract_claims(article, outlets=["Newsweek", "NBC News"])


def test_segmentation_survives_abbreviations_and_quotes():
    text = ('Gen. Ana Ruiz met U.S. officials on Monday. The U.S. Army said so. He said, "It is over. We won." '
            "Then he left. It cost $3.5 million in the U.S. Officials agreed.")
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
    for must in ("crafting detailed plans to deploy U.S. troops", "Foreign Terrorist Organizations",
                 "The United States is not going to come to Mexico", "no longer a safe haven",
                 "all-of-government approach to address", "ramped up its own border enforcement"):
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
    assert source in find_attributions(sentence)


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
