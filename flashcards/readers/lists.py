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
from dataclasses import replace
from typing import NamedTuple

from ..models import GlossaryEntry, MarkedTerm
from ._shapes import (
    HAN,
    HAN_CLASS,
    SURNAMES,
    has_han,
    headline,
    is_label,
    is_person_name,
    natural_case,
    numbered,
    title_case,
)

NAME = "list"
# Chinese, with a bracketed short form allowed (`強積金 (MPF)`, `中聯辦`, `(零雙非)政策`)
_ZH = (
    rf"(?:[(（][{HAN_CLASS}]{{1,10}}[)）])?[{HAN_CLASS}][{HAN_CLASS}，,、]*"
    rf"(?:\s*[(（][{HAN_CLASS}A-Za-z ]{{1,20}}[)）])?"
)
# English words, with a bracketed part allowed (`(be) on guard`, `… Fund (MPF)`)
_EN = (
    r"(?:\([A-Za-z][A-Za-z .'/-]*\)\s*)?[A-Za-z][A-Za-z'’/.-]*"
    r"(?:\s+(?:[A-Za-z][A-Za-z'’/.-]*|\([A-Za-z][A-Za-z .'/-]*\)))*"
)
# separated sides may be long (names of institutions); adjacent ones are short terms
_SEPARATED = (
    re.compile(rf"^(?P<zh>{_ZH})\s*(?:\s[-–—－]+\s|[=＝:：]|[-–—－]{{2}})\s*(?P<en>{_EN})$"),
    re.compile(rf"^(?P<en>{_EN})\s*(?:\s[-–—－]+\s|[=＝:：]|[-–—－]{{2}})\s*(?P<zh>{_ZH})$"),
    # `trade deal,貿易協議。`: a comma, the line closed by a full stop
    re.compile(rf"^(?P<en>{_EN})\s*[,，]\s*(?P<zh>{_ZH})\s*[。.…]+$"),
)
_ADJACENT = (
    re.compile(rf"^(?P<en>{_EN})\s*(?P<zh>{_ZH})$"),
    re.compile(rf"^(?P<zh>{_ZH})\s*(?P<en>{_EN})$"),
)
# A dictionary-style line, marked as one by a part of speech or an IPA transcription:
#   tackle (v.) /ˈtæk.əl/ 設法處理、著手對付
#   brave adj. not frightened in difficult situations 勇敢的 It was brave of him.
#   Defy(違抗) /dɪˈfaɪ/
_POS = r"(?:adj|adv|n|v|vt|vi|prep|conj|pron|phr\.?\s?v|phr|int|det|abbr|idm)\."
_DICTIONARY = re.compile(
    rf"^(?P<en>[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){{0,5}}?)\s*"
    rf"(?:[(（](?P<zh_first>[{HAN_CLASS}][{HAN_CLASS}、，,；;]*)[)）]|(?P<zh_glued>[{HAN_CLASS}]+))?\s*"
    rf"(?P<pos>\(\s*(?:{_POS}|a\.)\s*\)|{_POS}(?=\s))?\s*(?:\[[A-Z]+\]\s*)*[:：]?\s*"
    r"(?P<ipa>/[^/\n]{1,40}/)?\s*"
    rf"(?P<definition>[A-Za-z(][^{HAN_CLASS}\n]*)?"
    rf"(?P<zh>[{HAN_CLASS}](?:[{HAN_CLASS}、，,；;…]*[{HAN_CLASS}])?)?\s*"
    r"(?P<rest>.*)$"
)
_HEADING = re.compile(rf"^\s*\d{{1,3}}[.)、．]\s*(?P<zh>{_ZH})$")
_SEPARATED_WORDS = 20
_ADJACENT_WORDS = 6
# each pattern with the words its English may have, and whether a separator stands between
_LINE_PATTERNS = tuple((p, _SEPARATED_WORDS, True) for p in _SEPARATED) + tuple(
    (p, _ADJACENT_WORDS, False) for p in _ADJACENT
)


