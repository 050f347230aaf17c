"""Is this an English word, and where do glued words part? The only home of wordfreq.

Text copied from PDFs and old web pages loses spaces: `hasintroduced`, `tocriticise`. A token
is split when the English words it parts into are, together, far likelier than the token as
one word (as wordfreq counts them); an ordinary word (`spending`, `calendar`, `onto`) is
likelier whole and is never split. Word frequencies are wordfreq's Zipf values: log10 of a
word's frequency per billion words (`the` 7.7, `criticise` 3.2, an unknown string 0).
"""

from __future__ import annotations

import math
import re
import sqlite3
from functools import lru_cache

_MAX_WORD = 24  # no English word in the split is longer than this
_MAX_TOKEN = 120  # longer runs are not glued words (a URL, a code): left alone
_RARE = 3.0  # rarer than once in a million words: a word sought may part it
MIN_ZIPF = 1.5  # rarer than this is not an English word (but a typo, a code, a name)
_MIN_SHORT_ZIPF = 5.5  # a part of one or two letters must be a very common word (of, to, a)
_PART_COST = 1.0  # each part costs as much as a word ten times rarer: fewer parts win ties
_TOP_ZIPF = 9.0  # above the Zipf value of any word: costs stay positive
_CAMEL = re.compile(r"[a-z][A-Z]")  # `HongKongis`: a capital after a small letter begins a word
_FAVOURED_COST = _PART_COST + 1.0  # a favoured word costs as much as the commonest word
_PLAIN = re.compile(r"[a-z]+")  # wordfreq reads such a word as one token, as it is
_MINIMUM = 10**0.0 / 1e9  # the frequency of Zipf 0, wordfreq's floor for unknown words


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common `word` is in English: wordfreq's Zipf value, 0 for an unknown word.

    The value is `wordfreq.zipf_frequency(word.lower(), "en")`, but wordfreq's English list
    is read from an SQLite index in the user cache folder (see `cache.index`), not into
    each process's memory (47 MB); wordfreq itself is imported only to tokenize a word that
    is not plain lowercase ASCII letters. Its arithmetic is followed step by step, so the
    values are the same to the bit (`tests/test_words.py` compares them)."""
    word = word.lower()
    tokens = [(word, word)] if _PLAIN.fullmatch(word) else _tokens(word)
    return round(math.log(_frequency(tokens), 10) + 9, 2)


def _tokens(word: str) -> list[tuple[str, str]]:
    """wordfreq's tokens of a word, each with its digits smashed (as its list has them)."""
    from wordfreq.numbers import smash_numbers
    from wordfreq.tokens import lossy_tokenize

    return [(smash_numbers(token), token) for token in lossy_tokenize(word, "en")]


def _frequency(tokens: list[tuple[str, str]]) -> float:
    """wordfreq's `word_frequency(word, "en", minimum=_MINIMUM)`, from the word's tokens:
    their frequencies combined as 1/f = 1/f1 + 1/f2 + …, rounded to 3 significant digits."""
    if not tokens:
        return _MINIMUM
    one_over_result = 0.0
    for smashed, token in tokens:
        freq = _listed(smashed)
        if freq is None:
            return _MINIMUM
        if smashed != token:  # a digit sequence: wordfreq's estimate of it
            from wordfreq.numbers import digit_freq

            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    unrounded = max(1.0 / one_over_result, _MINIMUM)
    return round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)


def _listed(token: str) -> float | None:
    """The frequency wordfreq's English list gives a token, None for one it does not list."""
    from .cache import index

    db = index("wordfreq", "wordfreq", _build_index)
    row = db.execute("SELECT freq FROM freq WHERE word = ?", (token,)).fetchone()
    return float(row[0]) if row else None


def _build_index(db: sqlite3.Connection) -> None:
    """wordfreq's English frequency list (its best one), as it holds it in memory."""
    from wordfreq import get_frequency_dict

    db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq REAL) WITHOUT ROWID")
    db.executemany("INSERT INTO freq VALUES (?, ?)", get_frequency_dict("en", "best").items())


