"""Accuracy on the shared evaluation corpus, with the team's own scorer.

usage: python benchmarks/corpus.py [--shared ../shared] [--verbose]

Runs the pipeline in-process on every corpus file (instead of spawning `flashcards show
--json` per file as the scorer does) and prints the scorer's lines: terms found, en_recall,
en_precision, surface (exact surface among hits), zh_acc, zh_null, equiv; then the time.
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
    started = time.perf_counter()
    totals = scorer.score_dir("in-process", corpus, args.verbose)
    elapsed = time.perf_counter() - started
    print(scorer.fmt("corpus", totals))
    print(f"time={elapsed:.2f}s for {totals['files']} files (dictionaries loaded once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
