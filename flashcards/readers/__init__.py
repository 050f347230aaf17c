"""Readers of marked terms: one module per way a page marks its vocabulary, and the registry
that runs them.

Each reader module has a `NAME`, `detect(text) -> float` (0: not this form; 1: sure) and
`read(text) -> tuple[MarkedTerm, ...]`; `read` may raise `InputError` for a block it
recognises but cannot read. A reader may also have `NOISE`, a pattern of bracketed marks that
are no part of the text's sentences (footnote markers), which the editorial removes from its
body, and `ENGLISH_NOISE`, one removed from English lines only (Chinese glosses in brackets:
a card that shows the English sentence must not show the answer beside it).
A page may mix forms: every reader that detects its form contributes, and a term marked twice
becomes one (the first reader's, completed by the later ones). A new form is a new module
added to `READERS`, and its golden tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ..errors import InputError
from ..models import MarkedTerm
from . import explained, footnotes, glossary, inline_en, inline_zh, lists
from ._shapes import bracketed, prose_is_chinese
from .terms import read_terms

__all__ = ["READERS", "Marked", "Reader", "clean_line", "merge_marked", "read_marked",
           "read_terms", "reader_names"]  # fmt: skip


class Reader(Protocol):
    """A way of marking terms."""

    NAME: str

    def detect(self, text: str) -> float: ...

    def read(self, text: str) -> tuple[MarkedTerm, ...]: ...


# In order of trust: when two readers mark the same term, the first one's entry leads.
READERS: dict[str, Reader] = {
    r.NAME: r for r in (glossary, footnotes, lists, explained, inline_zh, inline_en)
}


@dataclass(frozen=True)
class Marked:
    """The terms a text marks, the forms that marked them, and the lines that only mark."""

    terms: tuple[MarkedTerm, ...]
    forms: tuple[tuple[str, int], ...]  # (reader name, terms it gave), in registry order
    lines: frozenset[int]


def clean_line(line: str) -> str:
    """A line of the text without the marks that are no part of its sentences (a reader's
    optional `NOISE` pattern: footnote markers; `ENGLISH_NOISE` in English lines)."""
    if not bracketed(line):
        return line  # the marks are bracketed (most lines have none: a quick answer)
    english = not prose_is_chinese(line)
    for reader in READERS.values():
        for name in ("NOISE", "ENGLISH_NOISE") if english else ("NOISE",):
            noise = getattr(reader, name, None)
            if noise is not None:
                line = noise.sub("", line)
    return line


def reader_names() -> tuple[str, ...]:
    return tuple(READERS)


def read_marked(text: str, only: str | None = None) -> Marked:
    """Run every reader whose form the text has (or only the one named).

    Raises:
        InputError: `only` names no reader, or a reader cannot read what it recognised.
    """
    if only is not None and only not in READERS:
        raise InputError(f"no reader named {only!r}; choose from {', '.join(READERS)}")
    chosen = [READERS[only]] if only else [r for r in READERS.values() if r.detect(text) > 0]
    found: list[MarkedTerm] = []
    forms: list[tuple[str, int]] = []
    for reader in chosen:
        terms = reader.read(text)
        if terms:
            forms.append((reader.NAME, len(terms)))
            found.extend(terms)
    lines = frozenset(n for t in found for n in t.lines)
    return Marked(merge_marked(found), tuple(forms), lines)


def merge_marked(terms: Iterable[MarkedTerm]) -> tuple[MarkedTerm, ...]:
    """One term per spelling (without case) across forms: the first entry, with what it
    lacks (definition, gloss, example, context) taken from the others. Duplicates within
    one form are left for `glossary.merge_duplicates`, which reports them."""
    merged: dict[str, MarkedTerm] = {}
    extra: list[MarkedTerm] = []
    for term in terms:
        key = term.term.casefold()
        first = merged.get(key)
        if first is None:
            merged[key] = term
        elif first.form == term.form:
            extra.append(term)
        else:
            merged[key] = glossary.filled(
                first, term, definition=first.definition or term.definition
            )
    return (*merged.values(), *extra)
