"""Gather the stance judge's training pairs from public datasets into one JSONL file per source.

    python training/judge/data.py                       # every source found; writes training/judge/data/
    python training/judge/data.py --only inferbr daccord --random-unrelated 0.5
    python training/judge/data.py --sentences           # also real sentences for training/judge/synth.py

Each output line is ``{"claim", "passage", "label", "lang", "source", "group"}``. ``label`` is one of the judge's
four stances, always meant the same way whatever the source called it:

- ``supports``: the passage itself asserts the claim;
- ``contradicts``: the passage asserts something that cannot be true together with the claim;
- ``mentions``: same topic, the passage neither asserts the claim nor its opposite;
- ``unrelated``: the passage is about something else.

``group`` names the original item the pair came from (an NLI premise, a fact-checked claim, an article), prefixed
with the source, so that a split by group never puts the same premise, claim or article on both sides. Texts are
Unicode NFC with whitespace collapsed; a (claim, passage) pair that occurs twice in a source is kept once, and
dropped altogether when its copies disagree on the label. ``manifest.json`` beside the files records, per source,
the repository, commit, licence, the files read (git blob or SHA-256), the counts per label and language and what
was dropped and why. The data is never committed (``training/judge/data/`` is in ``.gitignore``).

Where the data comes from: the public repositories are read from git mirrors (bare clones) kept under
``<project>/../.mirror/<owner>+<name>/repo`` (bare git directories, read at their HEAD with ``git show``; a plain
checkout works too, see ``--repo``), FNC-1 and CLIMATE-FEVER from ``<project>/../shared/data`` (``--shared``). A
source whose repository or file is missing is reported and skipped.

How each source is mapped and used, and why
===========================================

NLI sources: the premise is the passage, the hypothesis is the claim. Entailment means the premise asserts the
hypothesis (supports), contradiction that both cannot be true (contradicts), neutral that the premise is on the same
scene or topic and settles nothing (mentions). Every split the authors published is used (train, dev and test): the
split that matters here is ours, by group.

``cad`` -- acmi-lab/counterfactually-augmented-data, ``NLI/{original,revised_premise,revised_hypothesis}/
{train,dev,test}.tsv`` (English, SNLI-based). The original pairs and the human revisions that flip the label with a
minimal edit of the premise or of the hypothesis: the judge sees pairs that differ by one fact and change stance.
entailment -> supports, contradiction -> contradicts, neutral -> mentions. Group: the original item, found by
joining every sentence to the pairs it occurs in (a revised premise keeps the original hypothesis and the other way
round), so an original and all its revisions share one group.

``covidfact`` -- asaakyan/covidfact, ``COVIDFACT_dataset.jsonl`` (English). Real claims (post titles from
r/COVID19) with the evidence sentences that support them, and counter-claims made from them by swapping one salient
word, checked by annotators. The passage is the claim's evidence sentences joined in their order. SUPPORTED ->
supports, REFUTED -> contradicts. The word swap sometimes makes a non-word ("aerosols" -> "torsols",
"sars-cov-2" -> "chs-cov-2"): such a claim does not state anything the evidence could contradict, so a REFUTED
claim is dropped when a word it brings in (a word not in the closest SUPPORTED claim of its group) occurs nowhere
in the dataset's evidence or SUPPORTED claims. Group: the claim's source link (``gold_source``), which the original
claim and its counter-claims share.

``daccord`` -- mskandalis/daccord-dataset-contradictions, ``daccord_dataset.tsv`` (French). Sentence pairs from
fact-checks (AFP Factuel and others) on the war in Ukraine, Covid-19 and the climate, labelled ``contradiction`` or
``compatibles``. contradiction -> contradicts. ``compatibles`` pairs are **not used**: the label says only that the
two sentences can both be true, which covers both entailment (supports) and a related sentence that settles nothing
(mentions), and nothing in the data tells them apart. Group: the fact-check page (``url``).

``esxnli`` -- artetxem/esxnli, ``esxnli.tsv`` (Spanish originals and their professional English translations).
XNLI-format NLI written in Spanish (newspaper, economy, consumer, literature, celebrity genres). The ``language``
column gives ``lang``; both languages are kept. ``esxnli.mt.tsv`` (machine translation) is not used. Mapping as for
``cad``. Group: ``promptID``, shared by a premise's three hypotheses in both languages.

``xnlivar`` -- hitz-zentroa/XNLIvar, ``data/es/xnli-eu2es-native.tsv`` (Basque-native items in Spanish),
``data/es/xnli-es-var.tsv`` (the same items rewritten in Spanish varieties of Cuba, Ecuador, Uruguay and Spain) and
``data/es/xnli-es-original.tsv`` (the Spanish XNLI test set). Labels 0/1/2 are entailment/neutral/contradiction (XNLI
order; checked on the rows). Mapping as for ``cad``. Basque files and the machine translations into English are not
used. Group: ``prem_id`` for the native and variant files (a premise and its variants share the hypotheses), the
premise text for the XNLI file.

``inferbr`` -- lbencke/InferBR, ``{train,val,test}.csv`` (Brazilian Portuguese). Labels 0/1/2 are contradiction/
entailment/neutral (the README; checked against the reviewers' column). Only rows the two reviewers confirmed are
used (``low_quality == "N"``); rows flagged as disputed or confusing are dropped. Mapping as for ``cad``. Group: the
premise.

Stance sources:

``emergent`` -- thanhan/fc-aaai18, ``emergent/url-versions-2015-06-14-clean.csv`` (English; the Emergent data of
Ferreira and Vlachos, 2016). A rumour's claim and the headline of an article about it, with the headline's stance:
for -> supports, against -> contradicts, observing -> mentions. The passage is the article headline (the
repository's full file with article bodies is not in the mirror). FNC-1 was built from the same articles, and the
FNC-1 competition test set is this project's held-out check: an article headline that is not among the FNC-1
*training* headlines may be a test-set headline, so only rows whose headline is an FNC-1 training headline are kept
(compared on lower-case letters and digits, with a leading "Report:" and the like also tried). The FNC-1 training
files are therefore required; without them the source is skipped. Group: the Emergent claim (``claimId``).

``fnc1`` -- ../shared/data/fnc1 (English; FNC-1 training split). Headline = claim. The passage is built from the
body as the judge builds it at run time (``corroborate.evidence.judge.passage``: lead sentence plus the sentence
that best matches the headline, with its neighbours), as ``train.py`` does; ``--fnc-body full`` writes the whole body
instead. FNC-1 stances are relative to the headline (a body debunking a rumour "agrees" with a headline that says the
rumour is false), which the Emergent headline stances confirm. unrelated -> unrelated, discuss -> mentions,
disagree -> contradicts. agree -> supports only where the body can be said to assert the headline: the headline
states something (it is not a question) and Emergent does not record it as an ``observing`` headline (one that only
reports the rumour); other agree pairs are dropped. Question headlines are dropped from disagree for the same
reason. Group: the body (``Body ID``), as ../shared/data/README.md asks.

``climate-fever`` -- ../shared/data/climate-fever (English). Each claim with its five Wikipedia evidence sentences;
the sentence is the passage. SUPPORTS -> supports, REFUTES -> contradicts, NOT_ENOUGH_INFO -> mentions (the
sentence was retrieved for the claim and is on its topic, but annotators found it settles nothing). Group: the
claim (``claim_id``).

Random unrelated pairs (every source but fnc1, which has its own): ``--random-unrelated`` times the number of
mapped pairs, each a claim of the source paired with a passage of another group of the same source and language,
labelled unrelated. A pair is redrawn when the two share a content word (four letters or more, common function
words aside) or, where the source names topics (DACCORD: war in Ukraine, Covid-19, climate; esXNLI: its five
genres), when both come from the same topic, so that a claim and a passage on the same story are not called
unrelated. The pair takes the claim's group; its passage also occurs, as itself, in its own group.

``--sentences`` also writes ``sentences.jsonl``: real sentences (``{"text", "lang", "group", "source"}``) from the
passages of the sources -- premises, evidence sentences, FNC-1 body sentences -- for ``synth.py``, which makes
contrast pairs from them and keeps their group.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = ("supports", "contradicts", "mentions", "unrelated")
NLI = {"entailment": "supports", "contradiction": "contradicts", "neutral": "mentions"}

csv.field_size_limit(sys.maxsize)


# --------------------------------------------------------------------------------------------------------- reading


class Missing(Exception):
    """A repository, file or local data set that is not there."""


class Repo:
    """A fetched repository: a bare git directory (read at HEAD), a checkout with ``.git``, or a plain folder."""

    def __init__(self, name: str, path: Path):
        self.name, self.path = name, path
        if not path.exists():
            raise Missing(f"{name}: no mirror at {path}")
        if (path / "HEAD").exists() and (path / "objects").exists():
            self.git_dir: Path | None = path
        elif (path / ".git").exists():
            self.git_dir = path / ".git"
        else:
            self.git_dir = None
        self.commit = self._git("rev-parse", "HEAD").strip() if self.git_dir else None

    def _git(self, *args: str) -> str:
        result = subprocess.run(["git", f"--git-dir={self.git_dir}", *args], capture_output=True)
        if result.returncode:
            raise Missing(f"{self.name}: git {' '.join(args)}: {result.stderr.decode(errors='replace').strip()}")
        return result.stdout.decode("utf-8")

    def read(self, name: str) -> str:
        if self.git_dir:
            text = self._git("show", f"HEAD:{name}")
        else:
            if not (self.path / name).exists():
                raise Missing(f"{self.name}: no {name}")
            text = (self.path / name).read_text(encoding="utf-8")
        return text.removeprefix("\ufeff")

    def has(self, name: str) -> bool:
        try:
            self.read(name)
        except Missing:
            return False
        return True

    def blob(self, name: str) -> str:
        """The file's git blob id (or SHA-256 of a plain file), for the manifest."""
        if self.git_dir:
            return "git:" + self._git("rev-parse", f"HEAD:{name}").strip()
        return "sha256:" + hashlib.sha256((self.path / name).read_bytes()).hexdigest()

    def licence(self) -> str:
        for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING"):
            if self.has(name):
                head = self.read(name)[:400]
                for pattern, spdx in (
                    (r"Apache License", "Apache-2.0"),
                    (r"MIT License|Permission is hereby granted, free of charge", "MIT"),
                    (r"BSD 2-Clause", "BSD-2-Clause"),
                    (r"BSD 3-Clause", "BSD-3-Clause"),
                    (r"Creative Commons|CC BY", "Creative Commons (see file)"),
                ):
                    if re.search(pattern, head):
                        return f"{spdx} ({name})"
                return f"see {name}"
        return "no licence file"


