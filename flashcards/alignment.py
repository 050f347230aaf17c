"""English ↔ Chinese alignment: paragraphs first, then sentences inside aligned paragraphs.

Two kinds of evidence are combined in one dynamic programme over beads (1-1, n-1, 1-n, 1-0,
0-1):

* **length** (Gale & Church 1993): the Chinese length of a translation is about `ratio` times
  the English length, with a variance that grows with the length;
* **words**: the share of the English content words whose CC-CEDICT translation occurs in the
  Chinese side, and the share of the Chinese characters so accounted for (their harmonic
  mean is the bead's lexical similarity); numbers (10 ↔ 10, ten ↔ 十, 365 ↔ 三百六十五),
  Latin words (G8 ↔ G8) and quotations (''…'' ↔ 「…」) count as words too.

  Numbers are normalised across scripts: digits and Chinese numerals (二〇二三 read digit by
  digit as a year, 一百二十八), scaled amounts ($150 billion ↔ 一千五百億, 630萬) and months
  (January ↔ 1月 ↔ 一月). Line-wrap spaces that PDF and flipbook text layers leave between
  Chinese characters (余 光中) are ignored.

Each bead's cost is its prior, its length cost and its lexical dissimilarity weighted by the
number of sentences it covers, so that merging or splitting beads is decided on the evidence.
The lexical evidence also gives every bead a confidence in [0, 1].

`align_editorial` lays out real pages: datelines and headings left among the Chinese
paragraphs (2010年3月23日) are kept out of the paragraph alignment; up to three English
paragraphs may share one Chinese block; an edge sentence of an n-1 bead that accounts for no
Chinese of its own is left without Chinese; a sentence whose bead is weak takes a Chinese
sentence anywhere in the text only on strong evidence (RESCUE_MIN), which follows paragraphs
that came in another order. A bead's Chinese is shown from MIN_CONFIDENCE on: on the shared
corpus and its bilingual folder, `benchmarks/align_corpus.py` prints the calibration curve
(share shown, share wrong among shown); at 0.3, 95 % are shown and 2 % of those are wrong.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from .editorial import is_han
from .models import Alignment, Sentence
from .readers._shapes import HAN
from .sentences import split_chinese, split_english

# (English count, Chinese count) → prior probability of such a bead.
PARAGRAPH_BEADS = {
    (1, 1): 0.85, (0, 1): 0.05, (1, 0): 0.02, (1, 2): 0.04, (2, 1): 0.04, (3, 1): 0.01,
    (1, 3): 0.005,
}  # fmt: skip
SENTENCE_BEADS = {
    (1, 1): 0.55, (2, 1): 0.18, (3, 1): 0.06, (4, 1): 0.02, (5, 1): 0.006, (1, 2): 0.05,
    (2, 2): 0.02, (3, 2): 0.01, (1, 3): 0.004, (1, 0): 0.01, (0, 1): 0.01,
}  # fmt: skip
_EMPTY_LENGTH_COST = 9.0  # a side with no characters at all: lengths say nothing good
_MIN_TAIL = 1e-12  # the smallest probability the length model gives
_VARIANCE = 0.6  # variance of the Chinese length per English character, in Chinese characters
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGIT = re.compile(r"\d")
_EN_WORD = re.compile(r"[A-Za-z]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*|\d+[A-Za-z]+[A-Za-z0-9]*")
_DIGIT_OR_CAPITALS = re.compile(r"[0-9]|[A-Z][A-Z]")
_SPANS = [(1 << length) - 1 for length in range(64)]  # the bits of a word's characters
_ZH_NUMERAL = re.compile(r"[零〇○一二兩两三四五六七八九十百千萬万億亿]+")
_ZH_SCALED = re.compile(r"(\d+(?:[.,]\d+)*)\s*([萬万億亿])")
_ZH_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月")
_EN_SCALED = re.compile(r"(\d+(?:[.,]\d+)*)\s*(thousand|million|billion)\b", re.IGNORECASE)
_MONTH_NAMES = frozenset(
    """january february march april may june july august september october november
    december sept""".split()
)
_MONTHS = {name[:3]: i for i, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
)}  # fmt: skip
_WRAP_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \t\n]+(?=[\u3400-\u9fff])")
_EN_QUOTE = re.compile(r"''|[\"“”]")
_ZH_QUOTE = re.compile(r"[「『]")
# Grammatical characters that English rarely renders with a content word.
_ZH_FUNCTION = frozenset("的了是在着著和也就都而之與与及把被這这那個个們们地得所其")
_ZH_FUNCTION_CHAR = re.compile(f"[{''.join(sorted(_ZH_FUNCTION))}]")
MIN_CONFIDENCE = 0.3
# Weights of the three costs, tuned on MAC-Dev (strict F1): the length model of Gale-Church
# is too sharp for Chinese-English and is trusted little; bead priors count double.
LEXICAL_WEIGHT = 8.0  # cost of a lexically unrelated sentence, per sentence of the bead
LENGTH_WEIGHT = 0.2
PRIOR_WEIGHT = 2.0
SKIP_PENALTY = 6.0  # cost of leaving one sentence unaligned (1-0, 0-1)
# Chinese characters per English non-space character in translated editorials (and MAC);
# a short text's own ratio is blended with it, as if it had PRIOR_RATIO_WEIGHT more characters.
PRIOR_RATIO = 0.29
PRIOR_RATIO_WEIGHT = 1500
SINGLE_CHAR_WEIGHT = 0.5  # a match through a one-character Chinese word is weaker evidence
# Up to this many beads (an editorial's paragraphs, the sentences of a paragraph bead), their
# similarities are computed one by one rather than as matrices.
FEW_BEADS = 100
# An English sentence at the edge of an n-1 bead that accounts for no more than this many
# Chinese characters of its own, while having at least REDUNDANT_MIN_WORDS content words, is
# untranslated: its words only repeat those of its neighbours (jccsskc 2015-06-02).
REDUNDANT_MAX_NEW = 0
REDUNDANT_MIN_WORDS = 9
# Inside an editorial's paragraph bead, where a loose translation drops whole sentences (a
# rhetorical question, a closing line), an edge sentence with two dictionary words or more that
# accounts for at most one Chinese character of its own is left without Chinese: precision
# first. (Literary chapters such as MAC's keep the stricter rule above.)
EDITORIAL_REDUNDANT = (1, 2)
_ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "萬": 10_000, "万": 10_000, "億": 10**8,
             "亿": 10**8}  # fmt: skip
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
               "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
               "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
               "first": 1, "second": 2, "third": 3}  # fmt: skip


@dataclass(frozen=True)
class Bead:
    """Indices of the English and Chinese units aligned together, the bead's cost and the
    confidence that the two sides translate each other (0 for a bead with an empty side)."""

    en: tuple[int, ...]
    zh: tuple[int, ...]
    cost: float
    confidence: float = 0.0


def text_length(text: str) -> int:
    """Characters that carry content: no spaces, so both languages count alike."""
    return len("".join(text.split()))  # split() cuts at exactly the str.isspace characters


def numbers(text: str) -> frozenset[str]:
    """Arabic numbers of a text, thousands separators removed (`12,000` → `12000`)."""
    if not _DIGIT.search(text):
        return frozenset()  # most sentences: no need to set up the search for numbers
    return frozenset(m.group().replace(",", "") for m in _NUMBER.finditer(text))


def chinese_numeral_value(numeral: str) -> int | None:
    """The value of a Chinese numeral (`三百六十五` → 365, `十五` → 15); a run of digits
    without units is read digit by digit, as years are written (`二〇二三` → 2023); None if
    malformed."""
    numeral = numeral.replace("○", "〇")
    if len(numeral) > 1 and all(ch in _ZH_DIGITS for ch in numeral):
        return int("".join(str(_ZH_DIGITS[ch]) for ch in numeral))
    total = section = digit = 0
    seen = False
    for ch in numeral:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
            seen = True
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if unit >= 10_000:
                total += (section + digit) * unit
                section = digit = 0
            else:
                section += (digit or 1) * unit
                digit = 0
            seen = True
        else:
            return None
    return total + section + digit if seen else None


def _scaled(value: str, scale: int) -> str:
    """`1.5` × 10**6 → `1500000`."""
    number = float(value) * scale
    return str(int(number)) if number == int(number) else str(number)


def _english_numbers(text: str, words: Iterable[str] | None = None) -> set[str]:
    """Numbers (`12,000`, `ten`, `$150 billion` → 150000000000) and months, as `月1` for
    January, so that dates meet their Chinese forms (1月28日, 一月二十八日). `words`: the
    text's words (`_EN_WORD`), when already found."""
    found = set(numbers(text))
    for m in _EN_SCALED.finditer(text) if found else ():  # a scaled amount has digits
        found.add(_scaled(m.group(1).replace(",", ""), _EN_NUMBERS[m.group(2).lower()]))
    found.update(*map(_word_numbers, _EN_WORD.findall(text) if words is None else words))
    return found


