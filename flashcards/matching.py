"""A dictionary-form glossary term → where it occurs in English sentences.

A term is compiled into a pattern of elements: words (matched by any inflected form),
optional words (`(be)`, articles), alternatives (`rein in/back`) and slots (`sth`, `sb`,
`one's`, `do sth`) that stand for a short span of any words, or none. A pattern is matched
against the tokens of each sentence; the best match (most words, fewest stray tokens, then
the shortest span) gives the surface: the minimal span covering the words that realise it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .lemmas import is_known, lemmas, may_be_adjective, noun_forms, word_forms
from .models import Sentence, TermMatch
from .tokens import Token, normalise_word, tokenize, unglued_tokens

# Placeholders and how many words each may stand for.
_SLOTS = {
    "sth": 7, "sb": 7, "sb/sth": 7, "sth/sb": 7, "somebody": 7, "something": 7, "someone": 7,
    "sb's": 3, "one's": 3, "sth's": 3, "oneself": 1, "yourself": 1, "himself": 1,
}  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an"})
_BE = frozenset({"be"})
# Words that never carry a phrase on their own; a phrase must match all its other words.
_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "up",
        "down",
        "out",
        "off",
        "over",
        "into",
        "onto",
        "about",
        "against",
        "under",
        "through",
        "as",
        "upon",
        "after",
        "before",
        "around",
        "across",
        "along",
        "among",
        "between",
        "within",
        "without",
        "and",
        "or",
        "but",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
    ]
)
# Light verbs: a term led by one may have another in the text (`have a say` → "get a say"),
# or none when the rest is distinctive (`have a long way to go` → "a long way to go").
_LIGHT_VERBS = frozenset({"have", "get", "make", "take", "give"})
_LIGHT_COST = 2
# Words that never sit right before a noun but often before a verb: a noun of the term
# (`a target`) is not matched right after one ("they target", "will target", "to target").
_BEFORE_VERB = frozenset(
    "i you we they he she it who to will would can could shall should may might must "
    "do does did don't doesn't didn't".split()
)
# Words that end a noun phrase (prepositions, conjunctions, pronouns, auxiliaries): the
# modifiers between a verb and the noun of its term ("set its own three-month deadline")
# never hold one, so a match never reaches across a clause.
_DETERMINERS = frozenset({"a", "an", "the", "its", "this", "these", "those"})
_NOT_IN_NOUN_PHRASE = (
    (_FUNCTION - _DETERMINERS)
    | _BEFORE_VERB
    | frozenset(
        "is are was were be been being am has have had not n't there him them us me which whom "
        "whose where when while because if than so what how why whether also then".split()
    )
)
_CLAUSE_END = re.compile(r"[;:!?]")
# Words that begin another clause: stray words between two words of a term never hold one.
_CLAUSE_WORDS = frozenset(
    "which who whom whose where when while because if although though unless whereas and "
    "but or".split()
)
_LONG_RUN = 17  # letters: an unknown token this long is likely words glued together
_NOUN_PHRASE = 5  # modifiers allowed between a verb and the noun of its term
_SMALL_GAP = 2  # stray words allowed between two words of a phrase ("dealt a heavy blow")
_GAP_COST = 3
_MODIFIER_COST = 1
_DROP_COST = 5
_WORD_SCORE = 10

# `advice, help, etc` in a glossary form: any one of the words listed
_ETC_LIST = re.compile(r"\b([\w'-]+(?:\s*,\s*[\w'-]+)+)\s*,?\s*etc\b\.?")


@dataclass(frozen=True)
class _Word:
    alternatives: tuple[str, ...]  # dictionary forms, lower case
    optional: bool = False
    noun: bool = False  # follows an article of the term: only its noun forms match
    substitutes: tuple[str, ...] = ()  # light verbs that may stand in for it, at a cost
    # `cost` by token, read as `costs[token]` (no call per token): the search asks about
    # every token of every sentence
    costs: _Costs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "costs", _Costs(self.alternatives, self.noun, self.substitutes))

    @property
    def function(self) -> bool:
        return all(a in _FUNCTION or a in _ARTICLES for a in self.alternatives)

    def cost(self, token: str) -> int | None:
        """0 when `token` realises the word, `_LIGHT_COST` when it is a light verb standing
        in for it, None when it does not match."""
        return self.costs[token]

    def matches(self, token: str) -> bool:
        return self.cost(token) is not None


class _Costs(dict[str, int | None]):
    """A word's `cost` by token, worked out on first ask. All words' together hold at most
    _REMEMBER_COSTS answers, so that a batch's memory stays flat."""

    def __init__(self, alternatives: tuple[str, ...], noun: bool, substitutes: tuple[str, ...]):
        super().__init__()
        self._word = (alternatives, noun, substitutes)
        _EVERY_COSTS[id(self)] = self

    def __missing__(self, token: str) -> int | None:
        global _remembered_costs
        if _remembered_costs >= _REMEMBER_COSTS:
            for costs in list(_EVERY_COSTS.values()):
                costs.clear()
            _remembered_costs = 0
        cost = self[token] = _word_cost(*self._word, token)
        _remembered_costs += 1
        return cost


