"""English and Chinese sentence splitting. The only home of pysbd, with its helper
_pysbd.py (pysbd's English rules, quicker).

Both splitters lose no text: every non-blank character of a paragraph lies in exactly one
sentence, and `paragraph[s.start:s.end] == s.text`.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

from .models import Sentence

# A Chinese sentence ends at 。！？ (or their ASCII and small forms, ﹖﹗) and the closing
# quotes after them.
_ZH_END = re.compile(r"[。！？!?﹖﹗]+[」』”’）)]*")


@cache
def _segmenter() -> Any:
    from ._pysbd import segmenter  # imported here: nothing heavy happens at import time

    return segmenter()


# A full stop (or ? !) glued to the next sentence's capitalised first word, as text copied
# from PDFs has it: `on the head.Since then`. Before the stop: a word of two letters or more
# that is not the end of a dotted abbreviation (`U.S.`), a number or a closing bracket;
# closing quotes may follow the stop (plain ones: pysbd reads a copy with plain quotes).
_GLUED_END = re.compile(
    r"(?P<word>(?<![.\w])[A-Za-z]{2,}|\b\d+|[)\]])[.!?]+['\"]*+(?=[\"']?[A-Z])"
    r"(?![A-Za-z]+\.[A-Za-z])"  # not inside a dotted name: `www.News.gov.hk`
)


_PLAIN_QUOTES = str.maketrans(dict.fromkeys("“”„‟", '"') | dict.fromkeys("‘’‛", "'"))


def _abbreviations() -> frozenset[str]:
    """pysbd's English abbreviations (`mr`, `st`, `ltd`): a stop after one ends nothing."""
    from ._pysbd import ABBREVIATIONS

    return ABBREVIATIONS


# what every _GLUED_END holds: a stop, perhaps quotes, a capital (a quick test first)
_GLUED = re.compile("[.!?]['\"]*[A-Z]")


def _glued_cuts(sentence: str) -> list[int]:
    """Where sentences glued without a space part, inside what pysbd took as one."""
    if not _GLUED.search(sentence):
        return []
    cuts = []
    for m in _GLUED_END.finditer(sentence):
        word = m.group("word")
        if word.lower() in _abbreviations():
            continue
        cuts.append(m.end())
    return cuts


def split_english(paragraph: str, paragraph_index: int = 0) -> tuple[Sentence, ...]:
    """Split an English paragraph with pysbd's rules (abbreviations such as "US", "G8",
    "i.e." and decimals do not end a sentence), and where a sentence's stop is glued to the
    next one's first word (`head.Since`)."""
    spans: list[tuple[int, int]] = []
    # pages mix quote styles (`"Christian Soldiers”`), which throws pysbd's pairing of
    # quotes off for the rest of the paragraph: it reads a copy with plain ones (as long)
    for span in _segmenter().segment(paragraph.translate(_PLAIN_QUOTES)):
        bounds = [span.start, *(span.start + c for c in _glued_cuts(span.sent)), span.end]
        spans.extend(pairwise(bounds))
    return _sentences(paragraph, paragraph_index, spans)


def split_chinese(paragraph: str, paragraph_index: int = 0) -> tuple[Sentence, ...]:
    """Split a Chinese paragraph after 。！？ and any closing quotes that follow."""
    cuts = [m.end() for m in _ZH_END.finditer(paragraph)]
    bounds = [0, *cuts, len(paragraph)]
    return _sentences(paragraph, paragraph_index, list(pairwise(bounds)))


def _sentences(
    paragraph: str, paragraph_index: int, spans: list[tuple[int, int]]
) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    covered = 0
    for start, end in spans:
        # pysbd's spans may overlap or skip characters around whitespace: make them a partition
        start, end = max(start, covered), max(end, covered)
        covered = end
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(paragraph[start:end], paragraph_index, len(out), start, end))
    if covered < len(paragraph) and paragraph[covered:].strip():
        rest = paragraph[covered:]
        start = covered + len(rest) - len(rest.lstrip())
        end = len(paragraph.rstrip())
        out.append(Sentence(paragraph[start:end], paragraph_index, len(out), start, end))
    return tuple(out)
