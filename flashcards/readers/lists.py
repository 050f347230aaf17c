"""Vocabulary lists: the `list` reader.

One entry a line, the Chinese and the English side by side, in either order, with or without
a number, joined by ` - `, `=`, a space, or nothing at all; often followed by an example
sentence, which stays in the text:

    1. 年宵市場 - Lunar New Year Fair
    at this stage 在這個階段
    spot check抽查

A numbered Chinese heading with the English alone on the next line is an entry too.
"""

from __future__ import annotations

import re

from ..models import GlossaryEntry, MarkedTerm
from ._shapes import HAN_CLASS, is_label, numbered

NAME = "list"
# Chinese, with a bracketed short form allowed (`強積金 (MPF)`, `中聯辦`)
_ZH = rf"[{HAN_CLASS}][{HAN_CLASS}，,、]*(?:\s*[(（][{HAN_CLASS}A-Za-z ]{{1,20}}[)）])?"
# English words, with a bracketed part allowed (`(be) on guard`, `… Fund (MPF)`)
_EN = (
    r"(?:\([A-Za-z][A-Za-z .'/-]*\)\s*)?[A-Za-z][A-Za-z'’/.-]*"
    r"(?:\s+(?:[A-Za-z][A-Za-z'’/.-]*|\([A-Za-z][A-Za-z .'/-]*\)))*"
)
# separated sides may be long (names of institutions); adjacent ones are short terms
_SEPARATED = (
    re.compile(rf"^(?P<zh>{_ZH})\s*(?:\s[-–—－]+\s|[=＝:：]|[-–—－]{{2}})\s*(?P<en>{_EN})$"),
    re.compile(rf"^(?P<en>{_EN})\s*(?:\s[-–—－]+\s|[=＝:：]|[-–—－]{{2}})\s*(?P<zh>{_ZH})$"),
)
_ADJACENT = (
    re.compile(rf"^(?P<en>{_EN})\s*(?P<zh>{_ZH})$"),
    re.compile(rf"^(?P<zh>{_ZH})\s*(?P<en>{_EN})$"),
)
_HEADING = re.compile(rf"^\s*\d{{1,3}}[.)、．]\s*(?P<zh>{_ZH})$")
_SEPARATED_WORDS = 20
_ADJACENT_WORDS = 6


def _entry(text: str) -> tuple[str, str] | None:
    """(English, Chinese) of a list line, or None."""
    line = numbered(text.strip())
    for pattern, limit in [(p, _SEPARATED_WORDS) for p in _SEPARATED] + [
        (p, _ADJACENT_WORDS) for p in _ADJACENT
    ]:
        m = pattern.match(line)
        if m and len(m["en"].split()) <= limit and not is_label(m["zh"]):
            return m["en"].strip(), m["zh"].strip(" ,，、")
    return None


def is_entry(text: str) -> bool:
    """A complete list entry: `anxious 焦慮`, `減少 - cut down on`."""
    return _entry(text) is not None


def _english_alone(text: str) -> str | None:
    line = text.strip()
    if re.fullmatch(_EN, line) and len(line.split()) <= _ADJACENT_WORDS:
        return line
    return None


def _entries(text: str) -> list[MarkedTerm]:
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        number = i + 1
        found = _entry(line)
        if found:
            out.append(GlossaryEntry(found[0], "", None, number, gloss=found[1], form=NAME,
                                     lines=(number,)))  # fmt: skip
            continue
        m = _HEADING.match(line)
        if m is None:
            continue
        j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
        english = _english_alone(lines[j]) if j is not None else None
        if j is not None and english:
            out.append(GlossaryEntry(english, "", None, number, gloss=m["zh"], form=NAME,
                                     lines=(number, j + 1)))  # fmt: skip
    return out


def detect(text: str) -> float:
    """A list needs two entries at least; four make it sure."""
    found = len(_entries(text))
    return 0.0 if found < 2 else min(1.0, found / 4)


def read(text: str) -> tuple[MarkedTerm, ...]:
    return tuple(_entries(text))
