"""An optional cross-encoder (NLI) judge that adds its judgment to the rule-based stance.

Name any sentence-transformers ``CrossEncoder`` with entailment/contradiction/neutral labels in
``[match] nli_model`` (a local folder; nothing is downloaded). Everything works without it. Fusion rule:
the rules decide; a confident NLI contradiction (>= ``NLI_CONFIDENT``) turns a rule "supports" into
"contradicts", and a confident entailment turns a similarity-only "mentions" into "supports". The NLI
probabilities are added to the evidence's ``why`` either way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from .exceptions import ModelUnavailableError
from .models import Claim, Evidence

__all__ = ["NLI_CONFIDENT", "NliJudge"]

NLI_CONFIDENT = 0.9


class NliJudge:
    """A cross-encoder scoring (evidence, claim) pairs as contradiction / entailment / neutral."""

    def __init__(self, model: str, *, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import CrossEncoder

            self.model = CrossEncoder(model, device=device)
        except Exception as exc:  # sentence-transformers raises OSError, ValueError, HF errors...
            raise ModelUnavailableError(
                f"cannot load the NLI cross-encoder '{model}': {exc}. Set [match] nli_model to a local "
                "CrossEncoder folder, or remove it to judge stance with the rules alone"
            ) from exc
        labels = {int(k): v.lower() for k, v in self.model.model.config.id2label.items()}
        self.index = {}
        for name in ("contradiction", "entailment", "neutral"):
            matches = [i for i, label in labels.items() if label.startswith(name[:6])]
            if not matches:
                raise ModelUnavailableError(
                    f"NLI model '{model}' has labels {sorted(labels.values())}; it needs contradiction, "
                    "entailment and neutral labels"
                )
            self.index[name] = matches[0]

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Rows of (contradiction, entailment, neutral) probabilities for (premise, hypothesis) pairs."""
        if not pairs:
            return np.zeros((0, 3))
        logits = np.asarray(self.model.predict(list(pairs), convert_to_numpy=True, show_progress_bar=False))
        logits = logits.reshape(len(pairs), -1)
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs = exp / exp.sum(axis=1, keepdims=True)
        return probs[:, [self.index["contradiction"], self.index["entailment"], self.index["neutral"]]]

    def refine(self, items: Sequence[tuple[Claim, Evidence]]) -> None:
        """Add the NLI judgment to evidence already judged by the rules (see the module's fusion rule)."""
        probs = self.probabilities([(e.sentence, c.text) for c, e in items])
        for (_claim, evidence), (contra, entail, neutral) in zip(items, probs, strict=True):
            note = f"nli: contradiction {contra:.2f}, entailment {entail:.2f}, neutral {neutral:.2f}"
            if evidence.stance == "supports" and contra >= NLI_CONFIDENT:
                evidence.stance = "contradicts"
                evidence.why = f"{note} (overrides: {evidence.why})"
            elif evidence.stance == "mentions" and evidence.why == "similar wording only" and entail >= NLI_CONFIDENT:
                evidence.stance = "supports"
                evidence.why = f"{note} (overrides: {evidence.why})"
            else:
                evidence.why = f"{evidence.why}; {note}" if evidence.why else note
