"""The Chinese words that render a glossary term, found through CC-CEDICT glosses.

Every contiguous run of (up to MAX_SPAN) segmented words of the aligned Chinese sentence is a
candidate. A candidate scores by how well the English glosses of its words agree with the
term and its surface form (strong evidence) and with the term's definition (weaker evidence);
English words are compared through their lemmas and, for derived forms (collusion ↔ collude),
a shared stem. Weaker evidence counts only for a candidate standing about where the surface
stands in the English sentence (within NEAR): a near-synonym found through CC-CEDICT itself
(`cramped` → 逼仄 "narrow; cramped" → 狹小 "narrow"), or the object of a light verb that the
definition names (`lent support` ↔ 支持). The best candidate wins when it scores at least
MIN_SCORE.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

from .editorial import is_han

MAX_SPAN = 4
MIN_SCORE = 1.0
TERM_WEIGHT = 3.0  # a gloss word shared with the term or its surface
DEFINITION_WEIGHT = 1.0  # a gloss word shared with the definition
SYNONYM_WEIGHT = 1.0  # per word shared with a near-synonym's glosses
SYNONYM_GLOSS_WORDS = 2  # longer glosses of a near-synonym describe, they do not translate
NEAR = 0.3  # relative distance between the places of the surface and a candidate
EXTRA_WORD_COST = 1.5
SINGLE_CHAR_COST = 1.0
_STEM = 5  # derived forms agree on this many first letters (collusion / collude)

# Small on purpose: "because", "over", "into" carry meaning in definitions of phrases.
_STOP = frozenset(
    """a an the to of in on at by for from with as and or is are was were be been being am it
    its this that these those sb sth one's oneself someone something somebody etc esp e.g
    i.e lit fig abbr cl used kind sort type your you he she his her they their them which
    who very more most such""".split()
)
_WORD = re.compile(r"[A-Za-z]+")


def _has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def _content_words(text: str) -> list[str]:
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP]


@lru_cache(maxsize=16384)
def _keys(word: str) -> frozenset[str]:
    """A word, its lemmas and their stems, for loose comparison."""
    from .lemmas import lemmas

    forms = lemmas(word) | {word}
    return frozenset(forms | {f[:_STEM] for f in forms if len(f) >= _STEM + 1})


def _key_set(texts: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for text in texts:
        for word in _content_words(text):
            out |= _keys(word)
    return frozenset(out)


@lru_cache(maxsize=16384)
def _gloss_keys(chinese: str) -> frozenset[str]:
    from . import dictionary

    # classifier notes ("CL:場|场[chang3]") are not meanings
    glosses = dictionary.load().lookup(chinese)
    return _key_set(g for g in glosses if not g.startswith("CL:"))


def _span_keys(words: Sequence[str]) -> frozenset[str]:
    """Gloss keys of a run of words: of the whole run when the dictionary has it, and of
    each of its words."""
    keys = set(_gloss_keys("".join(words))) if len(words) > 1 else set()
    for w in words:
        keys |= _gloss_keys(w)
    return frozenset(keys)


_PAREN = re.compile(r"\([^()]*\)")


def _inflected_term_words(term: str, surface: str) -> list[str]:
    """Words of the surface that inflect a word of the term (`lent` for `lend`); the
    fillers of sb/sth slots (`legislators`) are left out."""
    from .lemmas import lemmas

    term_words = set(_content_words(term))
    return [w for w in _content_words(surface) if lemmas(w) & term_words]


def _object_keys(en_sentence: str, surface: str) -> frozenset[str]:
    """Keys of the content word right after the surface in the English sentence."""
    at = en_sentence.find(surface)
    if at < 0 or not surface:
        return frozenset()
    following = _content_words(en_sentence[at + len(surface) :])
    return _keys(following[0]) if following else frozenset()


def _subsequence(short: str, text: str) -> bool:
    """`short` spelled in order inside `text`, with at most one character between."""
    if len(text) > len(short) + 1 or len(short) < 2:
        return False
    it = iter(text)
    return all(ch in it for ch in short)


def _refine(words: Sequence[str], lookup: Callable[[str], tuple[str, ...]]) -> list[str]:
    """Split words the dictionary lacks (官商勾結, 新年伊始) into its longest entries, so
    that the part that renders the term can be chosen alone."""
    out: list[str] = []
    for word in words:
        if len(word) < 2 or lookup(word) or not _has_han(word):
            out.append(word)
            continue
        start = 0
        while start < len(word):
            end = len(word)
            while end > start + 1 and not lookup(word[start:end]):
                end -= 1
            out.append(word[start:end])
            start = end
    return out


@lru_cache(maxsize=1024)
def _synonym_keys(term_words: tuple[str, ...]) -> frozenset[str]:
    """Keys of CEDICT's near-synonyms of the term: `cramped` → 逼仄 "narrow; cramped" →
    narrow. Only headwords with a gloss made of the term's words (and at most one more
    word) are followed, and only their other short glosses are read."""
    from . import dictionary

    cedict = dictionary.load()
    wanted = set(term_words)
    out: set[str] = set()
    if not wanted:
        return frozenset()
    for chinese in set.intersection(*(set(cedict.translations(w)) for w in term_words)):
        if len(chinese) < 2:
            continue
        glosses = [_content_words(_PAREN.sub(" ", g)) for g in cedict.lookup(chinese)]
        if not any(wanted <= set(g) and len(g) <= len(wanted) + 1 for g in glosses):
            continue
        for g in glosses:
            if not wanted & set(g) and len(g) <= SYNONYM_GLOSS_WORDS:
                out.update(k for w in g for k in _keys(w))
    return frozenset(out)


def _heads(definition: str) -> list[str]:
    """The head word of each sense of a definition, with a word coordinated with it: `the
    arrival or beginning of …` → arrival, beginning; `because of sth; taking …` → because,
    taking."""
    heads = []
    for sense in definition.split(";"):
        words = [w.strip(",.") for w in sense.split()]
        while words and words[0].lower() in _STOP:
            words.pop(0)
        heads.extend(words[:1])
        if len(words) > 2 and words[1].lower() in ("or", "and"):
            heads.append(words[2])
    return heads


def _words(keys: Iterable[str]) -> int:
    """How many distinct words a set of keys stands for (a word and its stem count once)."""
    return len({k[:_STEM] for k in keys})


def _score(keys: frozenset[str], term_keys: frozenset[str], def_keys: frozenset[str]) -> float:
    return TERM_WEIGHT * len(keys & term_keys) + DEFINITION_WEIGHT * len(
        (keys & def_keys) - term_keys
    )


def find_equivalent(
    term: str,
    surface: str,
    definition: str,
    zh_sentence: str,
    words: Sequence[str],
    en_sentence: str = "",
) -> str | None:
    """The contiguous Chinese words of `zh_sentence` that translate the term's surface.

    Args:
        term: the glossary term in dictionary form (`lend`, `inflict sth on sb/sth`).
        surface: how the term appears in the English sentence (`lent`).
        definition: the glossary's definition of the term.
        zh_sentence: the aligned Chinese sentence.
        words: `zh_sentence` segmented into words (their texts, in order).
        en_sentence: the English sentence; Chinese words that translate one of its other
            words (`flats` ↔ 單位 beside `cramped`) are not taken for the term's.

    Returns:
        The equivalent, verbatim from `zh_sentence`, or None when no candidate is convincing.
    """
    from . import dictionary

    cedict = dictionary.load()
    term_keys = _key_set([term, *_inflected_term_words(term, surface)])
    other_keys = _key_set([en_sentence.replace(surface, " ", 1)]) - term_keys
    definition = _PAREN.sub(" ", definition)  # "(of a chance or hope)" names the context
    def_keys = _key_set([definition])
    head_keys = _key_set(_heads(definition))
    # A light verb's object that its definition names ("lent support": "to give … help,
    # support") carries the term's meaning; Chinese often renders the two as one verb (支持).
    # When the term ends in a slot (`in accordance with sth`), the next word fills it instead.
    ends_in_slot = term.split()[-1].lower().split("/")[0] in ("sth", "sb") if term else False
    object_keys = frozenset() if ends_in_slot else _object_keys(en_sentence, surface) & def_keys
    other_keys -= object_keys
    # translations of the term's words that could lie in this sentence at all (only those
    # can be spelled out inside a candidate, as 合格 inside 合資格)
    in_sentence = set(zh_sentence)
    term_chinese = [
        t
        for w in _content_words(term)
        for t in cedict.translations(w)
        if len(t) > 1 and in_sentence.issuperset(t)
    ]
    syn_keys = _synonym_keys(tuple(_content_words(term))) - term_keys - other_keys
    words = _refine(words, cedict.lookup)
    offsets = [0, *accumulate(len(w) for w in words)]
    # Where the surface stands in the English sentence: translations keep clause order
    # roughly, which settles ties (顧及 rather than an earlier 因為 for `take … into account`)
    where = en_sentence.find(surface) / len(en_sentence) if surface in en_sentence else 0.5
    best: tuple[float, float, int, str] | None = None
    for start in range(len(words)):
        if not _has_han(words[start]):
            continue
        for end in range(start + 1, min(len(words), start + MAX_SPAN) + 1):
            span = words[start:end]
            if not _has_han(span[-1]):
                break
            per_word = [_score(_span_keys([w]), term_keys, def_keys) for w in span]
            # every word of a multi-word span must earn its place, unless the run is itself
            # a dictionary entry (心有餘而力不足)
            text = "".join(span)
            is_entry = len(span) > 1 and bool(cedict.lookup(text))
            fuzzy = any(_subsequence(t, text) for t in term_chinese)  # 合格 inside 合資格
            if len(span) > 1 and not (is_entry or fuzzy) and min(per_word) <= 0:
                continue
            keys = _span_keys(span)
            if keys & other_keys and not keys & term_keys:
                continue  # it renders another word of the sentence
            whole = _score(keys, term_keys, def_keys)
            # The term itself, or the head of its definition, must be among the glosses: one
            # word from deep in the definition ("work" ↔ 單位 "work unit") is chance.
            distance = round(abs(offsets[start] / max(offsets[-1], 1) - where), 1)
            # a near-synonym is weak evidence: only where the surface stands in English
            near = len(text) > 1 and distance <= NEAR
            synonym = near and bool(keys & (syn_keys | object_keys))
            if not (keys & term_keys or fuzzy or (keys & head_keys and len(text) > 1) or synonym):
                continue
            if synonym and not keys & term_keys:
                whole += SYNONYM_WEIGHT * _words(keys & (syn_keys | object_keys))
            if fuzzy:
                whole += TERM_WEIGHT
            if len(text) == 1:
                whole -= SINGLE_CHAR_COST  # 為, 由: broad glosses match anything
            if not (is_entry or fuzzy):
                whole -= EXTRA_WORD_COST * (len(span) - 1)
            # prefer higher scores, then the place the surface has in English, then brevity
            candidate = (whole, -distance, -len(text), text)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
    if best is None or best[0] < MIN_SCORE:
        return None
    return best[3] if best[3] in zh_sentence else None