@lru_cache(maxsize=16384)
def _word_numbers(token: str) -> tuple[str, ...]:
    """The number a word spells (`ten` → 10) and the month it names (`Jan` → 月1)."""
    word = token.lower()
    found = []
    value = _EN_NUMBERS.get(word)
    if value is not None:
        found.append(str(value))
    month = _MONTHS.get(word[:3]) if token[0].isupper() else None  # not `march on`
    if month is not None and (len(word) == 3 or word in _MONTH_NAMES):
        found.append(f"月{month}")
    return tuple(found)


def _chinese_numbers(text: str) -> set[str]:
    """Numbers in digits or Chinese numerals (`一百二十八`, `二〇二三`, `630萬` → 6300000) and
    months (`1月`, `一月` → `月1`)."""
    text = unicodedata.normalize("NFKC", text).replace("○", "〇")
    found = set(numbers(text))
    for m in _ZH_SCALED.finditer(text) if found else ():  # a scaled amount has digits
        found.add(_scaled(m.group(1).replace(",", ""), _ZH_UNITS[m.group(2)]))
    for m in _ZH_MONTH.finditer(text) if "月" in text else ():
        value = int(m.group(1)) if m.group(1).isdigit() else chinese_numeral_value(m.group(1))
        if value is not None and 1 <= value <= 12:
            found.add(f"月{value}")
    for m in _ZH_NUMERAL.finditer(text):
        # a lone 一 is mostly "a"/"one" in running text, not a figure worth matching
        if m.group() in ("一", "兩", "两", "萬", "万", "千", "百"):
            continue
        value = chinese_numeral_value(m.group())
        if value is not None:
            found.add(str(value))
    return found


@lru_cache(maxsize=65536)
def _word_translations(token: str) -> frozenset[str]:
    """Chinese headwords translating an English token or any of its lemmas."""
    from . import dictionary
    from .lemmas import lemmas

    cedict = dictionary.load()
    keys = {token.lower()}
    if not token.isupper():
        keys |= lemmas(token)
    out: set[str] = set()
    for key in keys:
        out |= cedict.translations(key)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _content_translations(token: str) -> frozenset[str]:
    """`_word_translations` of a content token; nothing for a stop word or a one-letter one."""
    from .dictionary import STOPWORDS

    if (token.isupper() and len(token) > 1) or (len(token) > 1 and token.lower() not in STOPWORDS):
        return _word_translations(token)
    return frozenset()


@dataclass(frozen=True)
class _EnUnit:
    weight: int  # content tokens plus numbers, Latin words and quotes to be matched
    trans: dict[str, int]  # Chinese headword → bit mask of the tokens it translates
    extra: frozenset[str]  # numbers and Latin words, matched exactly
    quotes: int


@dataclass(frozen=True)
class _ZhUnit:
    weight: int  # content characters (Han, digits, Latin)
    words: tuple[tuple[int, str], ...]  # dictionary words found, with their offsets
    cover: dict[str, int]  # each word found → bit mask of the characters it covers
    extra: frozenset[str]
    quotes: int


Words = tuple[tuple[int, str], ...]


def _dictionary_words(text: str) -> Words:
    """The dictionary words of a Chinese text (line-wrap spaces removed), with their offsets."""
    from . import dictionary

    return tuple([(pos, w) for pos, w in dictionary.load().words_in(text) if is_han(w[0])])


def _english_latin(text: str) -> set[str]:
    """Latin words with a digit (G8; its letters and digits are ASCII) or in capitals (WHO),
    lowercase."""
    if not _DIGIT_OR_CAPITALS.search(text):
        return set()  # neither can be there: most English sentences
    return {
        t.lower() for t in _LATIN.findall(text) if not t.isalpha() or (len(t) > 1 and t.isupper())
    }


