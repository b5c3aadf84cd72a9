"""The embedding model on onnxruntime: exported from sentence-transformers once, then run without torch.

``[match] backend`` picks how sentences are embedded:

- ``torch`` (default): sentence-transformers on PyTorch;
- ``onnx``: the same model exported to an ONNX graph (pooling and normalization included) and run by
  onnxruntime; its vectors equal torch's to float rounding;
- ``onnx-int8``: that graph with its weights quantized to int8 per channel (dynamic quantization): about four
  times smaller and faster again, at a small measured cost in quality (``benchmarks/results/backends.md``).

The exported graph and the model's tokenizer are written once to ``<cache dir>/models/<key>/``, where the key is
derived from the model folder's weight files and the backend, so a changed model is exported again. Exporting
needs torch and sentence-transformers (installed anyway); running needs onnxruntime and tokenizers only.
Install the extra with ``pip install 'corroborate-news[onnx]'``.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..exceptions import ModelUnavailableError

__all__ = ["ONNX_BACKENDS", "OnnxModel", "clear_exports", "export_key", "export_stats", "load_onnx_model"]

logger = logging.getLogger(__name__)

ONNX_BACKENDS = ("onnx", "onnx-int8")
_FORMAT = 1  # bump when the exported layout changes, so old exports are not reused
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_INSTALL_HINT = (
    "install it with: pip install 'corroborate-news[onnx]', or set [match] backend = \"torch\" in sources.toml"
)


def _onnxruntime(what: str):
    """The onnxruntime module, or a ModelUnavailableError saying how to install it."""
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelUnavailableError(f"{what} needs onnxruntime, which is not installed; {_INSTALL_HINT}") from exc
    return onnxruntime


def export_key(model_path: str, backend: str) -> str:
    """A folder name for the export of ``model_path``: changes when its weight files or the backend change."""
    root = Path(model_path)
    parts = [str(root.resolve()), backend, str(_FORMAT)]
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.suffix in {".safetensors", ".bin", ".json", ".txt"} and path.is_file():
                stat = path.stat()
                parts.append(f"{path.relative_to(root)}:{stat.st_size}:{int(stat.st_mtime)}")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=10).hexdigest()


class OnnxModel:
    """An exported sentence-embedding graph with its tokenizer; ``encode`` mirrors sentence-transformers'."""

    def __init__(self, folder: Path) -> None:
        onnxruntime = _onnxruntime("an ONNX model")
        from tokenizers import Tokenizer

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.folder = folder
        self.inputs: list[str] = meta["inputs"]
        self.dimension: int = meta["dimension"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(meta["max_seq_length"])
        self.tokenizer.enable_padding(pad_id=meta["pad_id"], pad_token=meta["pad_token"])
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # idle worker threads would spin after each batch, taking the CPU from extraction and matching
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str], batch_size: int = 64, **_ignored) -> np.ndarray:
        """Unit-normalized float32 vectors; texts are batched by length so padding stays short."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            out[rows] = self.session.run(None, {name: feed[name] for name in self.inputs})[0]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def load_onnx_model(model_path: str, backend: str, export_root: Path | None) -> OnnxModel:
    """The ONNX model for ``model_path``, exported (and quantized) first if no export is stored yet.

    ``export_root`` is where exports are kept (``<cache dir>/models``); ``None`` exports to a temporary folder
    removed when the process exits.
    """
    if backend not in ONNX_BACKENDS:
        raise ValueError(f"not an ONNX backend: {backend}")
    _onnxruntime(f"backend '{backend}'")  # fail before a long export, with the install hint
    if export_root is None:
        export_root = Path(tempfile.mkdtemp(prefix="corroborate-onnx-"))
        atexit.register(shutil.rmtree, export_root, True)
    folder = export_root / export_key(model_path, backend)
    if not (folder / "meta.json").is_file():
        _export(model_path, backend, folder)
    try:
        return OnnxModel(folder)
    except ModelUnavailableError:
        raise
    except Exception as exc:  # a damaged export: drop it so the next run exports again
        shutil.rmtree(folder, ignore_errors=True)
        raise ModelUnavailableError(
            f"the stored ONNX export {folder} could not be loaded ({exc}); it was removed "
            "and will be exported again on the next run"
        ) from exc


def export_stats(export_root: Path) -> dict[str, int]:
    """How many ONNX exports are stored under ``export_root`` and their size in bytes."""
    folders = [p for p in export_root.iterdir() if (p / "meta.json").is_file()] if export_root.is_dir() else []
    size = sum(f.stat().st_size for folder in folders for f in folder.rglob("*") if f.is_file())
    return {"model_exports": len(folders), "model_export_bytes": size}


def clear_exports(export_root: Path) -> None:
    """Remove every stored export; the next run that needs one exports it again."""
    shutil.rmtree(export_root, ignore_errors=True)


def _export(model_path: str, backend: str, folder: Path) -> None:
    """Export to a scratch folder beside ``folder`` and move it into place (safe against concurrent runs)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    except OSError as exc:
        raise ModelUnavailableError(
            f"cannot write the ONNX export to {folder.parent} ({exc.strerror}); "
            'pass a writable --cache-dir, or set [match] backend = "torch" in sources.toml'
        ) from exc
    try:
        logger.info("exporting %s to ONNX (%s), once", model_path, backend)
        meta = _export_graph(model_path, scratch / "model.onnx")
        if backend == "onnx-int8":
            _quantize(scratch)
        (scratch / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            os.replace(scratch, folder)
        except OSError:  # another run finished the same export first
            if not (folder / "meta.json").is_file():
                raise
    except ModelUnavailableError:
        raise
    except Exception as exc:
        raise ModelUnavailableError(
            f"cannot export embedding model {model_path} to ONNX ({type(exc).__name__}: {exc}); "
            'set [match] backend = "torch" in sources.toml'
        ) from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _export_graph(model_path: str, target: Path) -> dict:
    import warnings

    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu").eval()
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # renamed in sentence-transformers 6
    sample = tokenize(["a short sentence", "a somewhat longer sentence to export with"])
    names = [name for name in _INPUTS if name in sample]

    class Wrapper(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *tensors):
            return self.inner(dict(zip(names, tensors, strict=True)))["sentence_embedding"]

    with torch.no_grad():
        sample_vectors = model(dict(sample))["sentence_embedding"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    axes["sentence_embedding"] = {0: "batch"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shape checks that hold for every input
        torch.onnx.export(
            Wrapper(),
            tuple(sample[name] for name in names),
            str(target),
            input_names=names,
            output_names=["sentence_embedding"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    tokenizer = model.tokenizer
    if not getattr(tokenizer, "is_fast", False):
        raise ModelUnavailableError(
            f"model {model_path} has no fast tokenizer (tokenizer.json), which the ONNX "
            'backends need; set [match] backend = "torch" in sources.toml'
        )
    tokenizer.backend_tokenizer.save(str(target.parent / "tokenizer.json"))
    return {
        "inputs": names,
        "dimension": int(sample_vectors.shape[-1]),
        "max_seq_length": int(model.max_seq_length),
        "pad_id": int(tokenizer.pad_token_id or 0),
        "pad_token": str(tokenizer.pad_token or "[PAD]"),
        "source": str(model_path),
    }


def _quantize(folder: Path) -> None:
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.quantization.shape_inference import quant_pre_process
    except ImportError as exc:
        raise ModelUnavailableError(
            f"backend 'onnx-int8' needs onnxruntime's quantization tools (and onnx); {_INSTALL_HINT}"
        ) from exc
    source = folder / "model.onnx"
    prepared = folder / "prepared.onnx"
    quantized = folder / "quantized.onnx"
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer logs advice through the root logger
    try:
        quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
        # per-channel weights keep the vectors within ~1% (cosine) of float32; per-tensor loses ~4%
        quantize_dynamic(str(prepared), str(quantized), per_channel=True, weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)
    os.replace(quantized, source)
    prepared.unlink(missing_ok=True)
