"""The command line: formats, output file, and the documented exit codes 0, 1, 2 and 3."""

from __future__ import annotations

import json

import pytest

from corroborate.cli import EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, EXIT_OK, EXIT_USAGE, main

from .conftest import FIXTURES, ROOT, SEED, write_sources

DEMO = [str(SEED), "--sources", str(FIXTURES / "sources.toml")]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One cache for this module's checks of the demo: a warm cache gives the verdicts of a cold one (tested in
    tests/coverage/test_cache.py), so only the first check pays for encoding and judging."""
    return tmp_path_factory.mktemp("cli-cache")


@pytest.fixture()
def run(shared_cache, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["check", *args, "--cache-dir", str(shared_cache)])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("text", "CORROBORATED"), ("markdown", "| # | Claim | Verdict |"), ("json", '"schema": "corroborate.report/1"')],
)
def test_formats_exit_0(run, fmt, marker):
    code, out, _ = run(*DEMO, "--format", fmt)
    assert code == EXIT_OK
    assert marker in out
    assert "Newsweek" in out and "Continental Press" in out


def test_output_file_written(run, tmp_path):
    target = tmp_path / "out" / "report.json"
    code, out, _ = run(*DEMO, "--format", "json", "--output", str(target))
    assert code == EXIT_OK and out == ""
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["summary"]["claims"] == len(report["claims"]) > 5


@pytest.mark.parametrize("flags", [["--fail-under", "0.99"], ["--min-sources", "5"]])
def test_threshold_failure_exits_1(run, flags):
    code, _, err = run(*DEMO, *flags)
    assert code == EXIT_FAILED_THRESHOLD
    assert "below --fail-under" in err or "fewer than 5 independent sources" in err


def test_thresholds_met_exit_0(run):
    code, _, _ = run(*DEMO, "--fail-under", "0.1")
    assert code == EXIT_OK


def test_bad_toml_exits_2_naming_the_file(run, tmp_path):
    bad = write_sources(tmp_path / "bad.toml", "[[outlet]]\nname = 'A'\ndomains = ['a.com']\nfeed = 'x'\n")
    code, out, err = run(str(SEED), "--sources", str(bad))
    assert code == EXIT_USAGE and out == ""
    assert str(bad) in err and "key 'feed'" in err and "valid keys" in err


@pytest.mark.parametrize("article", ["missing.txt", "notes.pdf"])
def test_unreadable_article_exits_2(run, tmp_path, article):
    code, _, err = run(str(tmp_path / article), "--sources", str(FIXTURES / "sources.toml"))
    assert code == EXIT_USAGE
    assert article in err


def test_bad_flag_value_exits_2(run):
    code, _, err = run(*DEMO, "--fail-under", "7")
    assert code == EXIT_USAGE and "--fail-under" in err


def test_nothing_checkable_exits_3(run, tmp_path, server):
    sources = write_sources(
        tmp_path / "s.toml",
        f"""
