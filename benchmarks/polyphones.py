"""Polyphone accuracy on the CPP test set (g2pM's benchmark), Simplified and Traditional.

usage: python benchmarks/polyphones.py [--shared ../shared] [--polyphones model|dictionary]
                                       [--limit N]

Each CPP line marks one polyphonic character (`▁了▁`) and gives its reading (`le5`; ü as
`u:`). The sentence is read by `Chinese.readings` and the marked character's reading compared
in tone numbers. Simplified: the sentence as given. Traditional: the same sentence converted
with OpenCC `s2hk`, read through the Traditional path (hk2s, segmentation, readings), as an
editorial is. The last line reads `simplified_acc=0.xxx traditional_acc=0.xxx`; the lines
before it give the time per 10k characters. Data are read from `shared/bench/cpp`, never copied.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from common import SHARED

from flashcards.chinese import Chinese

MARK = "▁"


def load_cpp(root: Path, split: str = "test") -> list[tuple[str, int, str]]:
    """(sentence without marks, index of the marked character, gold reading with v for ü)."""
    sentences = (root / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (root / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    out = []
    for sentence, label in zip(sentences, labels, strict=True):
        out.append(
            (sentence.replace(MARK, ""), sentence.index(MARK), label.strip().replace("u:", "v"))
        )
    return out


def accuracy(chinese: Chinese, cases: list[tuple[str, int, str]]) -> tuple[float, float]:
    """Share of marked characters read right, and seconds per 10k characters."""
    right = 0
    started = time.perf_counter()
    for sentence, index, gold in cases:
        right += chinese.readings(sentence)[index] == gold
    elapsed = time.perf_counter() - started
    return right / len(cases), elapsed / sum(len(s) for s, _, _ in cases) * 10_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--polyphones", choices=("model", "dictionary"), default="model")
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines")
    args = parser.parse_args()

    cases = load_cpp(args.shared / "bench" / "cpp")
    if args.limit:
        cases = cases[: args.limit]
    chinese = Chinese(tones="numbers", umlaut="v", polyphones=args.polyphones)

    import opencc  # the benchmark's own conversion of the test sentences to HK Traditional

    to_hk = opencc.OpenCC("s2hk")
    traditional = []
    for sentence, index, gold in cases:
        converted = to_hk.convert(sentence)
        if len(converted) != len(sentence):  # keep the marked index valid
            converted = "".join(to_hk.convert(ch)[:1] or ch for ch in sentence)
        traditional.append((converted, index, gold))

    simplified_acc, simplified_s = accuracy(chinese, cases)
    traditional_acc, traditional_s = accuracy(chinese, traditional)
    print(f"lines={len(cases)} polyphones={args.polyphones}")
    print(f"simplified_s_per_10k={simplified_s:.2f} traditional_s_per_10k={traditional_s:.2f}")
    print(f"simplified_acc={simplified_acc:.3f} traditional_acc={traditional_acc:.3f}")


if __name__ == "__main__":
    main()
