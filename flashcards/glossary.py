"""The glossary block → `GlossaryEntry` records.

Each way of marking terms is a *reader*: a function from the block's numbered lines to entries,
or `None` when the block is not in its layout. `read_glossary` tries them in order, so a new
layout (inline `word (中文)` glosses, reversed `中文 - English` lists) is one more reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .errors import InputError
from .models import GlossaryEntry

# (line number, text) pairs, text already stripped of surrounding whitespace.
Lines = Sequence[tuple[int, str]]
Reader = Callable[[Lines], "list[GlossaryEntry] | None"]

_COLON = re.compile(r"\s*[：:]\s*")
# An IPA transcription closes the term part: `divergent /daɪˈvɜːdʒənt/`. A slash inside a
# term (`inflict sth on sb/sth`) has no space before it, so it is not taken for IPA.
_IPA = re.compile(r"(?:^|\s)(/[^/]+/)$")


def _split_term(text: str) -> tuple[str, str | None]:
    """`term /IPA/` → (term, IPA); IPA is None when there is none."""
    m = _IPA.search(text)
    if m is None:
        return text.strip(), None
    return text[: m.start()].strip(), m.group(1).strip()


def read_ming_pao(lines: Lines) -> list[GlossaryEntry]:
    """Ming Pao's layout: `term：definition`, or `term /IPA/` then the definition on the next
    non-empty line. ASCII `:` is accepted as well as the full-width `：`."""
    entries: list[GlossaryEntry] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        i += 1
        if not text:
            continue
        head, colon, definition = _partition_colon(text)
        term, ipa = _split_term(head)
        if not colon:
            if ipa is None:
                raise InputError(
                    f"glossary entry {text!r} has no definition; write 'term：definition', "
                    "or 'term /IPA/' with the definition on the next line",
                    line=number,
                )
            while i < len(lines) and not lines[i][1]:
                i += 1
            if i == len(lines) or _looks_like_entry_head(lines[i][1]):
                raise InputError(
                    f"glossary entry {term!r} has IPA but no definition on the next line",
                    line=number,
                )
            definition = lines[i][1]
            i += 1
        if not term:
            raise InputError(f"glossary line {text!r} has no term before the colon", line=number)
        if not definition:
            raise InputError(f"glossary entry {term!r} has an empty definition", line=number)
        entries.append(GlossaryEntry(term=term, definition=definition, ipa=ipa, line=number))
    return entries


def _partition_colon(text: str) -> tuple[str, bool, str]:
    m = _COLON.search(text)
    if m is None:
        return text, False, ""
    return text[: m.start()], True, text[m.end() :].strip()


def _looks_like_entry_head(text: str) -> bool:
    return _IPA.search(_partition_colon(text)[0]) is not None


READERS: tuple[Reader, ...] = (read_ming_pao,)


def read_glossary(lines: Lines, readers: Sequence[Reader] = READERS) -> tuple[GlossaryEntry, ...]:
    """Read the glossary block with the first reader that recognises it.

    Raises:
        InputError: the block is empty or no reader can read it.
    """
    if not any(text for _, text in lines):
        raise InputError("the glossary block is empty; add entries like 'term：definition'")
    for reader in readers:
        entries = reader(lines)
        if entries:
            return tuple(entries)
    raise InputError("no glossary entries could be read", line=lines[0][0])


def merge_duplicates(
    entries: Sequence[GlossaryEntry],
) -> tuple[tuple[GlossaryEntry, ...], tuple[str, ...]]:
    """One entry per term (compared without case): later definitions are appended to the
    first, as are IPA strings it lacks. Returns the entries and the duplicated terms."""
    merged: dict[str, GlossaryEntry] = {}
    duplicated: list[str] = []
    for entry in entries:
        key = entry.term.casefold()
        first = merged.get(key)
        if first is None:
            merged[key] = entry
            continue
        duplicated.append(entry.term)
        definition = first.definition
        if entry.definition not in definition:
            definition = f"{definition}; {entry.definition}"
        merged[key] = GlossaryEntry(first.term, definition, first.ipa or entry.ipa, first.line)
    return tuple(merged.values()), tuple(duplicated)
