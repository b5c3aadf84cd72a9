"""The cache: a real SQLite file."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3

import pytest

from corroborate import check, load_config
from corroborate.cli import main
from corroborate.coverage.cache import CACHE_FILENAME, Cache
from corroborate.evidence.match import Encoder, declared_dimension
from corroborate.reports.json import report_to_dict

from ..conftest import FIXTURES, SEED


def test_second_run_reembeds_and_reextracts_nothing(tmp_path, encoder):
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=tmp_path)
    first = check(str(SEED), config, encoder=encoder)
    encoded = encoder.encoded
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    second = check(str(SEED), config, encoder=encoder)
    assert encoder.encoded == encoded, "nothing re-embedded"
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == documents
    assert [r.verdict for r in first.claims] == [r.verdict for r in second.claims]
    assert [r.score for r in first.claims] == [r.score for r in second.claims]


def test_corrupt_cache_is_moved_aside_and_rebuilt(tmp_path, caplog):
    (tmp_path / CACHE_FILENAME).write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    assert cache.stats()["pages"] == 0
    cache.close()
    assert list(tmp_path.glob(f"{CACHE_FILENAME}.corrupt-*"))
    assert "moved it to" in caplog.text


def _filled(tmp_path) -> None:
    cache = Cache(tmp_path)
    from corroborate.coverage.cache import CachedPage

    for i in range(400):
        cache.put_page(CachedPage(f"https://news.example/{i}", b"<html>" + b"x" * 3000, None, None, "text/html", None))
    cache.close()


def test_damaged_btree_pages_are_found_on_open_and_the_file_rebuilt(tmp_path, caplog):
    _filled(tmp_path)
    path = tmp_path / CACHE_FILENAME
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data) - 4096, 4096):  # scribble over every page after the first two
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    cache = Cache(tmp_path)
    assert cache.stats()["pages"] == 0  # a fresh file
    cache.close()
    assert list(tmp_path.glob(f"{CACHE_FILENAME}.corrupt-*")) and str(path) in caplog.text


def test_a_cache_of_an_older_schema_is_moved_aside(tmp_path, caplog):
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        db.execute("CREATE TABLE pages (url TEXT PRIMARY KEY, body BLOB)")
        db.execute("INSERT INTO pages VALUES ('https://a.example/x', x'00')")
    cache = Cache(tmp_path)
    assert cache.get_page("https://a.example/x") is None and cache.stats()["pages"] == 0
    cache.close()
    assert "schema version" in caplog.text


# every kind of damaged row the issue names, each applied to its own share of the rows (by rowid), so that one
# run shows them all: (table, SQL expression for the damaged column(s))
DAMAGE = {
    "a few bytes where a vector should be": ("embeddings", "vector = x'0000803f'"),
    # finite vectors of another dimension whose rows state that dimension: only the model can tell
    "finite vectors of another dimension": ("embeddings", "vector = substr(vector, 1, 64), dim = 16"),
    "vectors holding NaN": ("embeddings", "vector = nan_first(vector)"),
    "NaN judgments": ("judgments", "probs = x'0000c07f0000c07f0000c07f0000c07f'"),
    "judgments that are not probabilities": ("judgments", "probs = x'0000a0400000a0400000a0400000a040'"),
    "truncated documents": ("documents", "json = substr(json, 1, length(json) / 2)"),
    "documents missing a field": ("documents", 'json = \'{"text": "Only the text survived here."}\''),
}


def _damage(path) -> dict[str, int]:
    """Apply every kind of damage to the cache file at ``path``; the damaged rows per table."""
    damaged: dict[str, int] = {}
    with sqlite3.connect(path) as db:
        db.create_function("nan_first", 1, lambda blob: b"\x00\x00\xc0\x7f" + blob[4:])
        for table in ("embeddings", "judgments", "documents"):
            kinds = [change for t, change in DAMAGE.values() if t == table]
            for i, change in enumerate(kinds):
                # one row in four is damaged, each kind on its own rows
                where = f"rowid % {4 * len(kinds)} = {i}"
                count = db.execute(f"UPDATE {table} SET {change} WHERE {where}").rowcount
                assert count > 0, (table, change)
                damaged[table] = damaged.get(table, 0) + count
    return damaged


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory, encoder, judge):
    """A cache filled by one run, and that run's verdicts."""
    folder = tmp_path_factory.mktemp("clean-cache")
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=folder)
    report = report_to_dict(check(str(SEED), config, encoder=encoder, judge=judge))
    return folder, [(c["id"], c["verdict"], c["score"]) for c in report["claims"]]


def test_a_damaged_cache_gives_the_clean_verdicts_and_says_so(clean_run, tmp_path, encoder, judge, caplog):
    folder, verdicts = clean_run
    shutil.copy(folder / CACHE_FILENAME, tmp_path / CACHE_FILENAME)
    damaged = _damage(tmp_path / CACHE_FILENAME)
    cache = Cache(tmp_path)
    assert cache.verify(_dimension) == {"pages": 0, **damaged}
    cache.close()
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=tmp_path)
    fresh = Encoder(encoder.model_name)  # sharing nothing with the encoder that filled the cache
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="corroborate.coverage.cache"):
        report = report_to_dict(check(str(SEED), config, encoder=fresh, judge=judge))
    assert [(c["id"], c["verdict"], c["score"]) for c in report["claims"]] == verdicts
    json.dumps(report, allow_nan=False)  # strict JSON: no NaN reached the report
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert str(tmp_path / CACHE_FILENAME) in warnings[0]
    # the same run reads every row the first one wrote, so it replaces every damaged row
    assert f"{sum(damaged.values())} damaged rows were computed again and replaced" in warnings[0]
    cache = Cache(tmp_path)
    assert sum(cache.verify(_dimension).values()) == 0
    cache.close()


def _dimension(model_id: str) -> int | None:
    return declared_dimension(model_id.rsplit("@", 1)[0])


def test_cache_verify_reports_damaged_rows_without_running_a_check(clean_run, tmp_path, capsys):
    folder, _ = clean_run
    shutil.copy(folder / CACHE_FILENAME, tmp_path / CACHE_FILENAME)
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        judgments = db.execute(f"UPDATE judgments SET {DAMAGE['NaN judgments'][1]}").rowcount
        db.execute("UPDATE documents SET json = '{not json' WHERE rowid = (SELECT min(rowid) FROM documents)")
    assert main(["cache", "verify", "--cache-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"judgments: {judgments} damaged" in out and "documents: 1 damaged" in out and "embeddings: 0" in out
    assert main(["cache", "verify", "--repair", "--cache-dir", str(tmp_path)]) == 0
    assert main(["cache", "verify", "--cache-dir", str(tmp_path)]) == 0


def test_a_model_replaced_in_the_same_folder_gets_new_cache_keys(tmp_path):
    from corroborate.evidence import match

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"\x01" * 1000)
    first = match.model_fingerprint(str(folder))
    match._FINGERPRINTS.clear()
    (folder / "model.safetensors").write_bytes(b"\x02" * 1000)
    assert match.model_fingerprint(str(folder)) != first
    assert match.Encoder(str(folder)).cache_id.startswith(f"{folder}@")
