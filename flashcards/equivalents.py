"""The Chinese words that render a glossary term, found through CC-CEDICT glosses.

What the finder does, in order:

1. Candidates: every contiguous run of (up to MAX_SPAN) segmented words of the aligned Chinese
   sentence; words the dictionary lacks are split into its longest entries first, so that the
   part that renders the term can be chosen alone (官商勾結 → 勾結). A candidate of one
   character, or made only of grammatical words (是, 有, 對, 因為 — _FUNCTION), is never
   one: function words carry no evidence, whatever their glosses say.
2. Evidence: the English glosses of a candidate's words are compared with the term, its
   surface form and its definition, through lemmas, stems of derived forms (collusion ↔
   collude) and American spelling (honour ↔ "honor", polarise ↔ "polarize"). Light verbs of a
   term (`have`, `take`, `make` in `have regard to`, `take sth forward`) are not term words.
   Its kind, strongest first: `term` (a gloss holds a term word itself; two key words or more
   count as strong), `stem` (only a stem or a spelled-out translation, 合格 inside 合資格,
   or a shortening of a longer one that keeps its first character, 細味 for 細細品味),
   `head` (the head word of the definition — itself or its adjective, never a stem of it, nor
   a negation: `not seeming …` is headed by seeming — or only a light verb), `synonym` (a
   near-synonym reached through CC-CEDICT, or the object of a light verb the definition
   names: `lent support` ↔ 支持 — only counted where the surface stands in English, within
   NEAR, and never a word another sentence the Chinese translates renders: 內地 beside
   `Mainland`), `part` (one word of a longer saying: 烏雲 for `every cloud has a silver
   lining`). A comparative whose lemma is another word is only itself (改善 "to make better"
   is no `good`).
3. Explaining away: a candidate whose glosses translate another word of the English sentence
   and no word of the term renders that other word, a light verb aside (`flats` ↔ 單位
   beside `cramped`; 改善 beside `improving`, though its gloss says "make").
4. Choice: the best-scoring candidate (term matches weigh TERM_WEIGHT, definition matches
   DEFINITION_WEIGHT, each extra word costs EXTRA_WORD_COST unless the run is a dictionary
   entry), ties settled by the place of the surface in the English sentence, then brevity.
5. Confidence: STRENGTH of its kind of evidence, less DISTANCE_WEIGHT times the relative
   distance between where the surface stands in English and where the candidate stands in
   Chinese (when the Chinese sentence translates several English ones, the surface's place
   among all of them is a second guess, and the nearer counts; a term opening with a
   preposition may also stand at the head of the Chinese sentence, where Chinese puts
   adverbials). For `term` and `stem` evidence the place beside the Chinese rendering of
   the surface's nearest translated English neighbours (the anchors of 6.) counts as well,
   whatever the word order (細味 … 盡興 for `savoured and enjoyed by …`, passive turned
   active). `find_equivalent` shows it only from
   MIN_CONFIDENCE on, a threshold read off the calibration curve that
   `benchmarks/equivalents.py` prints (at most 3 % of shown equivalents wrong on the shared
   corpus and its bilingual folder); below it the card shows no equivalent.
6. Explaining away, when the gloss evidence is weak or absent (`_remainders`): every other
   English word of the sentence (and of the other English sentences the Chinese translates)
   is looked up in CC-CEDICT, with its lemmas and, for an adverb, its adjective; the Chinese
   words its translations cover (whole words, or inside one word, never across a word
   boundary) are explained. The runs of unexplained content words that remain, trimmed of
   grammatical words and single characters at their edges (`_GRAMMAR`, _FUNCTION: 現時須處理
   → 處理), are candidates when they stand next to the rendering of the surface's nearest
   translated English neighbour on either side (the anchors). A weak gloss candidate
   inside such a run, with at most AGREE_GAP untranslated English words between the surface
   and its anchors and standing near its place, is confirmed (kind `agree`, its confidence
   raised by AGREE_BONUS: 影響 in 受到影響 for `be susceptible to`; for a verb term, only a
   word that may be a verb). With no gloss candidate at all, the run itself is the candidate
   (kind `remainder`: 多變 for `volatile`, 引發 for `arise from`) when at most REMAINDER_GAP
   English words compete for the slot and it has at most REMAINDER_CHARS characters; its
   confidence is REMAINDER_STRENGTH less the distance and REMAINDER_GAP_COST per competing
   word, so that it is shown only where nothing competes and it stands where the surface
   does: a looser translation's words that no English word explains are left over as often
   as the term's rendering is (協助 added by the translator beside `make … a success`).
   A numeral with its measure word (一所) is grammar, never part of a run. A remainder
   never overrides gloss evidence, is never a word the gloss evidence has judged (改變
   without the negation `unchanged` needs), and for a verb term (a definition in `to …`)
   never a word CC-CEDICT glosses only as a non-verb (好奇心 "curiosity" for `perpetrate`).

Idioms are found when CC-CEDICT has them with a gloss sharing a term word (讚不絕口 "to praise
without cease"), through the evidence above, or as the sentence's remainder (kind `idiom`): a
four-character set phrase (one CC-CEDICT marks as an idiom, or an entry that is not two
dictionary words side by side: 馬不停蹄, not 氣候變化), standing where the surface stands and
explained by no other English word of the sentence (左右為難 for `be caught in the middle`).
Definitions count too when one sense of a candidate shares two of their words (先進 "advanced
(technology)" for `state-of-the-art`). A Chinese word explained by another English word is
still free when it occurs more often than that word (氣候變化 … 天氣變化 beside one
`change`). A term word negated by a prefix (`unchanged`) is rendered by its stem's
translation only with the negation before it, which the equivalent includes (未改變). The
head of a definition is its first content word, and the next one when the first is an adverb
(`easily affected`). Other English words explain away through their own forms, not through
stems (`technical` does not explain 先進 "advanced (technology)").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from .editorial import is_han

MAX_SPAN = 4
MIN_SCORE = 1.0
TERM_WEIGHT = 3.0  # a gloss word shared with the term or its surface
DEFINITION_WEIGHT = 1.0  # a gloss word shared with the definition
DEFINITION_WORDS = 2  # words of the definition (other than its head) that make evidence
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
    who very more most such well might""".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# Verbs that lend a phrase its grammar, not its meaning (`have regard to`, `take sth forward`):
