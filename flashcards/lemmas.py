"""English word forms and lemmas. The only home of lemminflect.

lemminflect's tables take a third of a second to load; they are read once per version into an
SQLite index in the user cache folder (see `cache.open_index`), and looked up word by word.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import lru_cache

_OOV_CLASSES = ("NOUN", "VERB", "ADJ")


def _build_index(db: sqlite3.Connection) -> None:
    """Every word lemminflect knows, with its lemmas; every lemma, with its inflections."""
    from lemminflect import Inflections, Lemmatizer, getAllInflections, getAllLemmas

    lemmatizer, inflections = Lemmatizer(), Inflections()
    words = set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())
    bases = set(inflections._getInflDict()) | set(inflections._getOverridesDict())
    db.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemmas TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE forms (lemma TEXT PRIMARY KEY, forms TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE nouns (lemma TEXT PRIMARY KEY, nouns TEXT) WITHOUT ROWID")
    db.execute("CREATE TABLE adjectives (word TEXT PRIMARY KEY, adjectives TEXT) WITHOUT ROWID")
    db.executemany(
        "INSERT OR IGNORE INTO lemmas VALUES (?, ?)",
        ((w.lower(), _joined(getAllLemmas(w))) for w in words),
    )
    db.executemany(
        "INSERT OR IGNORE INTO forms VALUES (?, ?)",
        ((b.lower(), _joined(getAllInflections(b))) for b in bases),
    )
    db.executemany(
        "INSERT OR IGNORE INTO adjectives VALUES (?, ?)",
        ((w.lower(), "ADJ") for w in words if "ADJ" in getAllLemmas(w)),
    )
    db.executemany(
        "INSERT OR IGNORE INTO nouns VALUES (?, ?)",
        ((b.lower(), _joined(getAllInflections(b, upos="NOUN"))) for b in bases),
    )


def _joined(groups: dict[str, tuple[str, ...]]) -> str:
    return "|".join(sorted({f.lower() for group in groups.values() for f in group}))


def _index() -> sqlite3.Connection:
    from .cache import index

    return index("lemminflect", "lemminflect", _build_index, version=3)


def _lookup(table: str, key_column: str, key: str) -> frozenset[str]:
    query = f"SELECT {table} FROM {table} WHERE {key_column} = ?"
    row = _index().execute(query, (key,)).fetchone()
    return frozenset(row[0].split("|")) if row and row[0] else frozenset()


# The lemmas of the words met lately, as the index has them ("lend|lent"; "" for a word it
# does not know), up to a bound that keeps a batch's memory flat.
_REMEMBER = 16_384
_LEMMA_ROWS: dict[str, str] = {}


def prefetch(words: Iterable[str]) -> frozenset[str]:
    """Remember the lemmas of lowercase words (an editorial's), asking the index once for all
    that are not remembered yet; returns the lemmas of those it asked about."""
    words = set(words)
    new = words.difference(_LEMMA_ROWS)
    if not new:
        return frozenset()
    from .cache import bound, fetch

    if bound(_LEMMA_ROWS, len(new), _REMEMBER):
        new = words
    found = fetch(_index(), "SELECT word, lemmas FROM lemmas WHERE word IN", new)
    _LEMMA_ROWS.update((w, found.get(w) or "") for w in new)
    return frozenset(lemma for w in new if w in found for lemma in found[w].split("|") if lemma)


def _lemma_row(word: str) -> frozenset[str]:
    """The lemmas the index lists for a lowercase word (nothing when it does not know it)."""
    row = _LEMMA_ROWS.get(word)
    if row is None:
        prefetch([word])
        row = _LEMMA_ROWS[word]
    return frozenset(row.split("|")) if row else frozenset()


@lru_cache(maxsize=4096)
def word_forms(word: str) -> frozenset[str]:
    """Every inflected form of a dictionary word, itself included (`lend` → lent, lending…)."""
    word = word.lower()
    forms = _lookup("forms", "lemma", word)
    if not forms:
        # Not in lemminflect's lexicon: inflect it by rule as a noun, verb and adjective.
        from lemminflect import getAllInflectionsOOV

        groups: dict[str, tuple[str, ...]] = {}
        for upos in _OOV_CLASSES:
            groups.update(getAllInflectionsOOV(word, upos))
        forms = frozenset(_joined(groups).split("|")) - {""}
    return forms | {word}


@lru_cache(maxsize=16384)
def lemmas(token: str) -> frozenset[str]:
    """The dictionary forms a text token may be an inflection of (`lent` → {lend})."""
    token = token.lower()
    return _lemma_row(token) | {token}


@lru_cache(maxsize=4096)
def noun_forms(word: str) -> frozenset[str]:
    """The forms of a word as a noun (`target` → target, targets; not targeted), or nothing
    when lemminflect does not know it as a noun."""
    return _lookup("nouns", "lemma", word.lower())


@lru_cache(maxsize=16384)
def is_known(token: str) -> bool:
    """lemminflect knows the token as an English word (`spending`, `calendar`, `upon`)."""
    return bool(_lemma_row(token.lower()))


@lru_cache(maxsize=16384)
def may_be_adjective(token: str) -> bool:
    """The token is an adjective for lemminflect (`broad`), or a word it does not know
    (`hard-won`); not `health`."""
    return bool(_lookup("adjectives", "word", token.lower())) or not is_known(token)
