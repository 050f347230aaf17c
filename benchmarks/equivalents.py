"""Chinese equivalents of glossary terms: right, wrong and empty picks against gold.

usage: python benchmarks/equivalents.py [--shared ../shared] [--verbose]

Runs the whole pipeline in-process on every shared corpus file and on the bundled sample,
and compares each occurrence's `zh_equivalent` with the gold one, as the team's scorer does
(`score_corpus.py`: a pick is right when its character-overlap F1 with the gold is at least
0.5). Prints, for the corpus and for the sample, right/wrong/empty counts, recall
(right / gold) and precision (right / picks); `--verbose` prints every item.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from common import SHARED

from flashcards.pipeline import build_file, sample_path

# The sample's gold, by term and occurrence in text order (it ships without a gold file).
SAMPLE_GOLD = {
    ("cramped", 0): "狹小",
    ("cramped", 1): "擠迫",
    ("seek", 0): "諮詢",
    ("take sth into account", 0): "顧及",
    ("facility", 0): "設施",
    ("cater for sb/sth", 0): "照顧",
}


def overlap_f1(pred: str, gold: str) -> float:
    """Character-multiset F1 of a prediction against the gold equivalent."""
    common = sum((Counter(pred) & Counter(gold)).values())
    return 0.0 if not common else 2 * common / (len(pred) + len(gold))


def corpus_gold(path: Path) -> dict[tuple[str, int], str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        (term["term"], i): occ["zh_equivalent"]
        for term in data["terms"]
        for i, occ in enumerate(term["occurrences"])
        if occ["zh_equivalent"]
    }


def judge(source: Path, gold: dict[tuple[str, int], str], verbose: bool) -> Counter[str]:
    """Counts of right, wrong and empty picks for one file."""
    counts: Counter[str] = Counter()
    for card in build_file(source).cards:
        occurrences = sorted(
            card.occurrences,
            key=lambda o: (o.match.sentence.paragraph, o.match.sentence.index),
        )
        for i, occ in enumerate(occurrences):
            want = gold.get((card.entry.term, i))
            if want is None:
                continue
            got = occ.zh_equivalent
            verdict = "empty" if not got else "right" if overlap_f1(got, want) >= 0.5 else "wrong"
            counts[verdict] += 1
            if verbose:
                print(f"  {verdict:5} {source.name} [{card.entry.term}] got {got} want {want}")
    return counts


def line(name: str, counts: Counter[str]) -> str:
    total = counts["right"] + counts["wrong"] + counts["empty"]
    picks = counts["right"] + counts["wrong"]
    recall = counts["right"] / total if total else 0.0
    precision = counts["right"] / picks if picks else 0.0
    return (
        f"{name}: right={counts['right']} wrong={counts['wrong']} empty={counts['empty']} "
        f"recall={recall:.3f} precision={precision:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--verbose", action="store_true", help="print every item")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not (corpus / "gold").is_dir():
        print(f"no corpus gold under {corpus}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    corpus_counts: Counter[str] = Counter()
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        source = corpus / (gold_path.stem + ".txt")
        if source.exists():
            corpus_counts += judge(source, corpus_gold(gold_path), args.verbose)
    sample_counts = judge(sample_path(), SAMPLE_GOLD, args.verbose)
    elapsed = time.perf_counter() - started
    print(line("corpus", corpus_counts))
    print(line("sample", sample_counts))
    print(line("total", corpus_counts + sample_counts))
    print(f"time={elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
