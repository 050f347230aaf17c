"""Word segmentation on the SIGHAN 2005 bakeoff test sets, scored as the official `score` does.

usage: python benchmarks/segmentation.py [--shared ../shared]
                                         [--corpus cityu,as,pku,msr]

Prints one line per corpus, `cityu p=0.xxx r=0.xxx f1=0.xxx ms_per_10k=…` (then `as`, `pku`,
`msr`), where a predicted word counts when both its boundaries match a gold word; then the
start-up time of the segmenter. The data are read from `shared/bench/sighan2005` and never
copied; nothing of the training data is used.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from common import SHARED

from flashcards.chinese import Chinese

CORPORA = {
    "cityu": "cityu_test_gold.utf8",
    "as": "as_testing_gold.utf8",
    "pku": "pku_test_gold.utf8",
    "msr": "msr_test_gold.utf8",
}


def load_gold(path: Path) -> list[list[str]]:
    """Gold sentences as word lists (BOM, CRLF and U+3000 separators handled)."""
    text = path.read_text(encoding="utf-8-sig")
    return [words for words in (line.split() for line in text.splitlines()) if words]


def spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """The (start, end) character span of every word."""
    out: set[tuple[int, int]] = set()
    pos = 0
    for word in words:
        out.add((pos, pos + len(word)))
        pos += len(word)
    return out


def score(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> tuple[float, float, float]:
    """Precision, recall and F1 of word boundaries, as the SIGHAN `score` script counts."""
    correct = n_gold = n_predicted = 0
    for gold_words, predicted_words in zip(gold, predicted, strict=True):
        if "".join(gold_words) != "".join(predicted_words):
            raise ValueError(f"segmenter changed the text: {''.join(gold_words)!r}")
        gold_spans, predicted_spans = spans(gold_words), spans(predicted_words)
        correct += len(gold_spans & predicted_spans)
        n_gold += len(gold_spans)
        n_predicted += len(predicted_spans)
    precision, recall = correct / n_predicted, correct / n_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--corpus", default=",".join(CORPORA))
    args = parser.parse_args()
    root = args.shared / "bench" / "sighan2005" / "gold"

    chinese = Chinese()
    started = time.perf_counter()
    chinese.segment("載入")  # loads OpenCC and jieba
    startup = time.perf_counter() - started

    for name in args.corpus.split(","):
        gold = load_gold(root / CORPORA[name])
        sentences = ["".join(words) for words in gold]
        started = time.perf_counter()
        predicted = [chinese.segment(sentence) for sentence in sentences]
        elapsed = time.perf_counter() - started
        precision, recall, f1 = score(gold, predicted)
        per_10k = elapsed / sum(map(len, sentences)) * 10_000 * 1000
        print(f"{name} p={precision:.3f} r={recall:.3f} f1={f1:.3f} ms_per_10k={per_10k:.1f}")
    print(f"startup_s={startup:.2f} (OpenCC + jieba dictionary)")


if __name__ == "__main__":
    main()
