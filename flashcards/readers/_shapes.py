"""Shapes every reader asks about: scripts, grammar labels, names, numbers, function words."""

from __future__ import annotations

import re
import string

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN = re.compile(f"[{HAN_CLASS}]")
# A Chinese gloss: Han characters with the separators a gloss may hold (`警惕,提防`)
ZH_GLOSS = f"[{HAN_CLASS}](?:[{HAN_CLASS}，,、；;/／ ]*[{HAN_CLASS}])?"

# Part-of-speech labels, English and Chinese: a label is never a term's gloss.
_LABELS = frozenset(
    """n v adj adv prep conj pron phr phrv det int interj vt vi pl sing abbr idm num
    noun verb adjective adverb preposition conjunction pronoun phrase idiom
    名 動 形 副 介 連 代 名詞 動詞 形容詞 副詞 介詞 連詞 代詞 片語 短語 詞組 成語 俗語 縮寫
    名词 动词 形容词 副词 介词 连词 代词 短语 词组 成语 俗语 缩写 量詞 量词 助詞 助词""".split()
)
# Words that end a phrase-term when reading backwards from a mark (`its nearest rival`)
FUNCTION_WORDS = frozenset(
    """a an the this that these those its their his her our your my whose which who whom
    is are was were be been being am has have had do does did will would can could shall
    should may might must not no and or but nor so yet if as of to in on at by for with from
    into onto upon about over under than then there here it they we you he she them us him
    me i also still just now already even only very more most less least much many some any
    all each every both either neither such what when where why how while because although
    though after before since until against between among through during without within
    across along behind beyond near toward towards via per despite except like unlike
    around below above beside besides off out up down""".split()
)
# The commonest Chinese surnames, in both scripts: a short rendering that starts with one and
# is no dictionary word is a person's name (石房有, 文翠珊).
SURNAMES = frozenset(
    "陳陈李黃黄張张梁林劉刘吳吴王何鄭郑楊杨周朱曾許许蔡馮冯羅罗葉叶蘇苏鄧邓謝谢盧卢郭趙赵"
    "胡麥麦彭梅潘譚谭余石文蔣蒋屈袁韓韩孫孙高馬马曹董方程傅唐丁徐宋鍾钟歐欧岑姚范容區区"
    "伍莫杜湯汤廖江黎關关顏颜"
)
_ROMANISED_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")  # Yam-wang, Wing-yin
_LIFE = re.compile(r"\(\d{4}-(?:\d{4})?\)")  # a person's years in a dictionary definition
_PERIOD = re.compile(r"dynasty|period|era\b|reign|war\b", re.IGNORECASE)


