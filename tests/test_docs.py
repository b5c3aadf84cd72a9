"""The README and the task pages in ``docs/`` stay true: the README is short and links to pages that exist, the
``sources.toml`` contract lists exactly the keys the loader accepts, every command-line option is documented,
every ``corroborate`` command shown runs against the offline fixture corpus, every Python example runs, and every
benchmark, training script and ``make`` target named exists."""

from __future__ import annotations

import dataclasses
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from corroborate.config import FetchConfig, MatchConfig

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}
DOCS = {"README.md": README, **{f"docs/{name}": text for name, text in PAGES.items()}}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _block(text: str, language: str, after: str) -> str:
    start = text.index(after)
    match = re.compile(rf"^```{language}\n(.*?)^```", re.S | re.M).search(text, start)
    assert match, f"no ```{language} block after {after!r}"
    return match.group(1)


def _shell_lines() -> list[tuple[str, str, list[str]]]:
    """(file, command, shown output) for every command line of a ``sh`` block; a line starting with ``$ `` is a
    command whose output follows, up to the next command."""
    found = []
    for name, text in DOCS.items():
        for match in FENCE.finditer(text):
            if match.group(1) != "sh":
                continue
            current = None
            for line in match.group(2).splitlines():
                if line.startswith("$ "):
                    current = (name, line[2:].strip(), [])
                    found.append(current)
                elif current is not None and line.strip():
                    current[2].append(line.strip())
                elif line.strip() and not line.startswith(("#", "status=", "exit ")):
                    found.append((name, line.strip(), []))
                    current = None
    return found


def _command(line: str) -> list[str]:
    line = re.sub(r"\s+#\s.*$", "", line)  # a trailing comment
    line = re.sub(r"\s*\|\|.*$", "", line)  # "|| status=$?" in the CI script
    return shlex.split(line)


COMMANDS = [(f, line, out) for f, line, out in _shell_lines() if line.startswith("corroborate ")]
SCRIPTS = [
    (f, line) for f, line, _ in _shell_lines() if re.match(r"^(?:\.venv/bin/)?python3? (?:benchmarks|training)/", line)
]
MAKES = [(f, line) for f, line, _ in _shell_lines() if line.startswith("make ")]


def test_the_readme_is_short_and_its_links_resolve():
    assert len(README.encode("utf-8")) <= 15_000, "the README grew past 15 KB: move reference material to docs/"
    for name, text in DOCS.items():
        base = ROOT if name == "README.md" else ROOT / "docs"
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://", "#", "mailto:")):
                continue
            path = target.split("#", 1)[0]
            assert (base / path).exists(), f"{name} links to {target}, which does not exist"


def test_every_task_page_is_linked_from_the_readme():
    for name in PAGES:
        assert f"docs/{name}" in README, f"docs/{name} is not linked from the README"


def test_sources_contract_lists_every_key_the_loader_accepts():
    from corroborate.config import _ARCHIVE_KEYS, _OUTLET_KEYS

    documented = tomllib.loads(_block(PAGES["configuring-outlets.md"], "toml", "## `sources.toml`"))
    assert set(documented["fetch"]) == {f.name for f in dataclasses.fields(FetchConfig)}
    assert set(documented["match"]) == {f.name for f in dataclasses.fields(MatchConfig)}
    assert set(documented["outlet"][0]) == _OUTLET_KEYS
    assert set(documented["archive"][0]) | {"outlet"} == _ARCHIVE_KEYS  # outlet is shown commented out


def test_documented_defaults_match_the_code():
    documented = tomllib.loads(_block(PAGES["configuring-outlets.md"], "toml", "## `sources.toml`"))
    for section, defaults in (("fetch", FetchConfig()), ("match", MatchConfig())):
        for key, value in documented[section].items():
            if key in ("model", "user_agent"):  # shown as an example value, not the default
                continue
            assert value == getattr(defaults, key), f"[{section}] {key}: the docs say {value!r}"


