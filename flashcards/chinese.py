"""Chinese words and readings. The only home of jieba, pypinyin and OpenCC.

jieba's and pypinyin's data are mostly Simplified, the editorials Hong Kong Traditional: the
text is converted with OpenCC (`hk2s`, which keeps its length), segmented and read in
Simplified, and the words are cut back out of the original, so the published script is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from .models import Word

# Japanese-style variants Hong Kong papers print that OpenCC leaves alone.
_VARIANTS = str.maketrans({"歴": "历", "麪": "面", "録": "录", "戻": "戾"})
_VOWEL_INITIALS = frozenset("aāáǎàoōóǒòeēéěè")
# Readings pypinyin's phrase data gets wrong in the editorials' usage.
_PHRASE_READINGS = {"得着": [["dé"], ["zháo"]], "得著": [["dé"], ["zháo"]]}


class Chinese:
    """Segments Traditional Chinese text into words with pinyin.

    The dictionaries load on first use, so creating one is cheap; share one instance.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir

    @cached_property
    def _converter(self) -> Any:
        import opencc

        return opencc.OpenCC("hk2s")

    @cached_property
    def _tokenizer(self) -> Any:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        cache_dir = self._cache_dir or _user_cache_dir()
        if cache_dir is not None:
            tokenizer.tmp_dir = str(cache_dir)
        for word in _PHRASE_READINGS:
            tokenizer.add_word(word)
        return tokenizer

    @cached_property
    def _pinyin(self) -> Any:
        import pypinyin

        pypinyin.load_phrases_dict(_PHRASE_READINGS)
        return pypinyin

    def simplified(self, text: str) -> str:
        """The Simplified form of `text`, character for character (same length)."""
        converted: str = self._converter.convert(text)
        if len(converted) != len(text):  # a rare one-to-many conversion: go char by char
            converted = "".join(self._converter.convert(ch)[:1] or ch for ch in text)
        return converted.translate(_VARIANTS)

    def words(self, text: str) -> tuple[Word, ...]:
        """Segment `text` into words in its own script, each with tone-marked pinyin."""
        simple = self.simplified(text)
        out: list[Word] = []
        pos = 0
        for piece in self._tokenizer.cut(simple, HMM=True):
            original = text[pos : pos + len(piece)]
            pos += len(piece)
            syllables = self.syllables(piece)
            out.append(Word(original, syllables, join_syllables(syllables)))
        return tuple(out)

    def syllables(self, simplified_word: str) -> tuple[str, ...]:
        """Tone-marked pinyin of one (Simplified) word, one syllable per Han character.

        Dictionaries show 一 and 不 with their tone changes (進一步 jìn yí bù) but no other
        sandhi (處理 chǔlǐ), so only theirs are taken from pypinyin's sandhi mode.
        """
        p = self._pinyin

        def read(sandhi: bool) -> list[str]:
            blank = lambda chars: [""] * len(chars)  # noqa: E731 - keeps one item per char
            return list(
                p.lazy_pinyin(simplified_word, style=p.Style.TONE, errors=blank, tone_sandhi=sandhi)
            )

        syllables = read(False)
        if "一" in simplified_word or "不" in simplified_word:
            changed = read(True)
            syllables = [
                changed[i] if ch in "一不" else syl
                for i, (ch, syl) in enumerate(zip(simplified_word, syllables, strict=True))
            ]
        return tuple(s for s in syllables if s)


def _user_cache_dir() -> Path | None:
    """A per-user cache folder for jieba's prefix dictionary, or None to use its default."""
    try:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("flashcards"))
        path.mkdir(parents=True, exist_ok=True)
        return path
    except (ImportError, OSError):
        return None


def join_syllables(syllables: Iterable[str]) -> str:
    """Join pinyin syllables into a word, with an apostrophe before a syllable that starts
    with a, o or e (`xī'ān`), as pinyin spelling rules ask."""
    out = ""
    for syl in syllables:
        if out and syl[:1].lower() in _VOWEL_INITIALS:
            out += "'"
        out += syl
    return out