def _prepare_en(text: str, heads: Callable[[str], frozenset[str]]) -> _EnUnit:
    """`heads`: a content token's translations among the words the Chinese side can have
    (only those can ever match)."""
    trans: dict[str, int] = {}
    # a token with no translation in the dictionary can be neither matched nor missed
    words = _EN_WORD.findall(text)
    tokens = list(filter(_content_translations, words))
    for bit, token_heads in enumerate(map(heads, tokens)):
        mask = 1 << bit
        for head in token_heads:
            trans[head] = trans.get(head, 0) | mask
    extra = frozenset(_english_numbers(text, words) | _english_latin(text))
    quotes = len(_EN_QUOTE.findall(text)) // 2
    return _EnUnit(len(tokens), trans, extra, quotes)


def _prepare_zh(text: str, words: Callable[[str], Words]) -> _ZhUnit:
    """`text` without its line-wrap spaces; `words` finds the dictionary words of such a text."""
    normal = unicodedata.normalize("NFKC", text)
    latin = {t.lower() for t in _LATIN.findall(normal)}
    # Han characters that are no function characters (all of which are Han)
    weight = len(HAN.findall(text)) - len(_ZH_FUNCTION_CHAR.findall(text)) + len(latin)
    extra = frozenset(_chinese_numbers(normal) | latin)  # NFKC twice is NFKC once
    found = words(text)
    cover: dict[str, int] = {}
    for pos, word in found:
        cover[word] = cover.get(word, 0) | _SPANS[len(word)] << pos
    return _ZhUnit(weight, found, cover, extra, len(_ZH_QUOTE.findall(text)))


class _Features:
    """What the lexical evidence needs of each text, computed once however many alignments
    ask for it (an editorial's paragraphs, the sentences of each paragraph bead, the rescue of
    weak beads); kept for one editorial, or one call of `align_units`."""

    def __init__(self) -> None:
        self._en: dict[str, _EnUnit] = {}
        self._zh: dict[str, _ZhUnit] = {}
        self._words: dict[str, Words] = {}  # Chinese text without wrap spaces → its words
        self._heads: dict[str, frozenset[str]] = {}  # content token → translations present
        self._present: set[str] = set()  # every dictionary word of the Chinese units seen

    def en(self, text: str) -> _EnUnit:
        unit = self._en.get(text)
        if unit is None:
            unit = self._en[text] = _prepare_en(text, self._heads_of)
        return unit

    def zh(self, text: str) -> _ZhUnit:
        """The Chinese unit of a text; its words are admitted (English units may match them)."""
        unit = self._zh.get(text)
        if unit is None:
            # 余 光中: a line wrap of a PDF or flipbook text layer
            unit = self._zh[text] = _prepare_zh(_WRAP_SPACE.sub("", text), self._words_of)
            self.admit(unit.cover)
        return unit

    def admit(self, words: Iterable[str]) -> None:
        """Let English units match these Chinese words too (a unit's translations are kept
        to the words present, which are far fewer than a common word's translations)."""
        new = set(words) - self._present
        if new:
            self._present |= new
            self._en.clear()
            self._heads.clear()

    def split_paragraph(self, paragraph: str, sentences: Sequence[Sentence]) -> None:
        """Find the dictionary words of a Chinese paragraph once, and give each sentence the
        words that lie inside it (the same as looking in the sentence alone)."""
        text = _WRAP_SPACE.sub("", paragraph)
        words = self._words_of(text)
        self.admit(word for _, word in words)
        removed = [(m.start(), m.end()) for m in _WRAP_SPACE.finditer(paragraph)]

        def unwrapped(offset: int) -> int:
            return offset - sum(
                min(end, offset) - start for start, end in removed if start < offset
            )

        starts = [pos for pos, _ in words]
        for sentence in sentences:
            a, b = unwrapped(sentence.start), unwrapped(sentence.end)
            own = text[a:b]
            if own in self._words or own != _WRAP_SPACE.sub("", sentence.text):
                continue
            inside = words[bisect_left(starts, a) : bisect_left(starts, b)]
            self._words[own] = tuple([(pos - a, w) for pos, w in inside if pos + len(w) <= b])

    def _words_of(self, text: str) -> Words:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = _dictionary_words(text)
        return found

    def _heads_of(self, token: str) -> frozenset[str]:
        heads = self._heads.get(token)
        if heads is None:
            heads = self._heads[token] = _content_translations(token) & self._present
        return heads


