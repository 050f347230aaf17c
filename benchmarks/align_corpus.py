"""Chinese-sentence and equivalent accuracy on the shared evaluation corpus, with timing.

usage: python benchmarks/align_corpus.py [--corpus DIR] [--scorer FILE] [--verbose]

For every gold occurrence whose file has Chinese, the English sentence's aligned Chinese is
judged with the shared scorer's rule (`zh_correct`: character-overlap precision and recall
>= 0.8, or a clause holding the gold equivalent); `zh_null` counts sentences that gold
leaves without Chinese and the aligner did too. `equiv` runs `find_equivalent` on the gold
Chinese sentence (segmented here with jieba on the hk2s conversion) and counts character-
overlap F1 >= 0.5 with the gold equivalent. The corpus is read in place, never copied.

Runs on the corpus folder and on its bilingual/ folder, one line each, then prints the
calibration curve of the sentence aligner's confidence over both: each bead is aligned with no
threshold, and for each threshold the share of occurrences that would show a Chinese sentence
and the share of those that would show a wrong one (the shipped threshold is
`alignment.MIN_CONFIDENCE`). Gold has almost no term in a sentence without Chinese, so the last
line checks the other side on every English sentence of a paragraph that gold aligns to no
Chinese: for how many the card would show Chinese anyway.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from common import SHARED, load_tool

DEFAULT_CORPUS = SHARED / "corpus"
DEFAULT_SCORER = SHARED / "tools" / "score_corpus.py"


def make_segmenter():  # type: ignore[no-untyped-def]
    """The project's own segmenter (jieba on the OpenCC-simplified text, mapped back)."""
    from flashcards.chinese import Chinese

    return Chinese().segment


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    curve: list[tuple[float, bool | None]] = []  # (confidence, right sentence; None: gold none)
    untranslated: list[float] = []  # confidence of the bead of each untranslated sentence
    for folder in (args.corpus, args.corpus / "bilingual"):
        if (folder / "gold").is_dir():
            run(folder, args.scorer, args.verbose, curve)
            untranslated += untranslated_sentences(folder)
    from flashcards.alignment import MIN_CONFIDENCE

    print(f"calibration (shipped threshold {MIN_CONFIDENCE}): threshold shown wrong_among_shown")
    for t in sorted({round(c, 2) for c, _ in curve if c >= 0}):  # -1: no Chinese at all
        shown = [ok for c, ok in curve if c >= t]
        wrong = sum(ok is not True for ok in shown)
        if len(shown) < len(curve) * 0.4:
            break
        print(f"  {t:5.2f} {len(shown) / len(curve):.3f} {wrong / max(len(shown), 1):.3f}")
    shown = sum(c >= MIN_CONFIDENCE for c in untranslated)
    print(
        f"untranslated: {len(untranslated)} English sentences of paragraphs gold leaves without "
        f"Chinese; Chinese shown for {shown} at the shipped threshold; their beads' "
        f"confidences: {sorted(round(c, 2) for c in untranslated if c >= 0)}"
    )
    return 0


def untranslated_sentences(folder: Path) -> list[float]:
    """For every English sentence of a paragraph that gold aligns to no Chinese (`[i, []]`),
    the confidence of the bead the aligner puts it in (-1 when it has no Chinese at all).
    Paragraphs are matched by text, counted as the shared checker counts them."""
    from flashcards.alignment import align_editorial
    from flashcards.editorial import parse_editorial

    checker = load_tool(
        folder.parents[1 if folder.name == "bilingual" else 0] / "tools" / "check_gold.py"
    )
    out: list[float] = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold.get("paragraph_alignment"):
            continue
        text = (folder / gold["file"]).read_text(encoding="utf-8")
        _, en_paras, _, _ = checker.parse(text)
        lonely = [" ".join(en_paras[i].split()) for i, zh in gold["paragraph_alignment"] if not zh]
        editorial = parse_editorial(text, gold["file"])
        _, beads = align_editorial(
            editorial.en_paragraphs, editorial.zh_paragraphs, min_confidence=0.0
        )
        for bead in beads:
            for sentence in bead.en:
                if any(" ".join(sentence.text.split()) in para for para in lonely):
                    out.append(bead.score if bead.zh else -1.0)
    return out


