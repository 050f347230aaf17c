"""English inline in Chinese text: the `inline-en` reader.

    政府推出紓困措施，以解市民燃眉之急(urgent needs)。例句: The fund meets urgent needs.

The English in brackets is the term; the Chinese words it renders, just before it, are the
gloss; the Chinese sentence is the context; an English example the page gives after it
(`例句:`, `例如:`) is the example. Names (`文翠珊(Theresa May)`), acronyms (`(CPC)`),
grammar labels and whole translated clauses (long, or holding figures) are not terms.
"""

from __future__ import annotations

import re
from functools import cache

from ..models import GlossaryEntry, MarkedTerm
from ._shapes import (
    FUNCTION_WORDS,
    HAN_CLASS,
    is_label,
    is_person_name,
    prose_is_chinese,
    sentence_at,
    words_of,
)

NAME = "inline-en"
IDIOM = 4  # a dictionary word this long ending the clause is glossed as a unit (燃眉之急)
MAX_WORDS = 10  # a longer English rendering is a translated clause, not a term
_MARK = re.compile(
    rf"(?P<zh>[{HAN_CLASS}][^()（）]*?)\s*[（(](?P<en>[A-Za-z][A-Za-z0-9 ,.'’&/-]*)[)）]"
)
# What ends the Chinese the English renders, reading backwards
_CLAUSE_BREAK = re.compile(r"[，,。、；;：:！!？?「」『』“”\"()（）\s]")
_LEADING = ("和", "與", "与", "及", "或", "的", "並", "并")
_EXAMPLE = re.compile(
    r"(?:例句|例如|例子|e\.g\.)\s*[:：]\s*(?P<ex>[A-Za-z][^。\n]*?)\s*(?:[=＝]|$|(?=[\u3400-\u9fff]))"
)


def _clause(before: str) -> str:
    """The Chinese just before the mark, back to a clause break (quotes around it go)."""
    before = before.rstrip("」』”\"' ")
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    clause = before[start:]
    while clause.startswith(_LEADING) and len(clause) > 1:
        clause = clause[1:]
    return clause


@cache
def _keys(text: str) -> frozenset[str]:
    return frozenset(
        w.lower().rstrip("s") for w in words_of(text) if w.lower() not in FUNCTION_WORDS
    )


def narrow_gloss(clause: str, english: str) -> str:
    """The part of `clause` the English renders: from the first dictionary word that
    translates one of its content words (有一定數量的女黨員 → 女黨員 for `female members`);
    when none does, a set phrase of four characters or more that ends the clause, else the
    whole clause."""
    from .. import dictionary

    cedict = dictionary.load()
    wanted = _keys(english)
    found = list(cedict.words_in(clause))
    # a cut inside a dictionary word (事 of 議事) is no word boundary
    inside = {
        p for start, head in found if len(head) > 1 for p in range(start + 1, start + len(head))
    }
    for start, head in found:
        if start not in inside and _keys(" ".join(cedict.lookup(head))) & wanted:
            return clause[start:]
    # else a set phrase that ends the clause (以解市民燃眉之急 → 燃眉之急), or all of it
    ending = [head for start, head in found if start + len(head) == len(clause)]
    idiom = max(ending, key=len, default="")
    return idiom if len(idiom) >= IDIOM and idiom != clause else clause


def _tails(clause: str) -> tuple[str, ...]:
    """The two to four characters before the mark: where a name ends a longer clause."""
    return tuple(clause[-k:] for k in (2, 3, 4) if len(clause) > k)


def _unknown_name(words: list[str]) -> bool:
    """Capitalised words the dictionary does not know one of: a name (`Theresa May`)."""
    from .. import dictionary

    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    cedict = dictionary.load()
    return any(not cedict.translations(w.strip("'’")) for w in words)


def _marks(text: str, narrow: bool) -> list[MarkedTerm]:
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not prose_is_chinese(line):
            continue
        for m in _MARK.finditer(line):
            english = m["en"].strip(" ,.")
            words = english.split()
            if (
                not words
                or len(words) > MAX_WORDS
                or any(ch.isdigit() for ch in english)
                or is_label(english)
                or (len(words) == 1 and english.isupper())  # an acronym: (CPC)
            ):
                continue
            clause = _clause(line[: m.start("en") - 1].rstrip())
            if not clause or _unknown_name(words):
                continue
            # a name, with its title before it or not (美國總統拜登(Joe Biden))
            if any(is_person_name(english, c) for c in (clause, *_tails(clause))):
                continue
            gloss = narrow_gloss(clause, english) if narrow else clause
            after = line[m.end() : m.end() + 300]
            example = _EXAMPLE.match(after.lstrip("。，, "))
            out.append(
                GlossaryEntry(
                    english,
                    "",
                    None,
                    number,
                    gloss=gloss,
                    form=NAME,
                    example=example["ex"].strip() if example else None,
                    context_zh=sentence_at(line, m.start("en")),
                )
            )
    return out


def detect(text: str) -> float:
    """How many English renderings the Chinese text holds (three make it sure)."""
    return min(1.0, len(_marks(text, narrow=False)) / 3)


def read(text: str) -> tuple[MarkedTerm, ...]:
    return tuple(_marks(text, narrow=True))
