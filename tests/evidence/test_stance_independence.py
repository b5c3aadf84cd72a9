"""Stance on the labeled pair set, provenance chains and collapse reasons, the conflicting verdict and pair
assessment."""

from __future__ import annotations

import json

import pytest

from corroborate.config import MatchConfig

from ..conftest import FIXTURES, PAGES

#: measured on fixtures/eval/pairs.jsonl, 386 pairs written for this project: the learned judge scores macro-F1
#: 0.404 there (the hand-written rules, tuned on these pairs, scored 0.867). Real coverage, not these pairs, is the
#: measure (benchmarks/realcov); the floor guards against regressions.
MACRO_F1_FLOOR = 0.38  # measured 0.404
CONTRADICTS_F1_FLOOR = 0.5  # measured 0.034: a known gap


@pytest.fixture(scope="module")
def pair_score(encoder):
    from corroborate.evidence.evaluate import evaluate_pairs

    return evaluate_pairs(FIXTURES / "eval" / "pairs.jsonl", encoder, MatchConfig())


def test_pair_set_is_large_and_varied():
    lines = [json.loads(x) for x in (FIXTURES / "eval" / "pairs.jsonl").read_text().splitlines() if x.strip()]
    assert len(lines) >= 300
    assert {x["category"] for x in lines} >= {"paraphrase", "quote", "denial", "number", "same-actor", "unrelated"}


def test_pair_stance_macro_f1_floor(pair_score):
    assert pair_score.macro_f1 >= MACRO_F1_FLOOR, pair_score.per_class()


@pytest.mark.xfail(strict=True, reason="known gap: written denials and changed figures are read as support")
def test_pair_stance_contradicts_f1_floor(pair_score):
    assert pair_score.per_class()["contradicts"][2] >= CONTRADICTS_F1_FLOOR, pair_score.per_class()


def _evidence_by_page(report, fragment):
    from corroborate.evidence.evaluate import page_urls

    urls = page_urls(PAGES)
    claim = next(c for c in report["claims"] if fragment in c["text"])
    by_page = {}
    for e in claim["evidence"]:
        if e["stance"] == "supports":
            by_page.setdefault(urls[e["url"]], e)
    return claim, by_page


def test_rereports_carry_their_chain_and_collapse_reason(seed_report):
    _, by_page = _evidence_by_page(seed_report, "crafting detailed plans to deploy U.S. troops")
    rereport = by_page["borderledger-troops-plan-rereport.html"]
    assert rereport["chain"] == ["Border Ledger", "Newsweek"]
    assert rereport["collapsed"].startswith("traces back to Newsweek")
    assert by_page["newsweek-troops-plan.html"]["chain"] == ["Newsweek"]


def test_wire_copies_chain_to_the_wire_and_sister_outlets_collapse_by_group(seed_report):
    _, quote = _evidence_by_page(seed_report, "The United States is not going to come to Mexico")
    copy = quote["gulfcourier-sheinbaum-rejects-us-military-wire.html"]
    assert copy["chain"] == ["Gulf Coast Courier", "Continental Press"]
    assert not copy["independent"] and "Continental Press" in copy["collapsed"]
    _, plans = _evidence_by_page(seed_report, "crafting detailed plans to deploy U.S. troops")
    pages = ("lonestarsentinel-troops-mexico-plans.html", "harborcitytimes-troops-mexico-plans.html")
    sisters = [plans[p] for p in pages]
    collapsed = [e for e in sisters if not e["independent"]]
    assert len(collapsed) == 1 and "same ownership group (Meridian Media)" in collapsed[0]["collapsed"]