# their translations (有, 是) are never evidence while the term has another content word.
_NEGATING_PREFIXES = ("un", "in", "im", "dis", "non")
_NEGATION = re.compile(r"[不未沒没無无非]$")  # a word ending in a negation: 並未, 從不, 毫無
_PREPOSITIONS = frozenset(
    "in on at for with under due because as by from within without despite given".split()
)
_LIGHT = frozenset("have has had be get give go come make do take put keep set bring".split())
# Chinese grammatical words: never an equivalent on their own, whatever their glosses say.
_FUNCTION = frozenset(
    """的 了 是 有 在 着 著 和 與 与 及 也 就 都 而 之 把 被 這 这 那 個 个 們 们 地 得 所 其 對 对
    為 为 以 於 于 由 從 从 向 但 並 并 或 又 亦 即 則 则 乃 將 将 會 会 能 可 要 已 已經 已经
    這個 那個 我們 他們 我们 他们 就是 還是 还是 但是 而且 因為 因为 所以 如果 雖然 虽然 可以
    沒有 没有 一個 一个 其中 之一 這些 那些 这些 一些 以及 及其 等等 不是 並非 并非""".split()
)
_SPELLING = ((re.compile(r"^enquir"), "inquir"),  # enquiry: inquiry
             (re.compile(r"our(s|ed|ing|able)?$"), r"or\1"),
             (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
             (re.compile(r"yse(s|d)?$"), r"yze\1"),
             (re.compile(r"tre(s)?$"), r"ter\1"))  # fmt: skip


@lru_cache(maxsize=16384)
def _has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def _content_words(text: str) -> list[str]:
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP]


@lru_cache(maxsize=4096)
def _term_words(text: str) -> tuple[str, ...]:
    """Content words of a term, without its light verbs when it has other words."""
    words = tuple(_content_words(text))
    heavy = tuple(w for w in words if w not in _LIGHT)
    return heavy or words


@lru_cache(maxsize=16384)
def _american(word: str) -> str:
    """British spellings as CC-CEDICT's glosses have them (`honour` → honor, `minimise` →
    minimize); short words are left alone (`four`, `rise`)."""
    if len(word) < 6:
        return word
    for pattern, repl in _SPELLING:
        if pattern.search(word):
            return pattern.sub(repl, word)
    return word


# Comparatives whose lemma is another word: "to make better" is to improve, not to make good
_SUPPLETIVE = frozenset("better best worse worst more most less least further furthest".split())


@lru_cache(maxsize=16384)
def _forms(word: str) -> frozenset[str]:
    """A word and its lemmas, in American spelling as well (a suppletive comparative is
    only itself)."""
    from .lemmas import lemmas

    if word in _SUPPLETIVE:
        return frozenset({word})
    forms = {_american(f) for f in lemmas(word) | {word}}
    return frozenset(forms | lemmas(_american(word)) | {word})


