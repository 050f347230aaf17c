"""Glossary blocks → `GlossaryEntry` records: the `glossary` reader.

Ming Pao's block (`■/ Glossary 生字 /`, then `term：definition` or `term /IPA/` with the
definition on the next line) and its variants: any `Glossary`/`Vocabulary`/`生字` header line,
a term alone on its line with the definition on the next, bullets (`-`, `*`, `#`) and numbers,
and `term 中文：definition` (the Chinese is the term's gloss; `中文 term：…` too). A page
without a header is read when it holds a run of bullet entries in that shape.

    - # aloof 離地: a concept introduced by …
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..models import GlossaryEntry, MarkedTerm
from . import lists
from ._shapes import HAN, HAN_CLASS, is_label, numbered

NAME = "glossary"

# (line number, text) pairs, text already stripped of surrounding whitespace.
Lines = Sequence[tuple[int, str]]
Layout = Callable[[Lines], "list[GlossaryEntry] | None"]

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


def read_ming_pao(lines: Lines, strict: bool = True) -> list[GlossaryEntry]:
    """Ming Pao's layout: `term：definition`, or `term /IPA/` (or a term alone) then the
    definition on the next non-empty line. ASCII `:` is accepted as well as the full-width
    `：`; list markers before the term are dropped, and Chinese beside it is its gloss.

    Under another header (`Vocabulary`) the block is not held to that layout (`strict`
    False): a line that cannot be read as an entry (a list's `anxious 焦慮` with its
    example sentence, a paragraph after the list) is left to the other readers."""
    entries: list[GlossaryEntry] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        i += 1
        if not text:
            continue
        head, colon, definition = _partition_colon(numbered(text))
        term, ipa = _split_term(head)
        used = [number]
        if colon and not strict and not _looks_like_entry(text):
            continue  # `Mr Chan said: …`, a sentence with a colon
        if not colon:
            j = i
            while j < len(lines) and not lines[j][1]:
                j += 1
            following = lines[j][1] if j < len(lines) else ""
            if ipa is None and not _is_definition(following, split_gloss(term)[0]):
                if not strict:
                    continue
                raise InputError(
                    f"glossary entry {text!r} has no definition; write 'term：definition', "
                    "or 'term /IPA/' with the definition on the next line",
                    line=number,
                )
            if not following or _looks_like_entry_head(following):
                if not strict:
                    continue
                raise InputError(
                    f"glossary entry {term!r} has IPA but no definition on the next line",
                    line=number,
                )
            definition = following
            used.append(lines[j][0])
            i = j + 1
        term, gloss = split_gloss(term)
        if not term:
            if not strict:
                continue
            raise InputError(f"glossary line {text!r} has no term before the colon", line=number)
        if not definition:
            if not strict:
                continue
            raise InputError(f"glossary entry {term!r} has an empty definition", line=number)
        entries.append(GlossaryEntry(term, definition, ipa, number, gloss=gloss, lines=tuple(used)))
    return entries


_SENTENCE_WORDS = 8


def _is_definition(text: str, term: str) -> bool:
    """Whether the line after a term alone is its definition: not an entry of its own (nor
    a list's `anxious 焦慮`), not an example sentence using the term, not a paragraph."""
    if not text or _looks_like_entry(text) or lists.is_entry(text):
        return False
    if term and lists.uses(term, text):
        return False  # `Food in tins lasts for years.` under `tin 罐頭`
    return not (len(text.split()) > _SENTENCE_WORDS and text[-1] in '.!?"”’')


# a part-of-speech label after the term: `surge (n.)`, `invite(名詞)`
_LABEL = re.compile(
    r"\s*[(（](?:n|v|vt|vi|adj|adv|prep|phr|phr\.\s?v|idm|名詞|動詞|形容詞|副詞|片語|名词|动词|形容词|副词)\.?[)）]"
)
_PARENS = re.compile(r"\s*[(（][^()（）]*[)）]")
_HEAD_GLOSS = re.compile(
    rf"^(?P<a>[^{HAN_CLASS}]*?)\s*(?P<zh>[{HAN_CLASS}][{HAN_CLASS}，,、 ]*)"
    rf"\s*(?P<b>[^{HAN_CLASS}]*)$"
)


def split_gloss(head: str) -> tuple[str, str | None]:
    """`aloof 離地` → (aloof, 離地); `鄉愿 Conformist hypocrites` → (Conformist hypocrites,
    鄉愿); a head with no Chinese, or with Chinese on both sides of the English, is kept."""
    head = _LABEL.sub("", head)
    if HAN.search(head) is None:
        return head.strip(), None
    bare = _PARENS.sub("", head).strip()
    m = _HEAD_GLOSS.match(bare)
    if m is None or (m["a"].strip() and m["b"].strip()):
        return head.strip(), None
    term = (m["a"] or m["b"]).strip(" -=:：")
    gloss = m["zh"].strip(" ,，、")
    if not term or is_label(gloss):
        return term or head.strip(), None
    return term, gloss


def _partition_colon(text: str) -> tuple[str, bool, str]:
    # (asked of every line: the pattern, opening with spaces, is tried only where a colon is)
    m = _COLON.search(text) if ":" in text or "：" in text else None
    if m is None:
        return text, False, ""
    return text[: m.start()], True, text[m.end() :].strip()


def _looks_like_entry_head(text: str) -> bool:
    head = _partition_colon(text)[0]
    return "/" in head and _IPA.search(head) is not None


def _looks_like_entry(text: str) -> bool:
    """A line that starts an entry of its own: `term：…` with a short term, or `term /IPA/`."""
    head, colon, _ = _partition_colon(text)
    english = re.search(r"[A-Za-z]{2}", head) is not None  # not `上一篇：…`
    return _looks_like_entry_head(text) or (colon and english and 0 < len(head.split()) <= 8)


LAYOUTS: tuple[Layout, ...] = (read_ming_pao,)


def read_glossary(lines: Lines, layouts: Sequence[Layout] = LAYOUTS) -> tuple[GlossaryEntry, ...]:
    """Read the glossary block with the first layout that recognises it.

    Raises:
        InputError: the block is empty or no reader can read it.
    """
    if not any(text for _, text in lines):
        raise InputError("the glossary block is empty; add entries like 'term：definition'")
    for layout in layouts:
        entries = layout(lines)
        if entries:
            return tuple(entries)
    raise InputError("no glossary entries could be read", line=lines[0][0])


def filled(first: GlossaryEntry, other: GlossaryEntry, **changes: Any) -> GlossaryEntry:
    """`first` with what it lacks (IPA, gloss, example, context) taken from `other`, and
    `changes` made."""
    return replace(
        first,
        ipa=first.ipa or other.ipa,
        gloss=first.gloss or other.gloss,
        example=first.example or other.example,
        context_zh=first.context_zh or other.context_zh,
        **changes,
    )


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
        merged[key] = filled(
            first,
            entry,
            definition=definition,
            lines=(*first.lines, *entry.lines),
        )
    return tuple(merged.values()), tuple(duplicated)


# --- the reader --------------------------------------------------------------------------

# A header line: `■/ Glossary 生字 /`, `Glossary`, `Vocabulary:`, `生字`, `詞彙表`
HEADER = re.compile(
    r"^\s*■?\s*/?\s*(?:glossary|vocabulary|key words|生字|詞彙|词汇|詞彙表|词汇表)"
    r"(?:\s+(?:生字|詞彙|词汇))?\s*/?\s*[:：]?\s*$",
    re.IGNORECASE,
)
MING_PAO_HEADER = re.compile(r"^\s*■\s*/?\s*glossary\b", re.IGNORECASE)
AUDIO = re.compile(r"^\s*■\s*英語社評聲檔\s*[：:]")
# A bullet entry of a header-less glossary page: `- # aloof 離地: a concept …`
_BULLET_ENTRY = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:[#*]\s*)?(?P<head>[^:：]{1,80}?)\s*[:：]\s*(?P<rest>\S.*)$"
)
_BULLET = re.compile(r"^\s*[-*•#]\s")


def _header(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if MING_PAO_HEADER.match(line) or HEADER.match(line):
            return i
    return None


def _bullet_entries(lines: list[str]) -> list[MarkedTerm]:
    """Header-less `- term 中文: definition` bullets (either order of term and Chinese)."""
    out = []
    for number, line in enumerate(lines, start=1):
        if not _BULLET.match(line):
            continue
        m = _BULLET_ENTRY.match(line)
        if m is None:
            continue
        term, gloss = split_gloss(m["head"].lstrip("#* "))
        if gloss is None or not 0 < len(term.split()) <= 8:
            continue
        out.append(
            GlossaryEntry(term, m["rest"].strip(), None, number, gloss=gloss, lines=(number,))
        )
    return out


def _awaits_definition(block: list[tuple[int, str]]) -> bool:
    last = next((text for _, text in reversed(block) if text), "")
    return bool(last) and not _partition_colon(last)[1] and _looks_like_entry_head(last)


def detect(text: str) -> float:
    """1 for a header line, else how sure a run of bullet entries makes it."""
    lines = text.split("\n")
    if _header(lines) is not None:
        return 1.0
    return min(1.0, len(_bullet_entries(lines)) / 3)


def read(text: str) -> tuple[MarkedTerm, ...]:
    """The entries of the glossary block. Lines after an audio line are read when they look
    like entries, never dropped silently.

    Raises:
        InputError: a header with an empty block, or a line that cannot be read.
    """
    lines = text.split("\n")
    start = _header(lines)
    if start is None:
        return tuple(_bullet_entries(lines))
    block: list[tuple[int, str]] = []
    after_audio = False
    for number, line in enumerate(lines[start + 1 :], start=start + 2):
        text = line.strip()
        if AUDIO.match(line):
            after_audio = True
            continue
        # after the audio line: entries, and the definition line of a `term /IPA/` entry
        wanted = not text or _looks_like_entry(text) or _awaits_definition(block)
        if after_audio and not wanted:
            continue
        block.append((number, text))
    header = start + 1
    if MING_PAO_HEADER.match(lines[start]):
        entries: Sequence[GlossaryEntry] = read_glossary(block)
    else:  # `Vocabulary` over a list: what this layout cannot read is the list reader's
        entries = read_ming_pao(block, strict=False)
    return tuple(
        replace(e, lines=(header, *e.lines)) if i == 0 else e for i, e in enumerate(entries)
    )