_REMEMBER_COSTS = 65_536
_EVERY_COSTS: weakref.WeakValueDictionary[int, _Costs] = weakref.WeakValueDictionary()
_remembered_costs = 0  # answers added since the last clearing


def _word_cost(
    alternatives: tuple[str, ...], noun: bool, substitutes: tuple[str, ...], token: str
) -> int | None:
    """`_Word.cost`, worked out (a word's `_Costs` remembers it)."""
    if any(_realises(alt, token, noun) for alt in alternatives):
        return 0
    if any(_realises(alt, token, False) for alt in substitutes):
        return _LIGHT_COST
    return None


@lru_cache(maxsize=65536)
def _realises(alt: str, token: str, noun: bool) -> bool:
    """`token` is an inflected form (or a spelling) of the dictionary word `alt`; of its noun
    forms only, when `noun` and lemminflect knows the word as a noun."""
    if alt in _FUNCTION or alt in _ARTICLES:
        return token == alt or token == _DEMONSTRATIVE_PLURALS.get(alt)  # to these ends
    if noun and (nouns := noun_forms(alt)):
        return token in nouns or canonical_spelling(token) in {canonical_spelling(n) for n in nouns}
    return (
        token in word_forms(alt)
        or alt in lemmas(token)
        or canonical_spelling(alt) in _canonical_lemmas(token)
    )


@lru_cache(maxsize=16384)
def _canonical_lemmas(token: str) -> frozenset[str]:
    return frozenset(canonical_spelling(x) for x in lemmas(token))


_DEMONSTRATIVE_PLURALS = {"this": "these", "that": "those"}


@dataclass(frozen=True)
class _Slot:
    max_words: int


_Element = _Word | _Slot


# British → American spelling of a dictionary form, so that either matches the other
# (defence/defense, organise/organize, colour/color, centre/center, catalogue/catalog).
_SPELLINGS = (
    (re.compile(r"(?<=\w{3})our$"), "or"),
    (re.compile(r"(?<=\w{2})is(e|ation)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})yse$"), "yze"),
    (re.compile(r"^(defen|offen|licen|preten)ce$"), r"\1se"),
    (re.compile(r"(?<=\w{2})tre$"), "ter"),
    (re.compile(r"(?<=\w{3})ogue$"), "og"),
)