@lru_cache(maxsize=16384)
def _keys(word: str) -> frozenset[str]:
    """A word, its lemmas and their stems, for loose comparison."""
    forms = _forms(word)
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

    if chinese in _FUNCTION:
        return frozenset()  # 因為 "on account of" is grammar, not a rendering of `account`
    # classifier notes ("CL:場|场[chang3]") are not meanings
    glosses = dictionary.load().lookup(chinese)
    return _key_set(g for g in glosses if not g.startswith("CL:"))


def _sense_overlap(chinese: str, def_keys: frozenset[str]) -> int:
    """The most words of the definition that one gloss of the word shares (several words
    spread over unrelated senses are chance: 單位 "work unit" / "group of people")."""
    from . import dictionary

    if chinese in _FUNCTION:
        return 0
    senses = dictionary.load().lookup(chinese)
    return max((_words(_sense_keys(g) & def_keys) for g in senses), default=0)


@lru_cache(maxsize=16384)
def _sense_keys(gloss: str) -> frozenset[str]:
    return _key_set([gloss])


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


def _abbreviates(short: str, text: str) -> bool:
    """`short` (two characters or more, all Chinese) spells `text` in order from its first
    character, with at most two characters left out between: 細味 for 細細品味. A part of
    `text` is no abbreviation (歷史 is one word of 回顧歷史 "to look back at history")."""
    if len(short) < 2 or len(text) > len(short) + 2 or not all(is_han(c) for c in short):
        return False
    if short in text or short[0] != text[0]:
        return False
    it = iter(text)
    return all(ch in it for ch in short)


def _refine(words: Sequence[str]) -> list[str]:
    """Split words the dictionary lacks (官商勾結, 新年伊始) into its longest entries, so
    that the part that renders the term can be chosen alone."""
    return [part for word in words for part in _refined(word)]


@lru_cache(maxsize=16384)
def _refined(word: str) -> tuple[str, ...]:
    from . import dictionary

    lookup = dictionary.load().lookup
    if len(word) < 2 or lookup(word) or not _has_han(word):
        return (word,)
    out: list[str] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start + 1 and not lookup(word[start:end]):
            end -= 1
        out.append(word[start:end])
        start = end
    return tuple(out)


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
    candidates = set.intersection(*(set(cedict.translations(w)) for w in term_words))
    for senses in cedict.lookup_many(c for c in candidates if len(c) >= 2).values():
        glosses = [_content_words(_PAREN.sub(" ", g)) for g in senses]
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
        # a negation is no head (`not seeming to be based on a reason` is headed by seeming);
        # a sense led by a light verb has none that says what it means (`to have to do sth
        # because …` is not 分享 "let others have", `to give most of your time to` not 同時)
        while words and (words[0].lower() in _STOP or words[0].lower() in ("not", "no")):
            words.pop(0)
        if words and words[0].lower() in _LIGHT:
            # but a word coordinated with it is a head
            if len(words) > 2 and words[1].lower() in ("or", "and"):
                heads.append(words[2])  # `to come or originate from` → originate
            continue
        heads.extend(words[:1])
        # an adverb before the head qualifies it: `to be easily affected by` → affected too
        if len(words) > 1 and words[0].lower().endswith("ly") and words[1] not in _STOP:
            words.pop(0)
            heads.extend(words[:1])
        if len(words) > 2 and words[1].lower() in ("or", "and"):
            heads.append(words[2])
    return heads


@lru_cache(maxsize=16384)
def _is_name(chinese: str) -> bool:
    """CC-CEDICT glosses the word as a name only (a place, a person: every gloss capitalised,
    `surname …` included)."""
    from . import dictionary

    glosses = dictionary.load().lookup(chinese)
    return bool(glosses) and all(g[:1].isupper() or g.startswith("surname ") for g in glosses)


def _negated(words: Iterable[str]) -> list[str]:
    """The words that term words negate by a prefix (`unchanged` → changed), when the
    dictionary translates them."""
    from . import dictionary

    cedict = dictionary.load()
    out = []
    for word in words:
        for prefix in _NEGATING_PREFIXES:
            rest = word[len(prefix) :]
            known = any(cedict.translations(form) for form in _forms(rest))
            if word.startswith(prefix) and len(rest) > 3 and known:
                out.append(rest)
    return out


def _is_idiom(text: str, lookup: Callable[[str], tuple[str, ...]]) -> bool:
    """A four-character set phrase: one CC-CEDICT marks as an idiom (成語), or an entry
    that is not two dictionary words side by side (馬不停蹄, not 氣候變化)."""
    if len(text) != 4 or not lookup(text):
        return False
    marked = any("(idiom)" in g for g in lookup(text))
    return marked or not (lookup(text[:2]) and lookup(text[2:]))