# a line that announces a list: `Words to learn`, `Key vocabulary`, `Useful expressions:`
_LIST_HEADER = re.compile(
    r"^\s*(?:[A-Za-z]+\s+){0,2}(?:words?|vocabulary|expressions?|phrases?|glossary|生字|詞彙|词汇)"
    r"(?:\s+[A-Za-z]+){0,3}\s*[:：]?\s*$",
    re.IGNORECASE,
)


def _dictionary_entry(text: str) -> GlossaryEntry | None:
    """A dictionary-style line as an entry (its line number is set by the caller), or None:
    the term, its Chinese, and what the line also gives (IPA, an English definition, an
    example sentence after the Chinese)."""
    m = _DICTIONARY.match(numbered(text.strip()))
    if m is None or not (m["pos"] or m["ipa"]):
        return None
    before = m["zh_first"] or m["zh_glued"]
    chinese = before or m["zh"]
    if before and m["zh"]:
        return None
    if m["zh_first"] and m["definition"]:
        return None
    if not chinese and not (m["pos"] and m["definition"] and ":" in text.replace("：", ":")):
        return None  # `torrent (n.): a lot of words` is an entry with no Chinese
    # the example: the English sentences after the line's last Chinese (a derived form and
    # its Chinese may come first: `gentle … 和善的 gently adv. 和善地 Daisy never …`)
    rest = HAN.split(m["rest"])[-1].strip(" ;；,，、")
    example = rest if rest[:1].isupper() and rest[-1:] in '.!?"”’' else None
    return GlossaryEntry(
        m["en"],
        (m["definition"] or "").strip(" ;,"),
        m["ipa"],
        gloss=chinese.strip(" ,，、;；") if chinese else None,
        form=NAME,
        example=example,
    )


class _Line(NamedTuple):
    """A line of a list: an entry, or a name (`李家超 - John Lee`)."""

    english: str
    chinese: str
    separated: bool
    name: bool


def _line(text: str) -> _Line | None:
    """The entry or name a line of a list gives, or None."""
    if not (has_han(text) and _LATIN.search(text)):
        return None  # both sides are needed (most lines are of one language: a quick no)
    line = numbered(text.strip())
    for pattern, limit, separated in _LINE_PATTERNS:
        m = pattern.match(line)
        if m and len(m["en"].split()) <= limit and not is_label(m["zh"]):
            english = _BRACKET.sub(lambda b: "" if is_label(b[1]) else b[0], m["en"]).strip()
            chinese = m["zh"].strip(" ,，、")
            if not english:
                return None
            between = line[min(m.end("zh"), m.end("en")) : max(m.start("zh"), m.start("en"))]
            sentence = len(english.split()) >= 4 and english[-1] in ".!?"
            if re.search("[:：]", between) and (headline(english) or sentence):
                return None  # a label and a headline: `新聞標題:Ireland Suspends AstraZeneca …`
            return _Line(english, chinese, separated, _is_name(english, chinese))
    return None


_BRACKET = re.compile(r"\s*[(（]([^()（）]*)[)）]")
_LATIN = re.compile("[A-Za-z]")


def _is_name(english: str, chinese: str) -> bool:
    """A person (`Wat Wing-yin`, `John Lee` = 李家超) or an acronym (`HSBC`), not a term.
    A single capitalised word is not judged: a list's line starts with a capital."""
    if english.isupper() and len(english) > 1 and " " not in english:
        return True
    words = english.split()
    if len(words) < 2 or not is_person_name(english, chinese):
        return False
    # the shared rule also takes words its dictionary lacks for a name (`Mandatory …`):
    # here the rendering must be led by a surname, or the English hold a given name
    return chinese[:1] in SURNAMES or any("-" in w for w in words)


def is_entry(text: str) -> bool:
    """A complete list entry (not a name): `anxious 焦慮`, `減少 - cut down on`."""
    line = _line(text)
    return line is not None and not line.name


def _english_alone(text: str) -> str | None:
    line = text.strip()
    if re.fullmatch(_EN, line) and len(line.split()) <= _ADJACENT_WORDS:
        return line
    return None