def clean(text: str | None) -> str:
    """NFC, whitespace collapsed; ``""`` for a missing value."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def tsv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def key(text: str) -> str:
    return hashlib.sha1(clean(text).lower().encode()).hexdigest()[:12]


@dataclass
class Result:
    """One source's pairs and what it recorded on the way."""

    rows: list[dict] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    dropped: Counter = field(default_factory=Counter)
    sentences: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)  # group -> topic, where the source names one

    def add(self, claim: str, passage: str, label: str, lang: str, source: str, group: str) -> None:
        claim, passage = clean(claim), clean(passage)
        if not claim or not passage:
            self.dropped["empty claim or passage"] += 1
            return
        assert label in LABELS, label
        self.rows.append(
            {"claim": claim, "passage": passage, "label": label, "lang": lang, "source": source, "group": group}
        )

    def sentence(self, text: str, lang: str, group: str, source: str) -> None:
        text = clean(text)
        if 5 <= len(text.split()) <= 60:
            self.sentences.append({"text": text, "lang": lang, "group": group, "source": source})


# --------------------------------------------------------------------------------------------------------- sources


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def load_cad(repo: Repo, ctx: dict) -> Result:
    res = Result()
    rows = []
    for part in ("original", "revised_premise", "revised_hypothesis"):
        for split in ("train", "dev", "test"):
            name = f"NLI/{part}/{split}.tsv"
            res.files[name] = repo.blob(name)
            rows += tsv(repo.read(name))
    groups = UnionFind()
    for r in rows:
        groups.union("p:" + key(r["sentence1"]), "h:" + key(r["sentence2"]))
    for r in rows:
        label = NLI.get(r["gold_label"])
        if label is None:
            res.dropped[f"label {r['gold_label']!r}"] += 1
            continue
        group = "cad:" + groups.find("p:" + key(r["sentence1"]))[2:]
        res.add(r["sentence2"], r["sentence1"], label, "en", "cad", group)
        res.sentence(r["sentence1"], "en", group, "cad")
    return res


