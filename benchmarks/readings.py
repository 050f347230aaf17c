"""Whole-sentence pinyin on the CSMSC transcripts: every character of every sentence, not only
the marked polyphone of CPP.

usage: python benchmarks/readings.py [--shared ../shared] [--polyphones model|dictionary]
                                     [--limit N]

CSMSC's pinyin is the spoken form (third-tone sandhi, erhua), so the syllable is compared
without its tone: this measures the choice of reading (地 de or dì, 没 méi or mò). Sentences
whose syllables do not line up one to one with their Han characters are skipped, and so are
erhua syllables. The last line reads `toneless_acc=0.xxxx`; the lines before it count the
characters read, list the characters most often read wrong, and give `tone_acc`: the share of
syllables read right whose tone is right too, forgiving third-tone sandhi and neutral tones
(为 wéi where it is wèi, "for", counts here). 谁 counts as wrong where it is
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
    right = total = toned_right = toned_total = skipped = 0
    wrong: Counter[str] = Counter()
    wrong_tone: Counter[str] = Counter()
    for text, syllables in sentences:
        pairs = [(ch, r) for ch, r in zip(text, chinese.readings(text), strict=True) if is_han(ch)]
        if len(pairs) != len(syllables):
            skipped += 1
            continue
        for k, ((ch, read), gold) in enumerate(zip(pairs, syllables, strict=True)):
            gold_base, read_base = gold.rstrip("12345"), read.rstrip("12345")
            if gold_base.endswith("r") and gold_base != "er" and not read_base.endswith("r"):
                continue  # erhua: 会儿 read as one syllable
            total += 1
            if gold_base != read_base:
                wrong[ch] += 1
                continue
            right += 1
            toned_total += 1
            after = pairs[k + 1][1][-1:] if k + 1 < len(pairs) else ""
            if _same_tone(read[-1:], gold[-1:], after):
                toned_right += 1
            else:
                wrong_tone[f"{ch} {read}→{gold}"] += 1
    print(f"sentences={len(sentences) - skipped} skipped={skipped} characters={total}")
    print("most often wrong: " + " ".join(f"{ch}={n}" for ch, n in wrong.most_common(12)))
    print("wrong tone: " + ", ".join(f"{key} {n}" for key, n in wrong_tone.most_common(8)))
    print(f"tone_acc={toned_right / toned_total:.4f} (of the syllables read right)")
    print(f"toneless_acc={right / total:.4f}")


def _same_tone(read: str, gold: str, next_read: str) -> bool:
    """Tones agree, allowing for what the spoken transcript adds: a third tone said as a second
    before another third (卡尔普 ka2 er2 pu3), and neutral tones on either side."""
    return read == gold or "5" in (read, gold) or (read, gold, next_read) == ("3", "2", "3")


if __name__ == "__main__":
    main()