class _Lexicon:
    """Lexical evidence between English and Chinese units, each piece computed once."""

    def __init__(
        self, en: Sequence[str], zh: Sequence[str], features: _Features | None = None
    ) -> None:
        features = features or _Features()
        self.zh = [features.zh(t) for t in zh]  # first: their words are admitted
        self.en = [features.en(t) for t in en]
        self._pairs: dict[tuple[int, int], tuple[int, int, int]] = {}
        self._en_hits: dict[tuple[int, tuple[int, ...]], float] = {}
        self._zh_hits: dict[tuple[int, tuple[int, ...]], int] = {}
        self._en_extra: dict[tuple[int, ...], frozenset[str]] = {}
        self._zh_extra: dict[tuple[int, ...], frozenset[str]] = {}
        self._similarity: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def pair(self, i: int, j: int) -> tuple[int, int, int]:
        """(tokens matched by multi-char words, by single chars, Chinese chars covered)."""
        key = (i, j)
        got = self._pairs.get(key)
        if got is None:
            trans, cover = self.en[i].trans, self.zh[j].cover
            multi = single = covered = 0
            for word in trans.keys() & cover.keys():
                if len(word) > 1:
                    multi |= trans[word]
                else:
                    single |= trans[word]
                covered |= cover[word]
            got = self._pairs[key] = (multi, single, covered)
        return got

    def new_coverage(self, i: int, en_ids: Sequence[int], zh_ids: Sequence[int]) -> int:
        """Chinese characters of `zh_ids` that English unit `i` alone accounts for, among
        the English units `en_ids` of a bead."""
        total = 0
        for j in zh_ids:
            others = 0
            for k in en_ids:
                if k != i:
                    others |= self.pair(k, j)[2]
            total += (self.pair(i, j)[2] & ~others).bit_count()
        return total

    def new_en_coverage(self, j: int, en_ids: Sequence[int], zh_ids: Sequence[int]) -> int:
        """English words of `en_ids` that Chinese unit `j` alone accounts for, among the
        Chinese units `zh_ids` of a bead."""
        total = 0
        for i in en_ids:
            others = 0
            for k in zh_ids:
                if k != j:
                    multi, single, _ = self.pair(i, k)
                    others |= multi | single
            multi, single, _ = self.pair(i, j)
            total += ((multi | single) & ~others).bit_count()
        return total

    def similarities(
        self, shapes: Iterable[tuple[int, int]], band: Sequence[tuple[int, int]] | None = None
    ) -> dict[tuple[int, int], Any]:
        """`similarity` of every bead of the given shapes (English count, Chinese count) at
        once, as tables indexed by the bead's first English and first Chinese unit
        (`table[i][j]`): lists of rows for few beads, otherwise the same values computed as
        whole numpy matrices. `band`: for each English prefix, the Chinese prefixes a path may
        reach (as `_band` gives them); beads outside it are not computed."""
        n, m = len(self.en), len(self.zh)
        shapes = sorted({(di, dj) for di, dj in shapes if 0 < di <= n and 0 < dj <= m})
        if not shapes:
            return {}
        if sum((n - di + 1) * (m - dj + 1) for di, dj in shapes) <= FEW_BEADS:
            # numpy's fixed cost is more than that of so few beads
            return self._few_similarities(shapes)
        import numpy as np

        max_di, max_dj = max(di for di, _ in shapes), max(dj for _, dj in shapes)
        # dictionary words, pair by pair: what English unit i finds in the run of dj Chinese
        # units from j, and what Chinese unit j finds in the run of di English units from i
        # (indexed by the unit whose runs are summed first: en_found[i, dj - 1, j] and
        # zh_found[j, di - 1, i], so that one cumulative sum serves every run length)
        en_found = np.zeros((n, max_dj, m))
        zh_found = np.zeros((m, max_di, n), dtype=np.int64)
        for i in range(n):
            lo = 0 if band is None else band[max(0, i - max_di)][0]
            hi = m if band is None else min(m, band[min(n, i + max_di)][1] + 1)
            en_rows, zh_rows = self._run_hits(i, lo, hi, max_di, max_dj)
            en_found[i, :, lo:hi] = en_rows
            zh_found[lo:hi, :, i] = np.transpose(zh_rows)
        # numbers, Latin words and quotations: which of them each unit has, as 0/1 columns
        # after the unit's weight and quotations
        unit_extras = [u.extra for u in self.en], [u.extra for u in self.zh]
        extras = sorted(frozenset().union(*unit_extras[0], *unit_extras[1]))
        column = {x: k for k, x in enumerate(extras, start=2)}
        # only extras that both sides have somewhere can be shared
        both_sides = frozenset().union(*unit_extras[0]) & frozenset().union(*unit_extras[1])
        common = [column[x] for x in sorted(both_sides)]

        def prefix(values: Any) -> Any:
            """Cumulative sums down the rows, from 0 (exact: integers or halves)."""
            total = np.cumsum(values, axis=0)
            return np.concatenate([np.zeros_like(total[:1]), total])

        def runs(total: Any, length: int) -> Any:
            """Sums over every run of `length` consecutive rows, from their `prefix`."""
            return total[length:] - total[:-length]

        def counts(units: Sequence[_EnUnit | _ZhUnit]) -> Any:
            """Each unit's weight, quotations and extras, as `prefix` sums down the units."""
            rows = np.zeros((len(units), 2 + len(extras)), dtype=np.int64)
            rows[:, :2] = [(u.weight, u.quotes) for u in units]
            for row, unit in enumerate(units):
                if unit.extra:
                    rows[row, [column[x] for x in unit.extra]] = 1
            return prefix(rows)

        def side(unit_counts: Any, length: int) -> tuple[Any, Any, Any, Any]:
            """For every run of `length` units (from their `counts`): its weight with its
            extras counted twice and its quotations; its quotations; the runs that have an
            extra of both sides, and which of those extras they have."""
            run = runs(unit_counts, length)
            units, quotes, present = run[:, 0], run[:, 1], run[:, 2:] > 0
            total = units + 2 * present.sum(axis=1) + quotes
            if not common:
                return total, quotes, (), ()
            mine = run[:, common] > 0
            rows = np.flatnonzero(mine.any(axis=1))
            return total, quotes, rows, mine[rows].astype(int)

        def shared_extras(en: tuple[Any, ...], zh: tuple[Any, ...]) -> Any:
            """How many extras each pair of runs shares: integers, so that numpy multiplies
            the few runs that have any without BLAS (whose threads would spin for nothing)."""
            if not (len(en[2]) and len(zh[2])):
                return 0
            shared = np.zeros((len(en[0]), len(zh[0])), dtype=np.int64)
            shared[np.ix_(en[2], zh[2])] = en[3] @ zh[3].T
            return shared

        en_lengths, zh_lengths = {di for di, _ in shapes}, {dj for _, dj in shapes}
        en_counts, zh_counts = counts(self.en), counts(self.zh)
        en_sides = {di: side(en_counts, di) for di in en_lengths}
        zh_sides = {dj: side(zh_counts, dj) for dj in zh_lengths}
        en_words, zh_words = prefix(en_found), prefix(zh_found)
        out = {}
        with np.errstate(divide="ignore", invalid="ignore"):
            for di, dj in shapes:
                en_total, en_quotes = en_sides[di][:2]
                zh_total, zh_quotes = zh_sides[dj][:2]
                # extras both sides have count on both; those of the Chinese side alone, once
                shared = shared_extras(en_sides[di], zh_sides[dj])
                found_both = 2 * shared + np.minimum(en_quotes[:, None], zh_quotes[None, :])
                en_hit = runs(en_words, di)[:, dj - 1, : m - dj + 1] + found_both
                zh_hit = runs(zh_words, dj)[:, di - 1, : n - di + 1].T + found_both
                en_all = en_total[:, None]
                zh_all = zh_total[None, :] - 2 * shared
                p = en_hit / en_all
                r = np.minimum(1.0, zh_hit / zh_all)
                p_plus_r = p + r
                harmonic = 2 * p * r / p_plus_r
                valid = (en_all > 0) & (zh_all > 0) & (p_plus_r != 0)
                out[di, dj] = np.where(valid, harmonic, 0.0)
        return out

    def _run_hits(
        self, i: int, lo: int, hi: int, max_di: int, max_dj: int
    ) -> tuple[list[list[float]], list[list[int]]]:
        """Dictionary words between English unit i and the Chinese units from lo to hi:
        en[dj - 1][j - lo], unit i's words accounted for by the run of dj Chinese units from j
        (0 where the run would pass the last unit), and zh[di - 1][j - lo], unit j's characters
        accounted for by the run of di English units from i."""
        n, m = len(self.en), len(self.zh)
        en_rows: list[list[float]] = [[] for _ in range(max_dj)]
        zh_rows: list[list[int]] = [[] for _ in range(max_di)]
        for j in range(lo, hi):
            multi = single = 0
            for dj in range(min(max_dj, m - j)):
                multi_j, single_j, _ = self.pair(i, j + dj)
                multi |= multi_j
                single |= single_j
                hit = multi.bit_count() + SINGLE_CHAR_WEIGHT * (single & ~multi).bit_count()
                en_rows[dj].append(hit)
            for dj in range(m - j, max_dj):
                en_rows[dj].append(0.0)  # the run would pass the last unit
            covered = 0
            for di in range(max_di):
                if i + di < n:
                    covered |= self.pair(i + di, j)[2]
                zh_rows[di].append(covered.bit_count())
        return en_rows, zh_rows

    def _few_similarities(
        self, shapes: Sequence[tuple[int, int]]
    ) -> dict[tuple[int, int], list[list[float]]]:
        """`similarities` as lists, each bead's `similarity` from what the beads share, each
        worked out once: the hits of each unit in each run of the other side's units (as the
        matrices have them), and each run's weight, quotations and extras."""
        n, m = len(self.en), len(self.zh)
        max_di, max_dj = max(di for di, _ in shapes), max(dj for _, dj in shapes)
        hits = [self._run_hits(i, 0, m, max_di, max_dj) for i in range(n)]

        def run_totals(
            units: Sequence[_EnUnit | _ZhUnit], longest: int
        ) -> list[list[tuple[int, int, frozenset[str]]]]:
            """totals[length - 1][k]: the weight, quotations and extras of `length` units
            from unit k."""
            totals: list[list[tuple[int, int, frozenset[str]]]] = [[] for _ in range(longest)]
            for k in range(len(units)):
                weight = quotes = 0
                extra: frozenset[str] = frozenset()
                for length, unit in enumerate(units[k : k + longest]):
                    weight += unit.weight
                    quotes += unit.quotes
                    extra |= unit.extra
                    totals[length].append((weight, quotes, extra))
            return totals

        en_runs, zh_runs = run_totals(self.en, max_di), run_totals(self.zh, max_dj)
        out = {}
        for di, dj in shapes:
            rows = []
            for i in range(n - di + 1):
                en_total, en_quotes, en_extra = en_runs[di - 1][i]
                row = []
                zh_found = hits[i][1][di - 1]
                for j in range(m - dj + 1):
                    en_hit = 0.0
                    for en_found, _ in hits[i : i + di]:
                        en_hit += en_found[dj - 1][j]
                    zh_hit = sum(zh_found[j : j + dj])
                    row.append(
                        _harmonic(
                            en_hit, en_total, en_quotes, en_extra, zh_hit, *zh_runs[dj - 1][j]
                        )
                    )
                rows.append(row)
            out[di, dj] = rows
        return out

    def _en_hit(self, i: int, zh_ids: tuple[int, ...]) -> float:
        """English unit `i`'s words accounted for by the Chinese units `zh_ids`."""
        key = (i, zh_ids)
        hit = self._en_hits.get(key)
        if hit is None:
            multi = single = 0
            for j in zh_ids:
                m, s, _ = self.pair(i, j)
                multi |= m
                single |= s
            hit = multi.bit_count() + SINGLE_CHAR_WEIGHT * (single & ~multi).bit_count()
            self._en_hits[key] = hit
        return hit

    def _zh_hit(self, j: int, en_ids: tuple[int, ...]) -> int:
        """Chinese unit `j`'s characters accounted for by the English units `en_ids`."""
        key = (j, en_ids)
        hit = self._zh_hits.get(key)
        if hit is None:
            covered = 0
            for i in en_ids:
                covered |= self.pair(i, j)[2]
            hit = self._zh_hits[key] = covered.bit_count()
        return hit

    def _extra(
        self, en_ids: tuple[int, ...], zh_ids: tuple[int, ...]
    ) -> tuple[frozenset[str], frozenset[str]]:
        en = self._en_extra.get(en_ids)
        if en is None:
            en = self._en_extra[en_ids] = frozenset().union(*(self.en[i].extra for i in en_ids))
        zh = self._zh_extra.get(zh_ids)
        if zh is None:
            zh = self._zh_extra[zh_ids] = frozenset().union(*(self.zh[j].extra for j in zh_ids))
        return en, zh

    def similarity(self, en_ids: Sequence[int], zh_ids: Sequence[int]) -> float:
        """Harmonic mean of the English words and Chinese characters accounted for."""
        en_key, zh_key = tuple(en_ids), tuple(zh_ids)
        key = (en_key, zh_key)
        sim = self._similarity.get(key)
        if sim is None:
            sim = self._similarity[key] = self._harmonic_mean(en_key, zh_key)
        return sim

    def _harmonic_mean(self, en_ids: tuple[int, ...], zh_ids: tuple[int, ...]) -> float:
        en_total = en_quotes = 0
        en_hit = 0.0
        for i in en_ids:
            en_total += self.en[i].weight
            en_quotes += self.en[i].quotes
            en_hit += self._en_hit(i, zh_ids)
        zh_total = zh_quotes = zh_covered = 0
        for j in zh_ids:
            zh_total += self.zh[j].weight
            zh_quotes += self.zh[j].quotes
            zh_covered += self._zh_hit(j, en_ids)
        en_extra, zh_extra = self._extra(en_ids, zh_ids)
        return _harmonic(
            en_hit, en_total, en_quotes, en_extra, zh_covered, zh_total, zh_quotes, zh_extra
        )


