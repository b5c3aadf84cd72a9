"""Stage 3, the evidence: ``Claim`` x ``Document`` in, ``Evidence`` records with a stance out.

- ``match``: retrieval for recall, every sentence embedded once (``e5``: multilingual-e5-small, the default;
  sentence-transformers models; ``onnx_encoder`` for ONNX Runtime), fused with rapidfuzz, quotes checked as quotes;
- ``judge``: the learned stance judge for precision, over the passages retrieval keeps;
- ``assess``: ``corroborate assess``, the same two steps over (claim, body) pairs at scale;
- ``evaluate``: ``corroborate eval``, claims, pairs and the fixture corpus scored against gold labels.
"""

from __future__ import annotations

from .assess import assess_pairs
from .judge import JudgeModel, judge_evidence
from .match import Encoder, match_claims, topical

__all__ = ["Encoder", "JudgeModel", "assess_pairs", "judge_evidence", "match_claims", "topical"]
