"""Chinese equivalents of glossary terms: right, wrong and empty picks against gold, and the
calibration curve of the equivalent finder's confidence.

usage: python benchmarks/equivalents.py [--shared ../shared] [--extra FOLDER ...] [--verbose]

Runs the whole pipeline in-process on every file of the shared corpus and of its bilingual/
folder and on the bundled sample, takes the Chinese sentence the pipeline aligned to each
occurrence, and asks `rank_equivalent` for its best candidate and confidence. A pick is right
when its character-overlap F1 with the gold equivalent is at least 0.5 (as the team's scorer
has it) and wrong otherwise, also when gold has no equivalent.

Prints, per folder, right/wrong/empty counts at the shipped threshold (MIN_CONFIDENCE), then
the calibration curve over both folders (and over the bilingual folder alone): for each
threshold, the share of occurrences (with a Chinese sentence) that would show an equivalent
and the share of those that would be wrong.
Then right and wrong best candidates by kind of evidence (which sets STRENGTH), any
confidence and shown, and the same check on two held-out halves (files taken alternately): the
lowest threshold with at most 3 % wrong on one half, and what it gives on the other.
`--extra FOLDER` adds a folder in the corpus's layout (texts, and gold/NAME.json) — such as a
held-out set of parallel texts kept outside the repository — to every figure, and prints its
own line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from common import SHARED, load_tool

from flashcards.alignment import align_editorial
from flashcards.equivalents import MIN_CONFIDENCE, STRENGTH, rank_equivalent
from flashcards.pipeline import build_file, sample_path

SCORER = load_tool(SHARED / "tools" / "score_corpus.py")
# The bundled sample's gold, by term and occurrence in text order (it has no gold file).
SAMPLE_GOLD = {
    ("cramped", 0): "狹小",
    ("cramped", 1): "擠迫",
    ("seek", 0): "諮詢",
    ("take sth into account", 0): "顧及",
    ("facility", 0): "設施",
    ("cater for sb/sth", 0): "照顧",
}


def sample_gold() -> dict[tuple[str, str], str | None]:
    """SAMPLE_GOLD keyed by term and English sentence, as corpus_gold is."""
    out: dict[tuple[str, str], str | None] = {}
    for card in build_file(sample_path()).cards:
        occurrences = sorted(
            card.occurrences, key=lambda o: (o.match.sentence.paragraph, o.match.sentence.index)
        )
        for i, occ in enumerate(occurrences):
            if (card.entry.term, i) in SAMPLE_GOLD:
                out[card.entry.term, occ.match.sentence.text] = SAMPLE_GOLD[card.entry.term, i]
    return out


TARGET_WRONG = 0.03
# (confidence of the best candidate or None, gold equivalent or None, the candidate, its kind)
Item = tuple[float | None, str | None, str | None, str]


def overlap_f1(pred: str, gold: str) -> float:
    """Character-multiset F1 of a prediction against the gold equivalent."""
    common = sum((Counter(pred) & Counter(gold)).values())
    return 0.0 if not common else 2 * common / (len(pred) + len(gold))


def right(item: Item) -> bool:
    _, gold, got, _ = item
    return bool(got and gold and overlap_f1(got, gold) >= 0.5)


def corpus_gold(path: Path) -> dict[tuple[str, str], str | None]:
    """Gold equivalents by term and English sentence."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        (term["term"], occ["en_sentence"]): occ["zh_equivalent"]
        for term in data["terms"]
        for occ in term["occurrences"]
    }


def _gold_key(
    gold: dict[tuple[str, str], str | None], term: str, sentence: str
) -> tuple[str, str] | None:
    """The gold occurrence of `term` whose sentence is this one (as the scorer matches)."""
    for key in gold:
        if key[0] == term and SCORER.en_same(key[1], sentence):
            return key
    return None


