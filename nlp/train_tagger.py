"""Train the small Dutch part-of-speech tagger shipped in ``nlp/data/tagger-nl`` (UD UPOS).

Rebuild (about 10 minutes on two cores; nothing is downloaded)::

    python -m nlp.train_tagger --data ../shared/data/ud-dutch

The data are the dev and test parts of the Universal Dependencies treebanks UD_Dutch-Alpino
and UD_Dutch-LassySmall (CC BY-SA 4.0). Sentences are split by a hash of their id, so the
split never changes: 10 % held out for scoring, 5 % for choosing the best checkpoint, the rest
for training. The model is a spaCy ``morphologizer`` on UPOS only over a small CNN
``tok2vec`` without pretrained vectors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

TREEBANKS = {
    "alpino": ("nl_alpino-ud-dev.conllu", "nl_alpino-ud-test.conllu"),
    "lassysmall": ("nl_lassysmall-ud-dev.conllu", "nl_lassysmall-ud-test.conllu"),
}
HELD_OUT = range(0, 10)  # hash buckets out of 100
DEV = range(10, 15)
OUT = Path(__file__).with_name("data") / "tagger-nl"
SAMPLE = Path(__file__).parents[1] / "tests" / "nlp" / "data" / "ud-nl-heldout.conllu"
SAMPLE_SIZE = 200
CONFIG = Path(__file__).with_name("tagger_config.cfg")
MODEL_PARTS = ("vocab", "tok2vec", "morphologizer")  # replaced whole on a rebuild


@dataclass(frozen=True)
class Sentence:
    """One CoNLL-U sentence: its words, spacing and gold UPOS tags."""

    treebank: str
    sent_id: str
    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    upos: tuple[str, ...]
    conllu: str

    def doc(self, vocab: Vocab, *, gold: bool = True) -> Doc:
        """A Doc on the gold tokens, with the gold tags when ``gold``."""
        return Doc(vocab, words=list(self.words), spaces=list(self.spaces),
                   pos=list(self.upos) if gold else None)


def read_conllu(path: Path, *, treebank: str = "") -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file; empty nodes and multiword ranges are skipped."""
    block: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            block.append(line)
        elif block:
            yield _sentence(block, treebank)
            block = []


def _sentence(block: list[str], treebank: str) -> Sentence:
    sent_id, words, spaces, upos = "", [], [], []
    for line in block:
        if line.startswith("# sent_id ="):
            sent_id = line.split("=", 1)[1].strip()
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if not cols[0].isdigit():  # "3-4" multiword range or "8.1" empty node
            continue
        words.append(cols[1])
        spaces.append("SpaceAfter=No" not in cols[9].split("|"))
        upos.append(cols[3])
    return Sentence(treebank, sent_id, tuple(words), tuple(spaces), tuple(upos),
                    "\n".join(block) + "\n")


def digest(sent_id: str) -> str:
    """A stable hash of a sentence id (not for security)."""
    return hashlib.sha1(sent_id.encode("utf-8"), usedforsecurity=False).hexdigest()


def bucket(sent_id: str) -> int:
    """Hash bucket 0-99 of a sentence id: the split never depends on file order."""
    return int(digest(sent_id), 16) % 100


def split(sentences: Iterable[Sentence]) -> dict[str, list[Sentence]]:
    """The fixed train / dev / held-out parts."""
    parts: dict[str, list[Sentence]] = {"train": [], "dev": [], "heldout": []}
    for sent in sentences:
        b = bucket(sent.sent_id)
        parts["heldout" if b in HELD_OUT else "dev" if b in DEV else "train"].append(sent)
    return parts


def load_treebanks(data: Path) -> list[Sentence]:
    """All sentences of both treebanks, in file order."""
    return [sent for name, files in TREEBANKS.items() for file in files
            for sent in read_conllu(data / file, treebank=name)]


def accuracy(nlp: Language, sentences: Sequence[Sentence]) -> tuple[int, int]:
    """(correct, total) UPOS tags on the gold tokens."""
    docs = (s.doc(nlp.vocab, gold=False) for s in sentences)
    correct = total = 0
    for sent, doc in zip(sentences, nlp.pipe(docs, batch_size=256), strict=True):
        correct += sum(t.pos_ == gold for t, gold in zip(doc, sent.upos, strict=True))
        total += len(sent.upos)
    return correct, total


def train(parts: dict[str, list[Sentence]], work: Path, *, max_steps: int) -> Path:
    """Train on the train part, pick the best checkpoint on dev; return its directory."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop

    vocab = spacy.blank("nl").vocab
    for name in ("train", "dev"):
        DocBin(docs=[s.doc(vocab) for s in parts[name]]).to_disk(work / f"{name}.spacy")
    config = spacy.util.load_config(CONFIG, overrides={
        "paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
        "training.max_steps": max_steps,
    }, interpolate=False)
    nlp = init_nlp(config, use_gpu=-1)
    (work / "model").mkdir()
    train_loop(nlp, work / "model", use_gpu=-1)
    return work / "model" / "model-best"


def ship(best: Path, out: Path, scores: dict, *, licence: Path) -> None:
    """Copy only what ``spacy.load`` needs, with the licence and scores; keep README.md."""
    for part in MODEL_PARTS:
        if (out / part).is_dir():
            shutil.rmtree(out / part)
    shutil.copytree(best, out, dirs_exist_ok=True)
    shutil.copyfile(licence, out / "LICENSE")
    config = spacy.util.load_config(out / "config.cfg", interpolate=False)
    config["paths"]["train"] = config["paths"]["dev"] = None  # temporary training paths
    config.to_disk(out / "config.cfg")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update(name="tagger_nl_ud_upos", version="1.0.0", license="CC BY-SA 4.0",
                description="Dutch UPOS tagger trained on UD Dutch Alpino and LassySmall "
                            "(dev and test parts) for Consult; see README.md.",
                sources=[{"name": "UD_Dutch-Alpino", "license": "CC BY-SA 4.0",
                          "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino"},
                         {"name": "UD_Dutch-LassySmall", "license": "CC BY-SA 4.0",
                          "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall"}],
                heldout=scores)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def score(nlp: Language, heldout: Sequence[Sentence]) -> dict:
    """Held-out UPOS accuracy overall and per treebank."""
    result = {}
    for name in ("all", *TREEBANKS):
        part = [s for s in heldout if name in ("all", s.treebank)]
        correct, total = accuracy(nlp, part)
        result[name] = {"sentences": len(part), "tokens": total,
                        "upos_acc": round(correct / total, 4)}
    return result


def write_sample(heldout: Sequence[Sentence], path: Path) -> None:
    """A fixed sample of held-out sentences for the tests (never trained on)."""
    chosen = sorted(heldout, key=lambda s: digest(s.sent_id))
    path.write_text("\n".join(s.conllu for s in chosen[:SAMPLE_SIZE]), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: train, score on the held-out part, ship the model and the test sample."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/ud-dutch"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--max-steps", type=int, default=1500)
    args = parser.parse_args(argv)
    parts = split(load_treebanks(args.data))
    print({name: len(part) for name, part in parts.items()})
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        best = train(parts, Path(tmp), max_steps=args.max_steps)
        scores = score(spacy.load(best), parts["heldout"])
        ship(best, args.out, scores, licence=args.data / "LICENSE-Alpino.txt")
    write_sample(parts["heldout"], args.sample)
    print(json.dumps({"seconds": round(time.perf_counter() - started), "heldout": scores}))


if __name__ == "__main__":
    main()
