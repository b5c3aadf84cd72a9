"""An editor's overrides file: decisions on claims and pages, applied by check, report and diff, shown in every
format, and surviving re-runs."""

from __future__ import annotations

import json

import pytest

from corroborate.cli import EXIT_FAILED_THRESHOLD, EXIT_OK, EXIT_USAGE, main
from corroborate.exceptions import InputError
from corroborate.reports.saved import load_json
from corroborate.verdicts.overrides import apply_overrides, claim_fingerprint, load_overrides

from ..conftest import FIXTURES, SEED


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple:
    folder = tmp_path_factory.mktemp("overrides")
    out = folder / "report.json"
    code = main(
        [
            "check",
            str(SEED),
            "--sources",
            str(FIXTURES / "sources.toml"),
            "--format",
            "json",
            "-o",
            str(out),
            "--cache-dir",
            str(folder / "cache"),
        ]
    )
    assert code == EXIT_OK
    return folder, out


def _claim(data: dict, verdict: str) -> dict:
    return next(c for c in data["claims"] if c["verdict"] == verdict)


def _write(folder, body: str):
    path = folder / "overrides.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_every_claim_carries_the_fingerprint_an_editor_names(saved):
    _, out = saved
    data = load_json(out)
    assert all(c["fingerprint"] == claim_fingerprint(c["text"]) and len(c["fingerprint"]) == 12 for c in data["claims"])


def test_an_accepted_claim_passes_the_gate_and_every_format_shows_who_decided(saved, capsys):
    folder, out = saved
    data = load_json(out)
    single = [c for c in data["claims"] if c["verdict"] == "single-source"]
    body = "".join(
        f'[[claim]]\nfingerprint = "{c["fingerprint"]}"\ndecision = "accept"\nby = "Ana Ruiz"\n'
        f'why = "Confirmed with the press office."\n\n'
        for c in single
    )
    overrides = _write(folder, body)
    base = ["check", str(SEED), "--sources", str(FIXTURES / "sources.toml"), "--cache-dir", str(folder / "cache")]
    assert main([*base, "--fail-on", "single-source"]) == EXIT_FAILED_THRESHOLD
    capsys.readouterr()
    assert main([*base, "--fail-on", "single-source", "--overrides", str(overrides)]) == EXIT_OK
    assert "editor: accepted by Ana Ruiz: Confirmed with the press office." in capsys.readouterr().out
    for fmt in ("markdown", "html", "junit", "sarif", "github", "json"):
        assert main(["report", str(out), "--format", fmt, "--overrides", str(overrides)]) == EXIT_OK
        rendered = capsys.readouterr().out
        if fmt == "github":
            assert single[0]["fingerprint"] not in rendered and "Ana Ruiz" not in rendered  # accepted: no annotation
        elif fmt == "sarif":
            results = json.loads(rendered)["runs"][0]["results"]
            assert any(r.get("suppressions") for r in results)
        else:
            assert "Ana Ruiz" in rendered


def test_a_rejected_page_no_longer_counts_and_the_claim_is_scored_again(saved, capsys):
    folder, out = saved
    data = load_json(out)
    claim = next(c for c in data["claims"] if c["verdict"] == "corroborated")
    counted = next(e for e in claim["evidence"] if e["independent"] and e["stance"] == "supports")
    # every page that traces back to that origin, so that the origin itself stops counting
    pages = sorted(
        {e["url"] for e in claim["evidence"] if e["stance"] == "supports" and e["group"] == counted["group"]}
    )
    page = counted["url"]
    body = "".join(
        f'[[evidence]]\nurl = "{url}"\ndecision = "reject"\nby = "Tom Lee"\nwhy = "Another story."\n'
        f'claim = "{claim["fingerprint"]}"\n\n'
        for url in pages
    )
    overrides = load_overrides(_write(folder, body))
    after = next(c for c in apply_overrides(data, overrides)["claims"] if c["id"] == claim["id"])
    assert after["independent_sources"] == claim["independent_sources"] - 1
    assert after["tool_verdict"] == "corroborated"
    rejected = [e for e in after["evidence"] if e["url"] == page]
    assert all(e["stance"] == "mentions" and e["decision"]["by"] == "Tom Lee" for e in rejected)
    # the diff of a report with itself under the same decisions changes nothing: decisions survive re-runs
    assert main(["diff", str(out), str(out), "--overrides", str(overrides.path), "--fail-on-worse"]) == EXIT_OK


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[claim]]\nfingerprint = "abc"\ndecision = "maybe"\nby = "A"\nwhy = "B"\n', "decision must be one of"),
        ('[[claim]]\nfingerprint = "abc"\ndecision = "accept"\nby = "A"\n', "'why' is required"),
        ('[[evidence]]\nurl = "ftp://x"\ndecision = "reject"\nby = "A"\nwhy = "B"\n', r"http\(s\) URL"),
        ("[[claims]]\nx = 1\n", "unknown tables"),
    ],
)
def test_a_bad_overrides_file_is_refused_with_the_fix(tmp_path, body, message):
    path = tmp_path / "o.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_overrides(path)
    assert main(["report", str(path), "--overrides", str(path)]) == EXIT_USAGE
