"""Footnotes: the `footnotes` reader.

Markers in the text after the marked words, and a notes block below giving each term, its
Chinese and often an example:

    Free newspapers now account for (note 2) a third of the market.
    …
    Notes:
    (note 2) account for=佔。例句: Exports account for half of the economy.

A marker whose note is missing (the page is cut short) still marks the words before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import GlossaryEntry, MarkedTerm
from ._shapes import HAN_CLASS, bracketed, term_before

NAME = "footnotes"
_MARKER = re.compile(r"\s*[(（]\s*(?:note|notes|註|注|n\.)\s*(?P<n>\d{1,3})\s*[)）]", re.IGNORECASE)
# What the text keeps of the form is removed from it: the markers are no part of a sentence.
NOISE = _MARKER
_NOTE = re.compile(
    r"^\s*[(（]\s*(?:note|註|注|n\.)\s*(?P<n>\d{1,3})\s*[)）]\s*(?P<body>.*)$", re.IGNORECASE
)
_TERM_GLOSS = re.compile(rf"^(?P<term>[A-Za-z][^=＝]*?)\s*[=＝]\s*(?P<zh>[{HAN_CLASS}][^。.=＝]*)")
_EXAMPLE = re.compile(r"(?:例句|例如|e\.g\.)\s*[:：]\s*(?P<ex>[A-Za-z][^=＝\n]*)")
_HEADING = re.compile(r"[:：]\s*$")


def _notes(lines: list[str]) -> dict[str, tuple[int, str]]:
    return {m["n"]: (i + 1, m["body"]) for i, line in enumerate(lines) if (m := _NOTE.match(line))}


def _entries(text: str) -> list[MarkedTerm]:
    lines = text.split("\n")
    notes = _notes(lines)
    out: list[MarkedTerm] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not bracketed(line) or _NOTE.match(line):
            continue  # a marker is bracketed
        for m in _MARKER.finditer(line):
            n = m["n"]
            if n in seen:
                continue
            seen.add(n)
            out.append(_entry(n, line[: m.start()].rstrip(), number, notes))
    return [e for e in out if e.term]


def _entry(n: str, before: str, number: int, notes: dict[str, tuple[int, str]]) -> MarkedTerm:
    note = notes.get(n)
    term = term_before(before, None) or ""
    if note is None:
        return GlossaryEntry(term, "", None, number, form=NAME)
    note_line, body = note
    m = _TERM_GLOSS.match(body)
    example = _EXAMPLE.search(body)
    gloss = m["zh"].strip(" ,，、") if m else None
    if m and m["term"].lower() in before.lower():
        term = m["term"].strip()
    return GlossaryEntry(
        term, "", None, number, gloss=gloss, form=NAME,
        example=example["ex"].strip() if example else None, lines=(note_line,),
    )  # fmt: skip


def detect(text: str) -> float:
    """Markers with a notes block are sure; markers alone, likely."""
    lines = text.split("\n")
    markers = sum(
        1 for line in lines if bracketed(line) and not _NOTE.match(line) and _MARKER.search(line)
    )
    if not markers:
        return 0.0
    return 1.0 if _notes(lines) else 0.5


def _block_lines(lines: list[str]) -> tuple[int, ...]:
    """The notes block: every note, the lines that continue one (an example on its own
    line), and the heading above the first ("From good to better English:")."""
    out: list[int] = []
    in_note = False
    for number, line in enumerate(lines, start=1):
        if _NOTE.match(line):
            in_note = True
        elif not line.strip():
            in_note = False
        if in_note:
            out.append(number)
    if out and out[0] > 1:
        heading = lines[out[0] - 2]
        if _HEADING.search(heading) and len(heading) < 60:
            out.insert(0, out[0] - 1)
    return tuple(out)


def read(text: str) -> tuple[MarkedTerm, ...]:
    entries = _entries(text)
    if entries:  # the block is no part of the text
        entries[0] = replace(entries[0], lines=_block_lines(text.split("\n")))
    return tuple(entries)
