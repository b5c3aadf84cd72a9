"""Several articles on Ray Data: the same reports as the local engine, each page fetched once, faults retried or
reported per article, interrupted batches resumed, and no Ray import on the local path.

The Ray runtime is started inside the tests (2 CPUs) and serves the whole module; the articles are short stand-ins
written for these tests, checked against the fixture pages served by the loopback server.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from corroborate.cli import main

from .conftest import SERVED_PAGES, write_sources

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'corroborate[ray]')")

#: stand-in articles about the fixture story, in the tests' own words
ARTICLES = {
    "plans.txt": (
        "Washington is drawing up plans to send U.S. troops into Mexico to go after drug cartels, "
        "according to a report by Newsweek.\n"
        'Mexican President Claudia Sheinbaum said U.S. soldiers are "not going to come to Mexico".\n'
    ),
    "denial.txt": (
        "The Pentagon denied on Tuesday that it is preparing to send troops into Mexico.\n"
        "President Claudia Sheinbaum rejected any U.S. military action on Mexican soil and pointed to closer "
        "cooperation against the cartels.\n"
    ),
}


@pytest.fixture(scope="module")
def ray_runtime(tmp_path_factory):
    """A local Ray runtime with 2 CPUs; fault injection is armed per test through a marker file."""
    from corroborate.ray_engine import FAULT_ONCE

    faults = tmp_path_factory.mktemp("faults")
    mp = pytest.MonkeyPatch()
    mp.setenv(FAULT_ONCE, str(faults))  # read by the workers, which inherit the environment of the runtime
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield faults
    finally:
        ray.shutdown()
        mp.undo()


@pytest.fixture()
def workspace(tmp_path, server):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    sources = write_sources(
        tmp_path / "sources.toml",
        f"""
[fetch]
timeout = 3.0
[[outlet]]
name = "Local Wire"
domains = ["127.0.0.1"]
allow_private = true
feeds = ['{server}/feed.xml', '{server}/missing']
""",
    )
    return folder, sources


def _check(args: list[str], capsys) -> tuple[int, dict]:
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def _close(a, b, tolerance: float = 1e-3) -> bool:
    """Equal, numbers within ``tolerance``: an encoder's vectors differ in the fourth decimal with the batch a text
    was encoded in (padding), and the two engines batch texts differently."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= tolerance
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], tolerance) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, tolerance) for x, y in zip(a, b, strict=True))
    return a == b


def _verdicts(batch: dict) -> list[dict]:
    """What the two engines must agree on: each report but its timings, cost counters and audit stamp."""
    return [{k: r[k] for k in ("article", "claims", "skipped", "sources", "summary")} for r in batch["reports"]]


def test_ray_gives_the_local_reports_fetches_each_page_once_and_retries_a_failed_task(
    ray_runtime, workspace, tmp_path, hits, capsys
):
    folder, sources = workspace
    articles = [str(folder / name) for name in ARTICLES] + [str(folder / "missing.txt")]
    (ray_runtime / "armed").write_text("", encoding="utf-8")  # the first read task raises once

    code, on_ray = _check(
        [*articles, "--sources", str(sources), "--cache-dir", str(tmp_path / "ray"), "--engine", "ray"], capsys
    )

    assert (ray_runtime / "fired").exists() and not (ray_runtime / "armed").exists()
    ray_hits = dict(hits)
    assert ray_hits["/feed.xml"] == 1  # two articles' discovery, one request
    assert all(ray_hits[f"/pages/{name}"] == 1 for name in SERVED_PAGES)
    hits.clear()
    local_code, local = _check([*articles, "--sources", str(sources), "--cache-dir", str(tmp_path / "local")], capsys)

    assert code == local_code
    assert _close(_verdicts(on_ray), _verdicts(local))
    assert [a["source"] for a in on_ray["articles"]] == articles
    # the unreadable article is reported in its line and the batch goes on; the broken feed is in every report
    assert "error" in on_ray["articles"][2] and on_ray["summary"]["checked"] == 2
    for report in on_ray["reports"]:
        broken = [s for s in report["sources"] if s["url"].endswith("/missing")]
        assert broken and broken[0]["status"] == "error"
        assert report["summary"]["claims"] > 0 and report["summary"]["sources_ok"] >= len(SERVED_PAGES)
    assert any(c["evidence"] for r in on_ray["reports"] for c in r["claims"])
    # the corpus was written once, as Parquet, and a second batch reads it instead of fetching again
    hits.clear()
    code, single = _check(
        [*articles[:1], "--sources", str(sources), "--cache-dir", str(tmp_path / "ray"), "--engine", "ray"], capsys
    )
    assert code == on_ray["articles"][0]["exit_code"]
    assert _close(single["claims"], on_ray["reports"][0]["claims"])
    assert not any(path.startswith("/pages/") for path in hits)
    assert list((tmp_path / "ray" / "corpus").glob("*/*.parquet"))


def test_an_interrupted_batch_skips_the_articles_it_finished(workspace, tmp_path, capsys):
    from corroborate import load_config
    from corroborate.batch import check_many
    from corroborate.reports.json import report_to_dict

    folder, sources = workspace
    articles = [str(folder / name) for name in ARTICLES]
    out = tmp_path / "reports"
    out.mkdir()
    config = load_config(sources).replace(cache_dir=tmp_path / "cache")
    run = check_many(articles, config, resume=out)
    first_source, first = next(run)
    run.close()  # interrupted after the first article
    (folder / "plans.txt").write_text("Nothing here is a claim?\n", encoding="utf-8")

    code = main(
        [
            "check",
            *articles,
            "--sources",
            str(sources),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--format",
            "json",
            "--output-dir",
            str(out),
        ]
    )

    kept = json.loads((out / "plans.json").read_text(encoding="utf-8"))
    assert first_source == articles[0]
    assert kept["claims"] == report_to_dict(first)["claims"]  # the finished report, not a check of the changed file
    assert kept["summary"]["claims"] > 0
    assert json.loads((out / "denial.json").read_text(encoding="utf-8"))["summary"]["claims"] > 0
    assert not (out / ".finished").exists()  # a complete run leaves nothing to resume
    assert code in (0, 1)
    capsys.readouterr()


def test_the_local_engine_never_imports_ray(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council approved a budget of 12 million euros on Monday.\n", encoding="utf-8")
    sources = write_sources(tmp_path / "sources.toml", "")
    script = (
        "import sys\nfrom corroborate.cli import main\n"
        f"code = main(['check', {str(article)!r}, {str(article)!r}, '--sources', {str(sources)!r}, "
        f"'--cache-dir', {str(tmp_path / 'c')!r}, '--format', 'json'])\n"
        "print('ray' in sys.modules, code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1].startswith("False"), done.stderr[-2000:]


def test_ray_options_need_the_ray_engine(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("The council approved a budget of 12 million euros on Monday.\n", encoding="utf-8")
    code = main(["check", str(article), "--ray-address", "127.0.0.1:6379"])
    assert code == 2 and "--engine ray" in capsys.readouterr().err


def test_standard_input_is_refused_by_the_ray_engine(capsys):
    code = main(["check", "-", "--engine", "ray"])
    assert code == 2 and "standard input" in capsys.readouterr().err