_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def load_covidfact(repo: Repo, ctx: dict) -> Result:
    res = Result()
    name = "COVIDFACT_dataset.jsonl"
    res.files[name] = repo.blob(name)
    items = [json.loads(line) for line in repo.read(name).splitlines() if line.strip()]
    vocab: set[str] = set()
    supported: dict[str, list[list[str]]] = defaultdict(list)
    for it in items:
        for sentence in it["evidence"]:
            vocab.update(_words(sentence))
        if it["label"] == "SUPPORTED":
            vocab.update(_words(it["claim"]))
            supported[it["gold_source"]].append(_words(it["claim"]))
    for it in items:
        group = "covidfact:" + key(it["gold_source"])
        passage = " ".join(clean(s) for s in it["evidence"])
        if it["label"] == "SUPPORTED":
            res.add(it["claim"], passage, "supports", "en", "covidfact", group)
        elif it["label"] == "REFUTED":
            words = _words(it["claim"])
            originals = supported.get(it["gold_source"]) or [[]]
            closest = max(originals, key=lambda o: len(set(o) & set(words)))
            brought = [w for w in words if w not in closest]
            if any(w not in vocab for w in brought):
                res.dropped["REFUTED claim with a made-up word"] += 1
                continue
            res.add(it["claim"], passage, "contradicts", "en", "covidfact", group)
        else:
            res.dropped[f"label {it['label']!r}"] += 1
        for s in it["evidence"]:
            res.sentence(s, "en", group, "covidfact")
    return res