def uses(term: str, line: str) -> bool:
    """Whether `line` is an example sentence of the term (inflected, slots filled)."""
    if re.search(rf"(?<![A-Za-z]){re.escape(term)}", line, re.IGNORECASE):
        return True
    from ..matching import find_in_sentence
    from ..models import Sentence

    return find_in_sentence(term, Sentence(line.strip(), 0, 0, 0, len(line.strip()))) is not None


def _neighbour(lines: list[str], i: int, step: int) -> int | None:
    """The nearest line that is not blank before (`step` -1) or after (1) line i."""
    k = i + step
    while 0 <= k < len(lines) and not lines[k].strip():
        k += step
    return k if 0 <= k < len(lines) else None


def _entries(text: str, classified: list[_Line | None] | None = None) -> list[MarkedTerm]:
    """The entries of the page, headings and captions left out.

    A separated entry (`延遲 - postpone`) is always one; an adjacent one (`postpone 延遲`)
    when followed by an example sentence that uses it, under a list header, in a run of
    entry lines, or on a page that is a list (two entries confirmed so). A title-case one
    over a paragraph that does not use it is a heading (`Methods 研究方法`), and without a
    list header one not followed by its example is a caption (`Photo 圖片`).

    `classified` is `_line` of each line, when the caller has it already."""
    lines = text.split("\n")
    if classified is None:
        classified = [_line(line) for line in lines]
    # each line's entry, a name being none
    entries = [None if c is None or c.name else c for c in classified]

    def is_entry_at(k: int | None) -> bool:
        return k is not None and entries[k] is not None

    headed = any(_LIST_HEADER.match(line) for line in lines)
    found: list[tuple[int, str, str, str]] = []  # (line index, English, Chinese, verdict)
    out: list[MarkedTerm] = []
    dictionary_lines = set()
    for i, line in enumerate(lines):
        full = _dictionary_entry(line)
        if full is not None:
            dictionary_lines.add(i)
            term = natural_case(full.term, text)
            out.append(replace(full, term=term, line=i + 1, lines=(i + 1,)))
    for i, entry in enumerate(entries):
        if entry is None or i in dictionary_lines:
            continue
        english, chinese, separated, _ = entry
        after = _neighbour(lines, i, 1)
        following = lines[after] if after is not None else ""
        example = bool(following) and not is_entry_at(after) and uses(english, following)
        in_run = is_entry_at(after) or is_entry_at(_neighbour(lines, i, -1))
        if separated or example:
            verdict = "sure"
        elif title_case(english) and (not headed or (following and not is_entry_at(after))):
            verdict = "no"
        elif headed or in_run:
            verdict = "sure"
        else:
            verdict = "maybe"
        found.append((i, english, chinese, verdict))
    is_list = sum(v == "sure" for *_, v in found) >= 2
    for i, english, chinese, verdict in found:
        if verdict == "sure" or (verdict == "maybe" and is_list):
            term = natural_case(english, text)
            out.append(GlossaryEntry(term, "", None, i + 1, gloss=chinese, form=NAME,
                                     lines=(i + 1,)))  # fmt: skip
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m is None or entries[i] or i in dictionary_lines:
            continue
        j = _neighbour(lines, i, 1)
        alone = _english_alone(lines[j]) if j is not None else None
        if j is not None and alone:
            term = natural_case(alone, text)
            out.append(GlossaryEntry(term, "", None, i + 1, gloss=m["zh"], form=NAME,
                                     lines=(i + 1, j + 1)))  # fmt: skip
    return sorted(out, key=lambda e: e.line)


def detect(text: str) -> float:
    """A list needs two lines at least, one of them an entry; four make it sure. A line
    naming a person (`李家超 - John Lee`) is a line of the list, though no entry."""
    classified = [_line(line) for line in text.split("\n")]
    found = len(_entries(text, classified))
    named = sum(c is not None and c.name for c in classified)
    listed = found + named
    return 0.0 if found == 0 or listed < 2 else min(1.0, listed / 4)


def read(text: str) -> tuple[MarkedTerm, ...]:
    return tuple(_entries(text))
