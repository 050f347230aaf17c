"""English text → word tokens with their offsets; runs of glued words parted.

Text copied from PDFs and old web pages loses spaces (`hasintroduced`, `Government’scollusion`):
`unglued_tokens` parts such runs into the words they were glued from (with `words.py`, the
home of wordfreq), never an ordinary word (lemminflect knows it, or wordfreq finds it
likelier whole), and each piece remembers the whole run, which a surface never cuts apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lemmas import is_known
from .words import MIN_ZIPF, split_glued, zipf

_TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*|['\u2019](?:s|t|re|ve|ll|d|m)\b", re.I)


@dataclass(frozen=True)
class Token:
    """A word of a sentence: its normal form and where it lies in the text."""

    norm: str
    start: int
    end: int
    # the whole run of text the token was cut from when words were glued (`has|introduced`):
    # a surface never cuts such a run apart
    outer_start: int = -1
    outer_end: int = -1
    sep: str = ""  # the punctuation between the previous token and this one

    @property
    def outer(self) -> tuple[int, int]:
        if self.outer_start < 0:
            return self.start, self.end
        return self.outer_start, self.outer_end


def normalise_word(word: str) -> str:
    """Lower case, one kind of hyphen and apostrophe."""
    return word.lower().replace("\u2010", "-").replace("\u2011", "-").replace("\u2019", "'")


@lru_cache(maxsize=1024)  # each sentence is searched once for every glossary term
def tokenize(text: str) -> tuple[Token, ...]:
    """Words with their offsets; a possessive `'s` is a token of its own."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        sep = text[tokens[-1].end : m.start()].strip() if tokens else ""
        tokens.append(Token(normalise_word(m.group()), m.start(), m.end(), sep=sep))
    return tuple(tokens)


@lru_cache(maxsize=4096)
def unglued_tokens(text: str, favoured: frozenset[str] = frozenset()) -> tuple[Token, ...] | None:
    """The tokens with runs of glued words parted (`hasintroduced` → has, introduced), or
    None when the text has no such run. A hyphenated token is parted at its ends only
    (`theheavy-handed` → the, heavy-handed). `favoured` words (a term's forms) are preferred
    where a run parts several ways."""
    out: list[Token] = []
    changed = False
    for token in tokenize(text):
        pieces = _unglue(text, token, favoured)
        changed = changed or len(pieces) > 1
        out.extend(pieces)
    return tuple(out) if changed else None


_CONTRACTIONS = ("re", "ve", "ll", "s", "t", "d", "m")


def _unglue(text: str, token: Token, favoured: frozenset[str]) -> list[Token]:
    raw = text[token.start : token.end]
    if token.start and text[token.start - 1] in "'\u2019" and zipf(raw) < MIN_ZIPF:
        # `Government’scollusion`: the possessive glued to the next word
        for ending in _CONTRACTIONS:
            rest = raw[len(ending) :]
            if raw[: len(ending)].lower() != ending or not rest.isalpha():
                continue
            if zipf(rest) > 0 or len(split_glued(rest)) > 1:  # the run parts without favour
                start = token.start + len(ending)
                apostrophe = Token("'" + ending, token.start - 1, start)
                tail = _unglue(text, Token(normalise_word(rest), start, token.end), favoured)
                return [apostrophe, *tail]
    if is_known(token.norm):
        return [token]  # an ordinary word is never parted
    components = re.split(r"[-\u2010\u2011]", raw)
    first = split_glued(components[0], favoured)
    last = split_glued(components[-1], favoured) if len(components) > 1 else ()
    if len(first) == 1 and len(last) <= 1:
        return [token]
    parts = [*first[:-1]]
    core_start = len("".join(parts))
    core_end = len(raw) - len("".join(last[1:]))
    parts.append(raw[core_start:core_end])
    parts.extend(last[1:])
    pieces, pos = [], token.start
    for part in parts:
        end = pos + len(part)
        sep = token.sep if pos == token.start else ""
        pieces.append(Token(normalise_word(part), pos, end, token.start, token.end, sep))
        pos = end
    return pieces