@lru_cache(maxsize=16384)
def canonical_spelling(word: str) -> str:
    """One spelling for British and American forms of a word, hyphens ignored
    (`heat-stroke` = `heatstroke`)."""
    word = word.replace("-", "")
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=1024)
def compile_term(term: str) -> tuple[_Element, ...]:
    """Turn a glossary term into pattern elements.

    `(be) on the verge of sth` → be?, on, the?, verge, of, <slot>;
    `rein in/back sth` → rein, in|back, <slot>; `urge sb to do sth` → urge, <slot>, to, <slot>.
    """
    text = normalise_word(term).strip().rstrip(".,;:!?")
    text = _ETC_LIST.sub(lambda m: "/".join(re.split(r"\s*,\s*", m.group(1))), text)
    text = re.sub(r"\betc\b\.?", " ", text)
    elements: list[_Element] = []
    for optional_part, plain in re.findall(r"\(([^)]*)\)|([^\s()]+)", text):
        for raw in (optional_part or plain).split():
            raw = raw.strip(".,;:!?\"'")
            if not raw:
                continue
            if raw in _SLOTS:
                elements.append(_Slot(_SLOTS[raw]))
            elif raw in ("do", "doing") and optional_part == "" and _next_is_slot(text, raw):
                continue  # `do sth` is one slot: the verb is part of what fills it
            else:
                alternatives = tuple(a for a in raw.split("/") if a)
                optional = bool(optional_part) or raw in _ARTICLES or raw in _BE
                elements.append(_Word(alternatives, optional))
    # Adjacent slots merge into one
    merged: list[_Element] = []
    for el in elements:
        if isinstance(el, _Slot) and merged and isinstance(merged[-1], _Slot):
            merged[-1] = _Slot(merged[-1].max_words + el.max_words)
        else:
            merged.append(el)
    return _mark_light_verb(_mark_nouns(merged))


def _is_content(el: _Element | None) -> bool:
    return isinstance(el, _Word) and not el.function


def _mark_nouns(elements: list[_Element]) -> list[_Element]:
    """A word right after an article (or `one's`) of the term, and not followed by another
    content word (`a long way`), is a noun: `a target`, `bear the brunt of`."""
    out = list(elements)
    for n, el in enumerate(elements):
        before = elements[n - 1] if n else None
        after = elements[n + 1] if n + 1 < len(elements) else None
        after_article = isinstance(before, _Word) and set(before.alternatives) <= _ARTICLES
        after_possessive = isinstance(before, _Slot) and before.max_words == _SLOTS["one's"]
        if _is_content(el) and (after_article or after_possessive) and not _is_content(after):
            assert isinstance(el, _Word)
            out[n] = replace(el, noun=True)
    return out


def _mark_light_verb(elements: list[_Element]) -> tuple[_Element, ...]:
    """A leading light verb may be another light verb in the text when a noun phrase
    follows (`have a say` → "get a say"), or be missing when two or more content words do
    (`have a long way to go` → "a long way to go")."""
    first = elements[0] if elements else None
    if not isinstance(first, _Word) or not set(first.alternatives) <= _LIGHT_VERBS:
        return tuple(elements)
    rest = [e for e in elements[1:] if _is_content(e)]
    second = elements[1] if len(elements) > 1 else None
    substitutes: tuple[str, ...] = ()
    if isinstance(second, _Word) and set(second.alternatives) <= _ARTICLES:
        # only before a noun phrase: `take off` → "get off", `give way` → "has no way" are
        # other phrases
        substitutes = tuple(sorted(_LIGHT_VERBS - set(first.alternatives)))
    light = replace(first, substitutes=substitutes, optional=first.optional or len(rest) >= 2)
    return (light, *elements[1:])


def _next_is_slot(text: str, word: str) -> bool:
    m = re.search(rf"\b{re.escape(word)}\s+(\S+)", text)
    return m is not None and m.group(1) in _SLOTS


@dataclass(frozen=True)
class _Candidate:
    positions: tuple[int, ...]  # token indices of the matched words
    penalty: int

    @property
    def score(self) -> int:
        return _WORD_SCORE * len(self.positions) - self.penalty