# Grammatical adverbs and prepositions: not a rendering on the edge of a remainder (現時須處理
# → 處理), though they may stand inside one.
_GRAMMAR = frozenset(
    """有關 關於 对于 對於 根據 根据 按照 通過 通过 經過 经过 由於 由于 為了 为了 除了 隨著 随着
    至於 至于 以便 現時 现时 目前 現在 现在 已經 已经 一直 仍然 正在 然而 不過 不过 因此 因而
    於是 于是 此外 另外 同時 同时 並且 并且 還有 还有 更加 非常 十分 必須 必须 亦即 而言 來說
    来说 只是 只有 就是 正是 也是 還是 还是 但是 可是""".split()
)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
# a numeral with its measure word (一所, 兩個, 三項): grammar of the sentence, no rendering
_COUNTED = re.compile(r"^[一二兩两三四五六七八九十百千幾几数數每這这那該该此][^\s]?$")
REMAINDER_GAP = 1  # unexplained English words beside the surface a remainder may share it with
REMAINDER_CHARS = 4  # longer runs say more than the term
AGREE_GAP = 2  # looser: the gloss evidence already points at the run
AGREE_BONUS = 0.3
# shown only where the surface stands with nothing competing: from 0.75, 7 of the 15 shown were
# wrong over the corpus, bilingual/ and three sets of parallel texts kept outside the repository
REMAINDER_STRENGTH = 0.6
REMAINDER_GAP_COST = 0.1


@dataclass(frozen=True)
class _Run:
    """Unexplained Chinese words beside the renderings of the surface's English neighbours."""

    text: str
    gap: int  # unexplained English content words between those neighbours and the surface
    distance: float


def _marks(en_tokens: Sequence[str], zh: str, words: Sequence[str]) -> list[set[int]]:
    """Per Chinese word, the English tokens (by index) whose CC-CEDICT translations or digits
    cover at least half of it; a translation counts where it is a whole run of words or
    lies inside one word, never across a word boundary (受寒 in 受/寒冷)."""
    offsets = [0, *accumulate(len(w) for w in words)]
    bounds = set(offsets)
    word_at = [j for j, w in enumerate(words) for _ in w]
    by_char: list[set[int]] = [set() for _ in zh]
    present = set(zh)  # its characters, and the pairs of them side by side
    pairs = {zh[a : a + 2] for a in range(len(zh) - 1)}
    for i, token in enumerate(en_tokens):
        lower = token.lower()
        if lower in _STOP:
            continue
        heads: Iterable[str]
        if token.isdigit():
            heads = (token,)
        else:
            # only the translations that occur in `zh` are placed: those starting with a
            # pair of characters it has are searched for
            single, by_start = _translations_by_start(lower)
            heads = {t for p in by_start.keys() & pairs for t in by_start[p] if t in zh}
            heads |= single & present
        for head in heads:
            at = zh.find(head)
            while at >= 0:
                end = at + len(head)
                whole = at in bounds and end in bounds
                if whole or (len(head) > 1 and word_at[at] == word_at[end - 1]):
                    for k in range(at, end):
                        by_char[k].add(i)
                at = zh.find(head, at + 1)
    out = []
    for j in range(len(words)):
        chars = by_char[offsets[j] : offsets[j + 1]]
        covered = sum(map(bool, chars))
        out.append(set().union(*chars) if covered and 2 * covered >= len(chars) else set())
    return out


@lru_cache(maxsize=512)  # as many as `_translations` keeps: the same strings, indexed
def _translations_by_start(word: str) -> tuple[frozenset[str], Mapping[str, tuple[str, ...]]]:
    """`_translations` of a word: those of one character, and the longer ones by their first
    two characters."""
    out: dict[str, list[str]] = {}
    for t in _translations(word):
        if len(t) > 1:
            out.setdefault(t[:2], []).append(t)
    single = frozenset(t for t in _translations(word) if len(t) == 1)
    return single, {p: tuple(ts) for p, ts in out.items()}


@lru_cache(maxsize=16384)
def _adjective(word: str) -> str:
    """An adverb's adjective (`completely` → complete, `easily` → easy); else the word."""
    if word.endswith("ly") and len(word) > 5:
        return word[:-3] + "y" if word.endswith("ily") else word[:-2]
    return word


@lru_cache(maxsize=512)  # some are large (`make`: 1,309 headwords)
def _translations(word: str) -> frozenset[str]:
    from . import dictionary

    cedict = dictionary.load()
    forms = set(_forms(word)) | {_adjective(word)}  # an adverb is explained as its adjective
    return frozenset(t for f in forms for t in cedict.translations(f)) - _FUNCTION


