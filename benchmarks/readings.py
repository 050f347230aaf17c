"""Whole-sentence pinyin on the CSMSC transcripts: every character of every sentence, not only
the marked polyphone of CPP.

usage: python benchmarks/readings.py [--shared ../shared] [--polyphones model|dictionary]
                                     [--limit N]

CSMSC's pinyin is the spoken form (third-tone sandhi, erhua), so the syllable is compared
without its tone: this measures the choice of reading (地 de or dì, 没 méi or mò). Sentences
whose syllables do not line up one to one with their Han characters are skipped, and so are
erhua syllables. The last line reads `toneless_acc=0.xxxx`; the lines before it count the
characters read and list the characters most often read wrong. 谁 counts as wrong where it is
read shéi, the reading dictionaries give first, and CSMSC has shuí. Data are read from
`shared/bench/csmsc`, never copied.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from common import SHARED

from flashcards.chinese import Chinese
from flashcards.editorial import is_han

_PROSODY = re.compile(r"#\d")


def load_csmsc(path: Path) -> list[tuple[str, list[str]]]:
    """(sentence, its syllables in tone numbers) for each transcript."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for text_line, pinyin_line in zip(lines[::2], lines[1::2], strict=False):
        text = _PROSODY.sub("", text_line.split("\t", 1)[1]).strip()
        out.append((text, pinyin_line.split()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--polyphones", choices=("model", "dictionary"), default="model")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    args = parser.parse_args()

    sentences = load_csmsc(args.shared / "bench" / "csmsc" / "000001-010000.txt")
    if args.limit:
        sentences = sentences[: args.limit]
    chinese = Chinese(tones="numbers", umlaut="v", polyphones=args.polyphones)
    right = total = skipped = 0
    wrong: Counter[str] = Counter()
    for text, syllables in sentences:
        pairs = [(ch, r) for ch, r in zip(text, chinese.readings(text), strict=True) if is_han(ch)]
        if len(pairs) != len(syllables):
            skipped += 1
            continue
        for (ch, read), gold in zip(pairs, syllables, strict=True):
            gold_base, read_base = gold.rstrip("12345"), read.rstrip("12345")
            if gold_base.endswith("r") and gold_base != "er" and not read_base.endswith("r"):
                continue  # erhua: 会儿 read as one syllable
            total += 1
            if gold_base == read_base:
                right += 1
            else:
                wrong[ch] += 1
    print(f"sentences={len(sentences) - skipped} skipped={skipped} characters={total}")
    print("most often wrong: " + " ".join(f"{ch}={n}" for ch, n in wrong.most_common(12)))
    print(f"toneless_acc={right / total:.4f}")


if __name__ == "__main__":
    main()
