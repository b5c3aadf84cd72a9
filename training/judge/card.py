"""Write ``corroborate/evidence/judge/model/MODEL_CARD.md`` from the records the training commands leave beside
the weights.

python training/judge/card.py
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "corroborate" / "evidence" / "judge" / "model"


def _f1_table(scores: dict) -> str:
    names = [k for k in scores if k != "macro"]
    head = "| " + " | ".join(names) + " | macro |\n|" + "---|" * (len(names) + 1)
    return head + "\n| " + " | ".join(f"{scores[n]:.3f}" for n in names) + f" | **{scores['macro']:.3f}** |"


def main() -> None:
    judge = json.loads((MODEL / "judge.json").read_text())
    final = judge["validation"][-1]
    lines = [
        "# corroborate stance judge",
        "",
        "A 4-way cross-encoder (unrelated, mentions, supports, contradicts) over (claim, passage) pairs, and a",
        "page-level combiner. Used by `corroborate check` and `corroborate assess` to decide whether a page",
        "supports, contradicts or only mentions a claim.",
        "",
        "## Cross-encoder (`judge.safetensors`, `judge.json`)",
        f"- Base: {judge['base_model']}; {judge['frozen']}. Apache-2.0 base model.",
        f"- Stored: the six transformer layers, pooler and head in float16; max length {judge['max_length']} tokens.",
        f"- Trained with `{judge['command'].strip()}` in {judge['training']['seconds']} s on 2 CPU cores,",
        f"  seed {judge['seed']}: {judge['training']['pairs']} pairs {judge['training']['classes']},",
        f"  {judge['training']['epochs']} epochs, learning rate {judge['training']['lr']}, "
        f"batch {judge['training']['batch_size']}.",
        "- Data (read from `../shared/data/`, never copied into the repository; SHA-256 in `judge.json`):",
        "  - FNC-1 training split (`fnc1/train_stances.csv`, `fnc1/train_bodies.csv`): agree → supports,",
        "    disagree → contradicts, discuss → mentions, unrelated → unrelated; the unrelated class subsampled,",
        "    disagree repeated. " + judge["split"]["fnc1"] + ".",
        "  - CLIMATE-FEVER (`climate-fever/climate-fever.jsonl`): SUPPORTS, REFUTES, NOT_ENOUGH_INFO (subsampled) →",
        "    supports, contradicts, mentions. " + judge["split"]["climate_fever"] + ".",
        "- The FNC-1 competition test set was not used.",
        "",
        f"Validation, FNC-1 body-disjoint (per-class F1, after step {final['step']}):",
        "",
        _f1_table(final["fnc1_body_disjoint"]),
        "",
        "Validation, CLIMATE-FEVER claim-disjoint (an `unrelated` prediction counts as `mentions`):",
        "",
        _f1_table(final["climate_fever_claim_disjoint"]),
    ]
    combine_path = MODEL / "combine.json"
    if combine_path.exists():
        combine = json.loads(combine_path.read_text())
        cv = combine["leave_one_story_out"]["all"]
        lines += [
            "",
            "## Page combiner (`combine.json`)",
            f"- A multinomial logistic regression over {', '.join(combine['features'])}; classes",
            f"  {', '.join(combine['classes'])}. Fitted with `{combine['command'].strip()}` on {combine['pairs']}",
            "  (claim, page) pairs of the real-coverage dev sets (`benchmarks/realcov`, label files' SHA-1 in",
            "  `combine.json`).",
            f"- Leave-one-story-out, on the pairs retrieval kept: support precision {cv['supports']['precision']:.2f},"
            f" recall {cv['supports']['recall']:.2f}; contradiction precision {cv['contradicts']['precision']:.2f},"
            f" recall {cv['contradicts']['recall']:.2f}; contradictions taken as support:"
            f" {cv['contradictions_as_support']}.",
        ]
    lines += [
        "",
        "## Citations and terms",
        "- FNC-1: Fake News Challenge stage 1 (fakenewschallenge.org, github.com/FakeNewsChallenge/fnc-1), derived",
        '  from the Emergent corpus (Ferreira & Vlachos, "Emergent: a novel data-set for stance classification",',
        '  NAACL 2016); as redistributed in UKPLab/coling2018_fake-news-challenge (Hanselowski et al., "A',
        '  Retrospective Analysis of the Fake News Challenge Stance-Detection Task", COLING 2018). Research data:',
        "  its organisers' terms apply.",
        '- CLIMATE-FEVER: Diggelmann et al., "CLIMATE-FEVER: A Dataset for Verification of Real-World Climate',
        "  Claims\" (2020), github.com/tdiggelm/climate-fever-dataset; its authors' terms apply.",
        "- all-MiniLM-L6-v2: sentence-transformers (Reimers & Gurevych), Apache-2.0.",
        "",
        "Limits: trained on English; on other languages the combiner leans on multilingual similarity and shared",
        "figures (see the per-language table in the README). A verdict is about corroboration by other coverage,",
        "not a truth rating.",
    ]
    (MODEL / "MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {MODEL / 'MODEL_CARD.md'}")


if __name__ == "__main__":
    main()
