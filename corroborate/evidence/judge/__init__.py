"""The stance judge: does a page support, contradict or merely mention a claim?

A cross-encoder reads the claim and a passage of the page together (``passage.build_passage``: the page's lead
plus the matched sentence with its neighbours) and gives four probabilities: unrelated, mentions, supports,
contradicts. The packaged judge is all-MiniLM-L6-v2 fine-tuned on real news (FNC-1 headline/body pairs) and real
claim/evidence sentences (CLIMATE-FEVER); ``training/judge/train.py`` rebuilds it and ``judge.json`` beside the
weights records data, split, seed and validation scores.

Each (claim, page) pair is judged once per passage the matcher kept (up to ``[match] top_k``); a combiner then
decides the page as a whole (``model.judge_evidence``). Judgments are cached by model fingerprint, claim and
passage.
"""

from __future__ import annotations

from .model import DEFAULT_JUDGE, JudgeModel, judge_evidence

__all__ = ["DEFAULT_JUDGE", "JudgeModel", "judge_evidence"]