def run(
    corpus: Path, scorer_path: Path, verbose: bool, curve: list[tuple[float, bool | None]]
) -> None:

    from flashcards import dictionary
    from flashcards.alignment import align_editorial
    from flashcards.editorial import parse_editorial
    from flashcards.equivalents import find_equivalent

    scorer = load_tool(scorer_path)
    t0 = time.perf_counter()
    dictionary.load()
    t_dict = time.perf_counter() - t0
    segment = make_segmenter()
    zh_ok = zh_gold = null_ok = null_gold = eq_ok = eq_gold = 0
    t_align = t_equiv = 0.0
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        src = corpus / (gold_path.stem + ".txt")
        editorial = parse_editorial(src.read_text(encoding="utf-8"), str(src))
        if not editorial.zh_paragraphs:
            continue
        t1 = time.perf_counter()
        _, alignments = align_editorial(editorial.en_paragraphs, editorial.zh_paragraphs)
        t_align += time.perf_counter() - t1
        by_sentence = {s.text: a for a in alignments for s in a.en}
        _, unfiltered = align_editorial(
            editorial.en_paragraphs, editorial.zh_paragraphs, min_confidence=0.0
        )
        every = {s.text: a for a in unfiltered for s in a.en}
        definitions = {e.term: e.definition for e in editorial.glossary}
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for term in gold["terms"]:
            for occ in term["occurrences"]:
                if occ["en_sentence"] not in by_sentence:
                    continue  # split otherwise by the sentence splitter: a term-finding miss
                got = by_sentence[occ["en_sentence"]].zh_text or None
                bead = every[occ["en_sentence"]]
                curve.append(
                    (
                        bead.score if bead.zh else -1.0,
                        scorer.zh_correct(
                            bead.zh_text or None, occ["zh_sentence"], occ["zh_equivalent"]
                        )
                        if occ["zh_sentence"]
                        else None,
                    )
                )
                if occ["zh_sentence"]:
                    zh_gold += 1
                    good = scorer.zh_correct(got, occ["zh_sentence"], occ["zh_equivalent"])
                    zh_ok += good
                else:
                    null_gold += 1
                    good = got is None
                    null_ok += good
                if verbose and not good:
                    print(
                        f"  ZH {src.name} [{term['term']}] got {got!r} want {occ['zh_sentence']!r}"
                    )
                if occ["zh_equivalent"]:
                    eq_gold += 1
                    t2 = time.perf_counter()
                    words = segment(occ["zh_sentence"])
                    pred = find_equivalent(
                        term["term"],
                        occ["surface"],
                        definitions.get(term["term"], ""),
                        occ["zh_sentence"],
                        words,
                        occ["en_sentence"],
                    )
                    t_equiv += time.perf_counter() - t2
                    ok = bool(pred) and scorer.char_overlap_f1(pred, occ["zh_equivalent"]) >= 0.5
                    eq_ok += ok
                    if verbose and not ok:
                        print(
                            f"  EQUIV [{term['term']}] got {pred!r} want {occ['zh_equivalent']!r}"
                        )

    def r(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "n/a"

    print(
        f"dictionary load {t_dict:.2f}s; alignment {t_align * 1000:.0f} ms; "
        f"equivalents {t_equiv * 1000:.0f} ms (incl. segmentation)"
    )
    print(
        f"{corpus.name}: zh_acc={r(zh_ok, zh_gold)} ({zh_ok}/{zh_gold}) "
        f"zh_null={r(null_ok, null_gold)} ({null_ok}/{null_gold}) "
        f"equiv={r(eq_ok, eq_gold)} ({eq_ok}/{eq_gold})"
    )


if __name__ == "__main__":
    sys.exit(main())
