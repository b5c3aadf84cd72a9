"""The README stays true: its sources.toml contract lists exactly the keys the loader accepts, every option of the
command line is documented, and its Python example runs."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from corroborate.config import FetchConfig, MatchConfig

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(language: str, after: str) -> str:
    start = README.index(after)
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(README, start)
    assert match, f"no ```{language} block after {after!r}"
    return match.group(1)


def test_sources_contract_lists_every_key_the_loader_accepts():
    from corroborate.config import _ARCHIVE_KEYS, _OUTLET_KEYS

    documented = tomllib.loads(_block("toml", "## `sources.toml`"))
    assert set(documented["fetch"]) == {f.name for f in dataclasses.fields(FetchConfig)}
    assert set(documented["match"]) == {f.name for f in dataclasses.fields(MatchConfig)}
    assert set(documented["outlet"][0]) == _OUTLET_KEYS
    assert set(documented["archive"][0]) | {"outlet"} == _ARCHIVE_KEYS  # outlet is shown commented out


def test_documented_defaults_match_the_code():
    documented = tomllib.loads(_block("toml", "## `sources.toml`"))
    for section, defaults in (("fetch", FetchConfig()), ("match", MatchConfig())):
        for key, value in documented[section].items():
            if key in ("model", "user_agent"):  # shown as an example value, not the default
                continue
            assert value == getattr(defaults, key), f"[{section}] {key}: README says {value!r}"


@pytest.mark.parametrize("command", ["check", "report", "diff", "assess", "eval", "cache"])
def test_every_command_line_option_is_in_the_usage(command):
    from corroborate.cli import _build_parser

    parser = _build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    usage = _block("", "## Usage")
    for action in sub._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in usage, f"corroborate {command} {flag} is not in the README's usage block"


def test_python_api_example_runs(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the example uses the default cache folder
    monkeypatch.chdir(ROOT)
    exec(compile(_block("python", "## Python API"), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Trump administration" in out and "corroborated" in out.lower()


def test_code_blocks_are_closed():
    """An unclosed fence would swallow the rest of the README into one code block."""
    inside = False
    for number, line in enumerate(README.splitlines(), 1):
        if line.startswith("```"):
            inside = not inside
        elif inside and line.startswith("## "):
            pytest.fail(f"README.md:{number}: heading {line!r} inside a code block; close the block above it")
    assert not inside, "README.md ends inside a code block"


def test_reason_codes_in_the_readme_match_the_code():
    """Every reason the code can give a source is listed in the README, and the README lists no other."""
    import re

    from corroborate.models import REASON_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("Every reason a source can fail or be skipped for", 1)[1].split("\n\n", 2)[1]
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
    from corroborate.verdicts import FLAGS, VERDICTS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Quick start for editors" and headings[1].startswith("## Set-up")
    quick = readme.split("## Quick start for editors", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{v}`" in quick for v in VERDICTS) and all(f"`{f}`" in quick for f in FLAGS)
