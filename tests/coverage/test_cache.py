"""The cache: a real SQLite file."""

from __future__ import annotations

import sqlite3

from corroborate import check, load_config
from corroborate.coverage.cache import CACHE_FILENAME, Cache

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


def test_damaged_rows_are_recomputed_and_the_report_equals_a_clean_run(tmp_path, encoder):
    """Bad JSON in a document row, a page body stored as text and vectors of the wrong size change nothing."""
    from corroborate.reports.json import report_to_dict

    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=tmp_path)
    clean = report_to_dict(check(str(SEED), config, encoder=encoder))
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        db.execute("UPDATE documents SET json = '{not json'")
        db.execute("UPDATE pages SET body = 'text, not bytes'")
        db.execute("UPDATE embeddings SET vector = x'0000803f'")  # one float instead of hundreds
    again = report_to_dict(check(str(SEED), config, encoder=encoder))
    assert [(c["verdict"], c["score"]) for c in again["claims"]] == [
        (c["verdict"], c["score"]) for c in clean["claims"]
    ]


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
