"""Whether flashcards' quicker pysbd (flashcards/_pysbd.py) finds pysbd's own sentences.

usage: python benchmarks/pysbd_spans.py [--shared ../shared] [--random 20000] [--seed 0]

Every line and every paragraph of the text files of ../shared, and random texts made of list
markers, abbreviations, quotes, brackets, ellipses and pysbd's placeholder characters, are
split with flashcards' segmenter and with pysbd's English rules as pysbd ships them; each
text is split as written and with plain quotes (as split_english reads it). Prints how many
texts differ (0 is the only good figure) and the first few that do.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import time
from pathlib import Path

from common import SHARED
from pysbd.lang.english import English

from flashcards.sentences import _PLAIN_QUOTES, _segmenter

SUFFIXES = (".txt", ".en", ".md", ".json", ".sent")
TOKENS = (
    "a. b. c. i. ii. iii. (a) (b) (i) (ii) (iv) (v) iv. v. a) b) 1. 2. 3. 5. 12. 1) 2) 10. 11. "
    "9. 0. - ⁃ the He said I I. A. B. Mr. U.S. p.m. a.m. P.M. A.M. The It What 5 3.5 .5 °. "
    "! ? !! ?! !!! ?!? !?! ?' !' ... .... . . . ( ) [ ] [1] « » «x» “ ” ‘ ’ ‘q’ ' 'quoted' 'tis "
    '" ?" !" -- --dash-- , : ; Co. KG \'s x.com x.[12] word.12 file .pdf .txt 45° e.g. i.e. '
    "Yahoo! Yum! ǃKung U∯S ☉ ∯ ♨ ☝ ƪƪƪ &ᓴ& &ᓷ& &⎋& ȸ ☇ ☈ ☄ ♬ ♭ ∮ ☏☏ ♟ ♝ \u0130. \u212a. \r \n \t"
).split(" ")


def texts(shared: Path, count: int, seed: int) -> set[str]:
    found: set[str] = set()
    for path in sorted(shared.rglob("*")):
        if not (path.is_file() and path.suffix in SUFFIXES):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for part in text.split("\n\n") + text.split("\n"):
            if re.search("[A-Za-z]", part) and len(part) < 20_000:
                found.add(part)
    rng = random.Random(seed)
    for _ in range(count):
        found.add(" ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 25))))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--random", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    ours = _segmenter()
    own = copy.copy(ours)
    own.language_module = English  # pysbd's own processor and rules

    def spans(segmenter: object, text: str) -> list[tuple[str, int, int]]:
        return [(s.sent, s.start, s.end) for s in segmenter.segment(text)]  # type: ignore[attr-defined]

    started = time.process_time()
    checked, differ = 0, []
    for text in sorted(texts(args.shared, args.random, args.seed)):
        for form in dict.fromkeys((text, text.translate(_PLAIN_QUOTES))):
            checked += 1
            if spans(ours, form) != spans(own, form):
                differ.append(form)
    print(f"{checked} texts ({time.process_time() - started:.0f} s CPU): {len(differ)} differ")
    for text in differ[:5]:
        print("  ", repr(text[:200]))


if __name__ == "__main__":
    main()
