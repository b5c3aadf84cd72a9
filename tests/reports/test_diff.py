"""``corroborate diff``: claims paired across two checks of a story, what changed, and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.cli import EXIT_FAILED_THRESHOLD, EXIT_OK, EXIT_USAGE, main
from corroborate.reports.diff import diff_reports, render_diff
from corroborate.reports.saved import load_json

from .test_formats import compare_golden

GOLDEN = Path(__file__).parent / "golden"
OLD, NEW = GOLDEN / "report.json", GOLDEN / "report-new.json"


@pytest.fixture()
def diff():
    return diff_reports(load_json(OLD), load_json(NEW))


@pytest.mark.parametrize(("fmt", "name"), [("text", "diff.txt"), ("markdown", "diff.md"), ("json", "diff.json")])
def test_golden(diff, fmt, name):
    compare_golden(name, render_diff(diff, fmt))


def test_what_changed(diff):
    by_status = {c.status: c for c in diff.claims}
    assert [c.status for c in diff.claims] == ["worse", "better", "changed", "unchanged", "added", "removed"]
    worse = by_status["worse"]
    assert (worse.old_verdict, worse.new_verdict, worse.lost) == ("corroborated", "partly-corroborated", ["Bay News"])
    better = by_status["better"]  # the sentence was edited, and still pairs with its old version
    assert better.old_text == 'Mayor Ana Ruiz said, "We cannot wait any longer."' and better.gained == ["Coast Wire"]
    assert by_status["changed"].gained == ["Harbor Times"]  # same verdict, one more origin
    assert by_status["added"].text == "The bridge carries 40,000 vehicles a day."
    assert by_status["removed"].old_id == "c5" and by_status["removed"].new_id is None
    assert diff.pages_gained == ["https://harbortimes.example/bridge-cost-dispute"] and diff.pages_lost == []
    assert [c.new_id for c in diff.worse] == ["c1"]


def test_reverse_diff_swaps_better_and_worse():
    back = diff_reports(load_json(NEW), load_json(OLD))
    assert {c.old_id for c in back.claims if c.status == "worse"} == {"c2"}
    assert {c.new_id for c in back.claims if c.status == "better"} == {"c1"}


def test_same_report_has_no_changes(seed_report):
    same = diff_reports(seed_report, seed_report)
    assert {c.status for c in same.claims} == {"unchanged"} and not same.worse
    assert same.count("unchanged") == len(seed_report["claims"])


@pytest.mark.parametrize(("flags", "code"), [([], EXIT_OK), (["--fail-on-worse"], EXIT_FAILED_THRESHOLD)])
def test_cli_exit_codes(capsys, flags, code):
    assert main(["diff", str(OLD), str(NEW), *flags]) == code
    out, err = capsys.readouterr()
    assert out.startswith("Article: drafts/harbor-bridge.md")
    if flags:
        assert "1 claims got worse: c1 (corroborated -> partly-corroborated)" in err
    assert main(["diff", str(NEW), str(NEW), *flags]) == EXIT_OK


def test_cli_json_output_file(tmp_path):
    target = tmp_path / "diff.json"
    assert main(["diff", str(OLD), str(NEW), "--format", "json", "-o", str(target)]) == EXIT_OK
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "corroborate.diff/1" and data["counts"]["worse"] == 1


def test_cli_bad_inputs(tmp_path, capsys):
    assert main(["diff", str(OLD), str(tmp_path / "none.json")]) == EXIT_USAGE
    assert "none.json: file not found" in capsys.readouterr().err
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps({"schema": "corroborate.batch/1", "reports": [], "articles": []}), encoding="utf-8")
    assert main(["diff", str(batch), str(NEW)]) == EXIT_USAGE
    assert "holds several articles" in capsys.readouterr().err


def test_diff_says_when_each_report_was_made():
    old, new = load_json(OLD), load_json(NEW)
    old["audit"] = {"checked_at": "2026-03-01T08:00:00Z"}
    new["audit"] = {"checked_at": "2026-03-02T09:30:00Z"}
    diff = diff_reports(old, new)
    text = render_diff(diff, "text")
    assert "Old report checked 2026-03-01T08:00:00Z; new report checked 2026-03-02T09:30:00Z" in text
    assert json.loads(render_diff(diff, "json"))["checked_at"] == {
        "old": "2026-03-01T08:00:00Z",
        "new": "2026-03-02T09:30:00Z",
    }