def _harmonic(
    en_hit: float,
    en_total: int,
    en_quotes: int,
    en_extra: frozenset[str],
    zh_covered: int,
    zh_total: int,
    zh_quotes: int,
    zh_extra: frozenset[str],
) -> float:
    """A bead's similarity from its sides' dictionary hits, weights, quotations and extras:
    the harmonic mean of the English words and Chinese characters accounted for."""
    zh_hit = float(zh_covered)
    # numbers, Latin words and quotations: matched as wholes, counted on both sides
    shared = len(en_extra & zh_extra)
    en_hit += 2 * shared
    zh_hit += 2 * shared
    en_total += 2 * len(en_extra)
    zh_total += 2 * len(zh_extra - en_extra)
    both = min(en_quotes, zh_quotes)
    en_hit += both
    zh_hit += both
    en_total += en_quotes
    zh_total += zh_quotes
    if en_total <= 0 or zh_total <= 0:
        return 0.0
    p, r = en_hit / en_total, min(1.0, zh_hit / zh_total)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _length_cost(en_len: int, zh_len: int, ratio: float) -> float:
    """-log P(lengths | translation), Gale-Church with a two-sided normal tail."""
    if en_len == 0 or zh_len == 0:
        return _EMPTY_LENGTH_COST
    mean = en_len * ratio
    delta = (zh_len - mean) / math.sqrt(max(en_len, 1) * _VARIANCE * ratio)
    tail = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(tail, _MIN_TAIL))