def _search(
    elements: Sequence[_Element],
    tokens: Sequence[Token],
    i: int,
    j: int,
    free: int,
    gap: int,
    positions: tuple[int, ...],
    penalty: int,
) -> Iterator[_Candidate]:
    """Every way elements[i:] can match tokens from j on. `gap` stray tokens may come before
    the next word, the first `free` of them at no cost (they fill a slot)."""
    if i == len(elements):
        yield _Candidate(positions, penalty)
        return
    el = elements[i]
    if isinstance(el, _Slot):
        if positions:  # a leading slot is not part of the surface
            free, gap = free + el.max_words, gap + el.max_words
        yield from _search(elements, tokens, i + 1, j, free, gap, positions, penalty)
        return
    if el.optional:
        yield from _search(elements, tokens, i + 1, j, free, gap, positions, penalty + 1)
    if positions and _droppable_tail(elements, i, positions, tokens):
        # "plumbing new depths" for `plumb the depths of sth`: the text dropped `of sth`
        yield _Candidate(positions, penalty + _DROP_COST)
    stop = min(len(tokens), j + gap + 1) if positions else len(tokens)
    modifiers = 0
    if positions and not el.function and tokens[positions[-1]].norm not in _FUNCTION:
        # a noun phrase may come between a verb and the noun of its term
        modifiers = _noun_phrase_reach(tokens, j)
        stop = max(stop, min(len(tokens), j + modifiers + 1))
    costs = el.costs
    for k in range(j, stop):
        word_cost = costs[tokens[k].norm]
        if word_cost is None:
            continue
        if el.noun and k and tokens[k - 1].norm in _BEFORE_VERB:
            continue  # "they target": a verb, not the noun of `a target`
        if positions and any(_CLAUSE_END.search(tokens[t].sep) for t in range(j, k + 1)):
            break  # a match never reaches across a clause (`;`, `:`) or a sentence
        skipped = k - j if positions else 0
        stray = max(0, skipped - free)
        if stray and any(t.norm in _CLAUSE_WORDS for t in tokens[k - stray : k]):
            break  # "reached Beijing, where consensus…": another clause begins
        if stray > modifiers and any(t.sep for t in tokens[k - stray + 1 : k + 1]):
            break  # stray words that are no noun phrase: never past a comma
        per_word = _MODIFIER_COST if skipped <= modifiers and not tokens[k].sep else _GAP_COST
        if skipped > max(gap, modifiers if not tokens[k].sep else 0):
            continue
        cost = stray * per_word + word_cost
        # an optional word (`be`, an article) counts only right next to the next word, and
        # a light verb standing in for another only right before its noun phrase
        gap_after = 0 if el.optional or word_cost else _SMALL_GAP
        yield from _search(
            elements, tokens, i + 1, k + 1, 0, gap_after, (*positions, k), penalty + cost
        )


def _noun_phrase_reach(tokens: Sequence[Token], j: int) -> int:
    """How many tokens from j on may be modifiers inside one noun phrase: no preposition,
    conjunction or pronoun among them, no punctuation but a comma after an adjective."""
    n = 0
    while n < _NOUN_PHRASE and j + n < len(tokens):
        token = tokens[j + n]
        if token.norm in _NOT_IN_NOUN_PHRASE or token.sep not in ("", ","):
            break
        if token.sep == "," and (
            n == 0 or token.norm in _DETERMINERS or not may_be_adjective(tokens[j + n - 1].norm)
        ):
            break  # a comma between adjectives ("a broad, hard-won"), not between nouns
        n += 1
    return n


def _droppable_tail(
    elements: Sequence[_Element], i: int, positions: tuple[int, ...], tokens: Sequence[Token]
) -> bool:
    """The rest is prepositions and slots, and the words matched so far are distinctive
    (two or more content words), so the phrase is recognisable without them."""
    rest = elements[i:]
    if not all(isinstance(e, _Slot) or e.function for e in rest):
        return False
    if not isinstance(rest[-1], _Slot):
        return False
    content = [p for p in positions if tokens[p].norm not in _FUNCTION]
    return len(content) >= 2


