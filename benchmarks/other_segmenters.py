"""Other segmenters on SIGHAN 2005, and how much of each corpus' training vocabulary their
dictionaries hold: the evidence for what `flashcards` segments with.

usage: python benchmarks/other_segmenters.py [--shared ../shared] [--corpus cityu,as]

jieba alone (its own dictionary, no changes) is the reference; none of the others is a
dependency. Install the ones to compare in the same environment, e.g.
`pip install jiagu` or `pip install pkuseg==0.0.12` (the last pure-Python wheel; it ships a
model trained on CTB8); a segmenter that is not installed is reported as such. Each one reads
the OpenCC-simplified text, as `flashcards` does, and its words are cut back out of the
original. For each segmenter that ships a word list, the share of each corpus' training
words (2-character ones, converted the same way) found in it is printed too: a share near 1
means the list was built from that training data, which the test figures must not rest on.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import time
from collections.abc import Callable
from pathlib import Path

from common import SHARED
from segmentation import CORPORA, load_gold, score

from flashcards.chinese import Chinese

Segmenter = Callable[[str], list[str]]


def jiagu() -> tuple[Segmenter, set[str]]:
    import jiagu as module

    words_file = Path(module.__file__).parent / "segment" / "dict" / "jiagu.dict"
    words = {line.split("\t")[0] for line in words_file.read_text("utf-8").splitlines()}
    return module.seg, words


def pkuseg() -> tuple[Segmenter, set[str]]:
    import pkuseg as module

    with contextlib.redirect_stdout(io.StringIO()):  # it prints while loading
        model = module.pkuseg()
    return model.cut, set()


def jieba_alone() -> tuple[Segmenter, set[str]]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as lines:
        words = {line.split()[0].decode("utf-8") for line in lines}
    return lambda text: list(tokenizer.cut(text)), words


SEGMENTERS: dict[str, Callable[[], tuple[Segmenter, set[str]]]] = {
    "jieba": jieba_alone,
    "jiagu": jiagu,
    "pkuseg-ctb8": pkuseg,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--corpus", default="cityu,as")
    args = parser.parse_args()
    root = args.shared / "bench" / "sighan2005" / "gold"
    chinese = Chinese()
    corpora = {}  # each read and converted once, for every segmenter
    for name in args.corpus.split(","):
        gold = load_gold(root / CORPORA[name])
        sentences = ["".join(words) for words in gold]
        training = (root / f"{name}_training_words.utf8").read_text("utf-8-sig").split()
        pairs = {chinese.simplified(w) for w in training if len(w) == 2}
        corpora[name] = (gold, sentences, [chinese.simplified(s) for s in sentences], pairs)

    for label, load in SEGMENTERS.items():
        try:
            started = time.perf_counter()
            segment, words = load()
            startup = time.perf_counter() - started
        except ImportError:
            print(f"{label}: not installed")
            continue
        for name, (gold, sentences, simplified, pairs) in corpora.items():
            predicted = []
            for sentence, simple in zip(sentences, simplified, strict=True):
                pos, cut = 0, []
                for piece in segment(simple):
                    cut.append(sentence[pos : pos + len(piece)])
                    pos += len(piece)
                predicted.append(cut)
            precision, recall, f1 = score(gold, predicted)
            line = f"{label} {name} p={precision:.3f} r={recall:.3f} f1={f1:.3f}"
            if words:
                line += f" training_words_in_dictionary={len(pairs & words) / len(pairs):.3f}"
            print(line)
        print(f"{label} startup_s={startup:.2f}")


if __name__ == "__main__":
    main()
