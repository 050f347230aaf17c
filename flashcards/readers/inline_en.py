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
    bracketed,
    is_label,
    is_person_name,
    prose_is_chinese,
    sentence_at,
    words_of,
)

NAME = "inline-en"
IDIOM = 4  # a dictionary word this long ending the clause is glossed as a unit (燃眉之急)
MODIFIER_WORDS = 2  # a modifier with 的 before a rendering: 較強的 (較, 強)
MAX_WORDS = 10  # a longer English rendering is a translated clause, not a term
_MARK = re.compile(
    rf"(?P<zh>[{HAN_CLASS}][^()（）]*?)\s*[（(](?P<en>[A-Za-z][A-Za-z0-9 ,.'’&/-]*)[)）]"
)
# What ends the Chinese the English renders, reading backwards
_CLAUSE_BREAK = re.compile(r"[，,。、；;：:！!？?「」『』“”\"()（）\s]")
_LEADING = ("和", "與", "与", "及", "或", "的", "並", "并")
# a clause opening with one of these is a sentence, not a term
_SUBJECTS = frozenset("i you we he she they it there this that".split())
# English verbs that carry no meaning of their own in a term (`be competent in`)
_LIGHT = frozenset("be is are was were been have has had make take get do".split())
# single characters that join a clause's parts and render no English word of their own
_GRAMMATICAL = frozenset(
    "的 是 與 与 和 及 對 对 在 把 被 將 将 向 為 为 讓 让 令 使 由 從 从".split()
)
_EXAMPLE = re.compile(
    r"(?:例句|例如|例子|e\.g\.)\s*[:：]\s*(?P<ex>[A-Za-z][^。\n]*?)\s*(?:[=＝]|$|(?=[\u3400-\u9fff]))"
)


def _clause(before: str) -> tuple[str, bool]:
    """The Chinese just before the mark, back to a clause break, and whether the page quoted
    it (「燃眉之急」: the quotes mark the unit the English renders, and go)."""
    quoted = before.rstrip().endswith(("」", "』", "”", '"'))
    before = before.rstrip("」』”\"' ")
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    clause = before[start:]
    while clause.startswith(_LEADING) and len(clause) > 1:
        clause = clause[1:]
    return clause, quoted and start > 0 and before[start - 1] in '「『“"'


def _word_keys(word: str) -> frozenset[str]:
    """An English word's keys: itself without a plural s, and its lemmas (freezing → freeze)."""
    from ..lemmas import lemmas

    word = word.lower()
    return frozenset((word.rstrip("s"), *lemmas(word)))


@cache
def _keys(text: str) -> frozenset[str]:
    """The keys of the content words of English text."""
    return frozenset(
        key for w in words_of(text) if w.lower() not in FUNCTION_WORDS for key in _word_keys(w)
    )


def narrow_gloss(clause: str, english: str) -> str:
    """The part of `clause` the English renders.

    Where dictionary words of the clause (the longest at each place) translate content words
    of the English, the rendering starts at the last such word that leaves every translated
    English word covered: 有一定數量的女黨員 → 女黨員 for `female members` (女 "female",
    黨員 "member"), 山頂凍到結冰 → 結冰 for `freezing` (凍 and 結冰 both "freeze"); when an
    English word is left untranslated and a modifier with 的 stands just before, the modifier
    is part of it (較強的議事能力 for `be competent in discussing state affairs`). Where no
    word translates, a set phrase of four characters or more that ends the clause
    (以解市民燃眉之急 → 燃眉之急), else what follows the clause's last grammatical word
    (要住在危機四伏的劏房 → 劏房), else the whole clause. A cut never falls inside a
    dictionary word (事 of 議事)."""
    from .. import dictionary

    cedict = dictionary.load()
    found = list(cedict.words_in(clause))
    longest: dict[int, str] = {}
    for start, head in found:
        longest[start] = max(longest.get(start, ""), head, key=len)
    words: dict[int, str] = {}  # the clause cut into its longest dictionary words, left to right
    place = 0
    while place < len(clause):
        words[place] = longest.get(place) or clause[place]
        place += len(words[place])
    wanted = _keys(english)
    covers = {s: _keys(" ".join(cedict.lookup(w))) & wanted for s, w in words.items()}
    translated = frozenset().union(*covers.values())
    # a grammatical word standing alone (的, not inside 目的) divides the clause after it
    cuts = [s + 1 for s, w in words.items() if w in _GRAMMATICAL]
    if translated:
        # the last start from which the words to the end still cover all that is translated
        start = max(
            s
            for s in covers
            if translated <= frozenset().union(*(covers[t] for t in covers if t >= s))
        )
        untranslated = any(
            not _word_keys(w) & translated
            for w in words_of(english)
            if w.lower() not in FUNCTION_WORDS and w.lower() not in _LIGHT and not w.isupper()
        )
        if untranslated and clause[:start].endswith("的"):
            # the modifier: up to two words before 的, not across a cut
            before = [s for s in words if s < start - 1 and not any(s < c < start for c in cuts)]
            start = min(before[-MODIFIER_WORDS:], default=start)
        return clause[start:]
    ending = [head for start, head in found if start + len(head) == len(clause)]
    idiom = max(ending, key=len, default="")
    if len(idiom) >= IDIOM and idiom != clause:
        return idiom
    cuts = [c for c in cuts if len(clause) - c >= 2]
    return clause[max(cuts) :] if cuts else clause


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
        # a mark is bracketed: a line without a bracket is passed over (the pattern tries
        # every Han character of a long Chinese line, reading on to the line's end)
        if not bracketed(line) or not prose_is_chinese(line):
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
                or re.search(r",\s*[A-Z]{2,}$", english)  # a body with its acronym: (…, ICE)
                or (len(words) >= 4 and words[0].lower() in _SUBJECTS)  # a sentence: (I don't …)
            ):
                continue
            clause, quoted = _clause(line[: m.start("en") - 1].rstrip())
            if not clause or _unknown_name(words):
                continue
            # a name, with its title before it or not (美國總統拜登(Joe Biden))
            if any(is_person_name(english, c) for c in (clause, *_tails(clause))):
                continue
            gloss = narrow_gloss(clause, english) if narrow and not quoted else clause
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
