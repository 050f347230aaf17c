"""Chinese glosses inline in English text: the `inline-zh` reader.

    The company was found to have contravened (違反) three principles.

The term is the English words the gloss belongs to (`contravened`; `cross-border goods
traders (水貨客)`), the gloss is its Chinese; Chinese prose that names English words with
their meaning (`例如:subzero(溫度在零度以下)、subway (地鐵)`) is read the same way. Names
(`Wong Yuk-man (黃毓民)`), grammar labels, numbers, headings and a bracket that translates
the whole sentence before it are not terms; the glosses leave the English sentences the
cards show (`ENGLISH_NOISE`).
"""

from __future__ import annotations

import re

from ..models import GlossaryEntry, MarkedTerm
from ._shapes import (
    FUNCTION_WORDS,
    HAN_CLASS,
    ZH_GLOSS,
    bracketed,
    han_count,
    is_label,
    is_person_name,
    term_before,
    title_case,
)

NAME = "inline-zh"
# the gloss may follow a part-of-speech label: `tackle (v. 著手對付)`
_GLOSS = rf"[ \t]?[（(]\s*(?:[a-z]{{1,5}}\.\s*)?(?P<zh>{ZH_GLOSS})\s*[)）]"
_MARK = re.compile(_GLOSS)
# the glosses leave the English sentences the cards show: `a sure-fire (萬無一失的) ticket`
ENGLISH_NOISE = re.compile(rf"(?<=[A-Za-z.,;'’\"”)]){_GLOSS}")


_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&]{1,9}\)$")
TRANSLATION = 8  # Han characters beyond which a bracket holding a clause break translates
_CLAUSE = re.compile(r"[，,；;]")


def _translation(gloss: str) -> bool:
    """A translation of the sentence before the bracket, not a gloss of its last words:
    clauses (`如你取消機位預訂,將喪失按金`), or longer than any term's gloss."""
    han = han_count(gloss)
    return han > 2 * TRANSLATION or (han > TRANSLATION and _CLAUSE.search(gloss) is not None)


def _marks(text: str) -> list[MarkedTerm]:
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not bracketed(line):
            continue  # a gloss is bracketed
        for m in _MARK.finditer(line):
            gloss = m["zh"]
            if is_label(gloss) or _translation(gloss):
                continue
            # in Chinese prose that names English words with their meaning (`例如:
            # subemployment(就業不足)、subway (地鐵)`), the English after the last Chinese
            before = line[: m.start()].rstrip()
            before = before[max((c.end() for c in _CJK.finditer(before)), default=0) :]
            before = before.lstrip(" :,;")
            # an acronym spelled out stays part of its term: `… Conference (CPPCC) (政協)`
            acronym = _ACRONYM.search(before)
            if acronym:
                before = before[: acronym.start()]
            term = term_before(before, gloss)
            if term is None or is_person_name(term, gloss):
                continue
            if not line[m.end() :].strip() and len(term.split()) >= 3 and title_case(term):
                continue  # `單元1. News Words of the Week (即時新聞英語)`: a heading's translation
            term = _dictionary_phrase(before, gloss, term)
            if acronym:
                term = f"{term} {acronym.group().strip()}"
            out.append(GlossaryEntry(term, "", None, number, gloss=gloss, form=NAME))
    return out


_CJK = re.compile(f"[{HAN_CLASS}、，。：；！？「」『』]")


def _dictionary_phrase(before: str, gloss: str, term: str) -> str:
    """A longer phrase the dictionary gives for the gloss, when the text ends with it
    (`dereliction of duty (失職)`: the gloss belongs to all three words, not to `duty`)."""
    if not term[:1].islower():
        return term
    from .. import dictionary

    best = term
    for definition in dictionary.load().lookup(gloss):
        for sense in definition.split(";"):
            words = re.sub(r"\([^)]*\)", " ", sense).split()
            # every tail of the sense that starts with a content word: `dereliction of duty`
            # of `to be guilty of dereliction of duty`
            for i in range(len(words) - 1):
                if words[i].lower() in FUNCTION_WORDS:
                    continue
                phrase = " ".join(words[i:])
                if len(phrase) <= len(best) or not re.fullmatch(r"[a-z][a-z' -]*", phrase):
                    continue
                m = re.search(rf"(?:^|\s)({re.escape(phrase)})$", before, re.IGNORECASE)
                if m:
                    best = m.group(1)
    return best


def detect(text: str) -> float:
    """How many glossed words the English text holds (three make it sure)."""
    return min(1.0, len(_marks(text)) / 3)


def read(text: str) -> tuple[MarkedTerm, ...]:
    return tuple(_marks(text))