def _confidence(similarity: float, length_cost: float) -> float:
    """Map lexical similarity and length fit to [0, 1]; calibrated on the shared corpus."""
    z = 12.0 * (similarity - 0.12) - 0.35 * max(length_cost - 2.0, 0.0)
    return 1.0 / (1.0 + math.exp(-z))


def align_units(
    en: Sequence[str],
    zh: Sequence[str],
    beads: dict[tuple[int, int], float] = SENTENCE_BEADS,
    ratio: float | None = None,
    *,
    lexical: bool = True,
    lexical_weight: float = LEXICAL_WEIGHT,
    length_weight: float = LENGTH_WEIGHT,
    skip_penalty: float = SKIP_PENALTY,
    band: int | None = None,
    redundant: tuple[int, int] = (REDUNDANT_MAX_NEW, REDUNDANT_MIN_WORDS),
    zh_paragraphs: Sequence[int] | None = None,
    features: _Features | None = None,
) -> list[Bead]:
    """Align two lists of texts (sentences or paragraphs) in order.

    Args:
        en: English units.
        zh: Chinese units.
        beads: the bead shapes allowed and their prior probabilities.
        ratio: Chinese characters per English character; estimated from the texts if None.
        lexical: use dictionary evidence (CC-CEDICT, loaded on first use) besides length.
        lexical_weight: cost of a lexically unrelated bead, per unit it covers.
        length_weight: weight of the length cost.
        skip_penalty: the whole cost of a 1-0 or 0-1 bead.
        band: consider only paths within this many units of the length diagonal (for long
            texts such as book chapters); None searches everything.
        redundant: (most Chinese characters of its own, fewest dictionary words) of an edge
            English unit of an n-1 bead that is detached as untranslated.
        zh_paragraphs: the paragraph of each Chinese unit, when they are sentences of
            several: an edge sentence from another paragraph than the rest of its bead that
            translates none of its English is detached (`_detach_untranslated_chinese`).
        features: the texts' lexical features, shared with other alignments of the same
            editorial (computed here if None).

    Returns:
        The beads covering every unit of both sides once, in order.
    """
    en_lens = [text_length(t) for t in en]
    zh_lens = [text_length(t) for t in zh]
    if ratio is None:
        ratio = estimate_ratio(sum(en_lens), sum(zh_lens))
    lexicon = _Lexicon(en, zh, features) if lexical else None
    # numbers are part of the lexicon's evidence; without it they count on their own
    en_nums = [numbers(t) for t in en] if lexicon is None else []
    zh_nums = [numbers(t) for t in zh] if lexicon is None else []
    n, m = len(en), len(zh)
    en_cum = [0, *accumulate(en_lens)]
    zh_cum = [0, *accumulate(zh_lens)]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    shapes = [(di, dj, -PRIOR_WEIGHT * math.log(p)) for (di, dj), p in beads.items()]
    lo_hi = _band(en_cum, zh_cum, band) if band is not None else None
    # the lexical cost of every bead, lexical_costs[shape][i][j], as lists of rows (numpy's
    # arithmetic on a whole matrix is exact, the same as on each float)
    lexical_costs: dict[tuple[int, int], list[list[float]]] = {}
    if lexicon is not None:
        for (di, dj), sim in lexicon.similarities(beads, lo_hi).items():
            if isinstance(sim, list):
                lexical_costs[di, dj] = [
                    [lexical_weight * (1.0 - s) * (di + dj) / 2 for s in row] for row in sim
                ]
            else:
                lexical_costs[di, dj] = (lexical_weight * (1.0 - sim) * (di + dj) / 2).tolist()
    for i in range(n + 1):
        lo, hi = (0, m) if lo_hi is None else lo_hi[i]
        # the shapes whose beads from row i end inside the table: with a lexicon, their
        # lexical costs as floats from column lo, and what a bead beats skipping by
        fits = []
        for di, dj, prior_cost in shapes:
            if i + di > n:
                continue
            costs = lexical_costs.get((di, dj))
            row = None if costs is None else costs[i][lo : hi + 1]
            fits.append((di, dj, prior_cost, row, lexical_weight * 0.5 * (di + dj) / 2))
        cost_i = cost[i]
        for j in range(lo, hi + 1):
            here = cost_i[j]
            if here == inf:
                continue
            for di, dj, prior_cost, row, beats in fits:
                a, b = i + di, j + dj
                if b > m:
                    continue
                if lo_hi is not None and not lo_hi[a][0] <= b <= lo_hi[a][1]:
                    continue
                if not (di and dj):  # a unit left unaligned
                    length = 0.0
                    c = here + skip_penalty
                else:
                    if row is not None and here + prior_cost - beats >= cost[a][b]:
                        continue  # length and lexical costs are never negative: no better
                    length = _length_cost(en_cum[a] - en_cum[i], zh_cum[b] - zh_cum[j], ratio)
                    c = here + prior_cost + length_weight * length
                    if row is not None:
                        c += row[j - lo]
                        c -= beats
                    else:
                        c -= _number_bonus(en_nums[i:a], zh_nums[j:b])
                if c < cost[a][b]:
                    cost[a][b] = c
                    back[a][b] = (di, dj, length)
    out: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        di, dj, length = step
        en_ids, zh_ids = tuple(range(i - di, i)), tuple(range(j - dj, j))
        conf = 0.0
        if di and dj:
            sim = lexicon.similarity(en_ids, zh_ids) if lexicon is not None else 0.5
            conf = _confidence(sim, length)
        out.append(Bead(en_ids, zh_ids, cost[i][j] - cost[i - di][j - dj], conf))
        i, j = i - di, j - dj
    out.reverse()
    if lexicon is None:
        return out
    out = _detach_redundant(out, lexicon, *redundant)
    if zh_paragraphs is None:
        return out
    return _detach_untranslated_chinese(out, lexicon, redundant[0], zh_paragraphs)


# The same, on the Chinese side, inside an editorial's paragraph bead that holds several Chinese
# paragraphs: an edge Chinese sentence from another paragraph than the rest of its sentence bead,
# of at least UNTRANSLATED_ZH_CHARS content characters, that accounts for no more English words
# than EDITORIAL_REDUNDANT's first figure beyond what the bead's other Chinese does, and shares
# no number or Latin word with its English, translates none of it: a paragraph the English
# lacks, whose words only repeat those of its neighbour.
UNTRANSLATED_ZH_CHARS = 6


