"""Splitters of glued English words compared: the evidence for what `flashcards` parts glued
runs with (`flashcards.words`, on wordfreq's frequencies).

usage: python benchmarks/word_splitters.py [--shared ../shared] [--pairs 2000] [--seed 1]

Words of the English texts of ../shared/corpus (and its bilingual folder) are glued in pairs
of neighbours (`has introduced` → `hasintroduced`); each splitter should give the pair back.
Each is also given every distinct word of those texts alone, which it should leave whole
(a split there is a false split: `cannot` → can not). wordninja and symspellpy are not
dependencies: `pip install wordninja symspellpy` to compare them; one that is not installed
is reported as such.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from common import SHARED

from flashcards.words import split_glued

Splitter = Callable[[str], list[str]]


def flashcards_words() -> Splitter:
    return lambda token: list(split_glued(token))


def wordninja() -> Splitter:
    import wordninja as module

    return lambda token: list(module.split(token))


def symspellpy() -> Splitter:
    from importlib.resources import files

    from symspellpy import SymSpell

    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
    speller.load_dictionary(str(files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)

    def split(token: str) -> list[str]:
        return list(speller.word_segmentation(token, max_edit_distance=0).corrected_string.split())

    return split


SPLITTERS: dict[str, Callable[[], Splitter]] = {
    "flashcards.words (wordfreq)": flashcards_words,
    "wordninja": wordninja,
    "symspellpy": symspellpy,
}


def corpus_words(shared: Path) -> list[str]:
    words: list[str] = []
    for path in sorted((shared / "corpus").glob("*.txt")) + sorted(
        (shared / "corpus" / "bilingual").glob("*.txt")
    ):
        text = path.read_text(encoding="utf-8").split("■/ Glossary")[0]
        words.extend(re.findall(r"[A-Za-z]+", text))
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    words = corpus_words(args.shared)
    rng = random.Random(args.seed)
    pairs = [(words[i], words[i + 1]) for i in rng.sample(range(len(words) - 1), args.pairs)]
    vocabulary = sorted({w.lower() for w in words if len(w) > 2})
    for name, load in SPLITTERS.items():
        try:
            started = time.perf_counter()
            split = load()
            split("warmup")
            loaded = time.perf_counter() - started
        except ImportError:
            print(f"{name}: not installed")
            continue
        started = time.perf_counter()
        right = sum([p.lower() for p in split(a + b)] == [a.lower(), b.lower()] for a, b in pairs)
        false = [w for w in vocabulary if len(split(w)) > 1]
        took = time.perf_counter() - started
        print(
            f"{name}: glued pairs parted right {right / len(pairs):.3f}; ordinary words split "
            f"{len(false)}/{len(vocabulary)} (e.g. {', '.join(false[:6])}); "
            f"load {loaded:.2f}s, run {took:.2f}s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
