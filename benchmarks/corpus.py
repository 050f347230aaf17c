"""Accuracy on the shared evaluation corpus, with the team's own scorer.

usage: python benchmarks/corpus.py [--shared ../shared] [--verbose]

Runs the pipeline in-process on every corpus file (instead of spawning `flashcards show
--json` per file as the scorer does) and prints the scorer's line for each folder (`corpus`,
the Ming Pao-like files, and `bilingual`, parallel texts from other publishers): terms found,
en_recall, en_precision, surface (exact surface among hits), zh_acc, zh_null, equiv, zh_wrong
(a wrong Chinese sentence shown) and equiv_wrong (shown equivalents that are wrong); then the
time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from common import SHARED, load_tool

from flashcards.errors import FlashcardsError
from flashcards.pipeline import build_file
from flashcards.render import result_dict


def run_in_process(_binary: str, path: Path) -> dict[str, Any] | None:
    try:
        return result_dict(build_file(path))
    except FlashcardsError as err:
        print(f"  {path.name}: {err}", file=sys.stderr)
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    scorer = load_tool(args.shared / "tools" / "score_corpus.py")
    scorer.run_tool = run_in_process
    corpus = args.shared / "corpus"
    files = 0
    started = time.perf_counter()
    for name, folder in (("corpus", corpus), ("bilingual", corpus / "bilingual")):
        if not (folder / "gold").is_dir():
            print(f"{name}: no gold under {folder}", file=sys.stderr)
            continue
        totals = scorer.score_dir("in-process", folder, args.verbose)
        files += totals["files"]
        print(scorer.fmt(name, totals))
    elapsed = time.perf_counter() - started
    print(f"time={elapsed:.2f}s for {files} files (dictionaries loaded once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