@dataclass(frozen=True)
class _Explanation:
    """What the other English words of a sentence explain of its Chinese (see _remainders)."""

    words: tuple[str, ...]  # the Chinese sentence, segmented
    explained: tuple[frozenset[int], ...]  # per Chinese word, the English tokens it renders
    anchors: tuple[int, ...]  # the surface's nearest explained English neighbours
    gap: int  # the unexplained English words between them and the surface


def _explain(
    en_sentence: str, surface: str, zh: str, words: Sequence[str], bead_english: str = ""
) -> _Explanation | None:
    """Explaining away: which Chinese words the other English words of the sentence (or of
    the other sentences the Chinese translates) render, and which English words beside the
    surface, the nearest on either side that something renders, anchor it."""
    at = en_sentence.find(surface)
    if at < 0 or not surface or len(zh) != sum(len(w) for w in words):
        return None
    matches = list(_TOKEN.finditer(en_sentence))
    inside = {i for i, m in enumerate(matches) if at <= m.start() < at + len(surface)}
    if not inside:
        return None
    tokens = [m.group() if i not in inside else "" for i, m in enumerate(matches)]
    others = bead_english.replace(en_sentence, " ") if en_sentence in bead_english else ""
    explained = _marks(tokens + _TOKEN.findall(others), zh, words)
    known = set().union(*explained)

    def neighbour(step: int) -> tuple[int | None, int]:
        i, gap = (min(inside) if step < 0 else max(inside)) + step, 0
        while 0 <= i < len(tokens):
            if i in known:
                return i, gap
            gap += tokens[i].lower() not in _STOP
            i += step
        return None, gap

    (left, left_gap), (right, right_gap) = neighbour(-1), neighbour(1)
    anchors = tuple(a for a in (left, right) if a is not None)
    return _Explanation(
        tuple(words), tuple(frozenset(e) for e in explained), anchors, left_gap + right_gap
    )


def _anchor_places(found: _Explanation, zh: str) -> list[float]:
    """Where the renderings of the anchors stand in the Chinese (relative, 0 … 1): the
    surface's rendering is likely beside them, whatever the word order."""
    offsets = [0, *accumulate(len(w) for w in found.words)]
    out = []
    for token in found.anchors:
        at = [j for j, e in enumerate(found.explained) if token in e]
        if len(at) == 1:  # one rendering, no doubt where
            out += [offsets[at[0]] / len(zh), offsets[at[0] + 1] / len(zh)]
    return out


def _remainders(found: _Explanation, zh: str, places: Sequence[float]) -> list[_Run]:
    """The runs of Chinese words no other English word explains, standing next to the
    rendering of an anchor, best first."""
    words, explained = found.words, found.explained
    kind = [
        "x" if explained[j] else "u" if _has_han(w) and w not in _FUNCTION and not _COUNTED.match(w)
        else "f" if _has_han(w) else "s" if not w.strip() else "p"
        for j, w in enumerate(words)
    ]  # fmt: skip
    offsets = [0, *accumulate(len(w) for w in words)]

    def edge(j: int) -> bool:
        return kind[j] in "fs" or len(words[j]) == 1 or words[j] in _GRAMMAR

    def anchor(j: int, step: int) -> frozenset[int]:
        while 0 <= j < len(words) and kind[j] in "fsp":
            j += step
        return explained[j] if 0 <= j < len(words) else frozenset()

    runs = []
    j = 0
    while j < len(words):
        if kind[j] != "u":
            j += 1
            continue
        start = j
        while j < len(words) and (kind[j] in "us" or (kind[j] == "f" and words[j] not in "的之")):
            j += 1
        a, b = start, j
        while a < b and edge(a):
            a += 1
        while b > a and edge(b - 1):
            b -= 1
        if a == b or not set(found.anchors) & (anchor(start - 1, -1) | anchor(j, 1)):
            continue
        here = offsets[a] / len(zh)
        distance = round(min(abs(here - p) for p in places), 2)
        runs.append(_Run(zh[offsets[a] : offsets[b]], found.gap, distance))
    return sorted(runs, key=lambda r: (r.gap, r.distance))


def _may_be_verb(chinese: str) -> bool:
    """CC-CEDICT glosses verbs as `to …`: a word it knows with no such gloss is no verb (a
    word it does not know may be one)."""
    from . import dictionary

    glosses = dictionary.load().lookup(chinese)
    return not glosses or any(g.lstrip("( ").startswith("to ") for g in glosses)


def _words(keys: Iterable[str]) -> int:
    """How many distinct words a set of keys stands for (a word and its stem count once)."""
    return len({k[:_STEM] for k in keys})


def _score(keys: frozenset[str], term_keys: frozenset[str], def_keys: frozenset[str]) -> float:
    return TERM_WEIGHT * len(keys & term_keys) + DEFINITION_WEIGHT * len(
        (keys & def_keys) - term_keys
    )