def load_daccord(repo: Repo, ctx: dict) -> Result:
    res = Result()
    name = "daccord_dataset.tsv"
    res.files[name] = repo.blob(name)
    for r in csv.DictReader(io.StringIO(repo.read(name)), delimiter="\t"):
        group = "daccord:" + key(r["url"] or r["premise"])
        res.topics[group] = r["genre"]
        res.sentence(r["premise"], "fr", group, "daccord")
        if r["label_text"] == "contradiction":
            res.add(r["hypothesis"], r["premise"], "contradicts", "fr", "daccord", group)
        else:
            res.dropped[f"label {r['label_text']!r} (entailment or neutral, not told apart)"] += 1
    return res


def load_esxnli(repo: Repo, ctx: dict) -> Result:
    res = Result()
    name = "esxnli.tsv"
    res.files[name] = repo.blob(name)
    for r in tsv(repo.read(name)):
        label = NLI.get(r["gold_label"])
        if label is None:
            res.dropped[f"label {r['gold_label']!r}"] += 1
            continue
        group = f"esxnli:{r['promptID']}"
        res.topics[group] = r["genre"]
        res.add(r["sentence2"], r["sentence1"], label, r["language"], "esxnli", group)
        res.sentence(r["sentence1"], r["language"], group, "esxnli")
    return res


XNLI_LABEL = {"0": "supports", "1": "mentions", "2": "contradicts"}  # entailment, neutral, contradiction


