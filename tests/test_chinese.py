"""Chinese words and readings on Traditional text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.chinese import Chinese, join_syllables


@pytest.fixture(scope="module")
def chinese() -> Chinese:
    return Chinese()


def reading_of(chinese: Chinese, sentence: str, word: str) -> str:
    found = [w for w in chinese.words(sentence) if w.text == word]
    assert found, f"{word} is not a word of {[w.text for w in chinese.words(sentence)]}"
    return " ".join(found[0].syllables)


@pytest.mark.parametrize(
    ("sentence", "word", "reading"),
    [
        ("美俄峰會緩和關係 離間中俄難收效果", "離間", "lí jiàn"),
        ("克宮支持白俄當局強硬處理示威", "處理", "chǔ lǐ"),
        ("不代表美俄關係可望重啟或正常化", "重啟", "chóng qǐ"),
        ("就是普京最大得着", "得着", "dé zháo"),
        ("避免進一步惡化", "進一步", "jìn yí bù"),
        ("美俄關係更跌至歴史谷底", "谷底", "gǔ dǐ"),
    ],
)
def test_seed_readings(chinese: Chinese, sentence: str, word: str, reading: str) -> None:
    assert reading_of(chinese, sentence, word) == reading


def test_words_keep_the_published_script(chinese: Chinese) -> None:
    words = chinese.words("美俄關係更跌至歴史谷底。")
    assert "".join(w.text for w in words) == "美俄關係更跌至歴史谷底。"
    assert "關係" in [w.text for w in words]
    assert [w.pinyin for w in words if w.text == "。"] == [""]


def test_simplified_keeps_length_and_converts_variants(chinese: Chinese) -> None:
    text = "美俄關係更跌至歴史谷底"
    assert chinese.simplified(text) == "美俄关系更跌至历史谷底"


@pytest.mark.parametrize(
    ("syllables", "word"),
    [(("xī", "ān"), "xī'ān"), (("wú", "lùn"), "wúlùn"), (("měi", "é"), "měi'é"), ((), "")],
)
def test_syllables_join_with_apostrophes(syllables: tuple[str, ...], word: str) -> None:
    assert join_syllables(syllables) == word


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("美俄關係歴史谷底一不得着G8 2014，。「」"), max_size=40))
def test_joined_words_equal_the_sentence(text: str) -> None:
    chinese = _shared()
    assert "".join(w.text for w in chinese.words(text)) == text


_CHINESE: list[Chinese] = []


def _shared() -> Chinese:
    if not _CHINESE:
        _CHINESE.append(Chinese())
    return _CHINESE[0]