@dataclass(frozen=True)
class Equivalent:
    """The best candidate for a term's rendering and the confidence of its evidence."""

    text: str
    confidence: float
    evidence: str = "term"  # the kind of evidence: a key of STRENGTH


# Evidence → confidence before the distance between the places of the surface in English and
# of the candidate in Chinese is taken off. Only the kind of evidence counts, so that the
# calibration (benchmarks/equivalents.py prints the curve) has few numbers to fit.
STRENGTH = {"term": 1.0, "stem": 0.8, "head": 0.7, "synonym": 0.6, "idiom": 0.7, "part": 0.5,
            "agree": AGREE_BONUS, "remainder": REMAINDER_STRENGTH}  # fmt: skip
DISTANCE_WEIGHT = 1.0  # per unit of relative distance (0 … 1)
STRONG_BONUS = 0.3  # a candidate whose glosses share two keys or more with the term
# Shown when the confidence reaches this; below it the card shows no equivalent. Chosen on
# the curve of benchmarks/equivalents.py so that at most 3 % of shown equivalents are wrong.
MIN_CONFIDENCE = 0.6


def _confidence(kind: str, score: float, distance: float) -> float:
    strong = STRONG_BONUS if kind == "term" and score >= 2 * TERM_WEIGHT else 0.0
    return round(STRENGTH[kind] + strong - DISTANCE_WEIGHT * distance, 3)


def find_equivalent(
    term: str,
    surface: str,
    definition: str,
    zh_sentence: str,
    words: Sequence[str],
    en_sentence: str = "",
    min_confidence: float = MIN_CONFIDENCE,
    bead_english: str = "",
) -> str | None:
    """The equivalent of `rank_equivalent` when its confidence reaches `min_confidence`."""
    best = rank_equivalent(term, surface, definition, zh_sentence, words, en_sentence, bead_english)
    return best.text if best is not None and best.confidence >= min_confidence else None