def load_xnlivar(repo: Repo, ctx: dict) -> Result:
    res = Result()
    for name, by_id in (
        ("data/es/xnli-eu2es-native.tsv", True),
        ("data/es/xnli-es-var.tsv", True),
        ("data/es/xnli-es-original.tsv", False),
    ):
        res.files[name] = repo.blob(name)
        for r in tsv(repo.read(name)):
            label = XNLI_LABEL.get(r["label"])
            if label is None:
                res.dropped[f"label {r['label']!r}"] += 1
                continue
            group = f"xnlivar:native:{r['prem_id']}" if by_id else "xnlivar:xnli:" + key(r["premise"])
            res.add(r["hypothesis"], r["premise"], label, "es", "xnlivar", group)
            res.sentence(r["premise"], "es", group, "xnlivar")
    return res


INFERBR_LABEL = {"0": "contradicts", "1": "supports", "2": "mentions"}  # contradiction, entailment, neutral


def load_inferbr(repo: Repo, ctx: dict) -> Result:
    res = Result()
    for name in ("train.csv", "val.csv", "test.csv"):
        res.files[name] = repo.blob(name)
        for r in csv.DictReader(io.StringIO(repo.read(name))):
            if r["low_quality"] != "N":
                res.dropped[f"reviewers: {r['reviwers_output']}"] += 1
                continue
            group = "inferbr:" + key(r["premise"])
            res.add(r["hypothesis"], r["premise"], INFERBR_LABEL[r["label"]], "pt", "inferbr", group)
            res.sentence(r["premise"], "pt", group, "inferbr")
    return res


_PREFIXES = ("report", "reports", "breaking", "update", "updated", "video", "watch", "exclusive", "confirmed")


def headline_keys(text: str) -> list[str]:
    """Keys a headline is matched on between FNC-1 and Emergent: lower-case letters and digits, and the same without
    a leading "Report:", "Breaking:" and the like (the cleaned Emergent file drops them)."""
    k = re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).lower())
    return [k] + [k[len(p) :] for p in _PREFIXES if k.startswith(p) and len(k) > len(p) + 10]


EMERGENT_FILE = "emergent/url-versions-2015-06-14-clean.csv"
EMERGENT_LABEL = {"for": "supports", "against": "contradicts", "observing": "mentions"}


def emergent_headline_stances(repo: Repo) -> dict[str, str]:
    stances: dict[str, str] = {}
    for r in csv.DictReader(io.StringIO(repo.read(EMERGENT_FILE))):
        stances.setdefault(headline_keys(r["articleHeadline"])[0], r["articleHeadlineStance"])
    return stances


def fnc_headlines(shared: Path) -> set[str]:
    path = shared / "fnc1" / "train_stances.csv"
    if not path.exists():
        raise Missing(f"no {path}")
    with open(path, encoding="utf-8") as f:
        return {k for r in csv.DictReader(f) for k in headline_keys(r["Headline"])}


def load_emergent(repo: Repo, ctx: dict) -> Result:
    res = Result()
    res.files[EMERGENT_FILE] = repo.blob(EMERGENT_FILE)
    train_headlines = fnc_headlines(ctx["shared"])
    for r in csv.DictReader(io.StringIO(repo.read(EMERGENT_FILE))):
        if not any(k in train_headlines for k in headline_keys(r["articleHeadline"])):
            res.dropped["headline not among FNC-1 training headlines (may be FNC-1 test)"] += 1
            continue
        label = EMERGENT_LABEL.get(r["articleHeadlineStance"])
        if label is None:
            res.dropped[f"stance {r['articleHeadlineStance']!r}"] += 1
            continue
        group = f"emergent:{r['claimId']}"
        res.add(r["claimHeadline"], r["articleHeadline"], label, "en", "emergent", group)
    return res


FNC_LABEL = {"unrelated": "unrelated", "discuss": "mentions", "agree": "supports", "disagree": "contradicts"}


