"""The exit-code policy on report dicts: --fail-on, --min-sources and disputed claims, coverage about other
stories, message wording, and the batch mean."""

from __future__ import annotations

import pytest

from corroborate.verdicts.gate import EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, EXIT_OK, gate, parse_fail_on


def _report(*claims: dict, ok: int = 3, off_topic: int = 0) -> dict:
    return {
        "claims": list(claims),
        "summary": {"score": 0.5, "sources_ok": ok, "sources_off_topic": off_topic},
    }


def _claim(cid: str, verdict: str, sources: int, flags: tuple[str, ...] = ()) -> dict:
    return {
        "id": cid,
        "verdict": verdict,
        "independent_sources": sources,
        "flags": [{"code": f, "message": ""} for f in flags],
    }


def test_fail_on_verdicts_and_flags():
    data = _report(
        _claim("c1", "corroborated", 3, ("misattributed",)),
        _claim("c2", "contradicted", 0),
        _claim("c3", "single-source", 1, ("unverified-quote",)),
    )
    assert gate(data) == (EXIT_OK, [])
    code, messages = gate(data, fail_on=parse_fail_on("contradicted,conflicting,misattributed"))
    assert code == EXIT_FAILED_THRESHOLD
    assert messages == [
        "1 claim is contradicted (--fail-on): c2",
        "1 claim is misattributed (--fail-on): c1",
    ]
    assert gate(data, fail_on=("unverified-quote",))[1] == ["1 claim has an unverified quote (--fail-on): c3"]
    assert gate(data, fail_on=("conflicting",)) == (EXIT_OK, [])


def test_fail_on_rejects_unknown_words_and_names_the_choices():
    with pytest.raises(ValueError, match=r"'refuted'.*contradicted.*misattributed"):
        parse_fail_on("contradicted,refuted")


def test_min_sources_does_not_let_a_conflicting_claim_pass_and_messages_agree_in_number():
    data = _report(_claim("c1", "conflicting", 3), _claim("c2", "single-source", 1))
    code, messages = gate(data, min_sources=2)
    assert code == EXIT_FAILED_THRESHOLD
    assert messages[0] == "1 claim has fewer than 2 independent sources: c2"
    assert messages[1].startswith("1 claim is disputed by independent coverage") and messages[1].endswith(": c1")
    two = _report(_claim("c1", "uncorroborated", 0), _claim("c2", "uncorroborated", 0))
    assert gate(two, min_sources=1)[1] == ["2 claims have fewer than 1 independent source: c1, c2"]


def test_coverage_about_other_stories_is_a_finding_not_a_breakdown():
    lonely = _report(_claim("c1", "uncorroborated", 0), ok=0, off_topic=4)
    assert gate(lonely) == (EXIT_OK, [])
    assert gate(lonely, min_sources=1)[0] == EXIT_FAILED_THRESHOLD
    broken = _report(_claim("c1", "not-checkable", 0), ok=0, off_topic=0)
    assert gate(broken, min_sources=1)[0] == EXIT_NOTHING_CHECKED


def test_batch_mean_leaves_out_articles_that_could_not_be_checked():
    from corroborate.batch import Entry, batch_dict

    good = _report(_claim("c1", "corroborated", 2))
    good["summary"].update(score=0.8, claims=1, corroborated=1)
    broken = _report(_claim("c1", "not-checkable", 0), ok=0)
    broken["summary"].update(score=0.0, claims=1, not_checkable=1)
    summary = batch_dict([Entry("a.md", data=good), Entry("b.md", data=broken, exit_code=3)])["summary"]
    assert summary["score"] == 0.8 and summary["scored"] == 1 and summary["not_checkable"] == 1