def items(source: Path, gold: dict[tuple[str, str], str | None], verbose: bool) -> list[Item]:
    """One item per occurrence that has gold and a Chinese sentence from the pipeline."""
    out: list[Item] = []
    result = build_file(source)
    editorial = result.editorial
    _, beads = align_editorial(editorial.en_paragraphs, editorial.zh_paragraphs)
    # the English of the whole bead, as the pipeline passes it
    english = {s: " ".join(t.text for t in bead.en) for bead in beads for s in bead.en}
    for card in result.cards:
        entry = card.entry
        for occ in card.occurrences:
            key = _gold_key(gold, entry.term, occ.match.sentence.text)
            if key is None or not occ.zh_sentence:
                continue
            best = rank_equivalent(
                entry.term,
                occ.match.surface,
                entry.definition,
                occ.zh_sentence,
                [w.text for w in occ.words],
                occ.match.sentence.text,
                english.get(occ.match.sentence, ""),
            )
            item = (
                best and best.confidence,
                gold[key],
                best and best.text,
                (best and best.evidence) or "",
            )
            out.append(item)
            if verbose:
                shown = best is not None and best.confidence >= MIN_CONFIDENCE
                verdict = "right" if right(item) else "wrong" if shown else "-"
                print(
                    f"  {verdict:5} {source.name} [{entry.term}] "
                    f"got {best and best.text} ({best and best.confidence} "
                    f"{best and best.evidence}) want {item[1]}"
                )
    return out


def counts(found: Iterable[Item], threshold: float) -> Counter[str]:
    out: Counter[str] = Counter()
    for item in found:
        conf, gold, _, _ = item
        shown = conf is not None and conf >= threshold
        out["right" if shown and right(item) else "wrong" if shown else "empty"] += 1
        out["gold"] += bool(gold)
    return out


def line(name: str, c: Counter[str]) -> str:
    picks = c["right"] + c["wrong"]
    recall = c["right"] / c["gold"] if c["gold"] else 0.0
    wrong = c["wrong"] / picks if picks else 0.0
    return (
        f"{name}: right={c['right']} wrong={c['wrong']} empty={c['empty']} "
        f"recall={recall:.3f} wrong_share={wrong:.3f}"
    )


def lowest_safe(found: list[Item], thresholds: list[float]) -> float:
    """The lowest threshold whose shown equivalents are at most TARGET_WRONG wrong."""
    for t in thresholds:
        c = counts(found, t)
        picks = c["right"] + c["wrong"]
        if not picks or c["wrong"] / picks <= TARGET_WRONG:
            return t
    return thresholds[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--verbose", action="store_true", help="print every item")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="FOLDER")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not (corpus / "gold").is_dir():
        print(f"no corpus gold under {corpus}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    per_file: list[list[Item]] = []
    bilingual: list[Item] = []
    folders = [("corpus", corpus), ("bilingual", corpus / "bilingual")]
    folders += [(folder.name, folder) for folder in args.extra]
    for name, folder in folders:
        found: list[Item] = []
        for gold_path in sorted((folder / "gold").glob("*.json")):
            source = folder / (gold_path.stem + ".txt")
            if source.exists():
                per_file.append(items(source, corpus_gold(gold_path), args.verbose))
                found += per_file[-1]
        print(line(f"{name} (threshold {MIN_CONFIDENCE})", counts(found, MIN_CONFIDENCE)))
        if name == "bilingual":
            bilingual = found
    per_file.append(items(sample_path(), sample_gold(), args.verbose))
    print(line(f"sample (threshold {MIN_CONFIDENCE})", counts(per_file[-1], MIN_CONFIDENCE)))
    everything = [item for found in per_file for item in found]
    confidences = sorted({c for c, _, _, _ in everything if c is not None})
    print("by kind of evidence (best candidates): kind right wrong, then shown right wrong")
    for kind in STRENGTH:
        of_kind = [item for item in everything if item[3] == kind]
        good = sum(right(item) for item in of_kind)
        shown = [item for item in of_kind if item[0] is not None and item[0] >= MIN_CONFIDENCE]
        shown_good = sum(right(item) for item in shown)
        print(f"  {kind:9} {good} {len(of_kind) - good}   {shown_good} {len(shown) - shown_good}")
    for name, data in (("all folders + sample", everything), ("bilingual", bilingual)):
        print(f"calibration ({name}): threshold shown wrong_among_shown right")
        for t in confidences:
            c = counts(data, t)
            picks = c["right"] + c["wrong"]
            print(
                f"  {t:6.2f} {picks / max(len(data), 1):.3f} "
                f"{(c['wrong'] / picks if picks else 0.0):.3f} {c['right']}"
            )
    halves = [[item for found in per_file[k::2] for item in found] for k in (0, 1)]
    for k in (0, 1):
        t = lowest_safe(halves[k], confidences)
        print(line(f"half {k} picks {t:.2f}; on half {1 - k}", counts(halves[1 - k], t)))
    print(f"time={time.perf_counter() - started:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