[[outlet]]
name = "Down"
domains = ["127.0.0.1"]
allow_private = true
urls = ["{server}/missing", "{server}/garbage"]
""",
    )
    code, out, err = run(str(SEED), "--sources", str(sources), "--format", "json")
    assert code == EXIT_NOTHING_CHECKED
    assert "nothing could be checked" in err
    report = json.loads(out)
    assert {c["verdict"] for c in report["claims"]} == {"not-checkable"}
    assert {s["reason"] for s in report["sources"]} == {"http_status", "no_text"}


def test_coverage_about_other_stories_is_uncorroborated_not_a_breakdown(run, tmp_path):
    import shutil

    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("harborcitytimes-pan-de-muerto-recipe.html", "circuitdaily-lumora-pulse-3-smartwatch.html"):
        shutil.copy(FIXTURES / "pages" / name, archive)
    sources = write_sources(tmp_path / "s.toml", f'[[archive]]\npath = "{archive}"\n')
    code, out, err = run(str(SEED), "--sources", str(sources), "--format", "json")
    assert code == EXIT_OK and err == ""
    report = json.loads(out)
    assert {c["verdict"] for c in report["claims"]} == {"uncorroborated"}
    assert report["summary"]["sources_off_topic"] == 2 and report["summary"]["no_coverage"] == len(report["claims"])
    code, _, err = run(str(SEED), "--sources", str(sources), "--min-sources", "1")
    assert code == EXIT_FAILED_THRESHOLD and "fewer than 1 independent source:" in err


def test_pages_in_an_archive_that_are_empty_or_over_budget_get_their_reason_and_the_run_goes_on(run, tmp_path):
    import shutil

    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(FIXTURES / "pages" / "newsweek-troops-plan.html", archive)
    (archive / "empty.html").write_bytes(b"")
    (archive / "blank.html").write_text("  \n\n ", encoding="utf-8")
    attributes = " ".join(f'data-k{i}="v"' for i in range(50_000))
    (archive / "attributes.html").write_text(f"<html><body><p {attributes}>Some words here.</p></body></html>")
    sources = write_sources(tmp_path / "s.toml", f'[[archive]]\npath = "{archive}"\n')
    code, out, _ = run(str(SEED), "--sources", str(sources), "--format", "json", "--no-cache")
    assert code in (EXIT_OK, EXIT_FAILED_THRESHOLD)
    reasons = {s["url"].rsplit("/", 1)[-1]: (s["status"], s["reason"]) for s in json.loads(out)["sources"]}
    assert reasons["empty.html"] == ("error", "no_text") and reasons["blank.html"] == ("error", "no_text")
    assert reasons["attributes.html"] == ("error", "too_complex")
    assert sum(status == "ok" for status, _ in reasons.values()) == 1


@pytest.mark.parametrize(
    ("fail_on", "code"), [("contradicted,misattributed", EXIT_OK), ("single-source,uncorroborated", 1)]
)
def test_fail_on_gates_the_build_on_verdicts_and_flags(run, fail_on, code):
    got, _, err = run(*DEMO, "--fail-on", fail_on)
    assert got == code
    if code:
        assert "(--fail-on)" in err and "single-source" in err


def test_fail_on_with_an_unknown_word_exits_2(run):
    code, _, err = run(*DEMO, "--fail-on", "refuted")
    assert code == EXIT_USAGE and "'refuted'" in err and "misattributed" in err


def test_published_sets_the_article_date(run, tmp_path):
    code, out, _ = run(*DEMO, "--format", "json", "--published", "2025-11-05")
    assert code == EXIT_OK and json.loads(out)["article"]["published"] == "2025-11-05"
    code, _, err = run(*DEMO, "--published", "last Tuesday")
    assert code == EXIT_USAGE and "YYYY-MM-DD" in err


def test_cache_stats_and_clear(tmp_path, capsys):
    main(["check", *DEMO, "--cache-dir", str(tmp_path / "cache")])  # a cache of its own: this test clears it
    capsys.readouterr()
    assert main(["cache", "stats", "--cache-dir", str(tmp_path / "cache")]) == EXIT_OK
    stats = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert int(stats["embeddings"]) > 100 and int(stats["documents"]) == 24
    assert main(["cache", "clear", "--cache-dir", str(tmp_path / "cache")]) == EXIT_OK
    capsys.readouterr()
    main(["cache", "stats", "--cache-dir", str(tmp_path / "cache")])
    assert "embeddings: 0" in capsys.readouterr().out


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_reports_get_the_users_file_mode(tmp_path, umask, mode):
    import os

    from corroborate.reports.formats import write_atomic

    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "r.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == mode


@pytest.mark.parametrize(
    ("local", "ci", "said"), [(False, "", True), (False, "1", True), (True, "", True), (True, "1", False)]
)
def test_which_sources_file_is_said_on_stderr(tmp_path, monkeypatch, capsys, local, ci, said):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", ci)
    if local:
        (tmp_path / "sources.toml").write_text('[[outlet]]\nname = "A"\ndomains = ["a.example"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Monday.\n", encoding="utf-8")
    main(["check", str(article), "--offline", "--cache-dir", str(tmp_path / "cache")])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("corroborate: using ")]
    assert len(lines) == int(said)
    if said and local:
        assert "./sources.toml (1 outlet)" in lines[0]
    if said and not local:
        assert "the packaged sources file (28 outlets)" in lines[0] and "--sources FILE" in lines[0]


@pytest.mark.parametrize("data", [b"Caf\xe9 owners said the council met on Monday.\n", bytes(range(256)) * 4])
def test_stdin_that_is_not_utf8_exits_2_with_the_fix(tmp_path, monkeypatch, capsys, data):
    import io
    import sys

    class Stdin(io.TextIOWrapper):
        pass

    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(data), encoding="utf-8", errors="surrogateescape"))
    code = main(["check", "-", "--sources", str(FIXTURES / "sources.toml"), "--cache-dir", str(tmp_path / "c")])
    out, err = capsys.readouterr()
    assert code == EXIT_USAGE and out == "" and "not UTF-8" in err and "iconv" in err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "standard input is empty; pipe the article's text into it"),
        (b" \n\t\n", "standard input is empty"),
        # UTF-8 over the limit: the cut at the limit falls inside a two-byte character
        ("x" + "é" * 600, "standard input is over 1,000 bytes, more than an article"),
    ],
)
def test_standard_input_messages_speak_of_standard_input(tmp_path, monkeypatch, capsys, data, expected):
    import io
    import sys

    small = write_sources(tmp_path / "s.toml", "[fetch]\nmax_article_bytes = 1000\n")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code = main(["check", "-", "--sources", str(small), "--offline", "--no-cache"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and expected in err
    assert "not UTF-8" not in err and "give a file with" not in err


def test_an_article_over_the_size_limit_or_of_another_scheme_exits_2(run, tmp_path):
    small = write_sources(tmp_path / "s.toml", "[fetch]\nmax_article_bytes = 1000\n")
    big = tmp_path / "big.txt"
    big.write_text("The council met on Monday. " * 100, encoding="utf-8")
    code, _, err = run(str(big), "--sources", str(small))
    assert code == EXIT_USAGE and "more than an article" in err and "max_article_bytes" in err
    endless = tmp_path / "endless.txt"
    endless.symlink_to("/dev/zero")  # read with a bound, not until memory runs out
    code, _, err = run(str(endless), "--sources", str(FIXTURES / "sources.toml"))
    assert code == EXIT_USAGE and "more than an article" in err
    code, _, err = run("ftp://example.com/story.txt", "--sources", str(FIXTURES / "sources.toml"))
    assert code == EXIT_USAGE and "'ftp://' articles cannot be read" in err and "not found" not in err


@pytest.mark.parametrize("where", ["a-folder", "below-a-file", "proc"])
@pytest.mark.parametrize("command", ["check", "report", "diff"])
def test_an_unwritable_output_is_refused_before_any_work(tmp_path, capsys, where, command):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    target = {
        "a-folder": tmp_path / "a-folder",
        "below-a-file": tmp_path / "plain" / "report.json",
        "proc": __import__("pathlib").Path("/proc/corroborate-report.json"),
    }[where]
    saved = ROOT / "tests" / "reports" / "golden" / "report.json"
    argv = {
        "check": ["check", str(SEED), "--sources", str(FIXTURES / "sources.toml"), "--cache-dir", str(tmp_path / "c")],
        "report": ["report", str(saved)],
        "diff": ["diff", str(saved), str(saved)],
    }[command]
    code = main([*argv, "-o", str(target)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and str(target) in err
    assert not (tmp_path / "c").exists()  # refused before any work: no cache was even opened


def test_a_write_that_fails_after_the_check_falls_back_to_stdout(tmp_path, monkeypatch, capsys):
    import errno

    import corroborate.reports.formats

    def full_disk(path, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(corroborate.reports.formats, "write_atomic", full_disk)
    saved = ROOT / "tests" / "reports" / "golden" / "report.json"
    assert main(["report", str(saved), "--format", "json", "-o", str(tmp_path / "r.json")]) == EXIT_OK
    out, err = capsys.readouterr()
    assert json.loads(out)["schema"] == "corroborate.report/1"
    assert "No space left on device" in err and "follows on standard output" in err


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="this machine has a GPU")
def test_a_gpu_setting_on_a_machine_without_one_names_the_setting(tmp_path, capsys):
    text = (FIXTURES / "sources.toml").read_text(encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        text.replace('path = "pages"', f'path = "{FIXTURES / "pages"}"') + '\n[match]\ndevice = "cuda"\n',
        encoding="utf-8",
    )
    assert main(["check", str(SEED), "--sources", str(sources), "--no-cache", "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert "table [match], key 'device': device 'cuda' is not available on this machine (available: cpu)" in err
    assert "Reinstall" not in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["html", "text", "json"])
def test_a_saved_batch_with_no_articles_is_named_with_its_file(tmp_path, capsys, fmt):
    path = tmp_path / "batch.json"
    path.write_text('{"schema": "corroborate.batch/1", "summary": {}, "articles": [], "reports": []}', encoding="utf-8")
    assert main(["report", str(path), "--format", fmt]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"{path}: a saved batch with no articles" in err and "several articles" not in err


def test_ci_progress_is_one_json_line_per_finished_stage(capsys):
    from corroborate.cli import JsonLinesProgress

    progress = JsonLinesProgress()
    progress.stage("reading articles and discovering coverage", total=3)
    progress.advance(3)
    progress.stage("matching, judging and scoring", total=3)
    progress.advance()
    progress.close()
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(line["stage"], line["done"]) for line in lines] == [
        ("reading articles and discovering coverage", 3),
        ("matching, judging and scoring", 1),
    ]
    assert all(line["seconds"] >= 0 for line in lines)
