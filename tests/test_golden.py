"""Golden tests: the bundled sample against its reviewed JSON, the real seed editorial
against its gold, and the whole shared corpus against a ratchet of the figures reached."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flashcards.pipeline import build_file, sample_path
from flashcards.render import result_dict

from .conftest import CORPUS, SHARED, need_shared

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FLASHCARDS_UPDATE_GOLDEN") == "1"


def golden_inputs() -> list[tuple[Path, Path]]:
    """Each golden JSON with its input: the .txt beside it, or the bundled sample."""
    pairs = []
    for expected in sorted(GOLDEN.glob("*.json")):
        source = expected.with_suffix(".txt")
        pairs.append((sample_path() if expected.stem == "sample" else source, expected))
    return pairs


def comparable(path: Path) -> dict[str, Any]:
    data = result_dict(build_file(path))
    data["editorial"].pop("source")  # where the file lies is no part of the answer
    return data


@pytest.mark.parametrize(("source", "expected"), golden_inputs(), ids=lambda p: p.name)
def test_golden(source: Path, expected: Path) -> None:
    got = comparable(source)
    if UPDATE:
        expected.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(expected.read_text(encoding="utf-8"))


def test_seed_editorial_matches_its_gold(seed_path: Path) -> None:
    gold = json.loads((CORPUS / "gold" / "mingpao-2021-06-18.json").read_text(encoding="utf-8"))
    got = result_dict(build_file(seed_path))
    assert [t["term"] for t in got["terms"]] == [t["term"] for t in gold["terms"]]
    for mine, theirs in zip(got["terms"], gold["terms"], strict=True):
        keys = ("en_sentence", "surface", "zh_sentence")
        assert [{k: o[k] for k in keys} for o in mine["occurrences"]] == [
            {k: o[k] for k in keys} for o in theirs["occurrences"]
        ]
        for occ in mine["occurrences"]:
            assert "".join(w["text"] for w in occ["words"]) == occ["zh_sentence"]


@pytest.mark.parametrize(
    ("term", "word", "pinyin"),
    [("plumb the depths of sth", "沒有", "méiyǒu"), ("lend", "支持", "zhīchí"),
     ("lend", "處理", "chǔlǐ"), ("divergent", "南轅北轍", "nányuánběizhé")],
)  # fmt: skip
def test_seed_pinyin(seed_path: Path, term: str, word: str, pinyin: str) -> None:
    got = result_dict(build_file(seed_path))
    card = next(t for t in got["terms"] if t["term"] == term)
    words = {w["text"]: w["pinyin"] for w in card["occurrences"][0]["words"]}
    assert words[word] == pinyin


# Figures already reached on ../shared/corpus and its bilingual/ folder, per folder; raise the
# floors (and lower the ceilings of the *_wrong shares) as quality improves, never the reverse —
# unless a measured trade of recall for precision elsewhere says so: the bilingual equiv floor
# went from 0.493 to 0.44 (0.453 since) when the remainder evidence was held to its anchors' place, after 4 of
# its 6 shown picks on six unseen parallel texts were wrong (equiv_wrong there 0.25 → 0.0).
RATCHET = {
    "corpus": {
        "terms": 1.0, "en_recall": 1.0, "en_precision": 1.0, "surface": 1.0, "zh_acc": 1.0,
        "zh_null": 1.0, "equiv": 0.75,
    },
    "bilingual": {
        "terms": 1.0, "en_recall": 0.963, "en_precision": 0.963, "surface": 0.975,
        "zh_acc": 0.902, "equiv": 0.453,
    },
}  # fmt: skip
CEILINGS = {
    "corpus": {"zh_wrong": 0.0, "equiv_wrong": 0.0},
    "bilingual": {"zh_wrong": 0.024, "equiv_wrong": 0.029},
}


def _figures(line: str) -> dict[str, float]:
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)(?=\s|$)", line)}
    found, wanted = map(int, re.search(r"terms=(\d+)/(\d+)", line).groups())  # type: ignore[union-attr]
    figures["terms"] = found / wanted
    return figures


def test_corpus_scores_do_not_drop() -> None:
    scorer = need_shared(SHARED / "tools" / "score_corpus.py")
    bilingual = need_shared(CORPUS / "bilingual")
    binary = Path(sys.executable).with_name("flashcards")
    out = subprocess.run(
        [sys.executable, str(scorer), str(binary), str(CORPUS), str(bilingual)],
        capture_output=True, text=True, check=True, timeout=900,
    )  # fmt: skip
    lines = {line.split(":")[0].split("/")[-1]: line for line in out.stdout.splitlines()}
    for folder, floors in RATCHET.items():
        line = lines[folder]
        assert "failed=0" in line, out.stderr
        figures = _figures(line)
        for name, floor in floors.items():
            assert figures[name] >= floor, (
                f"{name} fell to {figures[name]} (ratchet {floor}): {line}"
            )
        for name, ceiling in CEILINGS[folder].items():
            assert figures[name] <= ceiling, (
                f"{name} rose to {figures[name]} (ceiling {ceiling}): {line}"
            )
