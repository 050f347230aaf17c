"""Chinese equivalents of glossary terms, chosen by CC-CEDICT glosses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashcards.equivalents import find_equivalent

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize(
    "term, surface, definition, words, expected",
    [
        (
            "heatstroke",
            "heatstroke",
            "an illness caused by great heat",
            ["預防", "中暑", "及", "曬傷", "。"],
            "中暑",
        ),
        (  # "support" is deep in the definition: no evidence strong enough (precision first)
            "lend",
            "lent",
            "to give or provide help, support, etc",
            ["克宮", "支持", "白俄", "當局", "強硬", "處理", "示威"],
            None,
        ),
        (  # 單位 "work unit" shares only "work" with the definition: chance, not a rendering
            "cramped",
            "cramped",
            "too small for the people who live or work in it",
            ["不少", "考生", "居於", "狹小", "的", "單位"],
            None,
        ),
        (  # the head of the definition ("beginning") is among 伊始's glosses
            "advent",
            "advent",
            "the arrival or beginning of an important event, period or invention",
            ["新年", "伊始", ",", "香港", "再次"],
            "伊始",
        ),
        (
            "collusion",
            "collusion",
            "secret cooperation in order to do sth dishonest",
            ["香港", "更加", "沉淪", ",", "官商勾結", "加劇"],
            "勾結",
        ),  # split, then chosen
        (
            "erode",
            "eroded",
            "to weaken or destroy sth gradually",
            ["逐漸", "銷蝕", "香港", "的", "競爭力"],
            "銷蝕",
        ),
        (
            "symptom",
            "symptoms",
            "a change in your body that shows an illness",
            ["長者", "如", "有", "感冒", "病徵", "、", "發燒"],
            "病徵",
        ),
    ],
)
def test_find_equivalent(
    term: str, surface: str, definition: str, words: list[str], expected: str | None
) -> None:
    assert find_equivalent(term, surface, definition, "".join(words), words) == expected


def test_no_equivalent_when_nothing_matches() -> None:
    words = ["今天", "天氣", "很", "好", "。"]
    assert (
        find_equivalent("collusion", "collusion", "secret cooperation", "".join(words), words)
        is None
    )


def test_fillers_of_the_surface_are_not_the_term() -> None:
    # "legislators" fills the sb slot of "urge sb to do sth": 議員 must not be chosen
    words = ["他", "會", "爭取", "議員", "的", "支持"]
    got = find_equivalent(
        "urge sb to do sth",
        "urging legislators to",
        "to try hard to persuade sb to do sth",
        "".join(words),
        words,
    )
    assert got != "議員"


def test_corpus_equivalents() -> None:
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    jieba = pytest.importorskip("jieba")
    opencc = pytest.importorskip("opencc")
    from flashcards.editorial import parse_editorial

    tokenizer, converter = jieba.Tokenizer(), opencc.OpenCC("hk2s")

    def segment(text: str) -> list[str]:
        out, pos = [], 0
        for word in tokenizer.lcut(converter.convert(text)):
            out.append(text[pos : pos + len(word)])
            pos += len(word)
        return out

    def overlap_f1(pred: str, gold: str) -> float:
        from collections import Counter

        common = sum((Counter(pred) & Counter(gold)).values())
        return 0.0 if not common else 2 * common / (len(pred) + len(gold))

    right = wrong = total = 0
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        src = CORPUS / (gold_path.stem + ".txt")
        editorial = parse_editorial(src.read_text(encoding="utf-8"), str(src))
        definitions = {e.term: e.definition for e in editorial.glossary}
        for term in json.loads(gold_path.read_text(encoding="utf-8"))["terms"]:
            for occ in term["occurrences"]:
                if not occ["zh_equivalent"]:
                    continue
                total += 1
                pred = find_equivalent(
                    term["term"],
                    occ["surface"],
                    definitions.get(term["term"], ""),
                    occ["zh_sentence"],
                    segment(occ["zh_sentence"]),
                )
                good = bool(pred) and overlap_f1(pred, occ["zh_equivalent"]) >= 0.5
                right += good
                wrong += bool(pred) and not good
    assert total >= 15
    # A ratchet: raise these as equivalents improve. A wrong equivalent teaches the wrong
    # thing, so precision is held higher than recall.
    assert right / total >= 0.55
    assert right / (right + wrong) >= 0.9


def test_place_in_the_sentence_settles_a_tie() -> None:
    # 因為 ("on account of") and 顧及 ("to take into consideration") both share a term word;
    # the one standing where the surface stands in English wins.
    words = ["本報", "歡迎", "這項", "計劃", "，", "因為", "此舉", "反映", "當局", "有",
             "顧及", "年輕人", "的", "需要", "。"]  # fmt: skip
    english = "We welcome the scheme, as it shows the authorities have taken the needs of young people into account."
    surface = "taken the needs of young people into account"
    got = find_equivalent(
        "take sth into account", surface, "to think about sth", "".join(words), words, english
    )
    assert got == "顧及"