def rank_equivalent(
    term: str,
    surface: str,
    definition: str,
    zh_sentence: str,
    words: Sequence[str],
    en_sentence: str = "",
    bead_english: str = "",
) -> Equivalent | None:
    """The contiguous Chinese words of `zh_sentence` that translate the term's surface.

    Args:
        term: the glossary term in dictionary form (`lend`, `inflict sth on sb/sth`).
        surface: how the term appears in the English sentence (`lent`).
        definition: the glossary's definition of the term.
        zh_sentence: the aligned Chinese sentence.
        words: `zh_sentence` segmented into words (their texts, in order).
        en_sentence: the English sentence; Chinese words that translate one of its other
            words (`flats` ↔ 單位 beside `cramped`) are not taken for the term's.
        bead_english: all the English sentences `zh_sentence` translates, when there are
            several: the surface's place among them is a second guess of where its rendering
            stands in the Chinese, and the nearer guess counts.

    Returns:
        The best candidate, verbatim from `zh_sentence`, with its confidence; None when no
        candidate has any evidence.
    """
    from . import dictionary

    cedict = dictionary.load()
    term_keys = _key_set([term, *_inflected_term_words(term, surface)])
    light = set(_content_words(term)) - set(_term_words(term))
    heavy_keys = term_keys - frozenset().union(*(_keys(w) for w in light))
    term_words = {_american(w) for w in _term_words(term)}
    exact_keys = frozenset().union(*(_forms(w) for w in _term_words(term))) - light
    # Chinese fronts adverbials: a term opening with a preposition (`in view of`, `due to`)
    # is often rendered at the head of the sentence, wherever it stands in English
    fronted = bool(term) and term.split()[0].lower() in _PREPOSITIONS
    other_words = _content_words(en_sentence.replace(surface, " ", 1))
    # the other sentences the Chinese translates explain words too, for weak evidence only
    bead_others = bead_english.replace(en_sentence, " ") if en_sentence in bead_english else ""
    bead_keys = frozenset().union(*(_forms(w) for w in _content_words(bead_others)))
    # other words explain a Chinese word through their own forms, not through stems
    # (`technical` does not explain 先進 "advanced (technology)")
    other_keys = frozenset().union(*(_forms(w) for w in other_words)) - term_keys

    def _spare(text: str, keys: frozenset[str]) -> bool:
        """The Chinese word occurs more often than the other English words it renders (氣候
        變化 … 天氣變化 beside one `change`): one of its occurrences is free."""
        explaining = sum(1 for w in other_words if _forms(w) & keys & other_keys)
        return zh_sentence.count(text) > explaining

    definition = _PAREN.sub(" ", definition)  # "(of a chance or hope)" names the context
    def_keys = _key_set([definition])
    # the head words themselves, not their stems (積極 "positive" is no `position`); an
    # adverb as its adjective (完備 "complete" for `completely developed`)
    head_keys = frozenset().union(
        *(_forms(w) | _forms(_adjective(w)) for h in _heads(definition) for w in _content_words(h))
    )
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
        for w in _term_words(term)
        for t in cedict.translations(w)
        if len(t) > 1 and t not in _FUNCTION and in_sentence.issuperset(t)
    ]
    # a longer run spells none of them out (see _subsequence)
    spelled_out = max((len(t) for t in term_chinese), default=0) + 1
    # and those a candidate may shorten (細味 for 細細品味 "to savour"), by first character:
    # an abbreviation starts where its word does
    shortened: dict[str, set[str]] = {}
    for w in _term_words(term):
        for f in _forms(w):
            for t in cedict.translations(f):
                if len(t) > 2 and t not in _FUNCTION and not in_sentence.issuperset(t):
                    shortened.setdefault(t[0], set()).add(t)
    neg_keys = frozenset().union(*(_keys(w) for w in _negated(term_words))) - term_keys
    syn_keys = _synonym_keys(tuple(_term_words(term))) - term_keys - other_keys
    common = not term[:1].isupper()  # a common word, not a name or title
    segmented = list(words)
    words = _refine(words)
    offsets = [0, *accumulate(len(w) for w in words)]
    # Where the surface stands in the English sentence: translations keep clause order
    # roughly, which settles ties (顧及 rather than an earlier 因為 for `take … into account`)
    where = en_sentence.find(surface) / len(en_sentence) if surface in en_sentence else 0.5
    places = [where]
    if surface in bead_english and len(bead_english) > len(en_sentence):
        places.append(bead_english.find(surface) / len(bead_english))

    # (explaining away is worked out only when a `term` or `stem` candidate or the
    # remainders need it: a third of the calls do without)
    @cache
    def explain() -> _Explanation | None:
        return _explain(en_sentence, surface, zh_sentence, segmented, bead_english)

    @cache
    def anchor_places() -> list[float]:
        # the renderings of its neighbours: a term's own translation stands beside them in
        # any word order (細味 … 盡興 for `savoured and enjoyed`, a passive turned active)
        explained = explain()
        return _anchor_places(explained, zh_sentence) if explained else []

    # each word's own score and evidence, for the runs it is in
    han = [_has_han(w) for w in words]
    function = [w in _FUNCTION for w in words]
    name = [common and h and _is_name(w) for w, h in zip(words, han, strict=True)]
    word_scores = [_score(_gloss_keys(w), term_keys, def_keys) for w in words]
    sense_overlap = cache(lambda w: _sense_overlap(w, def_keys))
    best: tuple[float, float, int, str, float, str] | None = None
    for start in range(len(words)):
        if not han[start]:
            continue
        text = ""
        for end in range(start + 1, min(len(words), start + MAX_SPAN) + 1):
            if not han[end - 1] or name[end - 1]:
                break  # 尖沙咀 "Tsim Sha Tsui, …": a name renders no common word, nor a run of it
            span = words[start:end]
            text += words[end - 1]
            if len(text) < 2 or text in _FUNCTION or all(function[start:end]):
                continue  # 是, 有, 對: grammar, not a rendering
            # every word of a multi-word span must earn its place, unless the run is itself
            # a dictionary entry (心有餘而力不足)
            multi = end - start > 1
            is_entry = multi and bool(cedict.lookup(text))
            # 合格 spelled out inside 合資格 (where it stands whole, it is a candidate itself)
            fuzzy = len(text) <= spelled_out and any(
                _subsequence(t, text) and (t == text or t not in text) for t in term_chinese
            )
            fuzzy = fuzzy or (
                text[0] in shortened and any(_abbreviates(text, t) for t in shortened[text[0]])
            )
            if multi and not (is_entry or fuzzy) and min(word_scores[start:end]) <= 0:
                continue
            # a single character at the edge of such a run earns its place through the term
            # alone: its glosses are broad enough to share a word with any definition (過官邸)
            if (
                multi
                and not (is_entry or fuzzy)
                and any(
                    len(w) == 1 and not _span_keys([w]) & term_keys for w in (span[0], span[-1])
                )
            ):
                continue
            keys = _span_keys(span)
            if keys & other_keys and not keys & heavy_keys and not _spare(text, keys):
                continue  # it renders another word of the sentence (a light verb saves none)
            whole = _score(keys, term_keys, def_keys)
            at = offsets[start] / max(offsets[-1], 1)
            distance = round(min(*(abs(at - p) for p in places), at if fronted else 1.0), 1)
            # a near-synonym is weak evidence: only where the surface stands in English
            near = len(text) > 1 and distance <= NEAR
            synonym = near and bool(keys & (syn_keys | object_keys))
            synonym = synonym and not keys & (bead_keys - term_keys)  # 內地 for `Mainland`
            # a four-character idiom that no other word of the English sentence explains,
            # standing where the surface stands: the remainder of the sentence (左右為難)
            idiom = near and len(span) == 1 and _is_idiom(text, cedict.lookup)
            # The term itself, or the head of its definition, must be among the glosses: one
            # word from deep in the definition ("work" ↔ 單位 "work unit") is chance; two
            # words of one sense of it are not (先進 "advanced (technology)" for
            # `state-of-the-art`: "the most advanced methods or technology").
            defined = len(text) > 1 and (
                bool(keys & head_keys) or max(sense_overlap(w) for w in span) >= DEFINITION_WORDS
            )
            evidence = keys & term_keys or fuzzy or defined
            # `unchanged`: the Chinese says "not changed" (並未改變), the negation included
            negated = bool(keys & neg_keys) and not evidence
            if negated:
                if start == 0 or not _NEGATION.search(words[start - 1]):
                    continue
                text = words[start - 1] + text
            if not (evidence or negated or synonym or idiom):
                continue
            if idiom and not evidence:
                whole = max(whole, MIN_SCORE)  # the remainder of the sentence is its evidence
            if synonym and not keys & term_keys:
                whole += SYNONYM_WEIGHT * _words(keys & (syn_keys | object_keys))
            if fuzzy or negated:
                whole += TERM_WEIGHT
            if len(text) == 1:
                whole -= SINGLE_CHAR_COST  # 為, 由: broad glosses match anything
            if not (is_entry or fuzzy):
                whole -= EXTRA_WORD_COST * (len(span) - 1)
            # prefer higher scores, then the place the surface has in English, then brevity
            kind = (
                "term" if keys & exact_keys else "stem" if keys & term_keys or fuzzy or negated
                else "head" if evidence else "synonym" if synonym else "idiom"
            )  # fmt: skip
            if kind in ("term", "stem") and not keys & heavy_keys and not (fuzzy or negated):
                kind = "head"  # only a light verb matched (顧及 "to take into consideration")
            # the term's words the glosses render, in any form (accompanied: "to accompany"),
            # a light verb's (doing: "to do sth") aside
            rendered = sum(1 for w in term_words if _forms(w) & keys and not _forms(w) & _LIGHT)
            if kind == "term" and 2 * rendered < len(term_words):
                kind = "part"  # 烏雲 alone for `every cloud has a silver lining`
            # with no English sentence to place the surface, distance says nothing
            known = distance if surface in en_sentence else 0.0
            if kind in ("term", "stem") and (anchored := anchor_places()):
                known = min(known, round(min(abs(at - p) for p in anchored), 1))
            conf = _confidence(kind, whole, known)
            candidate = (whole, -distance, -len(text), text, conf, kind)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
    found = None
    if best is not None and best[0] >= MIN_SCORE and best[3] in zh_sentence:
        found = Equivalent(best[3], best[4], best[5])
    if found is not None and found.confidence >= MIN_CONFIDENCE:
        return found
    explanation = explain()
    runs = _remainders(explanation, zh_sentence, places) if explanation else []
    verb = definition.lstrip().lower().startswith("to ")
    if found is not None:
        # gloss evidence too weak alone, inside an unexplained run beside the anchors: the
        # two agree (the run is not taken whole: 問卷諮詢 holds 問卷 "survey" too) — a verb
        # term's rendering a verb, though (終究 "in the end" is no rendering of `greet`)
        for run in runs:
            if verb and not _may_be_verb(found.text):
                break
            if found.text in run.text and run.gap <= AGREE_GAP and run.distance <= NEAR:
                confidence = round(found.confidence + AGREE_BONUS, 3)
                return Equivalent(found.text, confidence, "agree")
        return found  # the remainder never overrides gloss evidence
    for run in runs:
        if run.gap > REMAINDER_GAP or len(run.text) > REMAINDER_CHARS:
            continue
        if verb and not _may_be_verb(run.text):
            continue  # `perpetrate` is not rendered by 好奇心 "curiosity"
        if _span_keys(_refine([run.text])) & (term_keys | neg_keys):
            continue  # the gloss evidence has judged it (改變 without its negation)
        confidence = REMAINDER_STRENGTH - DISTANCE_WEIGHT * run.distance
        confidence -= REMAINDER_GAP_COST * run.gap
        return Equivalent(run.text, round(confidence, 3), "remainder")
    return None