def test_conflicting_when_both_sides_are_strong():
    from corroborate.models import Claim, Evidence
    from corroborate.verdicts.score import score_claim

    claim = Claim(id="c1", sentence=1, span=(0, 1), text="x", kind="event", checkworthy=1.0, reason="")

    def item(stance, origin, confidence):
        return Evidence(
            claim_id="c1",
            url=origin,
            outlet=origin,
            published=None,
            sentence="s",
            sentence_index=0,
            fuzzy=0.7,
            semantic=0.8,
            combined=confidence,
            stance=stance,
            confidence=confidence,
            origin=origin,
        )

    both = [item("supports", "A", 0.8), item("supports", "B", 0.8), item("contradicts", "C", 0.8)]
    result = score_claim(claim, both, {id(e): e.origin for e in both})
    assert result.verdict == "conflicting" and result.independent_sources == 2
    weak = [item("supports", "A", 0.9), item("supports", "B", 0.9), item("contradicts", "C", 0.4)]
    assert score_claim(claim, weak, {id(e): e.origin for e in weak}).verdict == "partly-corroborated"
    against = [item("contradicts", "C", 0.9), item("contradicts", "D", 0.9)]
    assert score_claim(claim, against, {id(e): e.origin for e in against}).verdict == "contradicted"


def test_assess_pairs_over_shared_bodies(encoder, judge):
    from corroborate.evidence.assess import Pair, assess_pairs

    body = (
        "MEXICO CITY — The navy seized 4.2 tonnes of cocaine off the coast on Monday. "
        "Officials said the vessel was bound for the United States."
    )
    pairs = [
        Pair("a", "The navy seized 4.2 tonnes of cocaine off the coast on Monday.", body),
        Pair("b", "The navy seized 9 tonnes of cocaine off the coast on Monday.", body),
        Pair("c", "The central bank raised interest rates by half a point.", body),
    ]
    results = {r.id: r for r in assess_pairs(pairs, {p.id: p.text for p in pairs}, encoder, MatchConfig(), judge)}
    assert results["a"].stance == "supports" and results["a"].evidence
    assert results["b"].evidence, "the other figure is found as evidence (its stance: see test_judge.py)"
    assert results["c"].stance == "unrelated" and results["c"].evidence == []


def test_assess_command_reads_text_and_url_pairs(tmp_path, server, capsys):
    from corroborate.cli import main

    from ..conftest import write_sources

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        "\n".join(
            json.dumps(p)
            for p in [
                {
                    "id": "t1",
                    "claim": "The Pentagon denied plans to deploy troops into Mexico.",
                    "text": "The Pentagon on Wednesday denied that it plans to deploy troops into Mexico. "
                    "A spokesperson called the reports inaccurate.",
                },
                {
                    "id": "u1",
                    "claim": "Sheinbaum said the United States is not going to come to Mexico with the military.",
                    "url": f"{server}/pages/cpwire-sheinbaum-rejects-us-military.html",
                },
                {
                    "id": "u2",
                    "claim": "A smartwatch with a three-day battery went on sale.",
                    "url": f"{server}/pages/newsweek-troops-plan.html",
                },
            ]
        )
        + "\n"
    )
    sources = write_sources(
        tmp_path / "s.toml",
        "[fetch]\nhost_delay = 0.0\n[[outlet]]\nname = 'Local'\ndomains = ['127.0.0.1']\nallow_private = true\n",
    )
    out = tmp_path / "out.jsonl"
    code = main(["assess", str(pairs), "--sources", str(sources), "--no-cache", "-o", str(out)])
    assert code == 0
    results = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(results["t1"]) == {"id", "stance", "score", "evidence"}
    assert results["t1"]["stance"] == "supports"
    assert results["u1"]["stance"] == "supports" and results["u1"]["evidence"]
    assert results["u2"]["stance"] == "unrelated"


def test_assess_command_rejects_a_bad_line(tmp_path, capsys):
    from corroborate.cli import main

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": "a", "claim": "x", "text": "y"}\n{"id": "b"}\n')
    assert main(["assess", str(pairs), "--no-cache"]) == 2
    assert "pairs.jsonl:2" in capsys.readouterr().err


def test_eval_pairs_command_prints_per_class_scores(capsys):
    from corroborate.cli import main

    assert main(["eval", "pairs", str(FIXTURES / "eval" / "pairs.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "macro-F1:" in out
    for label in ("supports", "contradicts", "mentions", "unrelated"):
        assert label in out