def find_in_sentence(term: str, sentence: Sentence) -> TermMatch | None:
    """The best occurrence of `term` in `sentence`, or None."""
    elements = compile_term(term)
    words = [e for e in elements if isinstance(e, _Word)]
    if not words:
        return None
    # The text as it stands; then, when some word of the term was not found and one may
    # hide in a glued run (`hasintroduced`), the text with its glued words parted.
    tokens = tokenize(sentence.text)
    best = _best(elements, tokens)
    if (best is None or len(best.positions) < len(words)) and _may_be_glued(elements, tokens):
        unglued = unglued_tokens(sentence.text, _forms(elements))
        other = _best(elements, unglued) if unglued is not None else None
        if unglued is not None and other is not None and (best is None or other.score > best.score):
            best, tokens = other, unglued
    if best is None:
        return None
    spans = tuple((tokens[p].start, tokens[p].end) for p in best.positions)
    start, end = tokens[best.positions[0]].outer[0], tokens[best.positions[-1]].outer[1]
    return TermMatch(sentence, start, end, spans, best.penalty)


def _may_be_glued(elements: tuple[_Element, ...], tokens: Sequence[Token]) -> bool:
    """A token that is no word lemminflect knows holds a form of a word of the term: a cheap
    test before asking wordfreq about glued runs."""
    forms = _hyphenless_forms(elements)
    # a known word hides nothing: asked first, as it is the same for every term
    return any(_may_hide(t.norm, forms) for t in tokens if not is_known(t.norm))


@lru_cache(maxsize=65536)
def _may_hide(norm: str, forms: frozenset[str]) -> bool:
    """The token may be a glued run holding one of `forms`."""
    text = norm.replace("-", "")
    if text in forms or is_known(norm):
        return False
    if max(len(part) for part in norm.split("-")) >= _LONG_RUN:
        return True
    # a short word (`on`, `of`) only where a glued run would have it: at its ends
    return any(f in text if len(f) > 2 else text.startswith(f) or text.endswith(f) for f in forms)


@lru_cache(maxsize=1024)
def _hyphenless_forms(elements: tuple[_Element, ...]) -> frozenset[str]:
    return frozenset(f.replace("-", "") for f in _forms(elements) if len(f) > 1)


@lru_cache(maxsize=1024)
def _forms(elements: tuple[_Element, ...]) -> frozenset[str]:
    """Every form of every word of a compiled term (`lend` → lend, lends, lent, lending)."""
    forms: set[str] = set()
    for el in elements:
        if isinstance(el, _Word):
            for alt in el.alternatives:
                forms |= {alt} if el.function else word_forms(alt)
    return frozenset(forms)


def _best(elements: Sequence[_Element], tokens: Sequence[Token]) -> _Candidate | None:
    """The best candidate: most words, fewest stray tokens, then the shortest span.
    Only optional words (a light verb among them) and a droppable tail of prepositions are
    ever skipped, so every candidate holds all the other content words of the term."""
    best: _Candidate | None = None
    for cand in _search(elements, tokens, 0, 0, 0, 0, (), 0):
        if cand.positions and (best is None or _better(cand, best, tokens)):
            best = cand
    return best


def _better(a: _Candidate, b: _Candidate, tokens: Sequence[Token]) -> bool:
    def key(c: _Candidate) -> tuple[int, int, int]:
        span = tokens[c.positions[-1]].end - tokens[c.positions[0]].start
        return (c.score, -span, -c.positions[0])

    return key(a) > key(b)


def find_matches(term: str, sentences: Sequence[Sentence]) -> tuple[TermMatch, ...]:
    """Every sentence `term` occurs in, in text order, with its surface span."""
    found = (find_in_sentence(term, s) for s in sentences)
    return tuple(m for m in found if m is not None)