def _detach_untranslated_chinese(
    beads: list[Bead], lexicon: _Lexicon, max_new: int, paragraph_of: Sequence[int]
) -> list[Bead]:
    out: list[Bead] = []
    for bead in beads:
        zh = list(bead.zh)
        if len(zh) < 2 or not bead.en:
            out.append(bead)
            continue
        en_extra, _ = lexicon._extra(bead.en, ())
        for edge in (0, -1):
            if len(zh) < 2:
                break
            j = zh[edge]
            rest = {paragraph_of[k] for k in zh if k != j}
            if (
                paragraph_of[j] not in rest
                and lexicon.zh[j].weight >= UNTRANSLATED_ZH_CHARS
                and lexicon.new_en_coverage(j, bead.en, zh) <= max_new
                and not lexicon.zh[j].extra & en_extra
            ):
                zh.remove(j)
        if len(zh) == len(bead.zh):
            out.append(bead)
            continue
        sim = lexicon.similarity(bead.en, zh)
        dropped = tuple(j for j in bead.zh if j not in zh)
        before = [Bead((), (j,), 0.0, 0.0) for j in dropped if j < zh[0]]
        after = [Bead((), (j,), 0.0, 0.0) for j in dropped if j > zh[-1]]
        out.extend([*before, Bead(bead.en, tuple(zh), bead.cost, _confidence(sim, 0.0)), *after])
    return out


def _detach_redundant(
    beads: list[Bead], lexicon: _Lexicon, max_new: int, min_words: int
) -> list[Bead]:
    out: list[Bead] = []
    for bead in beads:
        if len(bead.en) < 2 or not bead.zh:
            out.append(bead)
            continue
        en = list(bead.en)
        head: list[Bead] = []
        tail: list[Bead] = []
        for edge in (0, -1):
            if len(en) < 2:
                break
            i = en[edge]
            if (
                lexicon.en[i].weight >= min_words
                and lexicon.new_coverage(i, en, bead.zh) <= max_new
            ):
                en.remove(i)
                (head if edge == 0 else tail).append(Bead((i,), (), 0.0, 0.0))
        if len(en) == len(bead.en):
            out.append(bead)
            continue
        sim = lexicon.similarity(en, bead.zh)
        out.extend(head)
        out.append(Bead(tuple(en), bead.zh, bead.cost, _confidence(sim, 0.0)))
        out.extend(tail)
    return out


def estimate_ratio(en_length: int, zh_length: int) -> float:
    """Chinese characters per English character: the text's own ratio, shrunk towards
    PRIOR_RATIO when the text is short (a single short paragraph says little)."""
    return (zh_length + PRIOR_RATIO * PRIOR_RATIO_WEIGHT) / (en_length + PRIOR_RATIO_WEIGHT)


def _band(en_cum: Sequence[int], zh_cum: Sequence[int], width: int) -> list[tuple[int, int]]:
    """For each English prefix, the Chinese prefixes within `width` units of the point where
    the Chinese has covered the same share of its length."""
    import bisect

    en_total, zh_total = max(en_cum[-1], 1), max(zh_cum[-1], 1)
    m = len(zh_cum) - 1
    out = []
    for pos in en_cum:
        centre = bisect.bisect_left(zh_cum, pos / en_total * zh_total)
        out.append((max(0, centre - width), min(m, centre + width)))
    return out


def _number_bonus(en_nums: Sequence[frozenset[str]], zh_nums: Sequence[frozenset[str]]) -> float:
    left = frozenset().union(*en_nums)
    right = frozenset().union(*zh_nums)
    return 2.0 * len(left & right) - 1.0 * len(left ^ right) if left or right else 0.0


HEADING_MAX = 24  # Chinese characters of a line without a sentence end that is a heading


def _is_heading(paragraph: str) -> bool:
    """A short Chinese line with no sentence-final punctuation: a dateline or a heading."""
    text = paragraph.strip()
    return text_length(text) <= HEADING_MAX and not re.search(r"[。！？!?」』.;；]$", text)


def _one_to_one_always() -> bool:
    """Whether one paragraph on each side always makes one bead: the dearest 1-1 bead (no
    word in common, the worst length fit) costs less than leaving both unaligned."""
    dearest = (
        -PRIOR_WEIGHT * math.log(PARAGRAPH_BEADS[1, 1])
        + LENGTH_WEIGHT * max(_EMPTY_LENGTH_COST, -math.log(_MIN_TAIL))
        + LEXICAL_WEIGHT * (1.0 - 0.5)  # the lexical cost less what a bead beats skipping by
    )
    return dearest < 2 * SKIP_PENALTY


def english_sentences(en_paragraphs: Sequence[str]) -> list[tuple[Sentence, ...]]:
    """The sentences of each English paragraph, as `align_editorial` splits them."""
    return [split_english(p, i) for i, p in enumerate(en_paragraphs)]


