"""Term finding on text damaged as copy-paste damages it: words glued together.

usage: python benchmarks/damage.py [--shared ../shared] [--corpus DIR] [--seed 13] [--verbose]
       [SHARE ...]

For every file of ../shared/corpus, a share of the candidate spaces is deleted (seeded, so a
run is reproducible): the spaces around each gold surface (before it, after it and between
its words) and the space after every full stop of the English text. The gold is mapped
through the same deletions (a surface glued to a neighbour grows to the whole glued run:
`has introduced` → `hasintroduced`). The damaged files and gold are scored with the team's
scorer, in-process; one line per share (default 0, 20 and 50 %): en_recall, en_precision,
surface.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import SHARED, load_tool
from corpus import run_in_process

_HAN = re.compile(r"[\u3400-\u9fff]")
_GLOSSARY = "■/ Glossary"
_STOP_SPACE = re.compile(r"(?<=[.!?]) (?=\S)")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_WORD_CHAR = re.compile(r"[^\W_]|[-\u2010\u2011](?=[^\W_])")


def english_spans(text: str) -> list[tuple[int, int]]:
    """The lines of the English text: before the glossary, with no Chinese in them."""
    end = text.find(_GLOSSARY)
    end = len(text) if end < 0 else end
    spans, pos = [], 0
    for line in text[:end].splitlines(keepends=True):
        if not _HAN.search(line):
            spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def candidate_spaces(text: str, gold: dict[str, Any]) -> set[int]:
    """Offsets of the spaces that may be deleted."""
    english = english_spans(text)
    spaces: set[int] = set()
    for start, end in english:
        spaces.update(start + m.start() for m in _STOP_SPACE.finditer(text[start:end]))
    for term in gold["terms"]:
        for occ in term["occurrences"]:
            for s_start in _all(text, occ["en_sentence"]):
                if not any(a <= s_start < b for a, b in english):
                    continue
                sentence = occ["en_sentence"]
                at = sentence.find(occ["surface"])
                if at < 0:
                    continue
                lo, hi = s_start + at, s_start + at + len(occ["surface"])
                spaces.update(i for i in range(lo - 1, hi + 1) if text[i] == " ")
    return spaces


def _all(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


class Damage:
    """Deleted offsets of a text, and the mapping of old offsets to new ones."""

    def __init__(self, text: str, deleted: set[int]) -> None:
        self.deleted = sorted(deleted)
        self.text = "".join(ch for i, ch in enumerate(text) if i not in deleted)
        self.original = text

    def map(self, offset: int) -> int:
        return offset - bisect.bisect_left(self.deleted, offset)

    def sentence(self, sentence: str) -> tuple[str, int] | None:
        """The damaged sentence and its new offset (of its first place in the text)."""
        start = self.original.find(sentence)
        if start < 0:
            return None
        a, b = self.map(start), self.map(start + len(sentence))
        return self.text[a:b], a

    def surface(self, sentence: str, surface: str) -> str:
        """The gold surface after the damage: mapped, then grown to the whole glued run."""
        s_start = self.original.find(sentence)
        at = s_start + sentence.find(surface)
        a, b = self.map(at), self.map(at + len(surface))
        new_sentence = self.sentence(sentence)
        assert new_sentence is not None
        lo = new_sentence[1]
        hi = lo + len(new_sentence[0])
        while a > lo and _WORD_CHAR.match(self.text, a - 1):
            if _POSSESSIVE.search(self.text, lo, a):
                break  # `Government’scollusion`: the run starts after the possessive
            a -= 1
        while b < hi and _WORD_CHAR.match(self.text, b):
            b += 1
        return self.text[a:b]


def damage_corpus(corpus: Path, out: Path, share: float, seed: int) -> None:
    """Write damaged copies of the corpus files and their mapped gold into `out`."""
    (out / "gold").mkdir(parents=True, exist_ok=True)
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        source = corpus / f"{gold_path.stem}.txt"
        if not source.exists():
            continue
        text = source.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        spaces = sorted(candidate_spaces(text, gold))
        rng = random.Random(f"{seed}:{gold_path.stem}")
        chosen = {i for i in spaces if rng.random() < share}
        damage = Damage(text, chosen)
        for term in gold["terms"]:
            for occ in term["occurrences"]:
                mapped = damage.sentence(occ["en_sentence"])
                if mapped is None:
                    continue
                occ["surface"] = damage.surface(occ["en_sentence"], occ["surface"])
                occ["en_sentence"] = mapped[0]
        (out / source.name).write_text(damage.text, encoding="utf-8")
        (out / "gold" / gold_path.name).write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shares", nargs="*", type=float, default=[0, 20, 50], metavar="SHARE")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--corpus", type=Path, help="a folder of texts and gold/ [corpus]")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    parser.add_argument("--keep", type=Path, help="write the damaged corpora here")
    args = parser.parse_args()
    scorer = load_tool(args.shared / "tools" / "score_corpus.py")
    scorer.run_tool = run_in_process
    for share in args.shares:
        with tempfile.TemporaryDirectory() as tmp:
            out = (args.keep or Path(tmp)) / f"damage-{share:g}"
            corpus = args.corpus or args.shared / "corpus"
            damage_corpus(corpus, out, share / 100, args.seed)
            totals = scorer.score_dir("in-process", out, args.verbose)
        line = scorer.fmt(f"damage {share:g}%", totals)
        print(" ".join(w for w in line.split() if not w.startswith(("zh_", "equiv"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