def _cost(word: str) -> float:
    z = zipf(word)
    return _TOP_ZIPF - z + _PART_COST


def _usable_part(word: str) -> bool:
    if len(word) <= 2:
        return zipf(word) >= _MIN_SHORT_ZIPF and (len(word) == 2 or word.lower() in "ai")
    return zipf(word) >= MIN_ZIPF


def is_word(token: str) -> bool:
    """An English word as it stands (not a run of glued words)."""
    return split_glued(token) == (token,)


@lru_cache(maxsize=16384)
def split_glued(token: str, favoured: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words a run of letters was glued from (`hasintroduced` → has, introduced), or the
    token alone when it is likelier one word, or cannot be parted into English words.

    `favoured` words (lower case; the forms of a term's words) are preferred where the run
    parts several ways (`theirrespective`: their respective, not the irrespective), and part
    a rare run (`climatechange`); a common word is never split for them.
    The parts join to the token exactly (case kept)."""
    if len(token) < 3 or len(token) > _MAX_TOKEN or not token.isalpha():
        return (token,)
    if favoured:
        plain = split_glued(token)
        if token[0].isupper() and not _CAMEL.search(token):
            # a name (`Tencent`, `Wongtaisin`) is not parted for a word sought, nor into
            # pieces that are no dictionary words (`Tin shui wai`); `Thegovernment` is
            candidates = [plain] if all(_dictionary_word(p) for p in plain) else []
        elif len(plain) > 1:
            candidates = [_best_split(token, favoured), plain]  # favour chooses a split
        else:
            # wordfreq counts hashtags and typos: `climatechange` is rare as one word, and
            # it parts when one of its parts is a word sought
            parts = _best_split(token, favoured)
            favour = any(p.lower() in favoured for p in parts)
            candidates = [parts] if zipf(token) < _RARE and favour else []
        # a word sought stands beside dictionary words only (not `yuen` of `yuenlong`), or
        # names that a camel-case break marks (`kickedRussia`, `onHong`)
        camel = _CAMEL.search(token) is not None
        for parts in candidates:
            if not any(p.lower() in favoured for p in parts) or all(
                p.lower() in favoured or _dictionary_word(p) or (camel and p[0].isupper())
                for p in parts
            ):
                return parts
        return (token,)
    z = zipf(token)
    whole = _TOP_ZIPF - z + _PART_COST if z > 0 else float("inf")
    parts = _best_split(token, favoured)
    if _split_cost(parts, favoured) >= whole:
        return (token,)
    return parts


def _dictionary_word(part: str) -> bool:
    from .lemmas import is_known

    return is_known(part) or zipf(part) >= _MIN_SHORT_ZIPF  # `the`, `of`: no lemmas


def _split_cost(parts: tuple[str, ...], favoured: frozenset[str]) -> float:
    if not all(_usable_part(p) for p in parts):
        return float("inf")
    return sum(_FAVOURED_COST if p.lower() in favoured else _cost(p) for p in parts)


def _best_split(token: str, favoured: frozenset[str]) -> tuple[str, ...]:
    """The cheapest parting of `token` into usable words (itself when there is none)."""
    n = len(token)
    # best[j]: the cheapest split of token[:j], as (cost, start of its last part)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - _MAX_WORD), j):
            if best[i][0] == float("inf"):
                continue
            part = token[i:j]
            if not _usable_part(part) or _CAMEL.search(part):
                continue
            cost = best[i][0] + (_FAVOURED_COST if part.lower() in favoured else _cost(part))
            if cost < best[j][0]:
                best[j] = (cost, i)
    if best[n][0] == float("inf"):
        return (token,)
    parts, j = [], n
    while j > 0:
        i = best[j][1]
        parts.append(token[i:j])
        j = i
    return tuple(reversed(parts))
