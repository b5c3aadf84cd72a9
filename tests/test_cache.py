"""The cache: a real SQLite file."""

from __future__ import annotations

import sqlite3

from corroborate import check, load_config
from corroborate.cache import CACHE_FILENAME, Cache

from .conftest import FIXTURES, SEED


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
