"""The cache (a real SQLite file) and the stance rules."""

from __future__ import annotations

import sqlite3

import pytest

from corroborate import check, load_config
from corroborate.cache import CACHE_FILENAME, Cache
from corroborate.models import Claim, Document, Evidence
from corroborate.stance import judge

from .conftest import FIXTURES, SEED


def test_second_run_reembeds_and_reextracts_nothing(tmp_path, encoder):
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=tmp_path)
    first = check(str(SEED), config, encoder=encoder)
    encoded = encoder.encoded
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    second = check(str(SEED), config, encoder=encoder)
    assert encoder.encoded == encoded, "nothing re-embedded"
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == documents
    assert [r.verdict for r in first.claims] == [r.verdict for r in second.claims]
    assert [r.score for r in first.claims] == [r.score for r in second.claims]


def test_corrupt_cache_is_moved_aside_and_rebuilt(tmp_path, caplog):
    (tmp_path / CACHE_FILENAME).write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    assert cache.stats()["pages"] == 0
    cache.close()
    assert list(tmp_path.glob(f"{CACHE_FILENAME}.corrupt-*"))
    assert "moved it to" in caplog.text


def _judge(claim_text: str, evidence: str, following: str = "") -> Evidence:
    """A bare claim (no facts extracted) judged against one evidence sentence and what follows it."""
    claim = Claim(id="c1", sentence=1, span=(0, 1), text=claim_text, kind="event", checkworthy=1.0, reason="")
    return _judge_claim(claim, evidence, following)


def test_paraphrase_supports():
    assert (
        _judge(
            "The navy sent 3,000 sailors to the port.", "Some 3,000 sailors were sent to the port by the navy."
        ).stance
        == "supports"
    )


def test_changed_number_contradicts():
    result = _judge("The navy sent 3,000 sailors to the port.", "The navy sent 300 sailors to the port.")
    assert result.stance == "contradicts" and "count" in result.why


def test_denial_contradicts():
    assert (
        _judge(
            "The ministry plans to close the border crossing.",
            "The ministry denied that it plans to close the border crossing.",
        ).stance
        == "contradicts"
    )


def test_denial_in_next_sentence_contradicts():
    result = _judge(
        "The army has begun training for the mission.",
        "Reports said the army had begun training for the mission.",
        "A spokesperson denied the reports on Monday.",
    )
    assert result.stance == "contradicts" and "next sentence" in result.why


def test_hedged_evidence_only_mentions():
    assert (
        _judge(
            "The army has begun training for the mission.",
            "Possible training for the mission, which officials have not confirmed, drew criticism.",
        ).stance
        == "mentions"
    )


@pytest.mark.parametrize(
    "evidence",
    [
        "Ostrava is considering sanctions on 14 shipping companies that carry Drevnian oil.",
        "Kessmark will close its border with Drevnia to commercial traffic, officials announced.",
        "The navy plans to send 3,000 sailors to the port next month.",
    ],
)
def test_a_plan_does_not_corroborate_a_deed(evidence):
    claims = {
        "Ostrava": "Ostrava imposed sanctions on 14 shipping companies that carry Drevnian oil.",
        "Kessmark": "Kessmark closed its border with Drevnia to commercial traffic.",
        "navy": "The navy sent 3,000 sailors to the port.",
    }
    claim = next(text for key, text in claims.items() if evidence.startswith(("The " + key, key)))
    result = _claim_with_facts_judged(claim, evidence)
    assert result.stance == "mentions" and "plan" in result.why


def test_a_plan_still_supports_a_plan_and_a_deed_with_a_plan_beside_it_supports():
    assert (
        _claim_with_facts_judged(
            "The navy plans to send 3,000 sailors to the port.", "The navy intends to send 3,000 sailors to the port."
        ).stance
        == "supports"
    )
    assert (
        _claim_with_facts_judged(
            "The navy sent 3,000 sailors to the port.",
            "The navy sent 3,000 sailors to the port and would send more if needed.",
        ).stance
        == "supports"
    )


def test_scaled_numbers_are_read_with_their_scale():
    from corroborate.stance import numbers_in

    assert numbers_in("allocated 1.8 billion pesos") == {"count": {1.8e9}}
    result = _judge("Regulators fined Lumenta 45 million euros.", "Regulators fined Lumenta 4.5 million euros.")
    assert result.stance == "contradicts" and "count" in result.why


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "Castellan extradited Mirko Zelenko to Norvesa.",
            "A Castellan court blocked the extradition of Mirko Zelenko.",
        ),
        ("Teachers in Vask went on strike on Monday.", "Teachers in Vask called off a planned strike on Monday."),
        (
            "The court ruled that the concession was unconstitutional.",
            "The court ruled the concession was constitutional.",
        ),
        ("Belmora lifted its ban on grain imports.", "Belmora has not lifted its ban on grain imports."),
    ],
)
def test_evidence_that_undoes_the_action_contradicts(claim, evidence):
    assert _judge(claim, evidence).stance == "contradicts"


def test_the_same_words_from_another_speaker_named_after_the_quote_contradict():
    claim = _claim_with_facts('Interior Minister Hugo Lindqvist said that "the cartels have infiltrated every port."')
    result = _judge_claim(
        claim, '"The cartels have infiltrated every port," opposition leader Marta Salcedo said, accusing Lindqvist.'
    )
    assert result.stance == "contradicts" and "Marta Salcedo" in result.why


def test_a_quote_with_another_day_contradicts():
    claim = _claim_with_facts('Beatriz Olmo said, "The water will keep rising through Thursday night."')
    result = _judge_claim(claim, 'Beatriz Olmo said, "The water will keep rising through Sunday night."')
    assert result.stance == "contradicts" and "quote words changed" in result.why


def test_a_page_that_never_names_the_place_only_mentions():
    claim = _claim_with_facts("The administration plans to send troops into Mexico to target drug cartels.")
    elsewhere = _judge_claim(claim, "The administration plans new steps against drug cartels, officials said.")
    assert elsewhere.stance == "mentions" and "never names Mexico" in elsewhere.why
    demonym = _judge_claim(claim, "The administration plans to put troops on Mexican soil to go after drug cartels.")
    assert demonym.stance == "supports"


def _claim_with_facts_judged(claim_text: str, evidence: str) -> Evidence:
    return _judge_claim(_claim_with_facts(claim_text), evidence)


def _claim_with_facts(text: str):
    from corroborate.claims import claim_from_text

    return claim_from_text(text)


def _judge_claim(claim, evidence: str, following: str = "") -> Evidence:
    doc = Document.from_text("u", evidence + (" " + following if following else ""))
    item = Evidence(
        claim_id=claim.id,
        url="u",
        outlet="o",
        published=None,
        sentence=evidence,
        sentence_index=0,
        fuzzy=0.7,
        semantic=0.8,
        combined=0.77,
    )
    return judge(claim, item, doc, support_threshold=0.55)


def test_same_action_by_another_person_contradicts():
    claim = _claim_with_facts("Defense Secretary Pete Hegseth ordered new strikes near the coast.")
    result = _judge_claim(claim, "Secretary of State Marco Rubio ordered new strikes near the coast.")
    assert result.stance == "contradicts" and "different person" in result.why
    same = _judge_claim(claim, "Hegseth ordered a fresh round of strikes near the coast on Tuesday.")
    assert same.stance == "supports"


def test_same_action_in_another_place_contradicts():
    claim = _claim_with_facts("The administration plans to send troops into Mexico.")
    result = _judge_claim(claim, "The administration plans to send troops into Venezuela.")
    assert result.stance == "contradicts" and "different place" in result.why
