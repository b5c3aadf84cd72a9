"""The seed article against the offline fixture corpus, scored with the corpus gold labels."""

from __future__ import annotations

import pytest

from corroborate.evidence.evaluate import evaluate_corpus, load_gold, page_urls
from corroborate.reports.json import SCHEMA

from .conftest import FIXTURES, PAGES

#: measured on the fixture corpus with the learned judge (the hand-written rules, tuned on these stand-in pages,
#: found 35/35); floors, raise them as the judge improves
SUPPORT_RECALL_FLOOR = 0.77  # measured 0.80 (28/35)
SUPPORT_PRECISION_FLOOR = 0.85  # measured 0.93


def _claim(report, fragment):
    return next(c for c in report["claims"] if fragment in c["text"])


def test_report_follows_the_json_contract(seed_report):
    assert seed_report["schema"] == SCHEMA
    assert set(seed_report) >= {"article", "claims", "skipped", "sources", "summary"}
    claim = seed_report["claims"][0]
    assert set(claim) >= {
        "id",
        "text",
        "sentence",
        "span",
        "kind",
        "checkworthy",
        "verdict",
        "score",
        "independent_sources",
        "evidence",
    }
    evidence = claim["evidence"][0]
    assert set(evidence) >= {"url", "outlet", "published", "sentence", "stance", "similarity", "origin", "independent"}
    assert set(evidence["similarity"]) == {"fuzzy", "semantic", "combined"}
    assert set(seed_report["summary"]) >= {"claims", "corroborated", "contradicted", "uncorroborated", "score"}
    assert all(0 <= c["score"] <= 1 for c in seed_report["claims"])


def test_gold_labels(seed_report):
    score = evaluate_corpus(seed_report, load_gold(FIXTURES / "gold.json"), PAGES)
    assert not score.unmatched_claims, "every gold claim is extracted as a claim"
    assert score.support_recall >= SUPPORT_RECALL_FLOOR, score.missed
    assert score.support_precision >= SUPPORT_PRECISION_FLOOR, score.false_support


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the learned judge reads the stand-in denials (the Pentagon, the Mexican security official) "
    "as support; contradiction recall on real coverage is 0.05 (docs/how-a-claim-is-judged.md)",
)
def test_gold_contradictions_are_found_and_never_taken_as_support(seed_report):
    score = evaluate_corpus(seed_report, load_gold(FIXTURES / "gold.json"), PAGES)
    assert not score.contradiction_as_support
    assert score.contradictions_found, "the Pentagon denial is reported as a contradiction"


def test_troop_plan_claim_cites_newsweek_and_collapses_rereports(seed_report):
    urls = page_urls(PAGES)
    claim = _claim(seed_report, "crafting detailed plans to deploy U.S. troops")
    assert "Newsweek" in claim["origins"]
    by_page = {}
    for e in claim["evidence"]:  # the best supporting sentence of each page
        if e["stance"] == "supports":
            by_page.setdefault(urls[e["url"]], e)
    original = by_page["newsweek-troops-plan.html"]
    assert original["independent"] and original["origin"] == "Newsweek"
    for rereport in ("borderledger-troops-plan-rereport.html", "heartlanddispatch-troops-plan-rereport.html"):
        assert by_page[rereport]["origin"] == "Newsweek"
        assert not by_page[rereport]["independent"]
    # the two sister outlets of one ownership group count once
    sisters = [
        by_page[p]
        for p in ("lonestarsentinel-troops-mexico-plans.html", "harborcitytimes-troops-mexico-plans.html")
        if p in by_page
    ]
    assert sum(e["independent"] for e in sisters) <= 1
    assert claim["independent_sources"] == len(claim["origins"])


def test_wire_copies_are_collapsed_into_the_wire_original(seed_report):
    urls = page_urls(PAGES)
    gold = load_gold(FIXTURES / "gold.json")
    original, *copies = gold["syndicated"][0]
    original_url = next(u for u, p in urls.items() if p == original)
    sources = {urls.get(s["url"]): s for s in seed_report["sources"]}
    for copy in copies:
        assert sources[copy]["duplicate_of"] == original_url
        assert sources[copy]["origin"] == "Continental Press"
    quote = _claim(seed_report, "The United States is not going to come to Mexico")
    assert quote["verdict"] == "corroborated"
    assert sorted(quote["origins"]) == ["Continental Press", "Mexico City Herald"]


def test_skipped_sentences_have_reasons(seed_report):
    reasons = {s["reason"] for s in seed_report["skipped"]}
    assert {"heading", "question"} <= reasons
    assert any(r.startswith("opinion") for r in reasons)
