"""How well the readers find the terms real pages mark, against hand-written gold.

usage: python benchmarks/marked_terms.py [--shared ../shared] [--verbose]

For every file of ../shared/corpus/other-forms with gold in data/marked_terms_gold.json,
prints `found` (gold terms read), `gloss` (gold terms read with the page's Chinese gloss
right; a gloss the page does not give must be absent), `precision` (terms read that are
gold), per file and in total. Terms compare without case; glosses without spaces.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from common import SHARED

from flashcards.editorial import parse_editorial
from flashcards.errors import FlashcardsError
from flashcards.inputs import read_text

GOLD = Path(__file__).parent / "data" / "marked_terms_gold.json"


def _key(term: str) -> str:
    return " ".join(term.casefold().split())


def _zh(gloss: str | None) -> str | None:
    return None if gloss is None else "".join(gloss.split())


def score(
    path: Path, gold: list[dict[str, str | None]], verbose: bool
) -> tuple[int, int, int, int]:
    """(gold terms, found, gloss right, terms read)."""
    try:
        read = {_key(e.term): e.gloss for e in parse_editorial(read_text(path), str(path)).glossary}
    except FlashcardsError as err:
        print(f"  {path.name}: {err}", file=sys.stderr)
        read = {}
    wanted = {_key(str(g["term"])): g["zh"] for g in gold}
    found = [k for k in wanted if k in read]
    gloss = [k for k in found if _zh(read[k]) == _zh(wanted[k])]
    if verbose:
        for k in wanted:
            if k not in read:
                print(f"    missed {k!r}")
            elif k not in gloss:
                print(f"    gloss  {k!r}: {read[k]!r}, gold {wanted[k]!r}")
        for k in read:
            if k not in wanted:
                print(f"    extra  {k!r} ({read[k]!r})")
    return len(wanted), len(found), len(gloss), len(read)


def line(name: str, gold: int, found: int, gloss: int, read: int) -> str:
    return (
        f"{name}: terms={gold} found={found / max(gold, 1):.3f} gloss={gloss / max(gold, 1):.3f} "
        f"precision={sum([found]) / max(read, 1):.3f} (read {read})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--verbose", action="store_true", help="print every miss and extra")
    args = parser.parse_args()
    folder = args.shared / "corpus" / "other-forms"
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    totals = [0, 0, 0, 0]
    for name, terms in sorted(gold.items()):
        if name.startswith("_"):
            continue
        figures = score(folder / name, terms, args.verbose)
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        print(line(name, *figures))
    print(line("total", *totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