def align_editorial(
    en_paragraphs: Sequence[str],
    zh_paragraphs: Sequence[str],
    *,
    min_confidence: float = MIN_CONFIDENCE,
    en_sentences: Sequence[tuple[Sentence, ...]] | None = None,
    wanted: Container[Sentence] | None = None,
) -> tuple[tuple[Sentence, ...], tuple[Alignment, ...]]:
    """Split both sides into sentences and align them.

    Paragraphs are aligned first (a Chinese lead paragraph with no English is skipped), then
    the sentences inside each paragraph bead.

    Args:
        en_sentences: the English paragraphs' sentences, when already split
            (`english_sentences`).
        wanted: the English sentences whose Chinese is asked for (None: all). A paragraph
            bead with none of them is not aligned sentence by sentence, and its sentences
            get no `Alignment`, unless a wanted sentence's bead is weak (its rescue looks at
            every paragraph); the wanted sentences' beads are those of the whole alignment.

    Returns:
        All English sentences, and one `Alignment` per sentence bead that has English in it
        (beads whose confidence is below `min_confidence` keep their English but no Chinese).
    """
    en_sents = list(en_sentences) if en_sentences is not None else english_sentences(en_paragraphs)
    all_en = tuple(s for group in en_sents for s in group)
    if not zh_paragraphs:
        return all_en, tuple(Alignment((s,), (), 0.0) for s in all_en)
    zh_sents = [split_chinese(p, i) for i, p in enumerate(zh_paragraphs)]
    features = _Features()
    for paragraph, sentences in zip(zh_paragraphs, zh_sents, strict=True):
        features.split_paragraph(paragraph, sentences)
    ratio = estimate_ratio(
        sum(text_length(p) for p in en_paragraphs), sum(text_length(p) for p in zh_paragraphs)
    )
    # a dateline or heading left among the Chinese paragraphs (2010年3月23日) translates no
    # English paragraph: it is kept out of the paragraph alignment
    body = [j for j, p in enumerate(zh_paragraphs) if not _is_heading(p)] or list(
        range(len(zh_paragraphs))
    )
    zh_body = [zh_paragraphs[j] for j in body]
    if len(en_paragraphs) == len(zh_body) == 1 and _one_to_one_always():
        # the pairing align_units would find (its cost and confidence are not used here)
        paragraphs = [Bead((0,), (0,), 0.0)]
    else:
        paragraphs = align_units(en_paragraphs, zh_body, PARAGRAPH_BEADS, ratio, features=features)

    def sentence_beads(
        para: Bead,
    ) -> list[tuple[tuple[Sentence, ...], tuple[Sentence, ...], float]]:
        en_side = [s for i in para.en for s in en_sents[i]]
        zh_side = [s for j in para.zh for s in zh_sents[body[j]]]
        if not en_side:
            return []
        if not zh_side:
            return [((s,), (), 0.0) for s in en_side]
        found = align_units(
            [s.text for s in en_side],
            [s.text for s in zh_side],
            ratio=ratio,
            redundant=EDITORIAL_REDUNDANT,
            zh_paragraphs=[s.paragraph for s in zh_side],
            features=features,
        )
        return [
            (
                tuple(en_side[i] for i in bead.en),
                tuple(zh_side[j] for j in bead.zh),
                bead.confidence,
            )
            for bead in found
            if bead.en
        ]

    def holds_wanted(para: Bead) -> bool:
        return wanted is None or any(s in wanted for i in para.en for s in en_sents[i])

    beads = {k: sentence_beads(para) for k, para in enumerate(paragraphs) if holds_wanted(para)}
    # a weak bead of a wanted sentence may be rescued, away from the Chinese that the sure beads
    # of every paragraph show: then every paragraph is aligned
    if wanted is not None and any(
        score < RESCUE_BELOW and any(s in wanted for s in en)
        for found in beads.values()
        for en, _, score in found
    ):
        beads |= {k: sentence_beads(para) for k, para in enumerate(paragraphs) if k not in beads}
    raw = [bead for k in sorted(beads) for bead in beads[k]]
    raw = _rescue(raw, [s for group in zh_sents for s in group], ratio, features, min_confidence)
    out = [Alignment(en, zh if score >= min_confidence else (), score) for en, zh, score in raw]
    return all_en, tuple(out)


# An English sentence whose bead is less sure than RESCUE_BELOW takes the Chinese sentence (or
# two adjacent ones) anywhere in the text that it matches with at least RESCUE_MIN confidence,
# RESCUE_MARGIN above its bead's: paragraphs that came in another order, or a paragraph
# alignment thrown off by a paragraph with no counterpart, are followed on strong evidence only.
# A Chinese sentence that a bead shows already translates its own English: it is taken only
# where the rescued sentence accounts for SHARE_MIN_CHARS characters of it of its own.
RESCUE_BELOW = 0.6
RESCUE_MIN = 0.85
RESCUE_MARGIN = 0.3
SHARE_MIN_CHARS = 2


def _rescue(
    raw: list[tuple[tuple[Sentence, ...], tuple[Sentence, ...], float]],
    zh: Sequence[Sentence],
    ratio: float,
    features: _Features,
    min_confidence: float,
) -> list[tuple[tuple[Sentence, ...], tuple[Sentence, ...], float]]:
    weak = [k for k, (_, _, score) in enumerate(raw) if score < RESCUE_BELOW]
    if not weak or not zh:
        return raw
    en = [s for k in weak for s in raw[k][0]]
    # the English a shown Chinese sentence translates, when it translates nothing else
    holder: dict[Sentence, tuple[Sentence, ...] | None] = {}
    for k, (e, z, score) in enumerate(raw):
        if k not in weak and score >= min_confidence:
            for s in z:
                holder[s] = e if len(z) == 1 else None
    held = [s for owners in holder.values() if owners for s in owners]
    lexicon = _Lexicon([s.text for s in en + held], [s.text for s in zh], features)
    at = {s: i for i, s in enumerate(en + held)}
    zh_lens = [text_length(s.text) for s in zh]

    def shareable(j: int, i: int) -> bool:
        """A shown Chinese sentence may translate one more English sentence when that one
        accounts for Chinese characters of it of its own, beyond what its English does (one
        Chinese sentence for two English paragraphs), not when it only repeats their words."""
        if zh[j] not in holder:
            return True
        owners = holder[zh[j]]
        if owners is None:
            return False
        ids = [at[s] for s in owners] + [i]
        return lexicon.new_coverage(i, ids, [j]) >= SHARE_MIN_CHARS

    free = [zh[j] not in holder for j in range(len(zh))]
    windows: list[tuple[int, ...]] = [(j,) for j in range(len(zh))] + [
        (j, j + 1)
        for j in range(len(zh) - 1)
        if zh[j].paragraph == zh[j + 1].paragraph and free[j] and free[j + 1]
    ]
    best: dict[Sentence, tuple[float, tuple[int, ...]]] = {}
    for i, sentence in enumerate(en):
        en_len = text_length(sentence.text)
        for window in windows:
            if len(window) == 1 and not shareable(window[0], i):
                continue
            sim = lexicon.similarity([i], window)
            if sim <= 0:
                continue
            length = _length_cost(en_len, sum(zh_lens[j] for j in window), ratio)
            conf = _confidence(sim, length)
            if conf > best.get(sentence, (0.0, ()))[0]:
                best[sentence] = (conf, window)
    out: list[tuple[tuple[Sentence, ...], tuple[Sentence, ...], float]] = []
    for k, bead in enumerate(raw):
        if k not in weak:
            out.append(bead)
            continue
        kept = []
        for sentence in bead[0]:
            conf, found = best.get(sentence, (0.0, ()))
            if conf >= RESCUE_MIN and conf >= bead[2] + RESCUE_MARGIN:
                out.append(((sentence,), tuple(zh[j] for j in found), conf))
            else:
                kept.append(sentence)
        if kept:
            out.append((tuple(kept), bead[1], bead[2]))
    return out
