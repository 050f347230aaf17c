"""Is this an English word, and where do glued words part? The only home of wordfreq.

Text copied from PDFs and old web pages loses spaces: `hasintroduced`, `tocriticise`. A token
is split when the English words it parts into are, together, far likelier than the token as
one word (as wordfreq counts them); an ordinary word (`spending`, `calendar`, `onto`) is
likelier whole and is never split. Word frequencies are wordfreq's Zipf values: log10 of a
word's frequency per billion words (`the` 7.7, `criticise` 3.2, an unknown string 0).
"""

from __future__ import annotations

import re
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


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common `word` is in English: wordfreq's Zipf value, 0 for an unknown word."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


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
        if len(split_glued(token)) > 1:
            return _best_split(token, favoured)
        # wordfreq counts hashtags and typos: `climatechange` is rare as one word, and it
        # parts when one of its parts is a word sought
        parts = _best_split(token, favoured)
        if zipf(token) < _RARE and any(p.lower() in favoured for p in parts) and len(parts) > 1:
            return parts
        return (token,)
    z = zipf(token)
    whole = _TOP_ZIPF - z + _PART_COST if z > 0 else float("inf")
    parts = _best_split(token, favoured)
    if _split_cost(parts, favoured) >= whole:
        return (token,)
    return parts


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