def load_fnc1(shared: Path, ctx: dict) -> Result:
    sys.path.insert(0, str(ROOT))
    from corroborate.article.sentences import split_sentences
    from corroborate.evidence.judge.passage import build_passage, lexical_best

    res = Result()
    folder = shared / "fnc1"
    for name in ("train_stances.csv", "train_bodies.csv"):
        if not (folder / name).exists():
            raise Missing(f"no {folder / name}")
        res.files[f"fnc1/{name}"] = "sha256:" + hashlib.sha256((folder / name).read_bytes()).hexdigest()
    with open(folder / "train_bodies.csv", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    stances = ctx.get("emergent_stances")
    if stances is None:
        res.notes.append("Emergent headline stances not available: observing headlines could not be excluded")
        stances = {}
    split: dict[str, list[str]] = {}
    for body, text in bodies.items():
        sentences = [s.text for s in split_sentences(text) if len(s.text.split()) >= 4] or [text[:600]]
        split[body] = sentences
        for s in sentences:
            res.sentence(s, "en", f"fnc1:{body}", "fnc1")
    with open(folder / "train_stances.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            headline, stance = r["Headline"], r["Stance"]
            if stance in ("agree", "disagree"):
                if "?" in headline:
                    res.dropped[f"{stance}: the headline is a question"] += 1
                    continue
                if stance == "agree":
                    seen = next((stances[k] for k in headline_keys(headline) if k in stances), None)
                    if seen == "observing":
                        res.dropped["agree: Emergent has the headline as observing"] += 1
                        continue
            sentences = split[r["Body ID"]]
            if ctx.get("fnc_body") == "full":
                passage = clean(bodies[r["Body ID"]])
            else:
                passage = build_passage(sentences, lexical_best(headline, sentences))
            res.add(headline, passage, FNC_LABEL[stance], "en", "fnc1", f"fnc1:{r['Body ID']}")
    return res


CF_LABEL = {"SUPPORTS": "supports", "REFUTES": "contradicts", "NOT_ENOUGH_INFO": "mentions"}


def load_climate_fever(shared: Path, ctx: dict) -> Result:
    res = Result()
    path = shared / "climate-fever" / "climate-fever.jsonl"
    if not path.exists():
        raise Missing(f"no {path}")
    res.files["climate-fever/climate-fever.jsonl"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    with open(path, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            group = f"climate-fever:{item['claim_id']}"
            for ev in item["evidences"]:
                label = CF_LABEL.get(ev["evidence_label"])
                if label is None:
                    res.dropped[f"label {ev['evidence_label']!r}"] += 1
                    continue
                res.add(item["claim"], ev["evidence"], label, "en", "climate-fever", group)
                res.sentence(ev["evidence"], "en", group, "climate-fever")
    return res


@dataclass(frozen=True)
class Source:
    name: str
    repository: str | None  # owner/name on GitHub, or None for ../shared/data
    loader: Callable[..., Result]
    random_unrelated: bool = True
    licence_note: str = ""


SOURCES = {
    s.name: s
    for s in (
        Source(
            "cad",
            "acmi-lab/counterfactually-augmented-data",
            load_cad,
            licence_note="the NLI pairs are revisions of SNLI (CC BY-SA 4.0)",
        ),
        Source(
            "covidfact",
            "asaakyan/covidfact",
            load_covidfact,
            licence_note="no licence stated; the README asks for a citation of the ACL 2021 paper",
        ),
        Source("daccord", "mskandalis/daccord-dataset-contradictions", load_daccord),
        Source(
            "esxnli",
            "artetxem/esxnli",
            load_esxnli,
            licence_note="no licence stated; the README asks academic users to cite the paper",
        ),
        Source(
            "xnlivar",
            "hitz-zentroa/XNLIvar",
            load_xnlivar,
            licence_note="README: all data and code under CC BY-NC 4.0 (non-commercial); the XNLI test set is "
            "CC BY-NC 4.0 as well",
        ),
        Source("inferbr", "lbencke/InferBR", load_inferbr),
        Source(
            "emergent",
            "thanhan/fc-aaai18",
            load_emergent,
            licence_note="the MIT licence is the repository's (An Thanh Nguyen); the Emergent data is Ferreira and "
            "Vlachos (2016), whose own repository (willferreira/mscproject) states no licence",
        ),
        Source(
            "fnc1",
            None,
            load_fnc1,
            random_unrelated=False,
            licence_note="../shared/data/README.md names the UKPLab coling2018_fake-news-challenge copy (Apache-2.0 "
            "LICENSE.txt for that repository); the FNC-1 data README states no licence",
        ),
        Source(
            "climate-fever",
            None,
            load_climate_fever,
            licence_note="tdiggelm/climate-fever-dataset has no licence file; its README asks for a citation",
        ),
    )
}


# --------------------------------------------------------------------------------------------------------- shaping


def dedupe(rows: list[dict], dropped: Counter) -> list[dict]:
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        labels[r["claim"], r["passage"]].add(r["label"])
    out, seen = [], set()
    for r in rows:
        pair = (r["claim"], r["passage"])
        if len(labels[pair]) > 1:
            dropped["pair repeated with different labels"] += 1
        elif pair in seen:
            dropped["pair repeated"] += 1
        else:
            seen.add(pair)
            out.append(r)
    return out


_CONTENT = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_COMMON = frozenset(
    """that this with from have been were will would said says their they them than then there what when which
    while about after over into also more most other some such only were está para pero como sobre entre este esta
    cette dans pour avec sont leur mais plus elle comme será foram para pelo pela sobre mais como esse essa
    nicht eine einer sich auch wird wurde sind dass oder aber della delle sono anche come questo questa""".split()
)


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(text)} - _COMMON


def random_unrelated(
    rows: list[dict], count: int, rng: random.Random, source: str, topics: dict[str, str] | None = None
) -> list[dict]:
    """``count`` claims paired with passages of other groups (same language, another topic where the source names
    topics) that share no content word."""
    topics = topics or {}
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_lang[r["lang"]].append(r)
    existing = {(r["claim"], r["passage"]) for r in rows}
    out: list[dict] = []
    langs = sorted(by_lang)
    weights = [len(by_lang[lang]) for lang in langs]
    tries = 0
    while len(out) < count and tries < 30 * count:
        tries += 1
        lang = rng.choices(langs, weights)[0]
        pool = by_lang[lang]
        a, b = rng.choice(pool), rng.choice(pool)
        if a["group"] == b["group"] or (a["claim"], b["passage"]) in existing:
            continue
        if topics and topics.get(a["group"]) == topics.get(b["group"]):
            continue
        if content_words(a["claim"]) & content_words(b["passage"]):
            continue
        existing.add((a["claim"], b["passage"]))
        out.append(
            {
                "claim": a["claim"],
                "passage": b["passage"],
                "label": "unrelated",
                "lang": lang,
                "source": source,
                "group": a["group"],
            }
        )
    return out


def counts(rows: Iterable[dict]) -> dict:
    rows = list(rows)
    by = defaultdict(Counter)
    for r in rows:
        by[r["lang"]][r["label"]] += 1
    return {
        "pairs": len(rows),
        "groups": len({r["group"] for r in rows}),
        "label": {label: sum(1 for r in rows if r["label"] == label) for label in LABELS},
        "lang_label": {lang: {label: by[lang][label] for label in LABELS} for lang in sorted(by)},
    }


def table(name: str, stats: dict) -> str:
    lines = [f"{name}: {stats['pairs']} pairs, {stats['groups']} groups"]
    lines.append("    lang  " + "".join(f"{label:>13}" for label in LABELS))
    for lang, c in stats["lang_label"].items():
        lines.append(f"    {lang:<6}" + "".join(f"{c[label]:>13}" for label in LABELS))
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mirrors", type=Path, default=ROOT.parent / ".mirror", help="where fetched repos lie")
    parser.add_argument(
        "--repo",
        action="append",
        default=[],
        metavar="SOURCE=PATH",
        help="read a source's repository from PATH (bare git dir, checkout or folder); repeatable",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data", help="FNC-1, CLIMATE-FEVER")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    parser.add_argument("--only", nargs="+", choices=sorted(SOURCES), help="build these sources only")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--random-unrelated",
        type=float,
        default=0.25,
        help="random cross-group unrelated pairs per mapped pair (not for fnc1); 0 for none",
    )
    parser.add_argument("--fnc-body", choices=("passage", "full"), default="passage")
    parser.add_argument("--sentences", action="store_true", help="also write sentences.jsonl for synth.py")
    args = parser.parse_args(argv)

    overrides = {}
    for item in args.repo:
        name, _, path = item.partition("=")
        if name not in SOURCES or not path:
            parser.error(f"--repo {item!r}: expected SOURCE=PATH with SOURCE one of {', '.join(SOURCES)}")
        overrides[name] = Path(path)

    def repo_for(source: Source) -> Repo:
        assert source.repository
        path = overrides.get(source.name) or args.mirrors / source.repository.replace("/", "+") / "repo"
        return Repo(source.repository, path)

    ctx: dict = {"shared": args.shared, "fnc_body": args.fnc_body}
    names = args.only or list(SOURCES)
    if "fnc1" in names:  # the Emergent headline stances tell which FNC-1 headlines only observe
        try:
            ctx["emergent_stances"] = emergent_headline_stances(repo_for(SOURCES["emergent"]))
        except Missing as exc:
            print(f"note: {exc}", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    manifest_path = args.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest["settings"] = {"seed": args.seed, "random_unrelated": args.random_unrelated, "fnc_body": args.fnc_body}
    sentences: list[dict] = []
    status = 0
    for name in names:
        source = SOURCES[name]
        try:
            if source.repository:
                repo = repo_for(source)
                result = source.loader(repo, ctx)
                record = {"repository": source.repository, "commit": repo.commit, "licence": repo.licence()}
            else:
                result = source.loader(args.shared, ctx)
                record = {"repository": None, "commit": None, "licence": "see note", "local": str(args.shared)}
        except (Missing, KeyError, ValueError) as exc:
            print(f"{name}: skipped: {exc}", file=sys.stderr)
            manifest.setdefault("sources", {})[name] = {"skipped": str(exc)}
            status = 1
            continue
        rows = dedupe(result.rows, result.dropped)
        mapped = counts(rows)
        extra: list[dict] = []
        if source.random_unrelated and args.random_unrelated > 0:
            rng = random.Random(f"{args.seed}:{name}")
            extra = random_unrelated(rows, round(args.random_unrelated * len(rows)), rng, name, result.topics)
            if len(extra) < round(args.random_unrelated * len(rows)):
                result.notes.append(f"only {len(extra)} random unrelated pairs found")
        rows += extra
        out = args.out / f"{name}.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        stats = counts(rows)
        record.update(
            {
                "licence_note": source.licence_note,
                "files": result.files,
                "output": out.name,
                "mapped": mapped,
                "random_unrelated": len(extra),
                "written": stats,
                "dropped": dict(sorted(result.dropped.items())),
                "notes": result.notes,
            }
        )
        manifest.setdefault("sources", {})[name] = record
        print(table(name, stats))
        for reason, n in sorted(result.dropped.items()):
            print(f"    dropped {n}: {reason}")
        for note in result.notes:
            print(f"    note: {note}")
        sentences += result.sentences
    if args.sentences:
        seen: set[tuple[str, str]] = set()
        with open(args.out / "sentences.jsonl", "w", encoding="utf-8") as f:
            for s in sentences:
                if (s["text"], s["lang"]) not in seen:
                    seen.add((s["text"], s["lang"]))
                    f.write(json.dumps(s, ensure_ascii=False) + "\n")
        print(f"sentences.jsonl: {len(seen)} sentences " + str(dict(Counter(lang for _, lang in seen))))
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