def is_han(ch: str) -> bool:
    """True for a Han character: the unified ideographs, their extensions and the
    compatibility ideographs (the ranges of `HAN_CLASS`, as comparisons: it runs per character)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x323AF
    )


_LATIN_LETTERS = string.ascii_letters.encode()


def has_han(text: str) -> bool:
    """Whether `text` holds a Han character (an ASCII text, most English lines, is asked
    no further)."""
    return not text.isascii() and HAN.search(text) is not None


def han_count(text: str) -> int:
    # counted over whole lines by a regex: a Python call per character costs a tenth of a build
    return len(HAN.findall(text))


def latin_count(text: str) -> int:
    """The letters A-Z and a-z in `text`."""
    # deleted in C from the text's ASCII bytes: a regex would build a string per letter
    ascii_text = text.encode("ascii", "ignore")
    return len(ascii_text) - len(ascii_text.translate(None, _LATIN_LETTERS))


def is_chinese(text: str) -> bool:
    """True when most letters of `text` are Han characters."""
    if not has_han(text):
        return False
    latin = latin_count(text)
    return latin == 0 or han_count(text) >= latin  # (Han counted only where Latin letters are)


def bracketed(line: str) -> bool:
    """Whether the line holds an opening bracket, ASCII or full-width: a quick test before
    the patterns of bracketed marks, which try every character of a line that has none."""
    return "(" in line or "（" in line


def is_label(text: str) -> bool:
    """A grammar label: `n.`, `(v.)`, `adj`, `名詞`, `動詞,`."""
    return text.strip(" .,，、()（）").lower() in _LABELS


def is_person_name(english: str, chinese: str | None = None) -> bool:
    """A name: every word capitalised and either a romanised given name in it (`Chiang
    Yam-wang`), a single word (`Facebook`: a proper noun, as capitalised inside a
    sentence; the caller lowers a word that starts a sentence), or a short Chinese
    rendering (two to four characters, no dictionary word) led by a common surname or with a
    word the dictionary does not know (`Theresa May` = 文翠珊). An institution (`Office of
    the Privacy Commissioner`, 私隱專員公署) or a title (`First Lady` = 第一夫人) is not."""
    words = english.split()
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if any(_ROMANISED_GIVEN.match(w) for w in words):
        return True
    if len(words) == 1:
        return not english.isupper()  # a capitalised word inside a sentence: Facebook
    if chinese is None:
        return False
    rendering = chinese.strip()
    han = han_count(rendering)
    if not (2 <= han <= 4 and han == len(rendering)):
        return False
    from .. import dictionary

    cedict = dictionary.load()
    definitions = cedict.lookup(rendering)
    if definitions:
        # a word of the language (第一夫人, 高等法院), not a name, unless the dictionary
        # gives a person's years (拜登: `Joe Biden (1942-), US president`)
        return any(_LIFE.search(d) and not _PERIOD.search(d) for d in definitions)
    unknown = any(not cedict.translations(w.strip("'’.").lower()) for w in words)
    return rendering[0] in SURNAMES or unknown


def words_of(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", text)


_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)、．]|[-*#•·●○◆◇▪★☆✓✔])\s*")


def numbered(text: str) -> str:
    """The line without a leading list marker: `1.`, `2)`, `-`, `*`, `#`, `•`, `★`."""
    return _LIST_MARKER.sub("", text)


# Particles that end a phrasal verb: the verb before them belongs to the term (`account for`)
_PARTICLES = frozenset("for up out off with on in to down away over about into after".split())
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]?\s+|[\"“(]\s*)$")
_CONNECTORS = frozenset({"of", "the", "for", "and", "in", "on", "&"})


def term_before(text: str, gloss: str | None) -> str | None:
    """The English term a mark right after `text` belongs to, or None.

    A run of capitalised words is taken whole (`Office of the Privacy Commissioner for
    Personal Data`, without a leading `The`). Otherwise the last word, with the words
    before it that are part of the phrase: a short Chinese gloss (two characters) renders one
    word; a longer one, or none (a footnote marker), a phrase of up to four or two words,
    stopping at function words, possessives, punctuation and past-tense verbs. A phrasal
    verb keeps its verb (`account for`)."""
    if not text or not text[-1].isalnum():
        return None  # `…, (著手)`: the mark is not on a word
    tokens = text.split()
    if not tokens or not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", tokens[-1]):
        return None
    last = tokens[-1]
    if last[0].isupper():
        return _capitalised_run(tokens)
    han = han_count(gloss) if gloss else 0
    limit = 4 if han >= 3 else (1 if gloss else 2)
    words = [last]
    if last.lower() in _PARTICLES and len(tokens) > 1:
        words.insert(0, tokens[-2])
        limit += 1
    for token in reversed(tokens[: len(tokens) - len(words)]):
        if len(words) >= limit or not _joins_phrase(token):
            break
        words.insert(0, token)
    if any(w.lower() in FUNCTION_WORDS for w in words[:1]):
        return None
    return " ".join(words)


def _joins_phrase(token: str) -> bool:
    """A word that can modify the head of a phrase read backwards."""
    return (
        re.fullmatch(r"[a-z][a-z-]*", token) is not None
        and token not in FUNCTION_WORDS
        and not token.endswith("ed")
        and not token.endswith("ly")
    )


def _capitalised_run(tokens: list[str]) -> str | None:
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("\"“”'’")
        if bare != token and run:
            break
        if re.fullmatch(r"[A-Z][A-Za-z'’.-]*", bare) or (run and bare in _CONNECTORS):
            run.insert(0, bare)
            continue
        break
    while run and (run[0] in _CONNECTORS or run[0] in ("The", "A", "An")):
        run.pop(0)
    if not run:
        return None
    preceding = tokens[: len(tokens) - len(run)]
    if len(run) > 2 and run[1] in _CONNECTORS and _starts_sentence(preceding):
        # `Shares in Tencent (騰訊)`: a sentence's first word is capitalised as such, and
        # one that is a common word in lower case is not part of the name after it
        from ..lemmas import is_known

        if is_known(run[0].lower()):
            run = run[1:]
            while run and run[0] in _CONNECTORS:
                run.pop(0)
    if len(run) == 1 and run[0][1:].islower():
        before = " ".join(tokens[: len(tokens) - 1])
        if _SENTENCE_START.search(before + " ") or not before:
            return run[0].lower()  # `Revenue (收入)` at the start of a sentence
    return " ".join(run)


def natural_case(term: str, text: str) -> str:
    """The term as a dictionary writes it, where the page capitalised only its first letter
    because a line or an English stretch starts with it (`1. 死亡人數 - Death toll`,
    `Batch解「一批」`): lower case when the page also writes it so, or when it never stands
    capitalised inside a sentence (as `China`, `the Party` do; headlines aside) and its first
    word is an English word."""
    if not term[:1].isupper() or term[1:] != term[1:].lower():
        return term
    lower = term[:1].lower() + term[1:]
    if re.search(rf"(?<![A-Za-z]){re.escape(lower)}(?![A-Za-z])", text):
        return lower
    first = re.split(r"[\s-]", term)[0]
    for line in text.split("\n"):
        if re.search(rf"[a-z,;] {re.escape(first)}(?![A-Za-z])", line) and not headline(line):
            return term  # a name: capitalised inside a sentence (`join the Party`)
    from ..lemmas import is_known

    return lower if is_known(first.lower()) else term


# small words a title leaves in lower case
TITLE_SMALL = frozenset("of the and in at for on to a an".split())


def title_case(text: str) -> bool:
    """`Photo`, `Methods`, `Hong Kong Island`, `News Words of the Week`: every word
    capitalised but the small ones."""
    words = text.split()
    return (
        bool(words)
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in TITLE_SMALL for w in words)
    )


def headline(line: str) -> bool:
    """A line in title case, as headlines are (`… Instructed to Defy Court Orders`)."""
    words = words_of(line)
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _starts_sentence(before: list[str]) -> bool:
    return not before or _SENTENCE_START.search(" ".join(before) + " ") is not None


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_EXAMPLE = re.compile(r"(?:例句|例如|例子)\s*[:：][^。\n]*")


def prose_is_chinese(line: str) -> bool:
    """True when the line's prose, its brackets and examples (`例句: …`) left out, is
    mostly Chinese: glosses and examples do not decide the language of the text around them."""
    bare = line
    # (asked of every line several times: a line without brackets or 例 skips the removals)
    if bracketed(bare):
        bare = _BRACKETED.sub("", bare)
    if "例" in bare:
        bare = _EXAMPLE.sub("", bare)
    return is_chinese(bare) if bare.strip() else is_chinese(line)


_ZH_SENTENCE = re.compile(r"[^。！？!?﹖﹗]*[。！？!?﹖﹗]?")


def sentence_at(line: str, pos: int) -> str:
    """The Chinese sentence of `line` that holds position `pos`."""
    for m in _ZH_SENTENCE.finditer(line):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.group().strip()
    return line.strip()