@pytest.mark.parametrize("command", ["check", "report", "diff", "assess", "eval", "cache"])
def test_every_command_line_option_is_in_the_usage(command):
    from corroborate.cli import _build_parser

    parser = _build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    usage = _block(PAGES["checking-an-article.md"], "", "## Usage")
    for action in sub._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in usage, f"corroborate {command} {flag} is not in the usage block of the docs"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A newsroom folder the documented commands run in: the seed as a draft and a story, the fixture outlets as
    ./sources.toml (its archive given by absolute path), and a cache of its own."""
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "seeds").symlink_to(ROOT / "seeds")
    (folder / "fixtures").symlink_to(ROOT / "fixtures")
    seed = (ROOT / "seeds" / "000_892844bb6acea099.txt").read_text(encoding="utf-8")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "story.md").write_text(seed, encoding="utf-8")
    (folder / "story.md").write_text(seed, encoding="utf-8")
    sources = (ROOT / "fixtures" / "sources.toml").read_text(encoding="utf-8")
    archive = (ROOT / "fixtures" / "pages").as_posix()
    (folder / "sources.toml").write_text(sources.replace('path = "pages"', f'path = "{archive}"'), encoding="utf-8")
    return folder


def test_the_documented_commands_are_found():
    assert len(COMMANDS) >= 10 and SCRIPTS and MAKES


@pytest.mark.parametrize(("page", "line", "shown"), COMMANDS, ids=[f"{f}: {c[:60]}" for f, c, _ in COMMANDS])
def test_documented_command_runs(page, line, shown, workspace, monkeypatch, capsys):
    from corroborate.cli import main
    from corroborate.verdicts.gate import EXIT_USAGE

    monkeypatch.chdir(workspace)
    monkeypatch.setenv("CI", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(workspace / ".cache"))
    code = main(_command(line)[1:])
    out, err = capsys.readouterr()
    assert code != EXIT_USAGE, f"{page}: `{line}` ended in a usage error: {err}"
    assert "Traceback" not in err
    for expected in shown:
        assert expected in out, f"{page}: `{line}` no longer prints {expected!r}"


@pytest.mark.parametrize(("page", "line"), SCRIPTS, ids=[f"{f}: {c[:60]}" for f, c in SCRIPTS])
def test_documented_script_exists_and_answers_help(page, line):
    script = next(part for part in _command(line) if part.endswith(".py"))
    done = subprocess.run([sys.executable, script, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{page}: {script} --help failed: {done.stderr[-500:]}"


@pytest.mark.parametrize(("page", "line"), MAKES, ids=[f"{f}: {c[:40]}" for f, c in MAKES])
def test_documented_make_target_exists(page, line):
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    assert _command(line)[1] in targets, f"{page}: `{line}` names no target of the Makefile"


@pytest.mark.parametrize("page", [n for n, t in DOCS.items() if "```python" in t])
def test_python_examples_run(page, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the examples use the default cache folder
    monkeypatch.chdir(ROOT)
    for number, match in enumerate(re.finditer(r"^```python\n(.*?)^```", DOCS[page], re.S | re.M)):
        exec(compile(match.group(1), f"{page}, example {number + 1}", "exec"), {})
    out = capsys.readouterr().out
    if page == "docs/python-api.md":
        assert "Trump administration" in out and "corroborated" in out.lower() and "attribution" in out


def test_code_blocks_are_closed():
    """An unclosed fence would swallow the rest of a page into one code block."""
    for name, text in DOCS.items():
        inside = False
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("```"):
                inside = not inside
            elif inside and line.startswith("## "):
                pytest.fail(f"{name}:{number}: heading {line!r} inside a code block; close the block above it")
        assert not inside, f"{name} ends inside a code block"


def test_reason_codes_in_the_docs_match_the_code():
    """Every reason the code can give a source is listed in the docs, and the docs list no other."""
    from corroborate.models import REASON_CODES

    page = PAGES["configuring-outlets.md"]
    table = page.split("Every reason a source can fail or be skipped for", 1)[1].split("\n\n", 2)[1]
    listed = re.findall(r"^\| `([a-z_]+)` \| ", table, re.M)
    assert listed == list(REASON_CODES)
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "corroborate").rglob("*.py"))
    emitted = set(re.findall(r'(?:FetchError|ExtractionError)\(\s*"([a-z_]+)"', source))
    emitted |= set(re.findall(r'reason(?:=| = |\)\s*=\s*"[a-z]+",\s*)"([a-z_]+)"', source))
    emitted |= set(re.findall(r'reason="([a-z_]+)"', source))
    emitted |= set(re.findall(r'record\.reason = "[a-z]+", "([a-z_]+)"', source))
    emitted -= {"skipped", "error", "ok"}
    assert emitted <= set(REASON_CODES), emitted - set(REASON_CODES)
    assert len(emitted) >= 20


def test_readme_opens_with_a_quick_start_for_editors():
    from corroborate.verdicts.names import FLAGS, VERDICTS

    headings = [line for line in README.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Quick start for editors" and headings[1].startswith("## Set-up")
    quick = README.split("## Quick start for editors", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{v}`" in quick for v in VERDICTS) and all(f"`{f}`" in quick for f in FLAGS)


def test_the_documented_overrides_file_loads(tmp_path):
    """The editor's decisions example is a file the overrides loader accepts as it stands."""
    from corroborate.verdicts.overrides import load_overrides

    path = tmp_path / "overrides.toml"
    path.write_text(_block(PAGES["reading-a-report.md"], "toml", "### Editor's decisions"), encoding="utf-8")
    overrides = load_overrides(path)
    assert [d.decision for d in overrides.claims.values()] == ["accept"]
    assert list(overrides.evidence) == [("https://example.com/story", "4c1d0e9a7b2f")]
    assert [d.decision for d in overrides.evidence.values()] == ["reject"]
